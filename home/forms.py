"""The admin's image form: alt text is required, so no image reaches a page without it."""

from django.utils.translation import gettext_lazy as _

from wagtail.images.forms import BaseImageForm


class ImageForm(BaseImageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        description = self.fields.get("description")
        if description is None:
            return
        description.label = _("Alt text")
        description.help_text = _(
            "Describe the image for people who cannot see it, e.g. 'Six community members "
            "talking around a table'. Do not start with 'Image of'."
        )
        # The multiple-upload screen first posts the bare file, then shows this form again for
        # the details; alt text is required at that second step.
        is_bare_upload = (
            self.instance.pk is None
            and self.is_bound
            and "description" not in self.data
            and not self.prefix
        )
        description.required = not is_bare_upload
