"""Hostile uploads are refused with a form error, and script typed into rich text by an editor
never reaches a page (security checklist: uploads, rich text)."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.images import get_image_model
from wagtail.images.forms import get_image_form
from wagtail.models import Collection
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
from PIL import Image as PILImage

from home.models import StandardPage


def png_header_only(width, height):
    """A valid PNG of the given size whose pixels are all zero, built without holding the
    decoded image in memory."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")
    )


def small_png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


def upload(admin_user, name, content):
    form_class = get_image_form(get_image_model())
    return form_class(
        data={
            "title": "Upload",
            "description": "Alt text",
            "collection": Collection.get_first_root_node().pk,
        },
        files={"file": SimpleUploadedFile(name, content)},
        user=admin_user,
    )


@pytest.mark.django_db
def test_a_normal_image_is_accepted(admin_user):
    assert upload(admin_user, "photo.png", small_png()).is_valid()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("huge.png", png_header_only(20_000, 20_000), "too many pixels"),
        ("big.png", small_png() + b"\x00" * (11 * 1024 * 1024), "too big"),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>',
            "not a supported image format",
        ),
        ("page.png", b"<html><script>alert(1)</script></html>", "not a valid .png image"),
    ],
    ids=["20000x20000-png", "11-mb", "svg", "html-renamed-png"],
)
def test_hostile_uploads_are_refused_with_a_form_error(admin_user, name, content, message):
    form = upload(admin_user, name, content)
    assert not form.is_valid()
    error = " ".join(form.errors["file"]).lower()
    assert message in error, error


@pytest.mark.django_db
def test_script_in_rich_text_is_neutralised_when_saved_through_the_admin(admin_client, home_page):
    hostile = (
        '<p><a href="javascript:alert(1)">click</a> and <script>alert(3)</script></p>'
        "<p>&lt;img src=x onerror=alert(2)&gt;</p>"
    )
    data = nested_form_data(
        {
            "title": "Hostile",
            "slug": "hostile",
            "summary": "",
            "body": streamfield([("paragraph", rich_text(hostile))]),
        }
    )
    response = admin_client.post(
        f"/admin/pages/add/home/standardpage/{home_page.pk}/", {**data, "action-publish": "1"}
    )
    assert response.status_code == 302, response.content[:2000]
    page = StandardPage.objects.get(slug="hostile")
    stored = str(page.body.raw_data)
    assert "javascript:" not in stored
    assert "<script" not in stored
    html = admin_client.get(page.url).content.decode()
    assert "javascript:alert" not in html
    assert "<script>alert(3)" not in html
    # Typed markup is text, shown escaped.
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<img src=x" not in html
