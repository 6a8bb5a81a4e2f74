"""Who may translate what. wagtail-localize lets anyone holding its one global permission
("submit_translation") translate any page or snippet, and sync any translation. Here that also
takes the right to edit the source: a page the user may edit (Wagtail's page permissions), a
snippet whose model they may change. The Translators group (home/roles.py) holds the global
permission plus add/change on each language's landing page.

The three wagtail-localize views that create or update translations are served here instead,
at the same addresses, with that check first; every other step of translating (the translation
editor, saving, publishing) already goes through the target page's own edit permission."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse

from wagtail import hooks
from wagtail.models import Page
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import TranslationSource
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

# Where the actions that create or sync translations live, under the admin's address.
LOCALIZE_ACTIONS = ("localize/submit/", "localize/update/")


def user_can_edit(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return user.has_perm(f"{instance._meta.app_label}.change_{instance._meta.model_name}")


class SourceEditorsOnly:
    """Refuses the view unless the user may edit what `source(**kwargs)` finds to translate."""

    def dispatch(self, request, *args, **kwargs):
        source = self.source(**kwargs)
        if source is not None and not user_can_edit(request.user, source):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PageTranslationView(SourceEditorsOnly, SubmitPageTranslationView):
    def source(self, page_id, **kwargs):
        return get_object_or_404(Page, id=page_id)


class SnippetTranslationView(SourceEditorsOnly, SubmitSnippetTranslationView):
    def source(self, app_label, model_name, **kwargs):
        label = f"{app_label}.{model_name}"
        return next((m for m in get_snippet_models() if m._meta.label_lower == label), None)


class SyncTranslationsView(SourceEditorsOnly, UpdateTranslationsView):
    def source(self, translation_source_id, **kwargs):
        source = get_object_or_404(TranslationSource, id=translation_source_id)
        return source.get_source_instance()


# Registered before wagtail-localize's own (order), so these answer at its addresses; its URL
# names still reverse to the same paths.
@hooks.register("register_admin_urls", order=-1)
def guard_translation_urls():
    return [
        path("localize/submit/page/<int:page_id>/", PageTranslationView.as_view()),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            SnippetTranslationView.as_view(),
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            SyncTranslationsView.as_view(),
        ),
    ]


@hooks.register("construct_page_listing_buttons")
def hide_translation_actions(buttons, page, user, context=None):
    """The "Translate this page" and "Sync translated pages" entries of a page's "⋯" menu are
    left out where the user may not edit the page: they would only be refused."""
    if user_can_edit(user, page):
        return
    admin = reverse("wagtailadmin_home")
    refused = tuple(admin + action for action in LOCALIZE_ACTIONS)
    for button in buttons:
        if hasattr(button, "dropdown_buttons"):
            button.dropdown_buttons = [
                entry
                for entry in button.dropdown_buttons
                if not (entry.url or "").startswith(refused)
            ]
