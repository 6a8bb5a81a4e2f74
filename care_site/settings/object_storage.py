"""Media (images, their renditions, documents) on S3-compatible object storage, read from the
environment: AWS S3 or any provider that speaks its protocol (docs/deployment.md, "Several
machines"). Every instance then reads and writes the same files, so an image uploaded through
one is served by all of them.

Images and renditions are public objects with plain, cacheable URLs on the bucket (or the
custom domain in front of it); the bucket's policy makes only those prefixes public. Documents
are never linked on the bucket: Wagtail's document view streams them, after checking the privacy
of their collection. Credentials are boto3's own (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,
or an instance role), never a setting of ours."""

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

# Where Wagtail writes originals and renditions: the prefixes the bucket policy makes public.
# Originals too: the images API gives their address. Documents ("documents/") stay private.
PUBLIC_PREFIXES = ("original_images/", "images/")


@dataclass(frozen=True)
class ObjectStorage:
    storage: dict  # the STORAGES["default"] entry
    image_origins: list  # where browsers fetch images from: the CSP's img-src needs them


def object_storage_from(environ):
    """The object storage MEDIA_S3_BUCKET asks for, or None when it is unset (media on disk)."""
    bucket = environ.get("MEDIA_S3_BUCKET", "").strip()
    if not bucket:
        return None
    try:
        import boto3  # noqa: F401
        import storages  # noqa: F401
    except ImportError as missing:
        raise ImproperlyConfigured(
            f"MEDIA_S3_BUCKET is set but {missing.name} is not installed: install the locked "
            "dependencies, which include 'django-storages[s3]' (make install)."
        ) from missing
    endpoint_url = environ.get("MEDIA_S3_ENDPOINT_URL", "").strip() or None
    region = environ.get("MEDIA_S3_REGION", "").strip() or None
    custom_domain = environ.get("MEDIA_S3_CUSTOM_DOMAIN", "").strip().rstrip("/") or None
    addressing_style = environ.get("MEDIA_S3_ADDRESSING_STYLE", "").strip() or None
    if addressing_style not in (None, "path", "virtual"):
        raise ImproperlyConfigured("MEDIA_S3_ADDRESSING_STYLE is 'path' or 'virtual'.")
    options = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url,
        "region_name": region,
        "addressing_style": addressing_style,
        "custom_domain": custom_domain,
        # Plain URLs: a signed one expires, yet pages are cached (here and by any CDN) and would
        # keep pointing at it; and each page view would give every image a new address, which
        # no browser cache recognises.
        "querystring_auth": False,
        # No ACL on the objects: what is public is the bucket policy's decision, and many
        # providers (and AWS buckets with Object Ownership enforced) refuse ACLs.
        "default_acl": None,
        # Two uploads of "photo.jpg" keep two files; neither editor's image changes under them.
        "file_overwrite": False,
        # Renditions and originals never change under their name: browsers and CDNs keep them.
        "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
    }
    origins = image_origins(bucket, endpoint_url, region, custom_domain, addressing_style)
    extra = [o.strip().rstrip("/") for o in environ.get("CARE_MEDIA_ORIGINS", "").split(",")]
    return ObjectStorage(
        storage={"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
        image_origins=list(dict.fromkeys([*origins, *filter(None, extra)])),
    )


def public_read_policy(bucket):
    """The bucket policy that lets anyone read images and renditions, and nothing else
    (docs/deployment.md gives it to operators)."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "PublicReadImagesOnly",
                    "Effect": "Allow",
                    "Principal": "*",
                    "Action": "s3:GetObject",
                    "Resource": [f"arn:aws:s3:::{bucket}/{prefix}*" for prefix in PUBLIC_PREFIXES],
                }
            ],
        },
        indent=2,
    )


def with_image_origins(policy, origins):
    """A copy of CSP settings `policy` whose img-src also allows `origins`."""
    directives = policy["DIRECTIVES"]
    img_src = list(dict.fromkeys([*directives["img-src"], *origins]))
    return {**policy, "DIRECTIVES": {**directives, "img-src": img_src}}


def image_origins(bucket, endpoint_url, region, custom_domain, addressing_style):
    """The origins django-storages' image URLs start with, for this configuration."""
    if custom_domain:
        return [f"https://{custom_domain}"]
    if endpoint_url:
        endpoint = urlsplit(endpoint_url)
        if addressing_style == "virtual":
            return [f"{endpoint.scheme}://{bucket}.{endpoint.netloc}"]
        return [f"{endpoint.scheme}://{endpoint.netloc}"]
    # AWS itself: boto3 names the bucket in the host (the global one), or in the path of the
    # region's host when path-style addressing is asked for.
    if addressing_style == "path":
        return [f"https://s3.{region}.amazonaws.com" if region else "https://s3.amazonaws.com"]
    return [f"https://{bucket}.s3.amazonaws.com"]
