"""The Nu HTML checker (vnu), the W3C's own conformance checker, run from the `vnu-jar` npm
package (package.json pins it; `npm ci` puts it in node_modules/) with the machine's Java.

One JVM start costs seconds, so every page is written to a folder first and checked in one
call."""

import json
import os
import shutil
import subprocess
from pathlib import Path

from django.conf import settings

VNU_JAR = Path(settings.BASE_DIR, "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
INSTALL_HINT = (
    "install Java (apt-get install default-jre-headless) and the checker (`npm ci "
    "--ignore-scripts` at the project root, which reads package.json and package-lock.json)"
)


def missing_tools():
    """What is missing to run the checker, as a sentence, or "" when nothing is."""
    missing = []
    if shutil.which(os.environ.get("JAVA", "java")) is None:
        missing.append("no `java` command")
    if not VNU_JAR.is_file():
        missing.append(f"no {VNU_JAR.relative_to(settings.BASE_DIR)}")
    return "; ".join(missing)


def check_html(documents, folder):
    """Check {name: html}; returns the checker's messages, each with the page's name as `url`."""
    files = {}
    for name, html in documents.items():
        path = Path(folder, name.replace("/", "_").replace(":", "-") + ".html")
        path.write_text(html, encoding="utf-8")
        files[str(path.resolve())] = name
    # The command is this module's own: Java, the pinned jar and the files written above.
    completed = subprocess.run(  # noqa: S603
        [
            os.environ.get("JAVA", "java"),
            "-Xss1024k",
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            "--stdout",
            "--exit-zero-always",
            *sorted(files),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    messages = json.loads(completed.stdout)["messages"]
    for message in messages:
        # The checker names a file "file:/absolute/path".
        address = message.get("url", "")
        message["url"] = files.get(address.removeprefix("file:"), address)
    return messages


def describe(messages):
    return "\n".join(
        f"{message['url']} line {message.get('lastLine', '?')}: {message['message']}\n"
        f"    {message.get('extract', '').strip()}"
        for message in messages
    )
