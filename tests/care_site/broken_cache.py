"""A cache backend whose every operation fails, as Redis does when it is down."""

from django.core.cache.backends.base import BaseCache


class BrokenCache(BaseCache):
    def __init__(self, location, params):
        super().__init__(params)

    def _fail(self, *args, **kwargs):
        raise ConnectionError("cache is down")

    add = get = set = touch = delete = clear = incr = has_key = get_many = set_many = _fail
    delete_many = _fail
