"""Measure the reference commit's site on this machine, with this harness, so that `run.py
--reference` compares times taken on one machine (the figures kept in bench/reference/ were
taken on another: their calls compare exactly, their times only roughly).

    .venv/bin/python bench/reference_site.py [--commit 89a1cba] [run.py's options]

The commit is checked out in a git worktree outside the project, in
~/.cache/care-bench-reference/<commit> (where no test, linter or translation scan of this
project looks; kept, so later runs reuse it and its datasets). This harness (bench/ and the
database helper it imports) is copied over the commit's own, its Spanish catalogue compiled,
and the harness run there with the same options. SQLite datasets live in the worktree;
PostgreSQL ones are named after DATABASE_URL's with `_reference` added, so they never replace
this commit's. The figures are written to bench/results/reference-<commit>-<host>.json, the
path printed last."""

import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
HARNESS = ROOT / "bench"
DEFAULT_COMMIT = "89a1cba"


def worktree(commit):
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    place = cache / "care-bench-reference" / commit
    if not place.exists():
        git = shutil.which("git") or "git"
        subprocess.run(  # noqa: S603 - git, with our own arguments
            [git, "worktree", "add", "--detach", str(place), commit], cwd=ROOT, check=True
        )
    shutil.copytree(
        HARNESS,
        place / "bench",
        dirs_exist_ok=True,
        ignore=shutil.ignore_patterns(".data", "results", "__pycache__"),
    )
    (place / "loadtest").mkdir(exist_ok=True)
    shutil.copy2(ROOT / "loadtest" / "faults.py", place / "loadtest" / "faults.py")
    subprocess.run(  # noqa: S603 - the commit's own manage.py
        [sys.executable, "manage.py", "compilemessages", "--verbosity", "0"],
        cwd=place,
        check=True,
        env={**os.environ, "DATABASE_URL": "sqlite:///:memory:"},
    )
    return place


def reference_database_url(url):
    parts = urlsplit(url or "")
    if not parts.path.strip("/"):
        return url
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_reference"))


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    commit = DEFAULT_COMMIT
    if "--commit" in argv:
        at = argv.index("--commit")
        commit = argv[at + 1]
        del argv[at : at + 2]
    place = worktree(commit)
    output = HARNESS / "results" / f"reference-{commit}-{platform.node()}.json"
    output.parent.mkdir(exist_ok=True)
    env = {**os.environ}
    if env.get("DATABASE_URL"):
        env["DATABASE_URL"] = reference_database_url(env["DATABASE_URL"])
    subprocess.run(  # noqa: S603 - the harness, in the commit's worktree
        [sys.executable, "bench/run.py", *argv, "--output", str(output)],
        cwd=place,
        env=env,
        check=True,
    )
    print(output)


if __name__ == "__main__":
    main()
