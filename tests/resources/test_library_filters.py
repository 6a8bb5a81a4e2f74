"""The resource library's faceted filters, keyword search, counts, sorting, pagination and
bad-parameter handling, checked on the rendered HTML (see the `library` fixture for the data)."""

import datetime

import pytest

from partners.factories import PartnerIndexPageFactory, PartnerPageFactory
from resources.factories import ResourcePageFactory, TopicFactory
from resources.filters import FACET_SHOWN
from resources.models import RESOURCES_PER_PAGE, ResourcePage
from tests.helpers import collapse, soup

pytestmark = pytest.mark.django_db


def titles(response):
    """The titles of the resource cards, in page order."""
    return [collapse(h.get_text()) for h in soup(response).select(".library__results .card__title")]


def facets(response):
    """{facet name: {value: (count, checked, disabled)}} as the filter form shows them."""
    found = {}
    for fieldset in soup(response).select("form.library__filters fieldset.facet"):
        for item in fieldset.select(".facet__option"):
            box = item.find("input", type="checkbox")
            count = int(item.select_one(".facet__count").get_text())
            found.setdefault(box["name"], {})[box["value"]] = (
                count,
                box.has_attr("checked"),
                box.has_attr("disabled"),
            )
    return found


def result_count(response):
    return collapse(soup(response).select_one("#results-heading").get_text())


# Filtering -------------------------------------------------------------------------------------


def test_unfiltered_library_lists_everything_newest_first(client, library, resource_index):
    response = client.get(resource_index.url)
    assert response.status_code == 200
    assert titles(response) == [
        "Alpha report",
        "Gamma video",
        "Beta report",
        "Delta video",
        "Epsilon tool",
        "Zeta law",  # no date: last
    ]
    assert result_count(response) == "6 resources"


def test_values_of_one_facet_widen_the_list(client, library, resource_index):
    response = client.get(resource_index.url, {"topic": ["data", "civic"]})
    assert sorted(titles(response)) == [
        "Beta report",
        "Delta video",
        "Epsilon tool",
        "Gamma video",
    ]


def test_facets_narrow_each_other(client, library, resource_index):
    response = client.get(resource_index.url, {"topic": ["policy", "data"], "type": "report"})
    assert sorted(titles(response)) == ["Alpha report", "Beta report", "Epsilon tool"]

    response = client.get(
        resource_index.url,
        {"topic": ["policy", "data"], "type": "report", "partner": "lawnet", "year": "2023"},
    )
    assert titles(response) == ["Alpha report"]
    assert result_count(response) == "1 resource"


def test_year_and_publisher_facets(client, library, resource_index):
    response = client.get(resource_index.url, {"year": ["2021", "2022"]})
    assert sorted(titles(response)) == ["Beta report", "Delta video", "Epsilon tool"]
    response = client.get(resource_index.url, {"partner": "healthorg"})
    assert sorted(titles(response)) == ["Beta report", "Epsilon tool"]


def test_each_option_counts_with_the_other_facets_applied(client, library, resource_index):
    response = client.get(resource_index.url, {"topic": "policy", "type": "video"})
    shown = facets(response)
    # Topics are counted among videos (the type filter), whatever topic is chosen.
    assert shown["topic"] == {
        "policy": (0, True, False),  # chosen: stays enabled so it can be unticked
        "data": (1, False, False),
        "civic": (1, False, False),
        "unused": (0, False, True),
    }
    # Types are counted among resources on policy (the topic filter).
    assert shown["type"] == {"report": (3, False, False), "video": (0, True, False)}
    # Publishers and years are counted with both filters: policy AND video is nothing.
    assert all(count == 0 for count, _, _ in shown["partner"].values())
    assert all(count == 0 for count, _, _ in shown["year"].values())
    assert titles(response) == []


