"""Two pages the browser suite adds to the seeded site (in its own database only):

- a block gallery, a standard page using every block of the shared library that renders without
  an outside service (the video embed needs its provider), with an image that has alt text and
  one the editor marked decorative; in English and Spanish, so axe, the keyboard, reflow and
  image checks cover the block templates too;
- a checker sample with the mistakes the editors' accessibility checker must flag: a "click
  here" link and a heading that skips a level;
and an editor account, for the user bar."""

import json

from django.contrib.auth import get_user_model

from wagtail.images import get_image_model
from wagtail.models import Locale

from home.models import HomePage, StandardPage
from partners.models import PartnerPage
from resources.models import ResourcePage

GALLERY_SLUG = "block-gallery"
CHECKER_SLUG = "checker-sample"
ALT_TEXT = "People around a table, talking about their neighbourhood."


def _publish_under(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish(log_action=False)
    return page


def gallery_body(image, resources, partners):
    return [
        {"type": "heading", "value": {"text": "What the Collaborative does", "level": "h2"}},
        {
            "type": "paragraph",
            "value": "<p>The Collaborative connects partners working on <b>racial equity</b>. "
            'Read the <a href="/en/about/">story of the Collaborative</a>.</p>',
        },
        {"type": "heading", "value": {"text": "In pictures", "level": "h3"}},
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "decorative": False, "alt_text": ALT_TEXT},
                "caption": "A Peer Learning Community meeting",
                "attribution": "Demo photo",
            },
        },
        {
            "type": "image",
            "value": {
                "image": {"image": image.pk, "decorative": True, "alt_text": ""},
                "caption": "",
                "attribution": "",
            },
        },
        {
            "type": "quote",
            "value": {"text": "Naming racism is the first step.", "attribution": "A partner"},
        },
        {
            "type": "cta",
            "value": {
                "label": "Suggest a resource",
                "page": None,
                "external_url": "https://example.org/suggest",
                "text": "Know of work we should share?",
            },
        },
        {
            "type": "two_columns",
            "value": {"left": "<p>Research and data.</p>", "right": "<p>Policy and practice.</p>"},
        },
        {
            "type": "accordion",
            "value": {
                "heading": "Questions",
                "items": [
                    {"question": "Who can join?", "answer": "<p>Anyone doing this work.</p>"},
                    {"question": "Does it cost anything?", "answer": "<p>No.</p>"},
                ],
            },
        },
        {"type": "resource_list", "value": {"heading": "Picked resources", "resources": resources}},
        {"type": "partner_grid", "value": {"heading": "Partners", "partners": partners}},
        {"type": "upcoming_events", "value": {"heading": "Next meetings", "count": 2}},
    ]


def checker_body():
    return [
        {
            "type": "paragraph",
            "value": '<p>To see the programme, <a href="/en/about/">click here</a>.</p>'
            "<h4>Straight to a fourth-level heading</h4><p>Some text.</p>",
        },
    ]


EDITOR_USERNAME = "a11y-editor"
EDITOR_PASSWORD = "a-long-test-only-password"


def add_sample_pages():
    get_user_model().objects.create_superuser(
        EDITOR_USERNAME, "editor@example.org", EDITOR_PASSWORD
    )
    english = Locale.objects.get(language_code="en")
    spanish = Locale.objects.get(language_code="es")
    home = HomePage.objects.get(locale=english)
    image = home.feature_image or get_image_model().objects.exclude(description="").first()
    resources = list(
        ResourcePage.objects.live()
        .filter(locale=english)
        .order_by("path")
        .values_list("pk", flat=True)[:2]
    )
    partners = list(
        PartnerPage.objects.live()
        .filter(locale=english)
        .order_by("path")
        .values_list("pk", flat=True)[:2]
    )
    gallery = _publish_under(
        home,
        StandardPage(
            title="Block gallery",
            slug=GALLERY_SLUG,
            summary="Every content block on one page.",
            show_in_menus=False,
            body=json.dumps(gallery_body(image, resources, partners)),
        ),
    )
    translated = gallery.copy_for_translation(spanish)
    translated.title = "Galería de bloques"
    translated.save_revision().publish(log_action=False)
    _publish_under(
        home,
        StandardPage(
            title="Checker sample",
            slug=CHECKER_SLUG,
            summary="Mistakes the accessibility checker flags.",
            show_in_menus=False,
            body=json.dumps(checker_body()),
        ),
    )
