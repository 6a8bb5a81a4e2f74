"""Spreadsheet exports that are safe to open: a cell that starts like a formula is written as
text with a leading apostrophe (OWASP's advice for CSV injection), in CSV and XLSX alike, and
the CSV starts with a byte-order mark so Excel reads it as UTF-8. Answers are made `readable`
before anything lists or exports them."""

import re

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff".encode()
# Lone surrogates (SQLite stores them; no UTF-8 page or file can hold them) and the control
# characters XML 1.0, so XLSX, forbids (tab, line feed and carriage return are allowed).
UNWRITABLE = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def readable(value):
    """`value` (an answer: text, a list of choices, or a dict of answers) with every character
    no page, CSV or XLSX can hold replaced by U+FFFD, so one stored row never breaks a listing
    or an export."""
    if isinstance(value, str):
        return UNWRITABLE.sub("\ufffd", value)
    if isinstance(value, list):
        return [readable(item) for item in value]
    if isinstance(value, dict):
        return {name: readable(item) for name, item in value.items()}
    return value


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value
