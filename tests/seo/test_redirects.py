"""Moving or renaming a page leaves a permanent redirect from its old address, in each language
(WAGTAILREDIRECTS_AUTO_CREATE), so shared links and search results keep working."""

from django.conf import settings

import pytest

from home.factories import StandardPageFactory
from tests.seo.conftest import translate

pytestmark = pytest.mark.django_db


def follow_old_address(client, old_url, new_url):
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(new_url)
    arrived = client.get(old_url, follow=True)
    assert arrived.status_code == 200
    assert arrived.redirect_chain[-1][0].endswith(new_url)
    return arrived


def test_automatic_redirects_are_on():
    assert settings.WAGTAILREDIRECTS_AUTO_CREATE is True
    assert "wagtail.contrib.redirects" in settings.INSTALLED_APPS
    assert "wagtail.contrib.redirects.middleware.RedirectMiddleware" in settings.MIDDLEWARE


def test_moving_a_page_redirects_its_old_address(client, home_page):
    about = StandardPageFactory(parent=home_page, title="About", slug="about")
    team = StandardPageFactory(parent=about, title="Team", slug="team")
    elsewhere = StandardPageFactory(parent=home_page, title="Who we are", slug="who-we-are")
    old_url = team.url
    assert old_url == "/en/about/team/"

    team.move(elsewhere, pos="last-child")
    team.refresh_from_db()
    assert team.url == "/en/who-we-are/team/"

    arrived = follow_old_address(client, old_url, team.url)
    assert arrived.context["page"].pk == team.pk


def rename(page, slug, capture_on_commit):
    """Publish `page` under a new slug, as an editor would. Wagtail sends `page_slug_changed`
    when the transaction commits, which a test stands in for."""
    page.slug = slug
    with capture_on_commit(execute=True):
        page.save_revision().publish()


def test_renaming_a_page_redirects_its_old_address_and_its_childrens(
    client, home_page, django_capture_on_commit_callbacks
):
    about = StandardPageFactory(parent=home_page, slug="about")
    team = StandardPageFactory(parent=about, slug="team")
    rename(about, "about-care", django_capture_on_commit_callbacks)
    team.refresh_from_db()

    follow_old_address(client, "/en/about/", "/en/about-care/")
    follow_old_address(client, "/en/about/team/", team.url)


def test_spanish_pages_get_their_own_redirects(
    client, home_page, spanish_home, spanish, django_capture_on_commit_callbacks
):
    about = StandardPageFactory(parent=home_page, slug="about")
    team = StandardPageFactory(parent=home_page, slug="team")
    spanish_about = translate(about, spanish, slug="acerca-de")
    spanish_team = translate(team, spanish, slug="equipo")

    rename(spanish_about, "quienes-somos", django_capture_on_commit_callbacks)
    spanish_about.refresh_from_db()
    follow_old_address(client, "/es/acerca-de/", "/es/quienes-somos/")

    spanish_team.move(spanish_about, pos="last-child")
    spanish_team.refresh_from_db()
    assert spanish_team.url == "/es/quienes-somos/equipo/"
    follow_old_address(client, "/es/equipo/", spanish_team.url)

    # The English pages did not move, so their addresses answer as before.
    assert client.get("/en/about/").status_code == 200
    assert client.get("/en/team/").status_code == 200


def test_an_address_that_never_existed_is_still_not_found(client, home_page):
    assert client.get("/en/never-was/").status_code == 404
