"""The forms of the timetable editor: rooms, sessions, moving a session, the people in a session."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
    URLField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError

from eventapp.common import select_choices
from eventapp.inputs import BoundedIntegerField
from eventapp.sessions.models import LANGUAGES, SessionKind, SessionRoleKind
from eventapp.speakers.forms import one_of_two_languages
from eventapp.versions import VersionedForm


class RoomForm(VersionedForm, FlaskForm):
    name = StringField(_l("Room name in Arabic"), validators=[DataRequired(), Length(max=120)])
    name_en = StringField(_l("Room name in English"), validators=[Optional(), Length(max=120)])
    capacity = BoundedIntegerField(
        _l("Capacity"), validators=[Optional(), NumberRange(min=1, max=100000)]
    )
    video_link = URLField(_l("Video link"), validators=[Optional(), Length(max=500)])

    def validate_video_link(self, field):
        if field.data and not field.data.startswith("https://"):
            raise ValidationError(_l("The video link must start with https://"))


def _web_link(form, field):
    value = (field.data or "").strip()
    if value and not value.lower().startswith(("https://", "http://")):
        raise ValidationError(_l("The link must start with https:// or http://"))


def _link_or_number(form, field):
    """A channel number or name as typed ("Channel 2"), or a web link: nothing else that a
    browser would open (javascript:, data:, ...)."""
    first_word = (field.data or "").split()[0] if (field.data or "").strip() else ""
    if ":" in first_word:
        _web_link(form, field)


class ChannelForm(Form):
    """One language of the session: the floor language or an interpretation channel."""

    language = SelectField(
        _l("Language"),
        choices=select_choices([("", "—"), *LANGUAGES.items()]),
    )
    channel = StringField(
        _l("Link or channel number"), validators=[Optional(), Length(max=500), _link_or_number]
    )


# Rows of channels the form offers beyond the session's own: enough for a usual session.
EMPTY_CHANNEL_ROWS = 2


class SessionForm(VersionedForm, FlaskForm):
    day_id = SelectField(_l("Day"), coerce=int, choices=[])
    start_time = TimeField(_l("Starts at"), validators=[DataRequired()])
    end_time = TimeField(_l("Ends at"), validators=[DataRequired()])
    room_id = SelectField(_l("Room"), coerce=int, choices=[])
    kind = SelectField(_l("Kind of session"), choices=SessionKind.choices)
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
    description_ar = TextAreaField(_l("Description in Arabic"), validators=[Optional()])
    description_en = TextAreaField(_l("Description in English"), validators=[Optional()])
    guiding_question_ar = TextAreaField(_l("Guiding question in Arabic"), validators=[Optional()])
    guiding_question_en = TextAreaField(_l("Guiding question in English"), validators=[Optional()])
    signup_required = BooleanField(_l("Participants sign up for this session"))
    signup_capacity = BoundedIntegerField(
        _l("Places"),
        validators=[Optional(), NumberRange(min=1, max=100000)],
        description=_l("Leave empty: the room's capacity applies."),
    )
    video_link = URLField(
        _l("The session's own joining link"),
        validators=[Optional(), Length(max=500), _web_link],
        description=_l("Private: only staff and confirmed remote participants see it."),
    )
    channels = FieldList(FormField(ChannelForm), min_entries=0, max_entries=len(LANGUAGES) + 4)

    def validate_channels(self, field):
        seen = set()
        for row in field.entries:
            language = row.form.language.data
            if not language:
                continue
            if language in seen:
                raise ValidationError(_l("Give each language once."))
            seen.add(language)

    def offer_empty_channel_rows(self):
        """Blank rows to add a language with (a row left blank is ignored when saved)."""
        blank = sum(1 for row in self.channels.entries if not row.form.language.data)
        while blank < EMPTY_CHANNEL_ROWS and len(self.channels.entries) < self.channels.max_entries:
            self.channels.append_entry()
            blank += 1

    def validate_end_time(self, field):
        if self.start_time.data and field.data and field.data <= self.start_time.data:
            raise ValidationError(_l("The session must end after it starts."))


class MoveSessionForm(VersionedForm, FlaskForm):
    day_id = SelectField(_l("Day"), coerce=int, choices=[])
    start_time = TimeField(_l("Starts at"), validators=[DataRequired()])
    room_id = SelectField(_l("Room"), coerce=int, choices=[])


class SessionPersonForm(FlaskForm):
    person_id = SelectField(_l("Person"), coerce=int, choices=[])
    role = SelectField(_l("Role"), choices=SessionRoleKind.choices)

    def validate_person_id(self, field):
        if not field.data:
            raise ValidationError(_l("Choose a person."))
