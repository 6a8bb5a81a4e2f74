"""The editorial roles (Editors, Moderators, Submission reviewers, Translators) with exactly the
permissions home/roles.py lists, and the "Editor → Moderator" workflow on the whole site.
Running it again (or a later migration calling the same functions) brings the groups back in
line with home/roles.py."""

from django.db import migrations

from home.roles import sync_roles, sync_workflow


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_spanish_locale"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("resources", "0002_video_transcript_schema_type_linkcheck"),
        ("care_forms", "0004_form_fields_translatable"),
        ("search", "0002_editors_see_search_reports"),
    ]

    operations = [
        migrations.RunPython(sync_roles, migrations.RunPython.noop),
        migrations.RunPython(sync_workflow, migrations.RunPython.noop),
    ]
