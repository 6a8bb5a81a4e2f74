"""Wagtail's pagination, with messages a front-end developer can act on."""

from django.conf import settings

from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.utils import BadRequestError

DEFAULT_LIMIT = 20


def limit_max():
    return settings.WAGTAILAPI_LIMIT_MAX


def parse_non_negative(request, name, default):
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 9:
        raise BadRequestError(f"{name} must be a whole number, 0 or more (got {raw!r})")
    return int(raw)


class CarePagination(WagtailPagination):
    def paginate_queryset(self, queryset, request, view=None):
        maximum = limit_max()
        limit = parse_non_negative(request, "limit", min(DEFAULT_LIMIT, maximum))
        offset = parse_non_negative(request, "offset", 0)
        if limit > maximum:
            raise BadRequestError(
                f"limit must be at most {maximum} (got {limit}); use offset to fetch the "
                f"next items, e.g. ?limit={maximum}&offset={maximum}"
            )
        self.view = view
        self.total_count = queryset.count()
        return queryset[offset : offset + limit]
