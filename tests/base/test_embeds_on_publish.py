"""A video block's player is looked up when its page is published; visitors are served what
was stored, or a link, and never make the server ask a video site."""

from unittest import mock

import pytest

from home.factories import StandardPageFactory
from tests.base.test_blocks import FAKE_EMBED
from tests.helpers import soup

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=abc123"


@pytest.fixture
def page_with_video(home_page):
    return StandardPageFactory(
        parent=home_page,
        slug="with-video",
        body=[("embed", {"video": VIDEO, "transcript": "<p>Words.</p>"})],
    )


def test_publishing_looks_up_the_player_once(client, page_with_video):
    with mock.patch(
        "wagtail.embeds.embeds.get_finder_for_embed", return_value=dict(FAKE_EMBED)
    ) as finder:
        page_with_video.save_revision().publish()
        page_with_video.save_revision().publish()  # already stored: not asked again
        response = client.get(page_with_video.url)
    assert [call.args[0] for call in finder.call_args_list] == [VIDEO]
    iframe = soup(response).select_one(".video-embed__frame iframe")
    assert iframe["src"] == "https://www.youtube-nocookie.com/embed/abc123"


def test_a_visit_shows_a_link_until_the_player_is_stored(client, page_with_video):
    with mock.patch("wagtail.embeds.embeds.get_finder_for_embed") as finder:
        response = client.get(page_with_video.url)
    finder.assert_not_called()
    assert soup(response).select_one(".video-embed__frame") is None
    assert soup(response).find("a", href=VIDEO) is not None
