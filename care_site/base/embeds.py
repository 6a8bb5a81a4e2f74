"""Videos are looked up on the video site when a page is published (in the background where
a task worker runs), never while a visitor waits: pages show the player Wagtail stored, or a
plain link to the video until it is there. Each page type says which videos it shows
(`BasePage.embed_urls`)."""

import logging

from django.utils.timezone import now

from wagtail.blocks import StreamValue
from wagtail.blocks.list_block import ListValue
from wagtail.embeds import embeds
from wagtail.embeds.blocks import EmbedValue
from wagtail.embeds.exceptions import EmbedException
from wagtail.embeds.models import Embed

from django_tasks import task

from .background_tasks import queue_or_log

logger = logging.getLogger(__name__)


def stored_embed(url):
    """The player Wagtail keeps for `url`, or None; the video site is not asked."""
    if not url:
        return None
    fresh = Embed.objects.exclude(cache_until__lte=now())
    embed = fresh.filter(hash=embeds.get_embed_hash(url)).first()
    return embed if embed and embed.html else None


def urls_in(value):
    """The addresses of the embeds in a stream value, however deeply nested."""
    if isinstance(value, EmbedValue):
        yield value.url
    elif isinstance(value, StreamValue):
        for child in value:
            yield from urls_in(child.value)
    elif isinstance(value, dict):
        for item in value.values():
            yield from urls_in(item)
    elif isinstance(value, ListValue | list):
        for item in value:
            yield from urls_in(item)


@task()
def look_up_embeds(urls):
    for url in urls:
        try:
            embeds.get_embed(url)
        except EmbedException as error:
            logger.info("No player for %s: %s", url, error)


def look_up_when_published(sender, instance, **kwargs):
    """Receives `page_published`; publishing never fails because a video site is down."""
    urls = [url for url in dict.fromkeys(instance.embed_urls()) if not stored_embed(url)]
    if not urls:
        return
    queue_or_log(look_up_embeds, urls, what=f"the video look-up for page {instance.pk}")
