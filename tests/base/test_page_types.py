"""docs/page-types.md stays true: every page type of the site has its template at Wagtail's
default name, a factory, a folder of tests, and a live page in the demo content."""

import importlib
import re
from pathlib import Path

from django.conf import settings

from wagtail.models import get_page_models

import pytest

from care_site.base.models import BasePage

PAGE_TYPES = [model for model in get_page_models() if issubclass(model, BasePage)]
TEMPLATES = Path(settings.BASE_DIR) / "templates"
TESTS = Path(__file__).resolve().parent.parent


def snake(name):
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_every_project_page_type_inherits_the_base_page():
    project_apps = {"home", "resources", "partners", "events", "care_forms"}
    for model in get_page_models():
        if model._meta.app_label in project_apps:
            assert issubclass(model, BasePage), model


@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_a_page_type_has_its_template_factory_and_tests(model):
    meta = model._meta
    assert (TEMPLATES / meta.app_label / f"{snake(model.__name__)}.html").exists()
    assert model.template == f"{meta.app_label}/{snake(model.__name__)}.html"
    factories = importlib.import_module(f"{model.__module__.split('.')[0]}.factories")
    assert hasattr(factories, f"{model.__name__}Factory")
    app_folder = model.__module__.split(".")[0]
    assert any((TESTS / app_folder).glob("test_*.py"))
    assert model.__doc__ and model.__doc__ != BasePage.__doc__


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model.__name__)
def test_the_demo_content_has_a_live_page_of_each_type(db, model):
    assert model.objects.live().exists()
