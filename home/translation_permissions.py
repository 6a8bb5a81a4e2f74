"""Who may translate what. wagtail-localize lets anyone holding its one global permission
("submit_translation") translate any page or snippet, and sync any translation; Wagtail's
snippet permissions are per model, whatever the language. Here content in a language follows
that language's page tree: a user may change a page, a footer or a library term in a language
where they may edit the landing page. The Translators group (home/roles.py) holds the trees of
the languages other than English, so it edits translations and never the English originals.

Starting a translation takes the right to edit the source or every language it goes into;
syncing translations (which rewrites them from the source) takes the right to edit the source.
The three wagtail-localize views that do this are served here instead, at the same addresses,
with that check first; every other step of translating (the translation editor, saving,
publishing) already goes through the target page's own edit permission.

A translator may not publish, and the translation editor (which stands in for the page editor
while a translation is synced) offers no "Submit for moderation": submitting a translation is
answered here (`submit_translation_for_moderation`)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.models import Locale, Page, TranslatableMixin, WorkflowState
from wagtail_localize.models import Translation
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView


def may_edit_language(user, locale):
    """Until the language has a landing page, only those who may edit the whole tree may."""
    tree = Page.objects.filter(depth=2, locale=locale).first() or Page.get_first_root_node()
    return tree.permissions_for_user(user).can_edit()


def may_change(user, model, locale):
    """Pages and snippets in a language; snippets also need their model's change permission."""
    meta = model._meta
    if not issubclass(model, Page) and not user.has_perm(
        f"{meta.app_label}.change_{meta.model_name}"
    ):
        return False
    return may_edit_language(user, locale)


def user_can_edit(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    if isinstance(instance, TranslatableMixin):
        return may_change(user, type(instance), instance.locale)
    meta = instance._meta
    return user.has_perm(f"{meta.app_label}.change_{meta.model_name}")


def may_translate(user, source, targets, every=True):
    """The source's editors translate it; so do those who may change it in `targets` (all of
    them, or, with every=False, any: the languages a form may offer)."""
    if user_can_edit(user, source):
        return True
    held = [may_change(user, type(source), locale) for locale in targets]
    return bool(held) and (all(held) if every else any(held))


class SourceEditorsOnly:
    """Refuses the view unless the user may edit what it translates (`source()`, by default
    the view's own `get_object()`)."""

    def dispatch(self, request, *args, **kwargs):
        if not self.allowed(request, self.source()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def source(self):
        return self.get_object()

    def allowed(self, request, source):
        return user_can_edit(request.user, source)


class SourceOrTargetEditorsOnly(SourceEditorsOnly):
    """Also lets in a user who may edit every language the translation goes into (offered on
    the form: languages they hold; sent: all of them must be)."""

    def allowed(self, request, source):
        if request.method == "POST":
            targets = Locale.objects.filter(pk__in=request.POST.getlist("locales"))
            return may_translate(request.user, source, targets)
        targets = Locale.objects.exclude(pk=source.locale_id)
        return may_translate(request.user, source, targets, every=False)


class PageTranslationView(SourceOrTargetEditorsOnly, SubmitPageTranslationView):
    pass


class SnippetTranslationView(SourceOrTargetEditorsOnly, SubmitSnippetTranslationView):
    pass


class SyncTranslationsView(SourceEditorsOnly, UpdateTranslationsView):
    def source(self):
        return self.get_object().get_source_instance()


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
    refused = (admin + "localize/submit/", admin + "localize/update/")
    # Not an editor of the page (checked above): may they change it in some other language?
    others = Locale.objects.exclude(pk=page.locale_id)
    if any(may_change(user, type(page), locale) for locale in others):
        refused = (admin + "localize/update/",)
    for button in buttons:
        if hasattr(button, "dropdown_buttons"):
            button.dropdown_buttons = [
                entry
                for entry in button.dropdown_buttons
                if not (entry.url or "").startswith(refused)
            ]


@hooks.register("before_edit_snippet", order=-1)
def refuse_snippets_in_other_languages(request, instance):
    """Before wagtail-localize's own hook, which opens its translation editor."""
    if not user_can_edit(request.user, instance):
        raise PermissionDenied


@hooks.register("before_delete_snippet")
def refuse_deleting_in_other_languages(request, instances):
    if not all(user_can_edit(request.user, instance) for instance in instances):
        raise PermissionDenied


@hooks.register("before_create_snippet")
def refuse_creating_in_other_languages(request, model):
    if issubclass(model, TranslatableMixin):
        code = request.GET.get("locale") or Locale.get_default().language_code
        locale = Locale.objects.filter(language_code=code).first()
        if locale is None or not may_edit_language(request.user, locale):
            raise PermissionDenied


@hooks.register("before_edit_page", order=-1)
def submit_translation_for_moderation(request, page):
    """Wagtail's "Submit for moderation" (an `action-submit` POST to the page's edit address) for
    a page the translation editor edits. The translated text is written into a new draft
    revision (wagtail-localize's `save_target`, which the editor's "Publish" button also uses),
    then the page's workflow starts as Wagtail's page editor starts it, so the moderator's
    approval publishes exactly that revision. Before wagtail-localize's own hook, which would
    answer the POST with the translation editor."""
    if request.method != "POST" or "action-submit" not in request.POST:
        return None
    translation = Translation.objects.filter(
        source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
    ).first()
    if translation is None:
        return None
    name = {"title": page.get_admin_display_title(), "language": page.locale.get_display_name()}
    total, done = translation.get_progress()
    if done < total:
        # The draft would carry the English text of the pieces not translated yet.
        messages.error(
            request,
            _("“%(title)s” in %(language)s still has text to translate.") % name,
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    workflow_state = page.current_workflow_state
    perms = page.permissions_for_user(request.user)
    if workflow_state is None and not perms.can_submit_for_moderation():
        raise PermissionDenied
    try:
        translation.save_target(user=request.user, publish=False)
    except ValidationError:
        messages.error(request, _("“%(title)s” in %(language)s could not be saved.") % name)
        return redirect("wagtailadmin_pages:edit", page.pk)
    page = Page.objects.get(pk=page.pk).specific
    if workflow_state is None:
        page.get_workflow().start(page, request.user)
    elif workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        workflow_state.resume(request.user)
    # A workflow in progress goes on: its approval publishes the draft just saved.
    messages.success(
        request, _("“%(title)s” in %(language)s has been submitted for moderation.") % name
    )
    return redirect("wagtailadmin_pages:edit", page.pk)
