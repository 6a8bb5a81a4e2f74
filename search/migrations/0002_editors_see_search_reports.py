"""Editors and moderators (Wagtail's default groups) may see the search reports: finding the
content visitors miss is their job. Other groups are given the permission in Settings > Groups."""

from django.db import migrations

GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    content_type, _created = ContentType.objects.get_or_create(
        app_label="search", model="emptysearch"
    )
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_emptysearch",
        defaults={"name": "Can view search that found nothing"},
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="search", codename="view_emptysearch"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_empty_search"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
