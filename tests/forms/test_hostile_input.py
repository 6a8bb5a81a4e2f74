"""Nothing a client sends is a 500. Every POST endpoint of the site, found by walking Django's URL
resolver and the seeded page tree (every page type, every form page, each routable page's own
routes), gets bodies that cannot be read as sent: invalid UTF-8, lone surrogates, five charsets
other than UTF-8, JSON nested 100,000 deep, 3 MB bodies and 20,000 fields, each with a valid
CSRF token and without one, as production serves them (`DEBUG = False`, CSRF enforced, errors
rendered by the error handlers). A new endpoint or page type is covered without editing this
module. Then the reviewers' listing, CSV and XLSX of every form still open, rows stored earlier
with characters no export can hold included."""

import csv
import io
import json
import re
import time
from re import _constants as sre_constants
from re import _parser as sre_parse

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

import openpyxl
import pytest

from forms import spam
from forms.models import FormPage, Submission

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

CHARSETS = ["utf-16", "latin-1", "us-ascii", "cp1252", "utf-32"]
DEEP = 100_000
BIG = 3 * 1024 * 1024
MANY_FIELDS = 20_000
BOUNDARY = "hostileboundary"
FORM = "application/x-www-form-urlencoded"
MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
JSON = "application/json"


# Finding every POST endpoint ------------------------------------------------------------------


def sample_of_regex(regex, number):
    """A short string `regex` matches, with `number` wherever digits are wanted."""

    def generate(items):
        out = []
        for op, value in items:
            if op is sre_constants.LITERAL:
                out.append(chr(value))
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                low, _high, sub = value
                if list(sub) == [(sre_constants.IN, [(sre_constants.CATEGORY, DIGIT)])]:
                    out.append(str(number))
                else:
                    out.append(generate(sub) * max(low, 1))
            elif op is sre_constants.SUBPATTERN:
                out.append(generate(value[-1]))
            elif op is sre_constants.BRANCH:
                out.append(generate(value[1][0]))
            elif op is sre_constants.IN:
                out.append(str(number)[0] if (sre_constants.CATEGORY, DIGIT) in value else "x")
            elif op is sre_constants.ANY:
                out.append("x")
        return "".join(out)

    DIGIT = sre_constants.CATEGORY_DIGIT  # noqa: N806
    return generate(sre_parse.parse(regex))


def sample_of_pattern(pattern, number):
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        for name, converter in pattern.converters.items():
            value = str(number) if converter.regex == "[0-9]+" else "x"
            route = re.sub(rf"<(\w+:)?{name}>", value, route)
        return route
    assert isinstance(pattern, RegexPattern), pattern
    return sample_of_regex(pattern.regex.pattern, number)


def walk(patterns, prefix, number):
    """(path, URLPattern) for every pattern below `patterns`, filled with sample values."""
    for entry in patterns:
        path = prefix + sample_of_pattern(entry.pattern, number)
        if isinstance(entry, URLResolver):
            yield from walk(entry.url_patterns, path, number)
        else:
            assert isinstance(entry, URLPattern)
            yield path, entry


def page_routes():
    """One live page of each type in each language, every form page, and each routable page's
    own routes (calendars, feeds, …)."""
    chosen = {}
    for page in Page.objects.live().filter(depth__gt=1).specific().order_by("path"):
        if isinstance(page, FormPage):
            chosen[page.pk] = page
        else:
            chosen.setdefault((type(page), page.locale_id), page)
    for page in chosen.values():
        url = page.get_url()
        yield url
        if isinstance(page, RoutablePageMixin):
            for path, _pattern in walk(page.get_subpage_urls(), url, page.pk):
                yield path


def post_endpoints(form_page):
    """Every path a POST can be sent to. Ids in routes are the form page's, so the form API
    and the preview endpoints reach their views."""
    paths = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for path, pattern in walk(get_resolver().url_patterns, "/", form_page.pk):
                if pattern.name != "wagtail_serve":  # the page tree's routes are below
                    paths.add(path)
    paths.update(page_routes())
    return sorted(paths)


# Bodies that cannot be read as sent -----------------------------------------------------------


def urlencoded(answers):
    return "&".join(f"{name}={value}" for name, value in answers.items())


def multipart(fields):
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
        + (value if isinstance(value, bytes) else value.encode())
        + b"\r\n"
        for name, value in fields.items()
    ]
    return b"".join(parts) + f"--{BOUNDARY}--\r\n".encode()


