from django.apps import AppConfig


class CareFormsConfig(AppConfig):
    # `django.forms` already claims the label "forms".
    name = "forms"
    label = "care_forms"
    verbose_name = "Forms"
