from care_site.base.cache import cached, key  # noqa: F401 - until the library filter moves over
