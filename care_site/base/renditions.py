"""Images read with their renditions: a list of cards' pictures, or a served page's own, in one
query.

Wagtail looks up an image's renditions in the cache, then in the database, one image at a
time: a first visitor after a change, whose caches are empty, paid a query per card with a
picture (a partner directory of 24 logos, 24 queries), and one per picture of the page itself.
Renditions prefetched onto the images, Wagtail's own way for lists (`prefetched_renditions`,
as `prefetch_renditions()` names them), are used without asking either."""

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


def served(queryset, model):
    """`queryset` of pages of `model`, read with what its template shows (the relations its
    `serve_select_related` names). Read, pass each page to `with_own_renditions`."""
    return queryset.select_related(*getattr(model, "serve_select_related", ()))


def with_own_renditions(page):
    """`page`, with the renditions of the images its `serve_images` names read in one query."""
    images = [getattr(page, field) for field in getattr(page, "serve_images", ())]
    images = [image for image in images if image is not None]
    renditions = get_image_model().get_rendition_model().objects.all()
    prefetch_related_objects(
        images, Prefetch("renditions", queryset=renditions, to_attr="prefetched_renditions")
    )
    return page
