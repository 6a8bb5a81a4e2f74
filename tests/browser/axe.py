"""Running axe-core (bundled with axe-playwright-python) in a page, and reading its results."""

from pathlib import Path

from django.conf import settings

from axe_playwright_python.sync_playwright import Axe

from home.wagtail_hooks import HEADING_RULE, LINK_TEXT_RULE, CareContentCheckerItem

# Every WCAG 2.0, 2.1 and 2.2 success criterion at levels A and AA that axe can test.
WCAG_AA_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

_axe = Axe()


def run_axe(page, options):
    return _axe.run(page, options={"resultTypes": ["violations"], **options}).response


def wcag_violations(page):
    """axe's WCAG A/AA violations on the page as it is now."""
    return run_axe(page, {"runOnly": {"type": "tag", "values": WCAG_AA_TAGS}})["violations"]


def describe(violations):
    """One line per offending element: rule, impact, where, what to fix."""
    lines = []
    for violation in violations:
        for node in violation["nodes"]:
            lines.append(
                f"{violation['id']} ({violation['impact']}): {', '.join(map(str, node['target']))}"
                f" -- {node['html'][:200]} -- {node.get('failureSummary', '').splitlines()[-1:]}"
                f" [{violation['helpUrl']}]"
            )
    return "\n".join(lines)


CHECKS_JS = Path(settings.BASE_DIR, "home", "static", "home", "js", "content_checks.js")


def run_content_checks(page, spec, rule_ids):
    """Run only `rule_ids`, configured from `spec` (a user-bar item's `get_axe_spec()`) with
    the evaluators of home/static/home/js/content_checks.js, as the user bar does."""
    page.evaluate(_axe.axe_script)
    page.evaluate("(spec) => { axe.configure(spec); }", spec)
    page.evaluate(CHECKS_JS.read_text())
    return page.evaluate(
        "(ids) => axe.run(document, {runOnly: {type: 'rule', values: ids},"
        " resultTypes: ['violations']})",
        rule_ids,
    )["violations"]


CARE_RULES = [LINK_TEXT_RULE, HEADING_RULE]


def care_findings(page):
    """The CARE rules' findings on the page, as (rule, start of the element's HTML), sorted."""
    spec = CareContentCheckerItem().get_axe_spec(None)
    violations = run_content_checks(page, spec, CARE_RULES)
    return sorted(
        (violation["id"], node["html"][:40])
        for violation in violations
        for node in violation["nodes"]
    )
