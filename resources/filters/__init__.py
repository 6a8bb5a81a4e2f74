"""Faceted filtering of the resource library, driven entirely by the query string: `form` reads
it, `facets` turns choices into conditions and counts, `library` lists, counts and links."""

from .form import clean_query
from .library import LibraryFilter

__all__ = ["LibraryFilter", "clean_query"]
