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


def test_side_by_side_ratios_pair_each_round_and_take_the_median():
    """Each round's cold ms here is divided by the reference's warm ms of the same round (taken
    seconds apart), never by another round's; the median is of those ratios."""
    from bench.side_by_side import summarize

    def rows(old_warm, new_cold):
        return ({"median_ms": old_warm}, {"cold_median_ms": new_cold})

    summary = summarize(
        [
            {"landing": rows(10.0, 15.0)},
            {"landing": rows(20.0, 30.0)},
            {"landing": rows(10.0, 40.0)},
        ]
    )
    landing = summary["landing"]
    assert landing["ratios"] == [1.5, 1.5, 4.0]
    assert landing["median_ratio"] == 1.5
    assert landing["old_warm_ms"] == [10.0, 20.0, 10.0] and landing["cold_ms"] == [15.0, 30.0, 40.0]
