from django.apps import AppConfig


class CareFormsConfig(AppConfig):
    # `django.forms` already claims the label "forms".
    name = "forms"
    label = "care_forms"
    verbose_name = "Forms"

    def ready(self):
        """The models sit at the bottom of this app's layers; what they hand work to lives above
        them and is attached here (the layers are a contract in pyproject.toml)."""
        # Imported here, not at the top: Django imports this module before the app registry
        # is ready, and these modules import the models.
        from . import models, tasks, views

        # A committed submission whose emails are due queues the task that sends them.
        models.emails_pending.connect(
            tasks.queue_emails, sender=models.Submission, dispatch_uid="care_forms.queue_emails"
        )
        # The submissions list in the admin is ours (safe exports, audit log).
        models.FormPage.submissions_list_view_class = views.SubmissionsListView
