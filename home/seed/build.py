"""Builds the demo site. Idempotent: each object is looked up by a stable key (slug, title or
translation) and only created when missing, so running it again duplicates nothing and never
overwrites what editors changed."""

import datetime
import html
import io
import json
import random
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtail_localize.models import Translation, TranslationSource

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from care_site.base.public_address import public_address
from events.models import EventIndexPage, EventMaterial, EventPage, MeetingSeries
from events.series import generate, horizon, meetings
from forms.models import FormField, FormPage
from home.models import (
    Footer,
    HomePage,
    HomePageFeaturedPartner,
    HomePageFeaturedResource,
    SiteSettings,
    StandardPage,
)
from partners.models import PartnerIndexPage, PartnerPage
from resources.models import ResourceIndexPage, ResourcePage, ResourceType, Topic

from . import content
from .spanish import CATALOGUE

ASSETS = Path(__file__).resolve().parent.parent / "demo_assets"
Image = get_image_model()
Document = get_document_model()


class Seeder:
    def __init__(self, *, seed=2023):
        self.random = random.Random(seed)
        self.created = 0
        self.zone = ZoneInfo(settings.TIME_ZONE)

    @transaction.atomic
    def run(self):
        self.english = Locale.objects.get(language_code="en")
        self.spanish, _ = Locale.objects.get_or_create(language_code="es")
        self.home = self.ensure_home()
        self.topics = self.ensure_terms(Topic, content.TOPICS)
        self.types = self.ensure_terms(ResourceType, content.RESOURCE_TYPES)
        self.partner_index, self.partners = self.ensure_partners()
        self.library, self.featured = self.ensure_library()
        self.ensure_demo_resources()
        self.community, self.register_form = self.ensure_community()
        self.forms = {
            key: self.ensure_form(self.home, spec)
            for key, spec in content.FORMS.items()
            if key != "register"
        }
        self.ensure_standard_pages()
        self.ensure_home_sections()
        self.ensure_site_settings()
        self.footer = self.ensure_footer()
        self.ensure_spanish()
        return self.created

    # Pages -------------------------------------------------------------------------------

    def ensure_page(self, parent, model, slug, **fields):
        existing = model.objects.child_of(parent).filter(slug=slug).first()
        if existing:
            return existing
        page = model(slug=slug, locale=parent.locale, **fields)
        parent.add_child(instance=page)
        page.save_revision(log_action=True).publish(log_action=False)
        self.created += 1
        return page

    def ensure_home(self):
        root = Page.get_first_root_node()
        home = HomePage.objects.filter(depth=2, locale__language_code="en").first()
        if home:
            return home
        welcome = Page.objects.filter(depth=2, content_type__model="page").first()
        if welcome:
            # Wagtail's placeholder page holds the slug we want and the default Site.
            welcome.slug = "wagtail-welcome"
            welcome.save(update_fields=["slug"])
        fields = {key: content.HOME[key] for key in self.HOME_TEXT_FIELDS}
        home = HomePage(
            title=content.HOME["title"],
            seo_title=content.HOME["seo_title"],
            summary=content.HOME["summary"],
            slug="home",
            locale=self.english,
            **fields,
        )
        root.add_child(instance=home)
        home.save_revision().publish(log_action=False)
        self.created += 1
        site = Site.objects.filter(is_default_site=True).first()
        if site:
            site.root_page = home
            site.site_name = "CARE"
            site.save()
        else:
            # At the public address, as `migrate` keeps it (care_site/base/sites.py).
            address = public_address()
            Site.objects.create(
                hostname=address.hostname,
                port=address.port,
                root_page=home,
                is_default_site=True,
                site_name="CARE",
            )
        if welcome:
            welcome.delete()
        return home

    HOME_TEXT_FIELDS = [
        "intro",
        "community_heading",
        "community_text",
        "next_meeting_intro",
        "no_meeting_text",
        "featured_heading",
        "suggest_heading",
        "suggest_text",
        "partners_heading",
        "partners_text",
        "partners_link_label",
        "connect_heading",
        "connect_text",
    ]

    def ensure_home_sections(self):
        """Links and pictures on the landing page, set once when they are still empty."""
        home = self.home
        changed = False
        links = {
            "register_link": (self.register_form, content.HOME["register_label"]),
            "suggest_link": (self.forms["suggest"], content.HOME["suggest_label"]),
            "connect_link": (self.forms["connect"], content.HOME["connect_label"]),
        }
        for field, (target, label) in links.items():
            if not getattr(home, field):
                setattr(home, field, link_stream(target, label))
                changed = True
        if not home.community_page_id:
            home.community_page = self.community
            changed = True
        if not home.partners_page_id:
            home.partners_page = self.partner_index
            changed = True
        pictures = {
            "hero_image": ("Community network", "hero_image_alt", "community-network.png"),
            "feature_image": ("Community conversation", "image_alt", "community-conversation.jpg"),
        }
        for field, (title, alt, filename) in pictures.items():
            if not getattr(home, f"{field}_id"):
                image = self.ensure_image(
                    title, content.HOME[alt], (ASSETS / filename).read_bytes, filename
                )
                setattr(home, field, image)
                changed = True
            # Written on the page too, so its Spanish copy translates it.
            if not getattr(home, f"{field}_alt"):
                setattr(home, f"{field}_alt", content.HOME[alt])
                changed = True
        if not home.featured_partners.exists():
            for order, partner in enumerate(self.partners.values()):
                home.featured_partners.add(
                    HomePageFeaturedPartner(partner=partner, sort_order=order)
                )
            changed = True
        if not home.featured_resources.exists():
            for order, resource in enumerate(self.featured):
                home.featured_resources.add(
                    HomePageFeaturedResource(resource=resource, sort_order=order)
                )
            changed = True
        if changed:
            home.save_revision().publish(log_action=False)
            self.home = HomePage.objects.get(pk=home.pk)

    def ensure_partners(self):
        index = self.ensure_page(
            self.home,
            PartnerIndexPage,
            "partners",
            title=content.HOME["partners_heading"],
            summary="The Collaborative’s Core Partners and the resources each has developed.",
            intro=content.HOME["partners_text"],
            show_in_menus=True,
        )
        partners = {}
        for spec in content.PARTNERS:
            logo = None
            if spec["logo"]:
                logo = self.ensure_image(
                    f"{spec['title']} logo",
                    f"{spec['title']} logo",
                    (ASSETS / "partner-logos" / spec["logo"]).read_bytes,
                    spec["logo"],
                )
            partners[spec["slug"]] = self.ensure_page(
                index,
                PartnerPage,
                spec["slug"],
                title=spec["title"],
                summary=spec["summary"],
                description=spec["description"],
                website=spec["website"],
                logo=logo,
            )
        return index, partners

    def ensure_library(self):
        """The library and its featured resources. A resource's summary is the lead under its
        title and its text on cards; the demo content has nothing more to say about these, so
        they have no body: a copy of the summary there would show visitors the same text twice."""
        library = self.ensure_page(
            self.home,
            ResourceIndexPage,
            "resources",
            title="Resources",
            summary=(
                "Essential resources to inform your work on health equity, racial equity and "
                "anti-racism."
            ),
            show_in_menus=True,
        )
        featured = []
        for spec in content.FEATURED_RESOURCES:
            partner = self.partners.get(spec.get("publisher_partner", ""))
            page = self.ensure_page(
                library,
                ResourcePage,
                spec["slug"],
                title=spec["title"],
                summary=spec["summary"],
                external_url=spec["external_url"],
                publisher_page=partner,
                publisher_name=spec.get("publisher_name", ""),
                publication_date=datetime.date(*spec["publication_date"]),
                resource_type=self.types[spec["resource_type"]],
            )
            if not page.topics.exists():
                page.topics.set([self.topics[slug] for slug in spec["topics"]])
                page.save_revision().publish(log_action=False)
            featured.append(page)
        return library, featured

    def ensure_demo_resources(self):
        """Plausible, clearly-labelled demo resources across topics and types, so the library's
        filters have something to filter; and focus areas for partners that have none."""
        for spec in content.DEMO_RESOURCES:
            document = None
            if spec.get("document"):
                document = self.ensure_document(spec["document"], spec["title"])
            summary = spec["summary"] + content.DEMO_NOTE
            page = self.ensure_page(
                self.library,
                ResourcePage,
                spec["slug"],
                title=spec["title"],
                summary=summary,
                external_url="" if document else f"https://example.org/{spec['slug']}",
                document=document,
                publisher_page=self.partners.get(spec.get("publisher_partner", "")),
                publisher_name=spec.get("publisher_name", ""),
                publication_date=datetime.date(*spec["publication_date"]),
                resource_type=self.types[spec["resource_type"]],
            )
            if not page.topics.exists():
                page.topics.set([self.topics[slug] for slug in spec["topics"]])
                page.save_revision().publish(log_action=False)
        for slug, topics in content.PARTNER_FOCUS_AREAS.items():
            partner = self.partners.get(slug)
            if partner and not partner.focus_areas.exists():
                partner.focus_areas.set([self.topics[topic] for topic in topics])
                partner.save_revision().publish(log_action=False)

    def ensure_document(self, title, heading):
        document = Document.objects.filter(title=title).first()
        if document:
            return document
        document = Document(
            title=title,
            collection=Collection.get_first_root_node(),
            file=ContentFile(make_demo_pdf(heading), name=f"{slugify(title)}.pdf"),
        )
        document._set_document_file_metadata()
        document.save()
        self.created += 1
        return document

    def ensure_community(self):
        community = self.ensure_page(
            self.home,
            EventIndexPage,
            content.COMMUNITY["slug"],
            title=content.COMMUNITY["title"],
            summary=content.COMMUNITY["summary"],
            intro=content.COMMUNITY["intro"],
            register_text=content.COMMUNITY["register_text"],
            show_in_menus=True,
        )
        register_form = self.ensure_form(community, content.FORMS["register"])
        if not community.register_link:
            community.register_link = link_stream(register_form, content.HOME["register_label"])
            community.save_revision().publish(log_action=False)
        for spec in content.PAST_EVENTS:
            start = datetime.datetime(*spec["start"], tzinfo=self.zone)
            event = self.ensure_event(community, spec["slug"], spec, start)
            self.ensure_event_materials(event, spec.get("materials", []))
        self.ensure_meeting_series(community)
        return community, register_form

    def ensure_meeting_series(self, community):
        """The monthly meeting as a series, defined once, and its dates ahead of today as
        meeting pages. Dates seeded one by one before the series existed (same day and time,
        no series) are adopted as the series' dates instead of being made twice."""
        series = MeetingSeries.objects.filter(community=community).first()
        if series is None:
            series = MeetingSeries.objects.create(
                community=community,
                **content.MEETING_SERIES,
                frequency=MeetingSeries.Frequency.MONTHLY,
                time_zone=settings.TIME_ZONE,
                first_date=timezone.localdate(),
            )
            self.created += 1
        since, until = horizon(series, timezone.now())
        for meeting in meetings(series, since, until):
            EventPage.objects.child_of(community).filter(series=None, start=meeting.start).update(
                series=series, occurrence_date=meeting.occurrence_date
            )
        self.created += len(generate(series).created)

    def ensure_event(self, community, slug, spec, start):
        return self.ensure_page(
            community,
            EventPage,
            slug,
            title=spec["title"],
            summary=spec["summary"],
            start=start,
            end=start + datetime.timedelta(minutes=spec["minutes"]),
            format=EventPage.Format.VIRTUAL,
            join_url="https://meet.example.org/care-peer-learning",
            body=json.dumps([{"type": "paragraph", "value": f"<p>{spec['body']}</p>"}]),
        )

    def ensure_event_materials(self, event, materials):
        """Library resources linked to a past meeting as its materials, added once: a meeting
        that already lists any is left to the editors. Resources not in the library are
        skipped."""
        if not materials or event.materials.exists():
            return
        slugs = [slug for _kind, slug in materials]
        found = ResourcePage.objects.child_of(self.library).filter(slug__in=slugs)
        resources = {resource.slug: resource for resource in found}
        for order, (kind, slug) in enumerate(materials):
            if slug in resources:
                event.materials.add(
                    EventMaterial(kind=kind, resource=resources[slug], sort_order=order)
                )
        if event.materials.exists():
            event.save_revision().publish(log_action=False)

    def ensure_form(self, parent, spec):
        existing = FormPage.objects.child_of(parent).filter(slug=spec["slug"]).first()
        if existing:
            return existing
        page = FormPage(
            title=spec["title"],
            slug=spec["slug"],
            locale=parent.locale,
            summary=spec["summary"],
            intro=spec["intro"],
            thank_you_text=spec["thank_you_text"],
            submit_label=spec["submit_label"],
            to_address=getattr(settings, "CARE_FORMS_NOTIFY", "care-staff@example.org"),
            from_address="noreply@example.org",
            subject=spec["subject"],
            confirmation_subject=spec.get("confirmation_subject", ""),
            confirmation_text=spec.get("confirmation_text", ""),
            subscribes_to_meetings=spec.get("subscribes_to_meetings", False),
        )
        for order, (label, field_type, required, choices, help_text) in enumerate(spec["fields"]):
            page.form_fields.add(
                FormField(
                    sort_order=order,
                    label=label,
                    field_type=field_type,
                    required=required,
                    choices=choices,
                    help_text=help_text,
                    fills_resource=spec.get("fills_resource", {}).get(label, ""),
                )
            )
        parent.add_child(instance=page)
        page.save_revision().publish(log_action=False)
        self.created += 1
        return page

    def ensure_standard_pages(self):
        for spec in content.STANDARD_PAGES:
            self.ensure_page(
                self.home,
                StandardPage,
                spec["slug"],
                title=spec["title"],
                summary=spec["summary"],
                show_in_menus=spec["show_in_menus"],
                body=json.dumps([{"type": kind, "value": value} for kind, value in spec["body"]]),
            )

    # Snippets, images, settings ----------------------------------------------------------

    def ensure_terms(self, model, terms):
        result = {}
        for order, (slug, name) in enumerate(terms):
            term, created = model.objects.get_or_create(
                slug=slug, locale=self.english, defaults={"name": name, "sort_order": order}
            )
            self.created += created
            result[slug] = term
        return result

    def ensure_image(self, title, alt_text, make_bytes, filename):
        image = Image.objects.filter(title=title).first()
        if image:
            return image
        image = Image(
            title=title,
            description=alt_text,
            collection=Collection.get_first_root_node(),
            file=ImageFile(io.BytesIO(make_bytes()), name=filename),
        )
        image.save()
        self.created += 1
        return image

    def ensure_site_settings(self):
        site = Site.objects.get(is_default_site=True)
        site_settings = SiteSettings.for_site(site)
        if not site_settings.contact_email:
            site_settings.contact_email = "care@example.org"
            site_settings.save()
        if not site_settings.report_page_id:
            site_settings.report_page = self.forms["report"]
            site_settings.save()
        if not site_settings.privacy_page_id:
            privacy = StandardPage.objects.child_of(self.home).get(slug="privacy")
            site_settings.privacy_page = privacy
            site_settings.save()

    def ensure_footer(self):
        """The English footer; ensure_spanish() translates it."""
        footer = Footer.objects.filter(locale=self.english).first()
        if footer:
            return footer
        about = StandardPage.objects.child_of(self.home).get(slug="about")
        privacy = StandardPage.objects.child_of(self.home).get(slug="privacy")
        accessibility = StandardPage.objects.child_of(self.home).get(slug="accessibility")
        footer = Footer.objects.create(
            locale=self.english,
            text=content.SITE_NAME,
            links=json.dumps(
                [
                    {"type": "link", "value": link_value(about, about.title)},
                    {"type": "link", "value": link_value(privacy, privacy.title)},
                    {"type": "link", "value": link_value(accessibility, "Accessibility")},
                    {"type": "link", "value": link_value(self.forms["connect"], "Contact")},
                ]
            ),
        )
        self.created += 1
        return footer

    # Spanish -----------------------------------------------------------------------------

    def ensure_spanish(self):
        """Translate the seeded pages with wagtail-localize, each once: a page that already has
        a Spanish version is left to the translators."""
        pages = [
            self.home,
            self.library,
            *self.featured,
            self.partner_index,
            *self.partners.values(),
            self.community,
            *EventPage.objects.child_of(self.community).order_by("start"),
            self.register_form,
            *self.forms.values(),
            *StandardPage.objects.child_of(self.home),
        ]
        # Topics and types first, so translated resources point at the Spanish terms.
        for term in [*self.topics.values(), *self.types.values()]:
            if not term.has_translation(self.spanish):
                translate(term, self.spanish, CATALOGUE)
        if not self.footer.has_translation(self.spanish):
            translate(self.footer, self.spanish, CATALOGUE)
            self.created += 1
        missing = [page for page in pages if not page.has_translation(self.spanish)]
        for page in missing:
            translate(page, self.spanish, CATALOGUE)
        if self.home in missing:
            # Now that the pages it links to exist in Spanish, the landing page points at them.
            translate(self.home, self.spanish, CATALOGUE)
        self.created += len(missing)


