"""Public forms ("Suggest a resource", "Connect with us") built by editors with Wagtail's form
builder; submissions are stored and can be exported from the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.search import index

from home.models import INLINE_RICH_TEXT, BasePage


class FormField(AbstractFormField):
    page = ParentalKey("FormPage", on_delete=models.CASCADE, related_name="form_fields")


class FormPage(AbstractEmailForm, BasePage):
    """A form visitors fill in; editors choose its fields and who is told of submissions."""

    intro = RichTextField(
        blank=True,
        features=INLINE_RICH_TEXT + ["ul", "ol"],
        help_text=_("Shown above the form: what it is for and what happens next."),
    )
    thank_you_text = RichTextField(
        features=INLINE_RICH_TEXT,
        help_text=_("Shown after someone sends the form."),
    )
    submit_label = models.CharField(
        max_length=40, default="Send", help_text=_("Text of the button that sends the form.")
    )

    parent_page_types = ["home.HomePage", "events.EventIndexPage", "home.StandardPage"]
    subpage_types = []

    search_fields = [*BasePage.search_fields, index.SearchField("intro")]

    content_panels = [
        *BasePage.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("submit_label"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Email notification to staff"),
        ),
    ]
    api_fields = [*BasePage.api_fields, APIField("intro"), APIField("thank_you_text")]

    class Meta:
        verbose_name = _("form page")
