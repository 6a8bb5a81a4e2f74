"""Glue between the forms and the Peer Learning Community's subscribers, which sit side by side
in the layers and do not import each other: a registration form's submission asks for a
subscription, and forgetting a person forgets their subscription too."""

from events import subscribers
from events.subscription_emails import queue_confirmation


def subscribe(sender, address, language, **kwargs):
    """Receives `forms.models.subscription_requested`, after the submission has committed."""
    subscriber = subscribers.register(address, language)
    if subscriber is not None:
        queue_confirmation(subscriber)


def forget_subscriber(sender, address, dry_run, **kwargs):
    """Receives `forms.retention.person_forgotten`."""
    return "meeting subscriber(s)", subscribers.forget(address, dry_run=dry_run)
