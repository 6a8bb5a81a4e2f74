"""Django's `compilemessages`, working on machines without GNU gettext: when `msgfmt` is not
installed, the catalogues are compiled with polib (a pure-Python dependency) instead, so
`manage.py compilemessages` works on a fresh machine with only Python.

It also leaves the project's virtual environment alone: the installed packages ship their own
compiled catalogues."""

import sys
from pathlib import Path

from django.core.management.commands import compilemessages
from django.core.management.utils import find_command

import polib

ALWAYS_IGNORED = [".venv", "node_modules"]


class Command(compilemessages.Command):
    help = (
        "Compile the .po catalogues to .mo files, with GNU gettext's msgfmt when it is "
        "installed, else with polib."
    )

    def handle(self, **options):
        options["ignore_patterns"] = [*options["ignore_patterns"], *ALWAYS_IGNORED]
        self.use_fuzzy = options["fuzzy"]
        self.with_polib = find_command(self.program) is None
        if self.with_polib:
            # Django stops at once when msgfmt is missing. Name a program that exists so it
            # goes on to find the catalogues, which compile_messages() then compiles itself.
            self.program = sys.executable
        return super().handle(**options)

    def compile_messages(self, locations):
        if not self.with_polib:
            return super().compile_messages(locations)
        for directory, filename in locations:
            po_path = Path(directory) / filename
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                if self.verbosity > 0:
                    self.stdout.write(f"File “{po_path}” is already compiled and up to date.")
                continue
            if self.verbosity > 0:
                self.stdout.write(f"processing file {filename} in {directory} (with polib)")
            try:
                catalogue = polib.pofile(str(po_path))
            except (OSError, ValueError) as error:
                self.stderr.write(f"Could not read {po_path}: {error}")
                self.has_errors = True
                continue
            if self.use_fuzzy:
                for entry in catalogue.fuzzy_entries():
                    entry.flags.remove("fuzzy")
            # polib leaves fuzzy and obsolete entries out, as msgfmt does.
            catalogue.save_as_mofile(str(mo_path))
