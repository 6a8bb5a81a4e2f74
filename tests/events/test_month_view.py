"""The community's meetings month by month: a calendar table with a caption, weekday column
headers, each meeting a link on its own day, today marked, links to the months either side,
and in Spanish with Spanish month and day names."""

import datetime

import pytest
import time_machine

from tests.events.conftest import LONDON, make_event, ny
from tests.helpers import soup

pytestmark = pytest.mark.django_db

MARCH_10 = ny(2027, 3, 10, 9)


def month_url(community, year, month):
    return community.url + community.reverse_subpage("month", args=(year, month))


def day_cell(table, day):
    """The cell of the table whose day number is `day`."""
    for cell in table.find_all("td"):
        number = cell.find(class_="month-calendar__day")
        if number and number.get_text() == str(day):
            return cell
    raise AssertionError(f"no cell for day {day}")


@time_machine.travel(MARCH_10, tick=False)
def test_the_month_lists_each_meeting_on_its_day(client, community):
    make_event(community, ny(2027, 3, 22, 14), title="March meeting")
    make_event(community, ny(2027, 4, 26, 14), title="April meeting")
    # 23:30 on March 31 in New York is April 1 in UTC: it is on March 31.
    make_event(community, ny(2027, 3, 31, 23, 30), minutes=20, title="Late meeting")
    # 00:30 on March 1 in London is still February 28 in New York: on March 1, its own day.
    make_event(
        community,
        datetime.datetime(2027, 3, 1, 0, 30, tzinfo=LONDON),
        time_zone="Europe/London",
        title="London meeting",
    )
    response = client.get(month_url(community, 2027, 3))
    assert response.status_code == 200
    table = soup(response).find("table", class_="month-calendar")
    assert table.caption.get_text(strip=True) == "March 2027"
    headers = table.thead.find_all("th")
    assert [th["scope"] for th in headers] == ["col"] * 7
    assert [th.abbr["title"] for th in headers][:2] == ["Sunday", "Monday"]

    meeting = day_cell(table, 22).find("a")
    assert meeting["href"] == community.get_children().get(title="March meeting").url
    assert "2 p.m." in meeting.get_text() or "2:00" in meeting.get_text()
    assert "March meeting" in meeting.get_text()
    assert "Late meeting" in day_cell(table, 31).get_text()
    assert "London meeting" in day_cell(table, 1).get_text()
    assert "April meeting" not in table.get_text()
    assert day_cell(table, 10)["aria-current"] == "date"
    assert len(table.find_all(attrs={"aria-current": "date"})) == 1


@time_machine.travel(MARCH_10, tick=False)
def test_previous_and_next_months_and_the_link_from_the_community_page(client, community):
    page = soup(client.get(community.url))
    link = page.find("a", href=community.url + "calendar/")
    assert link is not None
    this_month = client.get(link["href"])
    assert soup(this_month).find("caption").get_text(strip=True) == "March 2027"

    december = soup(client.get(month_url(community, 2027, 1)))
    assert december.find("a", rel="prev")["href"] == month_url(community, 2026, 12)
    assert december.find("a", rel="next")["href"] == month_url(community, 2027, 2)
    # No day of another month is today.
    assert december.find(attrs={"aria-current": "date"}) is None
    assert "No meetings this month." in december.get_text()


@pytest.mark.parametrize(
    "path",
    [
        "calendar/2027/13/",
        "calendar/2027/0/",
        "calendar/99999/1/",
        "calendar/garbage/",
        "calendar/2027/march/",
        "calendar/-1/3/",
        "calendar/1000/3/",
    ],
)
def test_a_month_that_is_not_shown_is_not_found(client, community, path):
    assert client.get(community.url + path).status_code == 404


@time_machine.travel(MARCH_10, tick=False)
def test_the_month_in_spanish(client, community, spanish, spanish_home):
    event = make_event(community, ny(2027, 3, 22, 14), title="March meeting")
    spanish_community = community.copy_for_translation(spanish)
    spanish_community.save_revision().publish()
    translation = event.copy_for_translation(spanish)
    translation.title = "Reunión de marzo"
    translation.save_revision().publish()
    spanish_community.refresh_from_db()
    assert spanish_community.url.startswith("/es/")

    page = soup(client.get(spanish_community.url))
    link = page.find("a", href=spanish_community.url + "calendar/")
    assert link.get_text(strip=True) == "Ver las reuniones mes a mes"

    response = client.get(month_url(spanish_community, 2027, 3))
    assert response.status_code == 200
    table = soup(response).find("table", class_="month-calendar")
    assert table.caption.get_text(strip=True) == "marzo de 2027"
    # The week starts on Monday in Spanish.
    assert [th.abbr["title"] for th in table.thead.find_all("th")][:2] == ["lunes", "martes"]
    assert "Reunión de marzo" in day_cell(table, 22).get_text()
    assert soup(response).find("a", rel="next").get_text(strip=True) == "Mes siguiente"
