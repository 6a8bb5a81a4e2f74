"""In-page checks for reflow and zoom: content that sticks out sideways, and text cut off by a
box too small for it."""

# Text hidden on purpose for everyone but screen readers: the `.visually-hidden` class, or the
# same pattern (clip-path: inset(50%)) applied by a media query, e.g. a meeting's title in a
# month calendar on a phone. Defined in each script, which the browser runs on its own.
HIDDEN_ON_PURPOSE_JS = """
  const hiddenOnPurpose = (element, others) => {
    if (element.closest(".visually-hidden, wagtail-userbar" + (others || ""))) return true;
    for (let node = element; node && node !== document.body; node = node.parentElement) {
      if (getComputedStyle(node).clipPath === "inset(50%)") return true;
    }
    return false;
  };
"""

# Visible elements reaching past the left or right edge of the viewport (the page would have
# to scroll sideways to show them), unless they sit in a box that scrolls by itself (a wide
# data table may). Visually hidden text is one pixel wide on purpose and left out.
SIDEWAYS_OVERFLOW_JS = (
    """
() => {
"""
    + HIDDEN_ON_PURPOSE_JS
    + """
  const width = document.documentElement.clientWidth;
  const problems = [];
  if (document.documentElement.scrollWidth > width) {
    problems.push("the page is " + document.documentElement.scrollWidth + "px wide in a "
      + width + "px window");
  }
  const scrollsItself = (element) => {
    for (let node = element.parentElement; node && node !== document.body;
         node = node.parentElement) {
      const overflow = getComputedStyle(node).overflowX;
      if (overflow === "auto" || overflow === "scroll") return true;
    }
    return false;
  };
  for (const element of document.body.querySelectorAll("*")) {
    if (hiddenOnPurpose(element)) continue;
    if (!element.checkVisibility({visibilityProperty: true})) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if ((box.right > width + 1 || box.left < -1) && !scrollsItself(element)) {
      problems.push(element.tagName.toLowerCase() + (element.className ? "." +
        String(element.className).trim().split(/\\s+/).join(".") : "") + " spans "
        + Math.round(box.left) + ".." + Math.round(box.right) + "px");
    }
  }
  return problems.slice(0, 12);
}
"""
)

# Boxes that hide what does not fit (overflow hidden or clip) and hold text that does not fit.
CLIPPED_TEXT_JS = (
    """
() => {
"""
    + HIDDEN_ON_PURPOSE_JS
    + """
  const problems = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (hiddenOnPurpose(element, ", .skip-link")) continue;
    if (!element.checkVisibility({visibilityProperty: true})) continue;
    const style = getComputedStyle(element);
    const hides = (value) => value === "hidden" || value === "clip";
    if (!hides(style.overflowX) && !hides(style.overflowY)) continue;
    if (!element.innerText || !element.innerText.trim()) continue;
    const tooWide = element.scrollWidth > element.clientWidth + 1;
    if (tooWide || element.scrollHeight > element.clientHeight + 1) {
      problems.push(element.tagName.toLowerCase() + "." + String(element.className).trim()
        + ": '" + element.innerText.trim().slice(0, 40) + "'");
    }
  }
  return problems;
}
"""
)

# The computed font size of each element that holds text of its own, in document order.
FONT_SIZES_JS = (
    """
() => {
"""
    + HIDDEN_ON_PURPOSE_JS
    + """
  const sizes = [];
  for (const element of document.body.querySelectorAll("*")) {
    if (hiddenOnPurpose(element)) continue;
    const ownText = [...element.childNodes].some(
      (node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim());
    if (!ownText || !element.checkVisibility()) continue;
    sizes.push([element.tagName.toLowerCase(), parseFloat(getComputedStyle(element).fontSize)]);
  }
  return sizes;
}
"""
)


def sideways_overflow(page):
    return page.evaluate(SIDEWAYS_OVERFLOW_JS)


def clipped_text(page):
    return page.evaluate(CLIPPED_TEXT_JS)


def font_sizes(page):
    return page.evaluate(FONT_SIZES_JS)
