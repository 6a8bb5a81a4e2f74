"""Wagtail's responsive images (`{% srcset_image %}`, `{% picture %}`) keep one rendition per
size asked for and label each with its real width. Wagtail never makes an image larger, so an
image narrower than the widest size asked for gives several renditions of the same width, and a
srcset naming one width twice is invalid HTML: the browser keeps one candidate at random. Here
a srcset keeps the first rendition of each width (the others are copies of it at that width).

Wagtail's own fix is discussed in its issue 12389; once it deduplicates, `install` can go."""

from wagtail.images.models import ResponsiveImage

_wagtails_srcset = ResponsiveImage.get_width_srcset.__func__


def one_per_width(renditions):
    seen = set()
    unique = []
    for rendition in renditions:
        if rendition.width not in seen:
            seen.add(rendition.width)
            unique.append(rendition)
    return unique


def get_width_srcset(cls, renditions_list):
    if len(renditions_list) == 1:
        return _wagtails_srcset(cls, renditions_list)
    # Width descriptors even when one rendition is left: the tag carries `sizes`, which needs them.
    return ", ".join(
        f"{rendition.url} {rendition.width}w" for rendition in one_per_width(renditions_list)
    )


def install():
    """`Picture` inherits the method, so both tags' srcsets and `<source>`s get it."""
    ResponsiveImage.get_width_srcset = classmethod(get_width_srcset)
