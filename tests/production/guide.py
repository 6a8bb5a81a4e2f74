"""The fenced blocks of a section of a Markdown guide, read so that a test can run what the guide
tells an operator to run (docs/deployment.md)."""

import re
from pathlib import Path

FENCE = re.compile(r"^```([\w-]*)\n(.*?)^```$", re.S | re.M)


def section(path, heading):
    """The text of the `## heading` section of `path`, down to the next `## ` heading (its `###`
    subsections included)."""
    text = Path(path).read_text()
    start = text.index(f"\n## {heading}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def blocks(text, language):
    """The contents of the blocks fenced as ```language in `text`, in order."""
    return [body for fence, body in FENCE.findall(text) if fence == language]


def dotenv(text):
    """`NAME=value` lines as (name, line) pairs, in order; comments and blank lines dropped."""
    pairs = []
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            pairs.append((line.split("=", 1)[0].strip(), line))
    return pairs
