"""The messages the project marks for translation, found without GNU gettext: Python modules
are read with `ast`, templates through Django's own `templatize` (what `makemessages` feeds to
xgettext). Each message is (context, msgid, plural)."""

import ast
import re
from pathlib import Path

from django.utils.translation.template import templatize

PROJECT = Path(__file__).resolve().parents[2]
SKIPPED_DIRS = {".venv", "node_modules", "tests", "migrations", "staticfiles", "media", ".git"}

# Argument positions as makemessages passes them to xgettext: (context, singular, plural).
KEYWORDS = {
    "_": (None, 0, None),
    "gettext": (None, 0, None),
    "gettext_lazy": (None, 0, None),
    "gettext_noop": (None, 0, None),
    "ngettext": (None, 0, 1),
    "ngettext_lazy": (None, 0, 1),
    "pgettext": (0, 1, None),
    "pgettext_lazy": (0, 1, None),
    "npgettext": (0, 1, 2),
    "npgettext_lazy": (0, 1, 2),
}
CALL_START = re.compile(r"\b(" + "|".join(KEYWORDS) + r")\(")


def project_files(suffix):
    for path in sorted(PROJECT.rglob(f"*{suffix}")):
        if not SKIPPED_DIRS.intersection(path.relative_to(PROJECT).parts):
            yield path


def call_name(call):
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def message_of(call):
    """The (context, msgid, plural) a gettext-like call marks, or None."""
    positions = KEYWORDS.get(call_name(call))
    if positions is None:
        return None
    values = []
    for position in positions:
        if position is None:
            values.append(None)
            continue
        if position >= len(call.args):
            return None
        argument = call.args[position]
        if not (isinstance(argument, ast.Constant) and isinstance(argument.value, str)):
            return None
        values.append(argument.value)
    return tuple(values)


def python_messages(source):
    return {
        message
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and (message := message_of(node))
    }


def template_messages(source):
    """templatize() turns a template into text with gettext calls in it (not valid Python as a
    whole); each call is parsed on its own, from its name to the first closing bracket that
    completes it."""
    text = templatize(source)
    messages = set()
    for match in CALL_START.finditer(text):
        end = match.end()
        while (end := text.find(")", end) + 1) > 0:
            try:
                node = ast.parse(text[match.start() : end], mode="eval").body
            except SyntaxError:
                continue
            if isinstance(node, ast.Call) and (message := message_of(node)):
                messages.add(message)
            break
    return messages


def project_messages():
    """{message: [files it is in]} for every translatable message in the project."""
    found = {}
    sources = [(path, python_messages) for path in project_files(".py")]
    sources += [(path, template_messages) for path in project_files(".html")]
    sources += [(path, template_messages) for path in project_files(".txt")]
    for path, extract in sources:
        for message in extract(path.read_text(encoding="utf-8")):
            found.setdefault(message, []).append(str(path.relative_to(PROJECT)))
    return found
