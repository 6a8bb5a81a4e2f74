"""Spreadsheet exports that are safe to open: a cell that starts like a formula is written as
text with a leading apostrophe (OWASP's advice for CSV injection), in CSV and XLSX alike, and
the CSV starts with a byte-order mark so Excel reads it as UTF-8."""

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff".encode()


def neutralise(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


class SafeSpreadsheetMixin:
    """For views using Wagtail's SpreadsheetExportMixin."""

    def preprocess_field_value(self, field, value, export_format):
        return neutralise(super().preprocess_field_value(field, value, export_format))

    def stream_csv(self, queryset):
        yield UTF8_BOM
        yield from super().stream_csv(queryset)
