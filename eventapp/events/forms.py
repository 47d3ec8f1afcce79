"""The organisers' forms of an event: the event, its days, status, objectives and partners."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    Length,
    Optional,
    Regexp,
    ValidationError,
)

from eventapp.common import select_choices
from eventapp.events.models import AttendanceMode, EventKind, EventStatus, GoalKind, PartnerRole
from eventapp.i18n import offered_zones, zone_choices
from eventapp.speakers.forms import one_of_two_languages
from eventapp.versions import VersionedForm

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
SLUG_MESSAGE = _l("Use lower-case Latin letters, digits and dashes, e.g. london-2017.")


class EventForm(VersionedForm, FlaskForm):
    # Choices: the organiser organisations the user manages (set by the view); the service
    # checks the one chosen (events.services.set_organiser), and an absent one keeps the event's.
    organiser_id = SelectField(
        _l("Organising organisation"), coerce=int, choices=[], validate_choice=False
    )
    kind = SelectField(_l("Kind of event"), choices=EventKind.choices)
    title_ar = StringField(
        _l("Title in Arabic"),
        validators=[
            one_of_two_languages(
                "title_ar", "title_en", _l("Give the title in Arabic or English.")
            ),
            Length(max=300),
        ],
    )
    title_en = StringField(_l("Title in English"), validators=[Optional(), Length(max=300)])
    slug = StringField(
        _l("Short address"),
        validators=[
            DataRequired(),
            Length(min=3, max=80),
            Regexp(SLUG, message=SLUG_MESSAGE),
        ],
        description=_l("Used in the public address of the event, e.g. london-2017."),
    )
    description_ar = TextAreaField(_l("Description in Arabic"), validators=[Optional()])
    description_en = TextAreaField(_l("Description in English"), validators=[Optional()])
    venue_ar = StringField(_l("Venue in Arabic"), validators=[Optional(), Length(max=300)])
    venue_en = StringField(_l("Venue in English"), validators=[Optional(), Length(max=300)])
    city_ar = StringField(_l("City in Arabic"), validators=[Optional(), Length(max=120)])
    city_en = StringField(_l("City in English"), validators=[Optional(), Length(max=120)])
    country = StringField(_l("Country"), validators=[Optional(), Length(max=100)])
    attendance_mode = SelectField(_l("Attendance"), choices=AttendanceMode.choices)
    timezone = SelectField(
        _l("Time zone"),
        choices=lambda: select_choices(zone_choices()),
        default="Asia/Riyadh",
    )
    first_day = DateField(_l("First day"), validators=[DataRequired()])
    last_day = DateField(_l("Last day"), validators=[DataRequired()])
    # The series of the event's organiser it belongs to (choices set by the view).
    series_id = SelectField(_l("Series"), coerce=int, choices=[], validate_choice=False)
    show_hijri = BooleanField(_l("Also show Hijri dates"))
    use_arabic_digits = BooleanField(_l("Use Arabic-Indic digits (١٢٣) in Arabic"))

    organiser_required = True  # an event made before organisers existed may stay without

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each zone name is offered once; the event's own zone (or the one sent, if it is a
        # zone) stays a choice even when it is an alias left out of the list.
        chosen = self.timezone.data if self.timezone.data in offered_zones() else None
        self.timezone.choices = select_choices(zone_choices(keep=chosen))

    def validate_organiser_id(self, field):
        if not field.data and self.organiser_required:
            raise ValidationError(_l("Choose the organisation that runs the event."))

    def validate_last_day(self, field):
        if self.first_day.data and field.data and field.data < self.first_day.data:
            raise ValidationError(_l("The event must end on or after the day it starts."))


class StatusForm(FlaskForm):
    status = SelectField(_l("Status"), choices=EventStatus.choices)


class DayForm(VersionedForm, FlaskForm):
    title_ar = StringField(_l("Title in Arabic"), validators=[Optional(), Length(max=300)])
    title_en = StringField(_l("Title in English"), validators=[Optional(), Length(max=300)])
    notes_ar = TextAreaField(_l("Notes in Arabic"), validators=[Optional()])
    notes_en = TextAreaField(_l("Notes in English"), validators=[Optional()])
    venue_ar = StringField(
        _l("Venue in Arabic"),
        validators=[Optional(), Length(max=300)],
        description=_l("Leave empty when the day is held at the event's venue."),
    )
    venue_en = StringField(_l("Venue in English"), validators=[Optional(), Length(max=300)])
    city_ar = StringField(
        _l("City in Arabic"),
        validators=[Optional(), Length(max=120)],
        description=_l("Leave empty when the day is held in the event's city."),
    )
    city_en = StringField(_l("City in English"), validators=[Optional(), Length(max=120)])


class AddDayForm(FlaskForm):
    date = DateField(_l("Date"), validators=[DataRequired(message=_l("Choose a date."))])


class SeriesForm(VersionedForm, FlaskForm):
    title_ar = StringField(
        _l("Title in Arabic"),
        validators=[
            one_of_two_languages(
                "title_ar", "title_en", _l("Give the title in Arabic or English.")
            ),
            Length(max=300),
        ],
    )
    title_en = StringField(_l("Title in English"), validators=[Optional(), Length(max=300)])
    slug = StringField(
        _l("Short address"),
        validators=[DataRequired(), Length(min=3, max=80), Regexp(SLUG, message=SLUG_MESSAGE)],
        description=_l("Used in the public address of the series, e.g. annual-conference."),
    )
    description_ar = TextAreaField(_l("Description in Arabic"), validators=[Optional()])
    description_en = TextAreaField(_l("Description in English"), validators=[Optional()])


class EditionForm(FlaskForm):
    first_day = DateField(
        _l("First day of the new edition"),
        validators=[DataRequired(message=_l("Choose the first day of the new edition."))],
        description=_l(
            "The days keep their weekdays: they move by whole weeks, to the week closest to "
            "this date (exactly this date when it falls on the same weekday)."
        ),
    )
    title_ar = StringField(_l("Title in Arabic"), validators=[Optional(), Length(max=300)])
    title_en = StringField(_l("Title in English"), validators=[Optional(), Length(max=300)])
    slug = StringField(
        _l("Short address"),
        validators=[DataRequired(), Length(min=3, max=80), Regexp(SLUG, message=SLUG_MESSAGE)],
    )
    make_series = BooleanField(
        _l("Start a series with this event: both editions join it"),
        description=_l("This event then belongs to the new series; nothing else of it changes."),
    )


class GoalForm(VersionedForm, FlaskForm):
    kind = SelectField(_l("Kind"), choices=GoalKind.choices)
    text_ar = TextAreaField(
        _l("Text in Arabic"),
        validators=[
            one_of_two_languages("text_ar", "text_en", _l("Write it in Arabic or English."))
        ],
    )
    text_en = TextAreaField(_l("Text in English"), validators=[Optional()])


class PartnerForm(FlaskForm):
    organisation_id = SelectField(_l("Organisation"), coerce=int, choices=[])
    role = SelectField(_l("Role"), choices=PartnerRole.choices)

    def validate_organisation_id(self, field):
        if not field.data:
            raise ValidationError(_l("Choose an organisation."))