@pytest.mark.parametrize(
    "chosen",
    [
        {},
        {"topic": ["policy"]},
        {"topic": ["data", "civic"], "year": ["2023"]},
        {"type": ["report"], "partner": ["healthorg"], "q": "report"},
        {"topic": ["unused"], "year": ["1999"]},  # a choice matching nothing, one unknown
    ],
)
def test_every_count_is_the_number_of_results_that_option_would_give(
    client, library, resource_index, chosen
):
    """An option's count is what the list holds once it is the facet's only choice, with the
    other facets' choices and the keywords kept: for every option, under several choices."""
    shown = facets(client.get(resource_index.url, chosen))
    for name, options in shown.items():
        for value, (count, _checked, _disabled) in options.items():
            listed = titles(client.get(resource_index.url, {**chosen, name: [value]}))
            assert len(listed) == count, f"{name}={value} under {chosen}: {count} vs {listed}"


def test_zero_count_options_are_disabled_not_hidden(client, library, resource_index):
    response = client.get(resource_index.url, {"type": "video"})
    shown = facets(response)
    assert shown["topic"]["policy"] == (0, False, True)
    assert shown["topic"]["unused"] == (0, False, True)
    assert shown["partner"] == {"healthorg": (0, False, True), "lawnet": (1, False, False)}
    assert shown["year"] == {
        "2023": (1, False, False),
        "2022": (0, False, True),
        "2021": (1, False, False),
    }
    label = soup(response).find("label", attrs={"for": "filter-topic-1"})
    assert "0 resources" in collapse(label.get_text())


def test_unfiltered_counts_are_the_library_totals(client, library, resource_index):
    shown = facets(client.get(resource_index.url))
    assert {value: count for value, (count, _, _) in shown["topic"].items()} == {
        "policy": 3,
        "data": 2,
        "civic": 2,
        "unused": 0,
    }
    assert {value: count for value, (count, _, _) in shown["type"].items()} == {
        "report": 3,
        "video": 2,
    }
    assert list(shown["year"]) == ["2023", "2022", "2021"]


def test_keywords_combine_with_facets(client, library, resource_index):
    # "report" is in two titles, and the type of a third.
    response = client.get(resource_index.url, {"q": "report"})
    assert sorted(titles(response)) == ["Alpha report", "Beta report", "Epsilon tool"]
    response = client.get(resource_index.url, {"q": "report", "partner": "healthorg"})
    assert sorted(titles(response)) == ["Beta report", "Epsilon tool"]
    # Counts respect the keywords too.
    shown = facets(client.get(resource_index.url, {"q": "report"}))
    assert shown["partner"] == {"healthorg": (2, False, False), "lawnet": (1, False, False)}
    assert shown["type"]["video"] == (0, False, True)


def test_keywords_find_words_in_the_summary_topics_and_publisher(client, library, resource_index):
    assert titles(client.get(resource_index.url, {"q": "Summary of Gamma"})) == ["Gamma video"]
    assert sorted(titles(client.get(resource_index.url, {"q": "civic"}))) == [
        "Delta video",
        "Epsilon tool",
    ]
    assert sorted(titles(client.get(resource_index.url, {"q": "Law Network"}))) == [
        "Alpha report",
        "Gamma video",
    ]


# Sorting and pages -----------------------------------------------------------------------------


def test_sort_orders(client, library, resource_index):
    oldest = titles(client.get(resource_index.url, {"sort": "oldest"}))
    assert oldest[:2] == ["Delta video", "Epsilon tool"]
    assert oldest[-1] == "Zeta law"
    assert titles(client.get(resource_index.url, {"sort": "title"})) == [
        "Alpha report",
        "Beta report",
        "Delta video",
        "Epsilon tool",
        "Gamma video",
        "Zeta law",
    ]
    # An unknown order falls back to newest first.
    newest = titles(client.get(resource_index.url, {"sort": "sideways"}))
    assert newest[0] == "Alpha report"


