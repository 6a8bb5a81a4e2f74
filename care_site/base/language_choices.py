"""Choices in the page's own language in the admin. Topics, resource types and other
translatable snippets exist once per language, and Wagtail's page form offers every copy, so an
English page could be given a Spanish term with the same look. Likewise Wagtail's page chooser
opens where the chosen kind of page lives in every language (the root, once the site is
translated). Here a page's form offers only the terms in its language, and an inline list of
chosen pages opens its chooser at their parent page in that language."""

from django.db.models import Q

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import InlinePanel
from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Page, TranslatableMixin


def page_locale_id(page, parent_page=None):
    """The page's language: its own, or for a page being created before it has one, its
    parent's (Wagtail's create view sets it from the parent already)."""
    if page.locale_id:
        return page.locale_id
    return parent_page.locale_id if parent_page is not None else None


def is_translatable_term(model):
    """A translatable snippet (a topic, a resource type), not a page: pages are chosen with
    Wagtail's page chooser."""
    return issubclass(model, TranslatableMixin) and not issubclass(model, Page)


def chosen_pks(value):
    """The primary keys in a form field's initial value: none, one key or object, or a list or
    queryset of them (a many-to-many field's)."""
    if value is None or value == "":
        return []
    values = [value] if isinstance(value, (str, int)) or hasattr(value, "pk") else value
    return [getattr(item, "pk", item) for item in values]


class LanguageChoicesPageForm(WagtailAdminPageForm):
    """A page form whose translatable-snippet fields offer only the terms in the page's
    language, alphabetically, so a choice in another language is refused as invalid. Terms the
    page already has stay offered (a translation can keep one not yet translated), so saving
    never drops them unseen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale_id = page_locale_id(self.instance, self.parent_page)
        if locale_id is None:
            return
        for name, field in self.fields.items():
            queryset = getattr(field, "queryset", None)
            if queryset is None or not is_translatable_term(queryset.model):
                continue
            kept = chosen_pks(self.initial.get(name))
            field.queryset = queryset.filter(Q(locale_id=locale_id) | Q(pk__in=kept)).order_by(
                "name"
            )


class PageChooserInLanguage(AdminPageChooser):
    """Wagtail's page chooser, opening at `start_page_id` when nothing is chosen yet. Wagtail
    itself opens it at the chosen page's parent, or else at the closest common ancestor of every
    page of the kind offered, in all languages: the root of the tree on a translated site,
    where editors met the same resource twice, once per language. The chooser's script takes
    the starting page as `parentId`, which only this widget's options can give."""

    start_page_id = None

    def get_js_init_options(self, id_, name, value_data):
        opts = super().get_js_init_options(id_, name, value_data)
        if self.start_page_id is not None:
            opts.setdefault("parentId", self.start_page_id)
        return opts


def start_page_in_language(model, locale_id):
    """Where pages of `model` are kept in one language: the first page, in tree order, of the
    one type they may be filed under (a resource's library, a partner's directory)."""
    parents = model.allowed_parent_page_models()
    if len(parents) != 1 or parents[0] is Page:
        return None
    return parents[0].objects.filter(locale_id=locale_id).order_by("path").first()


class InlinePanelInLanguage(InlinePanel):
    """An inline list of chosen pages (the landing page's featured resources) whose page
    chooser opens at their parent page in the language of the page being edited, new rows
    included."""

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.form is None:
                return
            locale_id = page_locale_id(self.instance, getattr(self.form, "parent_page", None))
            forms = [child.form for child in self.children] + [self.empty_child.form]
            starts = {}
            for form in forms:
                for field in form.fields.values():
                    widget = field.widget
                    if not isinstance(widget, AdminPageChooser) or len(widget.target_models) != 1:
                        continue
                    model = widget.target_models[0]
                    if model not in starts:
                        starts[model] = start_page_in_language(model, locale_id)
                    if starts[model] is None:
                        continue
                    chooser = PageChooserInLanguage(
                        target_models=widget.target_models,
                        can_choose_root=widget.can_choose_root,
                        user_perms=widget.user_perms,
                    )
                    chooser.start_page_id = starts[model].pk
                    field.widget = chooser
