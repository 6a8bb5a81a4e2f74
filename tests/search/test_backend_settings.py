"""The search backend comes from the environment (docs/search.md): the database by default, a
search server when SEARCH_BACKEND and SEARCH_URL say so, and a clear error when they are
incomplete. Each case loads the settings in a fresh interpreter, as the server would."""

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[2]
PRINT_BACKENDS = (
    "import json, care_site.settings.base as s; print(json.dumps(s.WAGTAILSEARCH_BACKENDS))"
)


def load_settings(extra_env, python_path=()):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("SEARCH_") and key != "PYTHONPATH"
    }
    env.update(extra_env)
    env["PYTHONPATH"] = os.pathsep.join([*map(str, python_path), str(PROJECT)])
    return subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PRINT_BACKENDS],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def fake_opensearch_client(tmp_path):
    """Stands in for the opensearch-py package: settings only check that it is installed."""
    (tmp_path / "opensearchpy").mkdir()
    (tmp_path / "opensearchpy" / "__init__.py").write_text("")
    return tmp_path


def test_the_database_backend_is_the_default():
    result = load_settings({})
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"default": {"BACKEND": "search.backends"}}


def test_a_search_server_is_chosen_by_the_environment(fake_opensearch_client):
    result = load_settings(
        {
            "SEARCH_BACKEND": "OpenSearch2",
            "SEARCH_URL": "https://search-1.internal:9200, https://search-2.internal:9200",
            "SEARCH_INDEX_PREFIX": "care_staging_",
        },
        python_path=[fake_opensearch_client],
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "default": {
            "BACKEND": "wagtail.search.backends.opensearch2",
            "URLS": ["https://search-1.internal:9200", "https://search-2.internal:9200"],
            "INDEX_PREFIX": "care_staging_",
            "TIMEOUT": 5,
            "ATOMIC_REBUILD": True,
        }
    }


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"SEARCH_BACKEND": "opensearch2"}, "needs SEARCH_URL"),
        ({"SEARCH_BACKEND": "solr", "SEARCH_URL": "http://127.0.0.1:8983"}, "must be 'database'"),
        (
            {"SEARCH_BACKEND": "elasticsearch8", "SEARCH_URL": "http://127.0.0.1:9200"},
            "'elasticsearch'",
        ),
    ],
)
def test_an_incomplete_configuration_stops_with_a_clear_message(env, message):
    if "'elasticsearch'" in message and importlib.util.find_spec("elasticsearch"):
        pytest.skip("the elasticsearch client is installed here")
    result = load_settings(env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr
