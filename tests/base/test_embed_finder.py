"""The bounded oEmbed finder against Wagtail's own, with a video site on 127.0.0.1: the same
player for the same answer; a slow, oversized or private-address answer refused in time."""

import http.server
import json
import threading
import time

from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.oembed import OEmbedFinder

import pytest

from care_site.base import embed_finder
from care_site.base.embed_finder import BoundedOEmbedFinder

ANSWER = {
    "type": "video",
    "title": "Social Determinants of Health",
    "author_name": "CEO Action",
    "provider_name": "Example video",
    "thumbnail_url": "https://video.example/thumb.jpg",
    "width": 640,
    "height": 360,
    "html": '<iframe src="https://video.example/embed/1"></iframe>',
    "cache_age": 3600,
}


class _VideoSite(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        if "slow" in self.path:
            time.sleep(1.5)
        body = json.dumps(ANSWER).encode()
        if "huge" in self.path:
            body = json.dumps({**ANSWER, "html": "x" * (embed_finder.MAX_BYTES + 10)}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


@pytest.fixture
def video_site(settings):
    settings.CARE_OUTBOUND_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _VideoSite)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def finders(endpoint):
    providers = [{"endpoint": endpoint, "urls": [r"^https://video\.example/.+$"]}]
    return OEmbedFinder(providers=providers), BoundedOEmbedFinder(providers=providers)


def without_expiry(found):
    return {key: value for key, value in found.items() if key != "cache_until"}


def test_the_same_player_as_wagtails_finder(video_site):
    wagtails, ours = finders(f"{video_site}/oembed")
    theirs = wagtails.find_embed("https://video.example/1", max_width=640)
    found = ours.find_embed("https://video.example/1", max_width=640)
    assert without_expiry(found) == without_expiry(theirs)
    assert abs((found["cache_until"] - theirs["cache_until"]).total_seconds()) < 5


def test_a_slow_video_site_is_given_up_on(video_site, monkeypatch):
    monkeypatch.setattr(embed_finder, "TIMEOUT_SECONDS", 0.3)
    _wagtails, ours = finders(f"{video_site}/slow")
    started = time.monotonic()
    with pytest.raises(EmbedNotFoundException):
        ours.find_embed("https://video.example/1")
    assert time.monotonic() - started < 1.2


def test_an_oversized_answer_is_refused(video_site):
    _wagtails, ours = finders(f"{video_site}/huge")
    with pytest.raises(EmbedNotFoundException, match="larger than"):
        ours.find_embed("https://video.example/1")


def test_an_endpoint_off_the_public_internet_is_not_opened(video_site, settings):
    settings.CARE_OUTBOUND_ALLOWED_NETWORKS = []
    _wagtails, ours = finders(f"{video_site}/oembed")
    with pytest.raises(EmbedNotFoundException, match="not a public internet address"):
        ours.find_embed("https://video.example/1")