def hostile_bodies(form_page):
    """{name: (content type, body)}. The answers are otherwise valid (a fresh spam token, the
    consent ticked), so a body that got through would be stored."""
    token = spam.make_token(form_page, issued_at=time.time() - 60)
    answers = {
        spam.TOKEN_FIELD: token,
        spam.HONEYPOT_FIELD: "",
        "care_consent": "on",
        "email": "a@b.org",
    }
    text = urlencoded({**answers, "your_name": "Zoë Ñandú", "message": "Café"})
    json_answers = {**answers, "care_consent": True}
    bodies = {
        "invalid utf-8 form": (FORM, text.encode() + b"&message=caf\xe9\xff\xfe"),
        "invalid utf-8 multipart": (MULTIPART, multipart({**answers, "message": b"caf\xe9\xff"})),
        "invalid utf-8 json": (JSON, b'{"your_name": "caf\xe9\xff", "email": "a@b.org"}'),
        "lone surrogate json": (JSON, json.dumps({**json_answers, "your_name": "\ud800"})),
        "lone surrogate pair reversed json": (
            JSON,
            json.dumps({**json_answers, "message": "\udc00\ud800"}),
        ),
        "lone surrogate key json": (JSON, json.dumps({**json_answers, "\udfff": "x"})),
        "surrogate as cesu-8 form": (FORM, text.encode() + b"&message=%ED%A0%80"),
        "deep json array": (JSON, "[" * DEEP),
        "deep json object": (JSON, '{"a":' * DEEP),
        "deep json closed": (JSON, "[" * DEEP + "]" * DEEP),
        "3 MB form": (FORM, text + "&message=" + "a" * BIG),
        "3 MB multipart": (MULTIPART, multipart({**answers, "message": "a" * BIG})),
        "3 MB json": (JSON, json.dumps({**json_answers, "message": "a" * BIG})),
        "20,000 fields form": (FORM, "&".join(f"f{n}=1" for n in range(MANY_FIELDS))),
        "20,000 fields multipart": (
            MULTIPART,
            multipart({f"f{n}": "1" for n in range(MANY_FIELDS)}),
        ),
    }
    for charset in CHARSETS:
        bodies[f"{charset} form"] = (
            f"{FORM}; charset={charset}",
            text.encode(charset, errors="replace"),
        )
        as_json = json.dumps(json_answers, ensure_ascii=False).encode(charset, errors="replace")
        bodies[f"{charset} json"] = (f"{JSON}; charset={charset}", as_json)
    return bodies


# The tests ------------------------------------------------------------------------------------


@pytest.fixture
def form_page():
    return FormPage.objects.live().filter(locale__language_code="en").order_by("path").first()


@pytest.fixture
def visitor(form_page):
    """A browser as production sees it: CSRF enforced, exceptions rendered as error pages."""
    client = Client(enforce_csrf_checks=True, raise_request_exception=False)
    client.get(form_page.url)
    assert "csrftoken" in client.cookies
    return client


def takes_posts(visitor, path):
    """Whether a well-formed POST from this visitor reaches a view that takes it: not refused
    as a method (405) nor sent to sign in first."""
    token = visitor.cookies["csrftoken"].value
    response = visitor.post(path, {}, headers={"X-CSRFToken": token})
    sign_in = response.status_code == 302 and "/login/" in response["Location"]
    return response.status_code != 405 and not sign_in


def test_the_walk_finds_the_post_endpoints(visitor, form_page):
    endpoints = post_endpoints(form_page)
    assert len(endpoints) > 250
    taking = {path for path in endpoints if takes_posts(visitor, path)}
    expected = {f"/api/v2/forms/{form_page.pk}/", "/admin/login/", "/en/search/", "/es/search/"}
    expected |= {page.url for page in FormPage.objects.live()}
    assert expected <= taking


def test_no_unreadable_body_is_a_server_error(visitor, form_page):
    """Every body to every endpoint that takes posts, with the CSRF token and, for form bodies
    (the ones Django's CSRF check reads), without it; to every other endpoint, the bodies
    without a token, which Django's CSRF check reads before any view refuses them (on the SQLite
    pass only: refused before any view runs, they do not depend on the database)."""
    token = visitor.cookies["csrftoken"].value
    bodies = hostile_bodies(form_page)
    kept_before = Submission.objects.exclude(status=Submission.Status.SPAM).count()
    failures = []
    for path in post_endpoints(form_page):
        with_token = takes_posts(visitor, path)
        if not with_token and connection.vendor != "sqlite":
            # Refused by the CSRF check before any view runs: the database cannot change the
            # answer, and the SQLite pass of the suite sends them all.
            continue
        for name, (content_type, body) in bodies.items():
            variants = [{}] if content_type.startswith((FORM, MULTIPART)) else []
            if with_token:
                variants.append({"X-CSRFToken": token})
            elif not variants:
                continue
            for headers in variants:
                try:
                    response = visitor.generic(
                        "POST", path, body, content_type=content_type, headers=headers
                    )
                except Exception as error:  # raised past the error handlers: the server's 500
                    failures.append((repr(error)[:80], path, name, bool(headers)))
                    continue
                if response.status_code >= 500:
                    failures.append((response.status_code, path, name, bool(headers)))
    assert failures == []
    # None carries a valid token: whatever could be read is kept, in the spam folder only.
    assert Submission.objects.exclude(status=Submission.Status.SPAM).count() == kept_before


