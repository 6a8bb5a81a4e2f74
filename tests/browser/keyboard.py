"""In-page helpers for the keyboard tests: what a keyboard user should be able to reach, what has
focus, and whether that focus can be seen."""

# Every control a keyboard user must reach on the page as shown, in document order, as a short
# description. A group of radio buttons is one stop (arrow keys move inside it).
REACHABLE_CONTROLS_JS = """
() => {
  const selector = [
    "a[href]", "area[href]", "button", "input", "select", "textarea", "summary",
    "iframe", "[tabindex]", "[contenteditable='true']",
  ].join(",");
  const seenRadioGroups = new Set();
  const controls = [];
  for (const element of document.querySelectorAll(selector)) {
    if (element.closest("wagtail-userbar")) continue;
    if (element.disabled || element.closest("[inert]") || element.type === "hidden") continue;
    if (element.tabIndex < 0) continue;
    // Also false inside a closed <details>, unless CSS shows its content (the site's menu and
    // the library's filters on wide screens).
    if (!element.checkVisibility({visibilityProperty: true})) continue;
    if (element.type === "radio") {
      if (seenRadioGroups.has(element.name)) continue;
      seenRadioGroups.add(element.name);
    }
    controls.push(window.__careDescribe(element));
  }
  return controls;
}
"""

DESCRIBE_JS = """
() => {
  window.__careDescribe = (element) => {
    if (!element || element === document.body) return "(body)";
    const name = (element.getAttribute("aria-label") || element.textContent || element.value
      || element.name || "").replace(/\\s+/g, " ").trim().slice(0, 60);
    const id = element.id ? "#" + element.id : "";
    const group = element.type === "radio" ? " radio group " + element.name : "";
    const href = element.getAttribute("href") ? " -> " + element.getAttribute("href") : "";
    return element.tagName.toLowerCase() + id + group + href + " '" + name + "'";
  };
}
"""

# The focused element, and whether a keyboard user can see where the focus is: an outline (on
# the element or on the ::after that stretches a card link over its card) or a box shadow, on
# an element that is on screen.
FOCUS_STATE_JS = """
() => {
  const element = document.activeElement;
  if (!element || element === document.body) return {description: "(body)", visible: false};
  const own = getComputedStyle(element);
  const after = getComputedStyle(element, "::after");
  const outlined = (style) => style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const isOnScreen = () => {
    const box = element.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.top < window.innerHeight && box.left < window.innerWidth;
  };
  // The browser scrolls the focused element into view, smoothly unless reduced motion is
  // asked for; finish that scroll now rather than wait for it. An element placed off screen
  // by its styles stays off screen.
  if (!isOnScreen()) element.scrollIntoView({block: "nearest", behavior: "instant"});
  const onScreen = isOnScreen();
  return {
    description: window.__careDescribe(element),
    visible: onScreen && (outlined(own) || outlined(after) || own.boxShadow !== "none"),
    onScreen,
  };
}
"""


def prepare(page):
    page.evaluate(DESCRIBE_JS)


def reachable_controls(page):
    prepare(page)
    return page.evaluate(REACHABLE_CONTROLS_JS)


def focus_state(page):
    prepare(page)
    return page.evaluate(FOCUS_STATE_JS)


def active(page, expression):
    """Evaluate `expression` with `element` bound to the focused element."""
    return page.evaluate(
        f"() => {{ const element = document.activeElement; return {expression}; }}"
    )


def describe(page, selector):
    """The description focus_state gives of the element `selector` finds."""
    prepare(page)
    return page.evaluate(
        "(selector) => window.__careDescribe(document.querySelector(selector))", selector
    )