def translate(instance, locale, catalogue):
    source, created = TranslationSource.get_or_create_from_instance(instance)
    if not created:
        source.update_from_db()
    translation, _ = Translation.objects.get_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    po = translation.export_po()
    for entry in po:
        # Segments are stored as HTML: "&" arrives as "&amp;", a plain-text line break as
        # "<br/>" (a form field's choices, a confirmation email).
        english = html.unescape(entry.msgid.replace("<br/>", "\n"))
        spanish = catalogue.get(english, "")
        if english != entry.msgid:
            spanish = html.escape(spanish, quote=False).replace("\n", "<br/>")
        entry.msgstr = spanish
    translation.import_po(po)
    if not isinstance(instance, Page):
        translation.save_target()
        return
    # wagtail-localize publishes on commit, from an instance that is stale by then (later
    # children are missing from its `numchild`); save a draft and publish it here instead.
    translation.save_target(publish=False)
    instance.get_translation(locale).get_latest_revision().publish(log_action=False)


def link_value(page, label):
    return {"label": label, "page": page.id, "external_url": ""}


def link_stream(page, label):
    return json.dumps([{"type": "link", "value": link_value(page, label)}])


def make_demo_pdf(heading):
    """A one-page PDF standing in for a downloadable resource, saying it is demo content."""
    page = PILImage.new("RGB", (850, 1100), "white")
    draw = ImageDraw.Draw(page)
    draw.text((70, 90), heading, fill="#1f2933", font=ImageFont.load_default(30))
    draw.text(
        (70, 160),
        "Demo content for the CARE resource library: not a real publication.",
        fill="#4a5563",
        font=ImageFont.load_default(22),
    )
    buffer = io.BytesIO()
    page.save(buffer, format="PDF")
    return buffer.getvalue()
