from django.apps import AppConfig
from django.db.models.signals import post_save


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "Landing and standard pages"

    def ready(self):
        from forms.models import Submission, subscription_requested
        from forms.retention import person_forgotten
        from home import subscriptions
        from home.roles import open_new_language_to_translators

        post_save.connect(open_new_language_to_translators, sender="home.HomePage")
        # Registration forms subscribe people to meeting announcements (events), and forgetting
        # a person covers their subscription: forms and events do not import each other.
        subscription_requested.connect(
            subscriptions.subscribe, sender=Submission, dispatch_uid="home.subscribe"
        )
        person_forgotten.connect(
            subscriptions.forget_subscriber, dispatch_uid="home.forget_subscriber"
        )
