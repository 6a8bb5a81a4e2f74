"""Data for the new schema:

- form fields become translatable: each gets its page's locale, and the same field in every
  translation of a form (matched by its name) shares one translation key;
- submissions already stored in Wagtail's table for our form pages move to `Submission`;
- Spanish forms get the Spanish consent wording;
- the "Submission reviewers" group is created with its permissions."""

import uuid

from django.db import migrations

CONSENT_EN = (
    "I agree that the Collaborative keeps what I send in this form to reply to me, and deletes "
    "it when it is no longer needed."
)
CONSENT_ES = (
    "Acepto que el Colaborativo guarde lo que envío en este formulario para responderme, y que "
    "lo elimine cuando ya no sea necesario."
)
REVIEWERS = "Submission reviewers"


def link_form_fields(apps, schema_editor):
    FormPage = apps.get_model("care_forms", "FormPage")
    FormField = apps.get_model("care_forms", "FormField")
    # Historical FormPage instances cannot be built (Wagtail's FormMixin needs a template
    # attribute), so pages are read as plain values.
    groups = {}
    pages = FormPage.objects.order_by("pk").values_list("pk", "translation_key", "locale_id")
    for page_id, translation_key, locale_id in pages:
        groups.setdefault(translation_key, []).append((page_id, locale_id))
    for translations in groups.values():
        keys = {}
        for page_id, locale_id in translations:
            used = set()
            for field in FormField.objects.filter(page_id=page_id).order_by("sort_order", "pk"):
                key = keys.setdefault(field.clean_name, uuid.uuid4())
                if key in used:
                    key = uuid.uuid4()
                used.add(key)
                field.translation_key = key
                field.locale_id = locale_id
                field.save(update_fields=["translation_key", "locale"])


def move_submissions(apps, schema_editor):
    FormPage = apps.get_model("care_forms", "FormPage")
    Locale = apps.get_model("wagtailcore", "Locale")
    OldSubmission = apps.get_model("wagtailforms", "FormSubmission")
    Submission = apps.get_model("care_forms", "Submission")
    languages = dict(Locale.objects.values_list("pk", "language_code"))
    page_locales = dict(FormPage.objects.values_list("pk", "locale_id"))
    for old in OldSubmission.objects.filter(page_id__in=list(page_locales)).order_by("pk"):
        new = Submission.objects.create(
            page_id=old.page_id,
            form_data=old.form_data,
            language=languages.get(page_locales[old.page_id], ""),
        )
        # submit_time is auto_now_add: keep the original time.
        Submission.objects.filter(pk=new.pk).update(submit_time=old.submit_time)
        old.delete()


def spanish_consent(apps, schema_editor):
    FormPage = apps.get_model("care_forms", "FormPage")
    FormPage.objects.filter(locale__language_code="es", consent_text=CONSENT_EN).update(
        consent_text=CONSENT_ES
    )


def create_reviewers_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    def permission(app_label, model, codename, name):
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        found, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        return found

    group, _ = Group.objects.get_or_create(name=REVIEWERS)
    group.permissions.add(
        permission("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
        permission("care_forms", "submission", "view_submission", "Can view form submission"),
        permission("care_forms", "submission", "delete_submission", "Can delete form submission"),
    )


def remove_reviewers_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=REVIEWERS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("care_forms", "0002_submissions_consent_and_schedule"),
        ("wagtailforms", "0005_alter_formsubmission_form_data"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
        # After Wagtail hands "choose" permissions to every admin group: reviewers need none.
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RunPython(link_form_fields, migrations.RunPython.noop),
        migrations.RunPython(move_submissions, migrations.RunPython.noop),
        migrations.RunPython(spanish_consent, migrations.RunPython.noop),
        migrations.RunPython(create_reviewers_group, remove_reviewers_group),
    ]
