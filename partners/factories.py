import factory
import wagtail_factories

from . import models


class PartnerIndexPageFactory(wagtail_factories.PageFactory):
    title = "Collaborative Partners"
    slug = "partners"
    intro = "<p>The Collaborative's Core Partners.</p>"

    class Meta:
        model = models.PartnerIndexPage


class PartnerPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Partner {n}")
    summary = factory.Faker("sentence")
    description = "<p>A partner advancing health and racial equity.</p>"
    website = factory.Sequence(lambda n: f"https://partner-{n}.example.org")

    class Meta:
        model = models.PartnerPage
