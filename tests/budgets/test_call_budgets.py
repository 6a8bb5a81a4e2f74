"""The Python work of a request, held to budgets: function calls counted by cProfile, which
are the same on every run of one version of the code and its packages, so a change that makes
a page do more work fails here whatever the machine is doing (timings only compare as ratios,
in `make bench`).

Counted on the demo site with warm caches (the third of three identical requests: the first
fills the content cache, the second the fragments it holds) and the page cache off. The budgets
are about half of what each page cost before its work was kept per content change (cards,
related resources, routing, the Site, API answers, calendar files: bench/README.md has the
figures), with room for small changes; a failure names the functions that grew most. The
calendar feed reads its meetings on every request (its file is kept per meeting that ends): on
PostgreSQL that query is asked with the section's pages first (`planner.shown_children`), a
few hundred calls more to compile than SQLite's, for several milliseconds less in the
database."""

import cProfile
import pstats

import pytest

pytestmark = pytest.mark.usefixtures("seeded")

BUDGETS = {
    "landing": 19_000,
    "library": 23_000,
    "library_facets": 27_000,
    "library_q": 25_000,
    "resource": 17_000,
    "partners": 18_000,
    "partner": 14_500,
    "community": 33_000,
    "event": 15_000,
    "form": 23_000,
    "search": 42_000,
    "api_pages": 10_000,
    "api_resource": 5_000,
    "ics": 12_000,
}


def warm_calls(client, url):
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
    profiler = cProfile.Profile()
    response = profiler.runcall(client.get, url)
    assert response.status_code == 200
    return pstats.Stats(profiler)


def busiest(stats, count=15):
    """The functions with the most calls of their own, for the failure message."""
    rows = sorted(stats.stats.items(), key=lambda item: item[1][1], reverse=True)[:count]
    return "\n".join(
        f"  {calls:7d}  {path}:{line}({name})" for (path, line, name), (_, calls, *_r) in rows
    )


@pytest.mark.parametrize("name", list(BUDGETS))
def test_warm_calls_within_budget(client, targets, name):
    url = targets[name]
    stats = warm_calls(client, url)
    assert stats.total_calls <= BUDGETS[name], (
        f"{name} ({url}) made {stats.total_calls:,} Python calls; at most "
        f"{BUDGETS[name]:,} allowed. Most called:\n{busiest(stats)}"
    )
