"""The bench says whether the reference figures it compares with were measured on this machine,
and measures the reference commit in databases of its own."""

import copy
import json

from bench import report
from bench.reference_site import reference_database_url

KEPT = report.REFERENCE


def document(hostname):
    found = json.loads(KEPT.read_text())
    found = copy.deepcopy(found)
    found["machine"]["hostname"] = hostname
    return found


def test_figures_from_this_machine_are_said_to_be(tmp_path):
    here = tmp_path / "reference.json"
    here.write_text(json.dumps(document("this-host")))
    text = report.with_reference(document("this-host"), here)
    assert "on this machine;" in text
    comparison = text.split("Against the reference", 1)[1]
    landing = next(line for line in comparison.splitlines() if line.startswith("landing "))
    assert "9 → 9" in landing and "1.00" in landing  # the same figures both sides: ratios of one


def test_kept_figures_from_another_machine_are_called_rough():
    text = report.with_reference(document("another-host"))
    assert "on another machine: its times are rough" in text
    assert "bench/reference_site.py" in text


def test_the_reference_site_never_replaces_this_commits_databases():
    url = "postgres://postgres@127.0.0.1:5432/care_bench"
    assert reference_database_url(url) == "postgres://postgres@127.0.0.1:5432/care_bench_reference"
    assert reference_database_url("") == ""
