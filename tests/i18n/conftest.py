"""The Spanish catalogue is compiled once per test session (`.mo` files are not committed), with
the project's own `compilemessages`, which needs no GNU gettext."""

import io

from django.core.management import call_command
from django.utils.translation import trans_real

import pytest


@pytest.fixture(scope="session", autouse=True)
def compiled_catalogue():
    call_command("compilemessages", stdout=io.StringIO(), stderr=io.StringIO())
    # Catalogues already loaded in this process were read before the .mo files existed.
    trans_real._translations = {}
    trans_real._default = None
    trans_real.translation_catalog_exists.cache_clear()
