"""Media on object storage (care_site/settings/object_storage.py): what the environment asks
for becomes django-storages' options, and the origins images are fetched from."""

from django.core.exceptions import ImproperlyConfigured

import pytest

from care_site.settings.object_storage import object_storage_from, with_image_origins


def test_no_bucket_means_media_on_disk():
    assert object_storage_from({}) is None
    assert object_storage_from({"MEDIA_S3_BUCKET": "  "}) is None


def test_images_get_plain_lasting_urls_and_no_acl():
    options = object_storage_from({"MEDIA_S3_BUCKET": "care-media"}).storage["OPTIONS"]
    assert options["bucket_name"] == "care-media"
    assert options["querystring_auth"] is False
    assert options["default_acl"] is None
    assert options["file_overwrite"] is False
    assert "immutable" in options["object_parameters"]["CacheControl"]


@pytest.mark.parametrize(
    ("environ", "origins"),
    [
        ({}, ["https://care-media.s3.amazonaws.com"]),
        ({"MEDIA_S3_REGION": "eu-west-1"}, ["https://care-media.s3.amazonaws.com"]),
        (
            {"MEDIA_S3_REGION": "eu-west-1", "MEDIA_S3_ADDRESSING_STYLE": "path"},
            ["https://s3.eu-west-1.amazonaws.com"],
        ),
        (
            {"MEDIA_S3_ENDPOINT_URL": "https://fra1.digitaloceanspaces.com"},
            ["https://fra1.digitaloceanspaces.com"],
        ),
        (
            {
                "MEDIA_S3_ENDPOINT_URL": "https://fra1.digitaloceanspaces.com",
                "MEDIA_S3_ADDRESSING_STYLE": "virtual",
            },
            ["https://care-media.fra1.digitaloceanspaces.com"],
        ),
        (
            {"MEDIA_S3_ENDPOINT_URL": "http://127.0.0.1:9000", "MEDIA_S3_CUSTOM_DOMAIN": "m.org/"},
            ["https://m.org"],
        ),
        (
            {"CARE_MEDIA_ORIGINS": "https://cdn.example.org/, https://care-media.s3.amazonaws.com"},
            ["https://care-media.s3.amazonaws.com", "https://cdn.example.org"],
        ),
    ],
)
def test_the_image_origins_are_where_django_storages_points(environ, origins):
    storage = object_storage_from({"MEDIA_S3_BUCKET": "care-media", **environ})
    assert storage.image_origins == origins


def test_an_unknown_addressing_style_is_refused():
    with pytest.raises(ImproperlyConfigured, match="MEDIA_S3_ADDRESSING_STYLE"):
        object_storage_from({"MEDIA_S3_BUCKET": "b", "MEDIA_S3_ADDRESSING_STYLE": "vhost"})


def test_the_policy_allows_images_from_the_origins_and_keeps_the_rest():
    policy = {"DIRECTIVES": {"img-src": ["'self'", "data:"], "script-src": ["'self'"]}}
    changed = with_image_origins(policy, ["https://m.org"])
    assert changed["DIRECTIVES"]["img-src"] == ["'self'", "data:", "https://m.org"]
    assert changed["DIRECTIVES"]["script-src"] == ["'self'"]
    assert policy["DIRECTIVES"]["img-src"] == ["'self'", "data:"]  # the original is untouched


def img_src(response):
    header = response["Content-Security-Policy"]
    directive = next(d.split() for d in header.split(";") if d.split()[0] == "img-src")
    return directive[1:]


@pytest.mark.django_db
def test_the_site_and_the_admin_show_images_from_the_bucket(settings, client, admin_client):
    settings.CONTENT_SECURITY_POLICY = with_image_origins(
        settings.CONTENT_SECURITY_POLICY, ["https://media.example.org"]
    )
    assert "https://media.example.org" in img_src(client.get("/healthz"))
    in_admin = img_src(admin_client.get("/admin/"))
    # The admin's own relaxations stay: pasted images and previews of uploads before saving.
    assert {"https://media.example.org", "'self'", "data:", "blob:"} <= set(in_admin)
