"""A list of cards' pictures, read with their renditions in one query.

Wagtail looks up an image's renditions in the cache, then in the database, one image at a
time: a first visitor after a change, whose caches are empty, paid a query per card with a
picture (a partner directory of 24 logos, 24 queries). Renditions prefetched onto the images,
Wagtail's own way for lists (`prefetched_renditions`, as `prefetch_renditions()` names them),
are used without asking either.

Wagtail takes a prefetched list to hold every rendition that exists, and makes any other. So
only lists used within one request are prefetched: a page kept between requests (the route
found, per content version) would carry the list as it stood before its first view made its
renditions, and every later view would make them again."""

from django.db.models import Prefetch, prefetch_related_objects

from wagtail.images import get_image_model


def renditions_of(field):
    """For a queryset's `prefetch_related`: the renditions of each row's image `field`, in one
    query for the whole list (the image itself is read with it, or by `select_related`)."""
    renditions = get_image_model().get_rendition_model().objects.all()
    return Prefetch(f"{field}__renditions", queryset=renditions, to_attr="prefetched_renditions")


def with_renditions(pages, field):
    """`pages` (a list, of one page type) with their image `field`'s renditions read."""
    prefetch_related_objects(pages, renditions_of(field))
    return pages
