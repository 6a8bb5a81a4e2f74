"""The footer becomes a translatable snippet, one per language: its text and links move from
the site settings to the default language's footer, and the Translators (home/roles.py) get
the footer permissions that now exist."""

import json
import uuid

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import wagtail.fields

from home.roles import sync_roles


def move_footer_to_snippet(apps, schema_editor):
    SiteSettings = apps.get_model("home", "SiteSettings")
    Footer = apps.get_model("home", "Footer")
    Locale = apps.get_model("wagtailcore", "Locale")
    locale = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if locale is None or Footer.objects.filter(locale=locale).exists():
        return
    site_settings = (
        SiteSettings.objects.filter(site__is_default_site=True).first()
        or SiteSettings.objects.first()
    )
    if site_settings is None:
        return
    if not site_settings.footer_text and not site_settings.footer_links:
        return
    Footer.objects.create(
        locale=locale,
        text=site_settings.footer_text,
        links=json.dumps(list(site_settings.footer_links.raw_data)),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0005_editorial_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="Footer",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                (
                    "text",
                    models.TextField(
                        blank=True,
                        help_text="A short line about the Collaborative shown in the footer.",
                        max_length=500,
                    ),
                ),
                (
                    "links",
                    wagtail.fields.StreamField(
                        [("link", 3)],
                        blank=True,
                        block_lookup={
                            0: (
                                "wagtail.blocks.CharBlock",
                                (),
                                {
                                    "help_text": "Link text that says where it leads, e.g. "
                                    "'Suggest a resource'.",
                                    "max_length": 80,
                                },
                            ),
                            1: (
                                "wagtail.blocks.PageChooserBlock",
                                (),
                                {
                                    "help_text": "Link to a page on this site, or give a web "
                                    "address below.",
                                    "required": False,
                                },
                            ),
                            2: (
                                "wagtail.blocks.URLBlock",
                                (),
                                {
                                    "help_text": "Only if no page is chosen above.",
                                    "label": "Web address",
                                    "required": False,
                                },
                            ),
                            3: (
                                "wagtail.blocks.StructBlock",
                                [[("label", 0), ("page", 1), ("external_url", 2)]],
                                {},
                            ),
                        },
                        help_text="Links in the footer, such as About and Privacy.",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "footer",
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(fields=("locale",), name="one_footer_per_language")
                ],
                "unique_together": {("translation_key", "locale")},
            },
        ),
        migrations.RunPython(move_footer_to_snippet, migrations.RunPython.noop),
        migrations.RemoveField(model_name="sitesettings", name="footer_links"),
        migrations.RemoveField(model_name="sitesettings", name="footer_text"),
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
    ]
