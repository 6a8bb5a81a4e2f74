"""The editorial roles: which Wagtail permissions each group of staff holds, and the
"Editor → Moderator" moderation workflow. The home app's data migrations apply them with
`sync_roles` and `sync_workflow`, which set each group to exactly what is listed here (adding
what is missing, taking away what is not listed), so running them again repairs any drift.

Editors write and edit every page, image, document and library term, send pages for
translation, and submit pages for moderation. Moderators also publish, approve, delete, change
the site settings and keep the meeting series (which publish the dates they make). Submission
reviewers read, export and delete form submissions (forms/permissions.py), nothing else.
Translators translate pages and library terms into the languages other than English: their page
rights are on those languages' landing pages only, never on the English originals (docs/i18n.md).
Nobody but a superuser manages users or groups."""

from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from wagtail.models import GroupPagePermission

EDITORS = "Editors"
MODERATORS = "Moderators"
REVIEWERS = "Submission reviewers"
TRANSLATORS = "Translators"

WORKFLOW_NAME = "Editor → Moderator"
TASK_NAME = "Moderator approval"

# Where a group's page permissions apply.
SITE_ROOT = "root"  # the tree root: every page in every language
TRANSLATIONS = "translations"  # the landing page of each language but the default one

ACCESS_ADMIN = "wagtailadmin.access_admin"
LIBRARY_TERMS = [
    f"resources.{verb}_{model}" for model in ("topic", "resourcetype") for verb in ("add", "change")
]
MEDIA_WRITE = [
    f"{app}.{verb}_{media}"
    for app, media in (("wagtailimages", "image"), ("wagtaildocs", "document"))
    for verb in ("add", "change", "choose")
]

# Each role: "permissions" ("app_label.codename"), "page_permissions" (codenames of
# wagtailcore.Page) on its "page_scope" (SITE_ROOT unless given), "collection_permissions"
# ("app_label.codename" of images and documents, on the root collection).
ROLES = {
    EDITORS: {
        "permissions": [
            ACCESS_ADMIN,
            *LIBRARY_TERMS,
            "search.view_emptysearch",
            # wagtail-localize's "Translate this page"; home/translation_permissions.py keeps it
            # to the pages they may edit.
            "wagtail_localize.submit_translation",
        ],
        "page_permissions": ["add_page", "change_page"],
        "collection_permissions": MEDIA_WRITE,
    },
    MODERATORS: {
        "permissions": [
            ACCESS_ADMIN,
            *LIBRARY_TERMS,
            "resources.delete_topic",
            "resources.delete_resourcetype",
            "search.view_emptysearch",
            "wagtail_localize.submit_translation",
            "home.change_sitesettings",
            # A series publishes its dates as it makes them: publishing is theirs.
            "events.add_meetingseries",
            "events.change_meetingseries",
            "events.delete_meetingseries",
            "wagtailredirects.add_redirect",
            "wagtailredirects.change_redirect",
            "wagtailredirects.delete_redirect",
        ],
        "page_permissions": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
        "collection_permissions": [
            *MEDIA_WRITE,
            "wagtailimages.delete_image",
            "wagtaildocs.delete_document",
        ],
    },
    REVIEWERS: {
        "permissions": [
            ACCESS_ADMIN,
            "care_forms.view_submission",
            "care_forms.delete_submission",
        ],
    },
    TRANSLATORS: {
        "permissions": [
            ACCESS_ADMIN,
            "wagtail_localize.submit_translation",
            *LIBRARY_TERMS,
            "home.add_footer",
            "home.change_footer",
        ],
        "page_permissions": ["add_page", "change_page"],
        "page_scope": TRANSLATIONS,
    },
}


def ensure_permissions(apps):
    """Django creates model permissions after `migrate` ends; on a new database they do not
    exist yet when this runs, so create them for every model the migration state knows."""
    for app_config in apps.get_app_configs():
        # create_permissions skips app configs without a models module, which is every one in a
        # migration's state; the real registry's (seed_demo passes it) must keep theirs.
        models_module = getattr(app_config, "models_module", None)
        app_config.models_module = models_module or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = models_module


def find_permissions(apps, names):
    """Permission rows for "app_label.codename" names; a name whose model does not exist at
    this point of the migration history is left out (a later migration adds it)."""
    wanted = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".", 1)
        wanted |= Q(content_type__app_label=app_label, codename=codename)
    return list(apps.get_model("auth", "Permission").objects.filter(wanted))


def page_targets(apps, scope):
    """The ids of the pages a role's page permissions are given on."""
    pages = apps.get_model("wagtailcore", "Page").objects.filter(depth=1)
    if scope == TRANSLATIONS:
        # None until a second language's landing page exists; never the tree root, which
        # would open the English originals.
        pages = apps.get_model("wagtailcore", "Page").objects.filter(depth=2)
        pages = pages.exclude(locale__language_code=settings.LANGUAGE_CODE)
    return list(pages.values_list("pk", flat=True))


def sync_rows(model, group, permissions, target, targets):
    """Exactly one row of `model` (a group's page or collection permissions) per target (the
    `target` field's value) and permission, none other."""
    rows = model.objects.filter(group=group)
    rows.exclude(**{f"{target}__in": targets}, permission__in=permissions).delete()
    for value in targets:
        for permission in permissions:
            rows.get_or_create(group=group, permission=permission, **{target: value})


def sync_roles(apps, schema_editor=None):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    ensure_permissions(apps)
    root_collection = Collection.objects.filter(depth=1).first()

    for name, role in ROLES.items():
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(find_permissions(apps, role["permissions"]))
        codenames = role.get("page_permissions", [])
        page_permissions = [f"wagtailcore.{codename}" for codename in codenames]
        sync_rows(
            GroupPagePermission,
            group,
            find_permissions(apps, page_permissions),
            "page_id",
            page_targets(apps, role.get("page_scope", SITE_ROOT)),
        )
        sync_rows(
            GroupCollectionPermission,
            group,
            find_permissions(apps, role.get("collection_permissions", [])),
            "collection",
            [root_collection],
        )


def sync_workflow(apps, schema_editor=None):
    """One workflow, "Editor → Moderator", on the whole site (the tree root): a page an
    editor submits waits for a moderator's approval before it is published. Wagtail's own
    default workflow, which did the same under another name, is retired if nothing uses it."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    task_type, _created = ContentType.objects.get_or_create(
        app_label="wagtailcore", model="groupapprovaltask"
    )
    task, _created = GroupApprovalTask.objects.update_or_create(
        name=TASK_NAME,
        defaults={"active": True},
        create_defaults={"content_type": task_type, "active": True},
    )
    task.groups.set([Group.objects.get(name=MODERATORS)])

    workflow, _created = Workflow.objects.update_or_create(
        name=WORKFLOW_NAME, defaults={"active": True}
    )
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    for root in Page.objects.filter(depth=1):
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

    Workflow.objects.filter(
        name="Moderators approval", active=True, workflow_pages__isnull=True
    ).update(active=False)


def open_new_language_to_translators(sender, instance, created, raw=False, **kwargs):
    """A landing page made in a new language (Translate this page on the English one) gives
    the Translators that language's tree at once, as `sync_roles` would."""
    if not created or raw or instance.depth != 2:
        return
    if instance.locale.language_code == settings.LANGUAGE_CODE:
        return
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore",
        codename__in=ROLES[TRANSLATORS]["page_permissions"],
    )
    for group in Group.objects.filter(name=TRANSLATORS):
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(
                group=group, page=instance, permission=permission
            )
