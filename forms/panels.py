"""The submissions count on a form page's edit view, shown only to people who may read the
submissions, and counting every language's answers."""

from django.utils.functional import cached_property

from wagtail.contrib.forms.panels import FormSubmissionsPanel

from .permissions import can_review


class SubmissionsPanel(FormSubmissionsPanel):
    class BoundPanel(FormSubmissionsPanel.BoundPanel):
        @cached_property
        def submissions(self):
            # A page not yet created has a translation key no submission holds.
            return self.instance.get_submissions()

        def is_shown(self):
            return can_review(self.request.user) and super().is_shown()
