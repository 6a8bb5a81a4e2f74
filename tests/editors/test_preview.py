"""Preview in the admin works on every page type, in every preview mode, with the demo site's
real content; and every block of every StreamField previews in the block picker."""

from django.urls import reverse

from wagtail.blocks import StreamBlock
from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models

import pytest

from tests.helpers import collapse, soup, visible_text

pytestmark = pytest.mark.usefixtures("seeded")

PAGE_TYPES = [model for model in get_page_models() if model is not Page]


def preview(client, page, mode):
    """The page's latest draft, rendered as the preview pane and "View draft" render it."""
    url = reverse("wagtailadmin_pages:view_draft", args=[page.pk])
    response = client.get(url, {"mode": mode})
    assert response.status_code == 200, (page, mode)
    return response


def previewable_page(model):
    return model.objects.live().filter(locale__language_code="en").order_by("path").first()


@pytest.mark.django_db
@pytest.mark.parametrize("model", PAGE_TYPES, ids=lambda model: model._meta.label)
def test_every_page_type_previews_with_its_content(model, admin_client):
    page = previewable_page(model)
    assert page is not None, f"the demo site has no {model._meta.label} to preview"
    for mode, _label in page.preview_modes:
        response = preview(admin_client, page, mode)
        text = visible_text(response)
        assert collapse(page.title) in text or mode == "landing", (mode, text[:200])
        assert len(text) > 200, "a preview with real content, not an empty shell"


@pytest.mark.django_db
def test_a_form_pages_previews_show_its_fields_and_its_thank_you_page(admin_client):
    form_models = [model for model in PAGE_TYPES if model._meta.app_label == "care_forms"]
    page = previewable_page(form_models[0])
    assert set(dict(page.preview_modes)) >= {"form", "landing"}
    form_preview = soup(preview(admin_client, page, "form"))
    assert form_preview.find("form") is not None
    labels = {collapse(label.get_text(" ")) for label in form_preview.find_all("label")}
    assert any(field.label in label for field in page.get_form_fields() for label in labels)
    thanks = visible_text(preview(admin_client, page, "landing"))
    assert visible_text(page.thank_you_text) in thanks


def stream_blocks():
    """Every block an editor can pick in any StreamField of the site, by a readable name."""
    models = [*PAGE_TYPES, *settings_registry]
    found = {}
    for model in models:
        for field in model._meta.get_fields():
            if isinstance(field, StreamField) and field.model is model:
                block: StreamBlock = field.stream_block
                for name, child in block.child_blocks.items():
                    found.setdefault(f"{type(child).__name__}:{name}", child)
    return found


BLOCKS = stream_blocks()


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(BLOCKS))
def test_every_block_previews_in_the_block_picker(name, admin_client):
    block = BLOCKS[name]
    assert block.is_previewable, f"{name} has no preview_value or preview_template"
    response = admin_client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )
    assert response.status_code == 200
    main = soup(response).find("main")
    assert visible_text(str(main)) or main.find(["img", "iframe"]) is not None


@pytest.mark.django_db
@pytest.mark.parametrize(
    "label", ["resources.ResourceIndexPage", "events.EventIndexPage", "partners.PartnerIndexPage"]
)
def test_listing_previews_list_the_real_pages_under_them(label, admin_client):
    model = next(model for model in PAGE_TYPES if model._meta.label == label)
    listing = previewable_page(model)
    text = visible_text(preview(admin_client, listing, listing.default_preview_mode))
    children = listing.get_children().live().order_by("path")
    assert children.exists()
    assert any(collapse(child.title) in text for child in children), label