def test_sort_menu_keeps_the_filters(client, library, resource_index):
    response = client.get(resource_index.url, {"topic": "policy", "sort": "title"})
    form = soup(response).select_one("form.library__sort")
    hidden = {(i["name"], i["value"]) for i in form.find_all("input", type="hidden")}
    assert hidden == {("topic", "policy")}
    selected = form.find("option", selected=True)
    assert selected["value"] == "title"
    # The filter form keeps the chosen order.
    filters = soup(response).select_one("form.library__filters")
    assert filters.find("input", attrs={"name": "sort"})["value"] == "title"


def test_best_match_is_offered_and_chosen_when_searching(client, library, resource_index):
    plain = soup(client.get(resource_index.url)).select("#library-sort option")
    assert [option["value"] for option in plain] == ["newest", "oldest", "title"]
    searching = soup(client.get(resource_index.url, {"q": "video"})).select("#library-sort option")
    assert searching[0]["value"] == "relevance"
    assert searching[0].has_attr("selected")


def test_twelve_a_page_and_pages_keep_the_filters(client, resource_index):
    topic = TopicFactory(name="Policy", slug="policy")
    for number in range(RESOURCES_PER_PAGE + 3):
        ResourcePageFactory(
            parent=resource_index,
            title=f"Resource {number:02d}",
            topics=[topic],
            publication_date=datetime.date(2023, 1, 1) - datetime.timedelta(days=number),
        )
    first = client.get(resource_index.url, {"topic": "policy"})
    assert len(titles(first)) == RESOURCES_PER_PAGE
    assert result_count(first) == f"{RESOURCES_PER_PAGE + 3} resources"
    next_link = soup(first).find("a", rel="next")
    assert next_link["href"] == "?topic=policy&page=2"
    second = client.get(resource_index.url + next_link["href"])
    assert titles(second) == ["Resource 12", "Resource 13", "Resource 14"]


# Removing filters -------------------------------------------------------------------------------


def test_each_active_filter_has_a_remove_link(client, library, resource_index):
    response = client.get(
        resource_index.url,
        {"topic": ["policy", "data"], "year": "2023", "q": "report", "sort": "title", "page": 1},
    )
    chips = {collapse(a.get_text()): a["href"] for a in soup(response).select("a.filter-chip")}
    base = resource_index.url
    assert chips == {
        "Remove Keywords: “report” ×": f"{base}?topic=policy&topic=data&year=2023&sort=title",
        "Remove Topic: Policy and law ×": f"{base}?topic=data&year=2023&q=report&sort=title",
        "Remove Topic: Data and research ×": f"{base}?topic=policy&year=2023&q=report&sort=title",
        "Remove Year: 2023 ×": f"{base}?topic=policy&topic=data&q=report&sort=title",
    }
    clear = soup(response).select_one("a.active-filters__clear")
    assert collapse(clear.get_text()) == "Clear all"
    assert clear["href"] == f"{base}?sort=title"


def test_no_active_filters_block_without_filters(client, library, resource_index):
    response = client.get(resource_index.url)
    assert soup(response).select_one(".active-filters") is None


def test_no_results_state_offers_a_way_back(client, library, resource_index):
    response = client.get(resource_index.url, {"topic": "policy", "type": "video"})
    empty = soup(response).select_one(".empty-state")
    assert "No resources match these filters." in collapse(empty.get_text())
    assert empty.find("a")["href"] == resource_index.url


def test_an_empty_library_offers_its_terms_with_nothing_to_count(client, resource_index):
    TopicFactory(name="Policy and law", slug="policy")
    for params in ({}, {"topic": "policy"}, {"q": "equity", "year": "2023"}):
        response = client.get(resource_index.url, params)
        assert response.status_code == 200
        assert titles(response) == []
        assert facets(response)["topic"]["policy"][0] == 0
        assert "year" not in facets(response), "no resource, no year to offer"


# Bad or unknown parameters ---------------------------------------------------------------------