@pytest.mark.parametrize("name", ["lone surrogate json", "deep json array", "utf-16 json"])
def test_the_form_api_says_what_is_wrong_in_its_error_shape(client, form_page, name):
    content_type, body = hostile_bodies(form_page)[name]
    response = client.generic(
        "POST", f"/api/v2/forms/{form_page.pk}/", body, content_type=content_type
    )
    assert response.status_code == 400
    assert set(response.json()) == {"message"}
    assert response.json()["message"]


@pytest.mark.parametrize(
    ("name", "status"),
    [("utf-16 form", 400), ("3 MB form", 413), ("20,000 fields form", 400)],
)
def test_a_form_page_answers_with_a_plain_page(visitor, form_page, name, status):
    content_type, body = hostile_bodies(form_page)[name]
    token = visitor.cookies["csrftoken"].value
    response = visitor.generic(
        "POST", form_page.url, body, content_type=content_type, headers={"X-CSRFToken": token}
    )
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert "We could not read what was sent" in response.content.decode()


def test_the_admin_login_refuses_a_foreign_charset_with_a_400(visitor):
    body = "username=admin&password=caf\xe9".encode("latin-1")
    response = visitor.generic(
        "POST", "/admin/login/", body, content_type=f"{FORM}; charset=latin-1"
    )
    assert response.status_code == 400


def test_a_utf8_charset_however_spelled_is_read(client, form_page):
    content_type, body = hostile_bodies(form_page)["3 MB json"]
    answers = json.loads(body)
    answers["message"] = "Café"
    for spelling in ("utf-8", "UTF-8", "utf8"):
        response = client.generic(
            "POST",
            f"/api/v2/forms/{form_page.pk}/",
            json.dumps(answers),
            content_type=f"{JSON}; charset={spelling}",
        )
        assert response.status_code in (201, 400), response.content
        assert "charset" not in response.json()["message"]


# Reviewers' views survive rows stored with unwritable characters ------------------------------

# Lone surrogates can be stored by SQLite only (PostgreSQL refuses them); control characters by
# both, and XML, so XLSX, cannot hold them.
UNWRITABLE = ["\ud800 alone", "reversed \udc00\ud800", "escape \x1b[31m", "bell \x07 and \x0b"]


def has_surrogate(value):
    return any(0xD800 <= ord(char) <= 0xDFFF for char in value)


def store_what_the_database_takes(form_page):
    stored = []
    for value in UNWRITABLE:
        try:
            with transaction.atomic():
                Submission.objects.create(
                    page=form_page,
                    form_data={field.clean_name: value for field in form_page.get_form_fields()},
                )
        except DatabaseError:
            continue
        stored.append(value)
    takes_surrogates = connection.vendor == "sqlite"
    assert stored == [v for v in UNWRITABLE if takes_surrogates or not has_surrogate(v)]
    return stored


def test_reviewers_list_and_export_rows_stored_with_unwritable_characters(admin_client, form_page):
    stored = store_what_the_database_takes(form_page)
    total = form_page.get_submissions().count()
    replaced = len(stored) * len(form_page.get_form_fields())
    base = f"/admin/forms/submissions/{form_page.pk}/"

    listing = admin_client.get(base)
    assert listing.status_code == 200
    assert listing.content.decode().count("\ufffd") >= replaced

    export = admin_client.get(base, {"export": "csv"})
    assert export.status_code == 200
    text = b"".join(export.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 1 + total
    assert sum("\ufffd" in cell for row in rows for cell in row) >= replaced

    xlsx = admin_client.get(base, {"export": "xlsx"})
    assert xlsx.status_code == 200
    content = b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content
    sheet = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active
    cells = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert len(list(sheet.iter_rows())) == 1 + total
    assert sum("\ufffd" in cell for cell in cells if isinstance(cell, str)) >= replaced
