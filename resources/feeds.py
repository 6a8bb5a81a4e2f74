"""An RSS feed of the library's newest resources, served at `feed/` under the library and
honouring the same filters as the page (so a feed of one topic is a link away)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.feedgenerator import Rss201rev2Feed

from care_site.base.public_address import absolute_url

FEED_LENGTH = 20
# Feed readers poll on a schedule: browsers and proxies may answer from a copy this many seconds
# old, so a crowd of readers costs one rendering, and a new resource shows within ten minutes.
CACHE_SECONDS = 600


class ResourceFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return response

    def get_object(self, request, page):
        self.request = request
        self.library = page.filter_resources(request.GET)
        return page

    def title(self, page):
        return page.seo_title or page.title

    def link(self, page):
        return page.get_full_url(self.request) + self.library.feed_querystring

    def feed_url(self, page):
        return absolute_url(self.request.get_full_path())

    def description(self, page):
        return page.summary or page.title

    def items(self, page):
        return self.library.newest(FEED_LENGTH)

    def item_title(self, resource):
        return resource.title

    def item_description(self, resource):
        return resource.summary

    def item_link(self, resource):
        return resource.get_full_url(self.request)

    def item_pubdate(self, resource):
        """Feeds need a datetime: the publication date at midnight in the site's time zone, else
        when the resource was first published on this site."""
        if resource.publication_date:
            midnight = datetime.datetime.combine(resource.publication_date, datetime.time())
            return timezone.make_aware(midnight)
        return resource.first_published_at

    def item_updateddate(self, resource):
        return resource.last_published_at

    def item_author_name(self, resource):
        return resource.publisher or None

    def item_categories(self, resource):
        categories = [topic.name for topic in resource.topics.all()]
        if resource.resource_type_id:
            categories.insert(0, resource.resource_type.name)
        return categories