BAD_PARAMETERS = [
    {"topic": "nope"},
    {"type": "nope", "partner": "nope"},
    {"year": "20x3"},
    {"year": "99999999999999999999"},
    {"page": "999"},
    {"page": "abc"},
    {"page": "-1"},
    {"sort": "<script>"},
    {"q": "x" * 5000},
    {"q": 'equity "unbalanced (quote* OR -NOT AND NEAR(a b) ^ ~ : ;'},
    {"q": "   "},
    {"q": "\x00 nul"},
    {"topic": "\x00", "type": "a\x00b", "partner": "\x00", "year": "\x00", "sort": "\x00"},
    {"topic": "<script>alert(1)</script>", "type": "../../etc"},
    {"topic": ["policy"] * 50 + ["x" * 500]},
    {"unknown": "parameter"},
]


def test_bad_parameters_give_a_page_not_an_error(client, library, resource_index):
    for params in BAD_PARAMETERS:
        response = client.get(resource_index.url, params)
        assert response.status_code == 200, params
        assert soup(response).select_one("#results-heading") is not None, params


def test_unknown_values_are_left_out_with_a_note(client, library, resource_index):
    response = client.get(resource_index.url, {"topic": ["nope", "data"], "year": "20x3"})
    assert sorted(titles(response)) == ["Beta report", "Gamma video"]
    note = soup(response).select_one(".notice")
    assert "2 filters in this link no longer exist and were left out." in collapse(note.get_text())
    # Only unknown values: the whole library, not an empty page.
    assert len(titles(client.get(resource_index.url, {"topic": "nope"}))) == 6


def test_out_of_range_pages_show_a_real_page(client, library, resource_index):
    assert titles(client.get(resource_index.url, {"page": "999"})) == titles(
        client.get(resource_index.url)
    )
    assert len(titles(client.get(resource_index.url, {"page": "abc"}))) == 6


def test_long_keywords_are_cut_to_a_sensible_length(client, library, resource_index):
    response = client.get(resource_index.url, {"q": "report " * 1000})
    assert response.status_code == 200
    assert len(response.context["library"].query) <= 200
    assert soup(response).find("input", id="library-q")["value"].startswith("report report")


# Search engines ---------------------------------------------------------------------------------


def robots(response):
    tag = soup(response).find("meta", attrs={"name": "robots"})
    return tag["content"] if tag else None


def test_one_facet_value_may_be_indexed_combinations_may_not(client, library, resource_index):
    assert robots(client.get(resource_index.url)) is None
    assert robots(client.get(resource_index.url, {"topic": "policy"})) is None
    assert robots(client.get(resource_index.url, {"topic": "policy", "sort": "title"})) is None
    for params in (
        {"topic": ["policy", "data"]},
        {"topic": "policy", "type": "report"},
        {"year": "2023", "partner": "lawnet"},
        {"q": "report"},
    ):
        response = client.get(resource_index.url, params)
        assert robots(response) == "noindex", params
        assert response["X-Robots-Tag"] == "noindex"
    assert "X-Robots-Tag" not in client.get(resource_index.url, {"topic": "policy"})


def test_canonical_link_is_the_unfiltered_list(client, library, resource_index):
    for params in ({}, {"topic": "policy"}, {"topic": ["policy", "data"], "page": "2"}):
        canonical = soup(client.get(resource_index.url, params)).find("link", rel="canonical")
        assert canonical["href"] == resource_index.full_url


# Cards --------------------------------------------------------------------------------------------


def test_cards_show_what_a_practitioner_needs(client, library, resource_index):
    response = client.get(resource_index.url, {"partner": "lawnet", "type": "report"})
    card = soup(response).select_one(".library__results .card")
    text = collapse(card.get_text(" "))
    for expected in [
        "Report",
        "Alpha report",
        "Summary of Alpha report.",
        "Policy and law",
        "Law Network",
        "June 1, 2023",
        "External website (example.org)",
    ]:
        assert expected in text, expected
    assert card.find("a")["href"] == library["alpha"].url


