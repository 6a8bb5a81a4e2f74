"""The admin form of an event: times are typed as a clock shows them where the event happens.

Django's form fields read a typed time in the *editor's* time zone (Wagtail uses the zone in
the editor's account settings). An event in London entered by an editor in New York would
then be five hours off. Here the start and end are read as plain wall-clock times and only
made into instants once the event's own zone is known, in `clean()`; when the form opens,
stored instants are shown back as wall-clock times in the event's zone."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.models import formfield_for_dbfield

from .time_zones import (
    NonexistentTime,
    time_zone_choices,
    wall_clock_to_instant,
    zone_or_default,
)

TIME_FIELDS = ("start", "end")


class WallClockDateTimeField(forms.DateTimeField):
    """A date and time as typed, with no time zone applied (a naive datetime)."""

    def to_python(self, value):
        # Parsing under UTC applies no daylight-saving rule, so no typed time is refused here;
        # the event's zone decides in the form's clean().
        with timezone.override(datetime.UTC):
            result = super().to_python(value)
        return result.replace(tzinfo=None) if result else result


class EventPageForm(WagtailAdminPageForm):
    class Meta:
        def formfield_callback(db_field, **kwargs):
            # Wagtail's form fields and widgets, but the start and end read as typed.
            if db_field.name in TIME_FIELDS:
                kwargs["form_class"] = WallClockDateTimeField
            return formfield_for_dbfield(db_field, **kwargs)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        zone = zone_or_default(self.instance.time_zone)
        for name in TIME_FIELDS:
            value = getattr(self.instance, name)
            if value is not None and timezone.is_aware(value):
                self.initial[name] = value.astimezone(zone).replace(tzinfo=None)
        if "time_zone" in self.fields:
            # A list to pick from; the model's validator refuses a zone not on it.
            field = self.fields["time_zone"]
            field.widget = forms.Select(choices=[("", "---------"), *time_zone_choices().items()])
            field.error_messages["required"] = _(
                "Choose the time zone the start and end times are in."
            )

    def clean(self):
        cleaned_data = super().clean()
        zone_name = cleaned_data.get("time_zone")
        if not zone_name:
            return cleaned_data
        zone = zone_or_default(zone_name)
        for name in TIME_FIELDS:
            value = cleaned_data.get(name)
            if value is None or timezone.is_aware(value):
                continue
            try:
                cleaned_data[name] = wall_clock_to_instant(value, zone)
            except NonexistentTime:
                self.add_error(
                    name,
                    _(
                        "%(time)s does not exist in %(zone)s that day: the clocks go forward. "
                        "Choose a time outside the skipped hour."
                    )
                    % {"time": value.strftime("%H:%M"), "zone": zone_name},
                )
        return cleaned_data
