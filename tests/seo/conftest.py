"""Readers for what a crawler takes from a page (JSON-LD blocks, meta tags, the breadcrumb
trail), for the search-engine tests."""

from urllib.parse import urlsplit

from tests.helpers import json_ld_blocks, soup


def translate(page, locale, **changes):
    """A published translation of `page` (and of any parent not translated yet)."""
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in changes.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


def json_ld_of_type(response, schema_type):
    [block] = [block for block in json_ld_blocks(response) if block["@type"] == schema_type]
    return block


def meta(response, key):
    """The content of `<meta property=key>` or `<meta name=key>`, or None."""
    document = soup(response)
    tag = document.find("meta", attrs={"property": key}) or document.find(
        "meta", attrs={"name": key}
    )
    return tag["content"] if tag else None


def breadcrumb_list(response):
    """The BreadcrumbList JSON-LD block's items as {"position", "name", "item"} dicts, with each
    item's address as a path (the block carries absolute addresses), or None."""
    blocks = [block for block in json_ld_blocks(response) if block["@type"] == "BreadcrumbList"]
    if not blocks:
        return None
    [block] = blocks
    items = []
    for element in block["itemListElement"]:
        assert element["@type"] == "ListItem"
        address = urlsplit(element["item"])
        assert address.scheme and address.netloc, element["item"]
        items.append({**element, "item": address.path})
        del items[-1]["@type"]
    return items
