import factory
import wagtail_factories

from . import models


class FormPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Form {n}")
    intro = "<p>Tell us what you think.</p>"
    thank_you_text = "<p>Thank you. We have received your message.</p>"
    to_address = "staff@care.example.org"
    from_address = "noreply@care.example.org"
    subject = "New form submission"

    class Meta:
        model = models.FormPage


class FormFieldFactory(factory.django.DjangoModelFactory):
    label = factory.Sequence(lambda n: f"Field {n}")
    field_type = "singleline"
    required = True

    class Meta:
        model = models.FormField
