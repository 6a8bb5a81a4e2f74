"""Mozilla's HTTP Observatory, its tests and its grading, applied to responses we fetch ourselves.

Each function mirrors one test of mdn/mdn-http-observatory (`src/analyzer/tests/*.js`) and
returns the result name the scanner reports; `SCORES` are the scanner's modifiers
(`src/grader/charts.js`), and `grade()` its two rounds: penalties are taken from a baseline of
100, bonuses are added only when what is left is 90 or more, and the grade is read off the chart
for the score rounded down to a multiple of 5 (100 and above is A+). docs/deployment.md cites
the methodology page.

Only the parts of a test that can apply to this site are kept: no `<meta http-equiv>` policies,
no HSTS preload-list lookup (a site on loopback is on no preload list, so that bonus is never
counted)."""

from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

SCORES = {
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-not-found": 0,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    "redirection-to-https": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-missing": -20,
    "redirection-not-to-https": -20,
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    "corp-implemented-with-same-origin": 10,
    "corp-implemented-with-same-site": 10,
    "corp-implemented-with-cross-origin": 0,
    "corp-not-implemented": 0,
    "corp-header-invalid": -5,
}
GRADES = [(100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+")]
GRADES += [(50, "C"), (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"), (0, "F")]
SIX_MONTHS = 15_768_000
BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
NONCE_OR_HASH = ("'sha256-", "'sha384-", "'sha512-", "'nonce-")
PRIVATE_REFERRERS = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
UNSAFE_REFERRERS = {
    "origin",
    "origin-when-cross-origin",
    "unsafe-url",
    "no-referrer-when-downgrade",
}


@dataclass
class Fetched:
    """One HTTP response as the scanner sees it: `headers` maps lower-case names to every value
    sent under that name."""

    url: str
    status: int
    headers: dict[str, list[str]]
    body: str = ""

    def header(self, name):
        values = self.headers.get(name.lower(), [])
        return values[-1] if values else None


@dataclass
class Scan:
    """The https response of a page, the chain of responses that began with its http URL, and
    the page fetched again with a foreign `Origin` (for the CORS test)."""

    page: Fetched
    http_chain: list[Fetched]
    cross_origin: Fetched
    results: dict[str, str] = field(default_factory=dict)

    def run(self):
        self.results = {
            "content-security-policy": csp_test(self.page),
            "cookies": cookies_test(self.page),
            "cross-origin-resource-sharing": cors_test(self.cross_origin),
            "redirection": redirection_test(self.http_chain),
            "referrer-policy": referrer_policy_test(self.page),
            "strict-transport-security": hsts_test(self.page),
            "subresource-integrity": sri_test(self.page),
            "x-content-type-options": nosniff_test(self.page),
            "x-frame-options": frame_options_test(self.page),
            "cross-origin-resource-policy": corp_test(self.page),
        }
        return self

    @property
    def score(self):
        return score(self.results.values())

    @property
    def grade(self):
        return grade(self.score)


def parse_csp(header):
    """Directive → set of sources, or None when the header cannot be parsed."""
    directives = {}
    for policy in header.split(","):
        for part in policy.split(";"):
            words = part.strip().split()
            if not words:
                continue
            name = words[0].lower()
            if name in directives or any(not w.isprintable() for w in words):
                return None
            directives[name] = {word.lower() if word.endswith(":") else word for word in words[1:]}
    return directives


def csp_test(page):
    header = ",".join(page.headers.get("content-security-policy", []))
    if not header:
        return "csp-not-implemented"
    csp = parse_csp(header)
    if not csp:
        return "csp-header-invalid"
    star = {"*"}
    object_src = set(csp.get("object-src") or csp.get("default-src") or star)
    script_src = set(csp.get("script-src") or csp.get("default-src") or star)
    style_src = set(csp.get("style-src") or csp.get("default-src") or star)
    for sources in (script_src, style_src):
        if any(s.startswith(NONCE_OR_HASH) for s in sources):
            sources.discard("'unsafe-inline'")
    if "'strict-dynamic'" in script_src:
        if not any(s.startswith(NONCE_OR_HASH) for s in script_src):
            return "csp-header-invalid"
        script_src -= {s for s in script_src if s in ("'self'", "'unsafe-inline'") or s in BROAD}
    active = [s for name, v in csp.items() if name not in ("img-src", "media-src", "script-src")
              for s in v] + list(script_src)  # fmt: skip
    passive = [s for name in ("img-src", "media-src")
               for s in (csp.get(name) or csp.get("default-src") or ())]  # fmt: skip
    if script_src & (BROAD | UNSAFE_INLINE) or object_src & BROAD:
        return "csp-implemented-with-unsafe-inline"
    if any(s.startswith(("http:", "ftp:")) for s in active):
        return "csp-implemented-with-insecure-scheme"
    if "'unsafe-eval'" in script_src | style_src:
        return "csp-implemented-with-unsafe-eval"
    if any(s.startswith(("http:", "ftp:")) for s in passive):
        return "csp-implemented-with-insecure-scheme-in-passive-content-only"
    if style_src & (BROAD | UNSAFE_INLINE):
        return "csp-implemented-with-unsafe-inline-in-style-src-only"
    if csp.get("default-src") == {"'none'"}:
        return "csp-implemented-with-no-unsafe-default-src-none"
    return "csp-implemented-with-no-unsafe"


# The scanner keeps the worst finding; this is its order, best first.
COOKIE_BADNESS = [
    "cookies-without-secure-flag-but-protected-by-hsts",
    "cookies-without-secure-flag",
    "cookies-session-without-secure-flag-but-protected-by-hsts",
    "cookies-samesite-flag-invalid",
    "cookies-anticsrf-without-samesite-flag",
    "cookies-session-without-httponly-flag",
    "cookies-session-without-secure-flag",
]


def cookies_test(page):
    raw_cookies = page.headers.get("set-cookie", [])
    if not raw_cookies:
        return "cookies-not-found"
    hsts = hsts_test(page) == "hsts-implemented-max-age-at-least-six-months"
    findings = []
    all_samesite = True
    for raw in raw_cookies:
        jar = SimpleCookie()
        jar.load(raw)
        for name, morsel in jar.items():
            secure = bool(morsel["secure"])
            samesite = morsel["samesite"].lower()
            session = "login" in name.lower() or "sess" in name.lower()
            if samesite and samesite not in ("lax", "strict", "none"):
                findings.append("cookies-samesite-flag-invalid")
            if samesite == "none" and not secure:
                findings.append("cookies-samesite-flag-invalid")
            if not secure:
                findings.append(
                    "cookies-without-secure-flag-but-protected-by-hsts"
                    if hsts
                    else "cookies-without-secure-flag"
                )
                if session:
                    findings.append(
                        "cookies-session-without-secure-flag-but-protected-by-hsts"
                        if hsts
                        else "cookies-session-without-secure-flag"
                    )
            if "csrf" in name.lower() and not samesite:
                findings.append("cookies-anticsrf-without-samesite-flag")
            if session and not morsel["httponly"]:
                findings.append("cookies-session-without-httponly-flag")
            all_samesite = all_samesite and bool(samesite)
    if findings:
        return max(findings, key=COOKIE_BADNESS.index)
    if all_samesite:
        return "cookies-secure-with-httponly-sessions-and-samesite"
    return "cookies-secure-with-httponly-sessions"


def cors_test(cross_origin):
    allowed = cross_origin.header("access-control-allow-origin")
    if not allowed:
        return "cross-origin-resource-sharing-not-implemented"
    credentials = (cross_origin.header("access-control-allow-credentials") or "").lower()
    if allowed.strip() == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access"
    if credentials == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access"
    return "cross-origin-resource-sharing-implemented-with-restricted-access"


def redirection_test(chain):
    if not chain or urlsplit(chain[-1].url).scheme != "https":
        redirected = len(chain) > 1
        return "redirection-not-to-https" if redirected else "redirection-missing"
    first, second = urlsplit(chain[0].url), urlsplit(chain[1].url)
    if second.scheme != "https":
        return "redirection-not-to-https-on-initial-redirection"
    if second.hostname != first.hostname:
        return "redirection-off-host-from-http"
    return "redirection-to-https"


def referrer_policy_test(page):
    header = page.header("referrer-policy")
    if header is None:
        return "referrer-policy-not-implemented"
    # Browsers use the last policy they understand.
    known = PRIVATE_REFERRERS | UNSAFE_REFERRERS
    policies = [p.strip().lower() for p in header.split(",") if p.strip().lower() in known]
    if not policies:
        return "referrer-policy-header-invalid"
    return (
        "referrer-policy-private"
        if policies[-1] in PRIVATE_REFERRERS
        else ("referrer-policy-unsafe")
    )


def hsts_test(page):
    header = page.header("strict-transport-security")
    if header is None:
        return "hsts-not-implemented"
    max_age = None
    for directive in header.split(";"):
        name, _, value = directive.strip().partition("=")
        if name.strip().lower() == "max-age":
            try:
                max_age = int(value.strip().strip('"'))
            except ValueError:
                return "hsts-header-invalid"
    if max_age is None:
        return "hsts-header-invalid"
    if max_age < SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months"
    return "hsts-implemented-max-age-at-least-six-months"


def registrable_domain(host):
    return ".".join((host or "").split(".")[-2:])


def sri_test(page):
    content_type = (page.header("content-type") or "").split(";")[0].strip()
    if content_type and content_type not in ("text/html", "application/xhtml+xml"):
        return "sri-not-implemented-response-not-html"
    scripts = BeautifulSoup(page.body, "html.parser").find_all("script")
    if not scripts:
        return "sri-not-implemented-but-no-scripts-loaded"
    site = urlsplit(page.url)
    findings, bonus, foreign = [], False, False
    for script in scripts:
        src = script.get("src")
        if not src:
            continue
        protocol_relative = src.startswith("//")
        absolute = src.startswith(("http://", "https://"))
        same_site = not absolute or (
            registrable_domain(urlsplit(src).hostname) == registrable_domain(site.hostname)
        )
        same_origin = (not absolute and not protocol_relative) or (same_site and absolute)
        secure = src.startswith("https://") or (not absolute and site.scheme == "https")
        integrity = script.get("integrity")
        if not same_origin:
            foreign = True
            if integrity and not secure:
                findings.append("sri-implemented-but-external-scripts-not-loaded-securely")
            elif not integrity and secure:
                findings.append("sri-not-implemented-but-external-scripts-loaded-securely")
            elif not integrity:
                findings.append("sri-not-implemented-and-external-scripts-not-loaded-securely")
        elif integrity and secure:
            bonus = True
    if findings:
        return min(findings, key=SCORES.__getitem__)
    if bonus:
        return "sri-implemented-and-all-scripts-loaded-securely"
    if foreign:
        return "sri-implemented-and-external-scripts-loaded-securely"
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"


def nosniff_test(page):
    header = page.header("x-content-type-options")
    if header is None:
        return "x-content-type-options-not-implemented"
    if header.strip().lower() == "nosniff":
        return "x-content-type-options-nosniff"
    return "x-content-type-options-header-invalid"


def frame_options_test(page):
    csp = parse_csp(",".join(page.headers.get("content-security-policy", []))) or {}
    ancestors = csp.get("frame-ancestors")
    if ancestors and not ancestors & BROAD:
        return "x-frame-options-implemented-via-csp"
    header = page.header("x-frame-options")
    if header is None:
        return "x-frame-options-not-implemented"
    value = header.strip().lower()
    if value in ("deny", "sameorigin"):
        return "x-frame-options-sameorigin-or-deny"
    if value.startswith("allow-from "):
        return "x-frame-options-allow-from-origin"
    return "x-frame-options-header-invalid"


def corp_test(page):
    header = page.header("cross-origin-resource-policy")
    if header is None:
        return "corp-not-implemented"
    return {
        "same-origin": "corp-implemented-with-same-origin",
        "same-site": "corp-implemented-with-same-site",
        "cross-origin": "corp-implemented-with-cross-origin",
    }.get(header.strip().lower(), "corp-header-invalid")


def score(results):
    modifiers = [SCORES[result] for result in results]
    total = 100 + sum(m for m in modifiers if m < 0)
    if total >= 90:
        total += sum(m for m in modifiers if m > 0)
    return max(total, 0)


def grade(total):
    rounded = min(total - total % 5, 100)
    return next(letter for floor, letter in GRADES if rounded >= floor)
