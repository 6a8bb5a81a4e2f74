"""`highlight`: plain text with the visitor's search words wrapped in <mark>."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.query import matches

register = template.Library()


@register.filter
def highlight(text, terms):
    """Escape `text` piece by piece and mark the pieces that match `terms`. The text is never
    trusted as HTML: only the <mark> tags added here are markup."""
    text = str(text or "")
    pieces, last = [], 0
    for start, end in matches(text, terms or []):
        if start < last:
            continue
        pieces += [escape(text[last:start]), f"<mark>{escape(text[start:end])}</mark>"]
        last = end
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above
