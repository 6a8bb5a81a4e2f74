"""What visitors type, and the resource they are looking for, on the CARE demo content.

Each query was written down before the search was tuned: in English and in Spanish, singular
and plural, with and without accents (visitors often type Spanish without them). For each, a
named resource must be among the first three results, and no page that only leads elsewhere
(the landing page, an index page, a standard page or a form) may be ranked above it: someone
searching for "health equity" wants resources about it, not the library's front page or the
form to suggest one."""

import pytest

from events.models import EventIndexPage
from forms.models import FormPage
from home.models import HomePage, StandardPage
from partners.models import PartnerIndexPage
from resources.models import ResourceIndexPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seeded")]

# Pages that lead to resources rather than being one: never above the resource searched for.
SIGNPOSTS = (HomePage, StandardPage, FormPage, ResourceIndexPage, PartnerIndexPage, EventIndexPage)

HEALTH_EQUITY = (
    "Choosing Indicators for a Health Equity Dashboard (demo)",
    "Model Ordinance: Establishing a Municipal Office of Health Equity (demo)",
    "Paid Sick Leave Laws and Health Equity: a State Survey (demo)",
)
RACIAL_EQUITY = (
    "Racial Equity Impact Assessment Toolkit (demo)",
    "CEO Action for Racial Equity Video: Social Determinants of Health",
)
HEALTH_DEPARTMENTS = (
    "Language Access Policy Template for Health Departments (demo)",
    "From Declaration to Action: Lessons from Twelve Health Departments (demo)",
)
COUNTY_HEALTH = "2023 County Health Rankings National Findings Report"
CEO_VIDEO = "CEO Action for Racial Equity Video: Social Determinants of Health"
EQUITY_OFFICES_ES = "Panorama de las oficinas estatales y locales de equidad"
CEO_VIDEO_ES = "Video de CEO Action for Racial Equity: determinantes sociales de la salud"
COUNTY_HEALTH_ES = "Informe nacional de resultados de County Health Rankings 2023"

# (language, what the visitor typed, the resource they want: a title, or any of several)
QUERIES = [
    ("en", "health equity", HEALTH_EQUITY),
    ("en", "racial equity", RACIAL_EQUITY),
    ("en", "health departments", HEALTH_DEPARTMENTS),
    ("en", "equity offices", "Overview of State and Local Equity Offices"),
    ("en", "social determinants", CEO_VIDEO),
    ("en", "civic health", COUNTY_HEALTH),
    ("en", "community health workers", "Community Health Workers in Their Own Words (demo video)"),
    # Plural typed, singular in the title.
    ("en", "assessments", "Racial Equity Impact Assessment Toolkit (demo)"),
    ("en", "municipal offices", HEALTH_EQUITY[1]),
    ("es", "oficinas de equidad", EQUITY_OFFICES_ES),
    # Singular typed, plural in the title.
    ("es", "oficina equidad", EQUITY_OFFICES_ES),
    ("es", "determinante social", CEO_VIDEO_ES),
    ("es", "recursos equidad", EQUITY_OFFICES_ES),
    ("es", "equidad en salud", CEO_VIDEO_ES),
    # Typed without the accents the text has ("cívica", "participación", "discriminación").
    ("es", "civica", COUNTY_HEALTH_ES),
    ("es", "participacion civica", COUNTY_HEALTH_ES),
    ("es", "discriminacion", COUNTY_HEALTH_ES),
    ("es", "politicas", CEO_VIDEO_ES),
    # And with them.
    ("es", "cívica", COUNTY_HEALTH_ES),
]


def ranked(client, language, query):
    """The first page of results: (title, page type) in order."""
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return [
        (result.title, result.page.specific_class) for result in response.context["search_results"]
    ]


@pytest.mark.parametrize(
    ("language", "query", "wanted"), QUERIES, ids=[f"{lang}:{query}" for lang, query, _ in QUERIES]
)
def test_the_resource_searched_for_comes_first(client, language, query, wanted):
    wanted = (wanted,) if isinstance(wanted, str) else wanted
    found = ranked(client, language, query)
    titles = [title for title, _model in found]
    position = next((index for index, title in enumerate(titles) if title in wanted), None)
    assert position is not None and position < 3, f"{wanted} not in the top three: {titles[:5]}"
    above = [title for title, model in found[:position] if issubclass(model, SIGNPOSTS)]
    assert above == [], f"ranked above {titles[position]!r}: {above}"
