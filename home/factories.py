from wagtail.models import Collection

import factory
import wagtail_factories

from . import models


class ImageFactory(wagtail_factories.ImageFactory):
    """An image with alt text, in the root collection."""

    title = factory.Sequence(lambda n: f"Image {n}")
    description = factory.Faker("sentence", nb_words=8)
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.ImageField(width=800, height=500, color="#2f6f73")


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Document {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.django.FileField(filename="report.pdf", data=b"%PDF-1.4 demo")


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Collaborative for Anti-Racism & Equity (CARE)"
    slug = "home"
    intro = "<p>A space for anyone engaging in health equity and anti-racism work.</p>"
    community_heading = "Share Your Voice: Join the Peer Learning Community"
    community_text = "<p>Connect with other public health practitioners.</p>"
    featured_heading = "Featured Resources"
    suggest_heading = "Suggest Resources to Share"
    suggest_text = "<p>Let us know about laws, policies, best practices, or research.</p>"
    partners_heading = "Collaborative Partners"
    partners_text = "<p>Learn more about each of the Collaborative's Core Partners.</p>"
    connect_heading = "Connect with Us"
    connect_text = "<p>Connect with the collaborative.</p>"

    class Meta:
        model = models.HomePage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"About page {n}")
    summary = factory.Faker("sentence")
    body = factory.LazyFunction(
        lambda: [("paragraph", "<p>The Collaborative connects partners.</p>")]
    )

    class Meta:
        model = models.StandardPage
