// Evaluators for the CARE site's own accessibility checks. The Wagtail user bar loads axe-core
// (as window.axe) and configures the rules from home/wagtail_hooks.py; rules configured there
// cannot carry functions, so this file supplies them. Loaded only where the user bar is shown.
(function () {
  "use strict";
  var axe = window.axe;
  if (!axe || typeof axe.configure !== "function") {
    return;
  }

  // "Click here!" and "  click  HERE " both read "click here".
  var EDGE_PUNCTUATION = /^[\s.,:;!?¡¿…«»"'‘’“”()[\]<>→↗-]+|[\s.,:;!?¡¿…«»"'‘’“”()[\]<>→↗-]+$/g;

  function normalise(text) {
    return (text || "").toLowerCase().replace(/\s+/g, " ").replace(EDGE_PUNCTUATION, "");
  }

  function headingLevel(element) {
    var match = /^h([1-6])$/i.exec(element.nodeName);
    if (match) {
      return parseInt(match[1], 10);
    }
    return parseInt(element.getAttribute("aria-level"), 10) || 2;
  }

  function exposed(element) {
    var dom = axe.commons && axe.commons.dom;
    if (dom && typeof dom.isVisibleToScreenReaders === "function") {
      return dom.isVisibleToScreenReaders(element);
    }
    return element.getClientRects().length > 0;
  }

  axe.configure({
    checks: [
      {
        id: "care-link-text-descriptive",
        evaluate: function (node, options, virtualNode) {
          var name = axe.commons.text.accessibleTextVirtual(virtualNode || node);
          var vague = (options && options.vague) || [];
          return vague.indexOf(normalise(name)) === -1;
        },
      },
      {
        id: "care-heading-no-skip",
        evaluate: function (node, options) {
          var scope = node.closest((options && options.scope) || "main") || document;
          var headings = scope.querySelectorAll("h1, h2, h3, h4, h5, h6, [role='heading']");
          var previous = 0;
          for (var i = 0; i < headings.length && headings[i] !== node; i += 1) {
            if (exposed(headings[i])) {
              previous = headingLevel(headings[i]);
            }
          }
          // The first heading of the content, and any heading going back up, are fine.
          return previous === 0 || headingLevel(node) <= previous + 1;
        },
      },
    ],
  });
})();
