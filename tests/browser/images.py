"""In-page helpers for the image checks: every image loaded, with what its alt text says."""

import re

# Wagtail's own test for alt text that is a file name (wagtail.admin.userbar).
FILE_NAME_ALT = re.compile(r"\.(avif|gif|jpg|jpeg|png|svg|webp)$|_", re.IGNORECASE)

IMAGES_JS = """
() => [...document.images].map((img) => ({
  alt: img.getAttribute("alt"),
  src: img.currentSrc || img.src,
  loaded: img.complete && img.naturalWidth > 0,
  inCard: !!img.closest(".card__image, .partner-card__logo, .partner-header__logo"),
  inBlock: !!img.closest(".captioned-image"),
}))
"""


def load_all_images(page):
    """Load the lazy images too (a screenshot or a check should see them), and wait for them."""
    page.evaluate("() => { document.querySelectorAll('img').forEach(i => i.loading = 'eager'); }")
    page.wait_for_function("() => [...document.images].every((img) => img.complete)")


def images(page):
    load_all_images(page)
    return page.evaluate(IMAGES_JS)


def alt_text_problems(page):
    """Images without an alt attribute, not loaded, with a file name for alt text, or with an
    empty alt where no card title or editor's "decorative" tick explains it."""
    problems = []
    for image in images(page):
        if image["alt"] is None:
            problems.append(f"no alt attribute: {image['src']}")
        if not image["loaded"]:
            problems.append(f"did not load: {image['src']}")
        if image["alt"] and FILE_NAME_ALT.search(image["alt"]):
            problems.append(f"alt is a file name: {image}")
        # A card's picture sits beside the card's title, and a partner's logo beside the
        # partner's printed name, which already name them; elsewhere only
        # an editor's "decorative" tick on an image block empties the alt text (tested apart).
        if image["alt"] == "" and not (image["inCard"] or image["inBlock"]):
            problems.append(f"empty alt outside a card or image block: {image}")
    return problems