def test_cards_tell_a_download_from_a_website(client, resource_index):
    from home.factories import DocumentFactory

    document = DocumentFactory(title="Findings")
    document.file_size = 1536
    document.save()
    ResourcePageFactory(
        parent=resource_index, title="A download", external_url="", document=document
    )
    text = collapse(soup(client.get(resource_index.url)).select_one(".card").get_text(" "))
    assert "PDF download, 1.5 KB" in text
    assert "External website" not in text


def test_best_match_follows_the_search_backends_ranking(client, resource_index):
    for number, summary in enumerate(["walrus", "walrus walrus walrus", "a walrus in the text"]):
        ResourcePageFactory(
            parent=resource_index,
            title=f"Guide {number}",
            summary=f"About the {summary}.",
            publication_date=datetime.date(2020 + number, 1, 1),
        )
    ResourcePageFactory(parent=resource_index, title="Unrelated")
    ranked = [page.title for page in ResourcePage.objects.live().search("walrus")]
    assert titles(client.get(resource_index.url, {"q": "walrus"})) == ranked
    assert titles(client.get(resource_index.url, {"q": "walrus", "sort": "newest"})) == [
        "Guide 2",
        "Guide 1",
        "Guide 0",
    ]


def test_keywords_show_only_the_librarys_own_public_resources(client, resource_index):
    """What the search finds across the site is narrowed to what this library shows: not a
    draft, a private resource, nor one of another library."""
    from wagtail.models import PageViewRestriction

    from resources.factories import ResourceIndexPageFactory

    shown = ResourcePageFactory(parent=resource_index, title="Walrus guide")
    ResourcePageFactory(parent=resource_index, title="Walrus draft", live=False)
    private = ResourcePageFactory(parent=resource_index, title="Walrus for members")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    elsewhere = ResourceIndexPageFactory(parent=resource_index.get_parent(), slug="elsewhere")
    ResourcePageFactory(parent=elsewhere, title="Walrus elsewhere")
    assert ResourcePage.objects.search("walrus").count() == 4
    response = client.get(resource_index.url, {"q": "walrus"})
    assert titles(response) == [shown.title]
    assert result_count(response) == "1 resource"


# Long facets -----------------------------------------------------------------------------------


def test_a_long_facet_shows_its_most_used_options_and_reaches_the_rest_without_javascript(
    client, resource_index
):
    directory = PartnerIndexPageFactory(parent=resource_index.get_parent())
    publishers = [
        PartnerPageFactory(parent=directory, title=f"Publisher {n:02d}", slug=f"pub-{n:02d}")
        for n in range(FACET_SHOWN + 4)
    ]
    # Publisher n publishes n + 1 resources: the last FACET_SHOWN are the most used.
    for n, publisher in enumerate(publishers):
        for copy in range(n + 1):
            ResourcePageFactory(
                parent=resource_index, title=f"R{n}-{copy}", publisher_page=publisher
            )

    response = client.get(resource_index.url, {"partner": "pub-00"})
    shown = facets(response)["partner"]
    most_used = {f"pub-{n:02d}" for n in range(4, FACET_SHOWN + 4)}
    assert set(shown) == most_used | {"pub-00"}, "the most used, and the one chosen"
    assert shown["pub-00"] == (1, True, False)
    more = soup(response).select_one("#facet-partner .facet__more a")
    assert collapse(more.get_text()) == f"Show all {FACET_SHOWN + 4} options for “Publisher”"

    everything = client.get(resource_index.url + more["href"].split("#")[0])
    assert len(facets(everything)["partner"]) == FACET_SHOWN + 4
    assert facets(everything)["partner"]["pub-00"][1], "the choice is kept"
    assert titles(everything) == ["R0-0"]
    assert not soup(everything).select("#facet-partner .facet__more")
