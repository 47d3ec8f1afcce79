"""Registration forms. The public form is built per event (its days, categories, questions)."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    EmailField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
    widgets,
)
from wtforms.validators import (
    DataRequired,
    Email,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)

from eventapp.cache import ProcessCache
from eventapp.common import select_choices
from eventapp.content_versions import version_key
from eventapp.i18n import current_language, format_day
from eventapp.inputs import BoundedIntegerField
from eventapp.members.participants import event_categories
from eventapp.people import FormOfAddress, form_of
from eventapp.registration import session_signups
from eventapp.registration.models import (
    ListVisibility,
    Mode,
    QuestionKind,
    ReportNaming,
)
from eventapp.registration.remote import valid_time_zone, web_link
from eventapp.speakers.forms import one_of_two_languages
from eventapp.versions import VersionedForm


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()

    def pre_validate(self, form):
        # The services say which days are allowed, with a message that names them.
        pass


EMAIL_MESSAGE = _l("This e-mail address is not valid.")


class RegistrationForm(FlaskForm):
    invitation_code = StringField(_l("Invitation code"), validators=[Optional(), Length(max=40)])
    name_ar = StringField(
        _l("Name in Arabic"),
        validators=[
            one_of_two_languages("name_ar", "name_en", _l("Give your name in Arabic or English.")),
            Length(max=200),
        ],
    )
    name_en = StringField(
        _l("Name in English (Latin letters)"), validators=[Optional(), Length(max=200)]
    )
    email = EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(message=_l("Give your e-mail address.")),
            Email(message=EMAIL_MESSAGE),
            Length(max=254),
        ],
    )
    organisation = StringField(
        _l("Organisation"),
        validators=[Optional(), Length(max=300)],
        description=_l(
            "Choose from the list as you type, or write the full name of your organisation."
        ),
    )
    position = StringField(_l("Position"), validators=[Optional(), Length(max=300)])
    category = SelectField(_l("I take part as"))  # the event's categories (_form_parts)
    # Only on the form of an event with an age range (deleted otherwise).
    birth_year = BoundedIntegerField(
        _l("Year of birth"),
        validators=[
            DataRequired(message=_l("Give your year of birth.")),
            NumberRange(min=1900, max=2100, message=_l("Give a year such as 1998.")),
        ],
        description=_l("Asked because this event is open to an age range; kept private."),
    )
    mode = RadioField(_l("I will attend"), choices=Mode.choices, default=Mode.IN_PERSON.value)
    day_ids = MultiCheckboxField(_l("Days I will attend"), coerce=int)
    # Sessions that require sign-up (set in build_registration_form; deleted when none).
    session_ids = MultiCheckboxField(_l("Sessions I sign up for"), coerce=int)
    time_zone = StringField(
        _l("My time zone (if I take part remotely)"),
        validators=[Optional(), Length(max=64)],
        description=_l(
            "The times in your e-mails and on your personal page are given in this zone. "
            "Leave it as it is for the event's time zone."
        ),
    )
    accessibility_needs = TextAreaField(
        _l("Accessibility needs"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Step-free access, sign language, large print, an assistant ..."),
    )
    interpretation_needs = TextAreaField(
        _l("Interpretation needs"),
        validators=[Optional(), Length(max=2000)],
        description=_l("The languages you need interpretation into or from."),
    )
    list_visibility = RadioField(
        _l("Who may see my name in the list of participants"),
        choices=ListVisibility.choices,
        default=ListVisibility.NOBODY.value,
    )
    report_naming = RadioField(
        _l("How published reports may name me"),
        choices=ReportNaming.choices,
        default=ReportNaming.NAME.value,
    )
    form_of_address = RadioField(
        _l("How Arabic texts speak of me (optional)"),
        choices=FormOfAddress.choices,
        default=FormOfAddress.UNSPECIFIED.value,
        description=_l(
            "Only used to word Arabic correctly (on your badge and certificate, for example); "
            "never shown to others."
        ),
    )

    def question_fields(self):
        return [f for f in self if f.name.startswith("q_")]

    def service_data(self) -> dict:
        return {
            "name_ar": self.name_ar.data,
            "name_en": self.name_en.data,
            "email": self.email.data,
            "organisation": self.organisation.data,
            "position": self.position.data,
            "category": self.category.data,
            "birth_year": self.birth_year.data if "birth_year" in self else None,
            "mode": Mode(self.mode.data),
            "day_ids": self.day_ids.data or [],
            "session_ids": (self.session_ids.data or []) if "session_ids" in self else [],
            "accessibility_needs": self.accessibility_needs.data
            if self.accessibility_needs
            else None,
            "interpretation_needs": (
                self.interpretation_needs.data if self.interpretation_needs else None
            ),
            "list_visibility": ListVisibility(self.list_visibility.data),
            "report_naming": ReportNaming(self.report_naming.data),
            "form_of_address": form_of(self.form_of_address.data),
            "answers": {f.name[2:]: f.data for f in self.question_fields()},
            "time_zone": _zone_data(self),
        }

    def validate_time_zone(self, field):
        check_time_zone(field)


def check_time_zone(field):
    """A time zone as chosen (the select sends an IANA name), or empty: anything else (a
    request not made by the form, a legacy value) is refused and shown again as it came."""
    field.data = (field.data or "").strip()
    if field.data and not valid_time_zone(field.data):
        raise ValidationError(
            _(
                "“%(zone)s” is not a time zone we know. Choose yours from the list (by the "
                "name of a city in it).",
                zone=field.data,
            )
        )


def _zone_data(form) -> str | None:
    return (form.time_zone.data or None) if "time_zone" in form else None


class OrganiserRegistrationForm(VersionedForm, RegistrationForm):
    organiser_note = TextAreaField(_l("Note for the organisers"), validators=[Optional()])
    override_capacity = BooleanField(_l("Confirm even if the event or the day is full"))

    def service_data(self) -> dict:
        data = super().service_data()
        data["organiser_note"] = self.organiser_note.data
        return data


def _question_field(question):
    label = question.label
    validators = [Optional()]
    if question.kind == QuestionKind.LONG_TEXT:
        return TextAreaField(label, validators=[Optional(), Length(max=4000)])
    if question.kind == QuestionKind.YES_NO:
        return RadioField(
            label,
            choices=select_choices([("yes", _l("Yes")), ("no", _l("No"))]),
            validators=validators,
            validate_choice=False,
        )
    if question.kind == QuestionKind.CHOICE:
        return SelectField(
            label,
            choices=select_choices([("", "—")] + question.choices(current_language())),
            validators=validators,
            validate_choice=False,
        )
    return StringField(label, validators=[Optional(), Length(max=4000)])


def build_registration_form(
    event, settings, questions, *, organiser=False, invitation=None, allowed_days=None, **kwargs
):
    """The form for this event: its days, categories and modes, and its own questions."""
    days = allowed_days if allowed_days is not None else event.days
    form_class, choices = _form_parts(event, settings, questions, organiser, days)
    form = form_class(**kwargs)
    if organiser or not (settings.invitation_only or invitation):
        del form.invitation_code
    for name, options in choices.items():
        form[name].choices = list(options)
    if len(choices["mode"]) == 1:
        form.mode.data = choices["mode"][0].value
    if not settings.ask_accessibility and not organiser:
        del form.accessibility_needs
    if not settings.ask_interpretation and not organiser:
        del form.interpretation_needs
    signup_choices = _signup_choices(event) if not organiser else ()
    if signup_choices:
        form.session_ids.choices = list(signup_choices)
    elif "session_ids" in form:
        del form.session_ids
    if not settings.asks_birth_year:
        del form.birth_year
    elif organiser:  # an organiser may not know it; the public form must give it
        form.birth_year.validators = [Optional(), *form.birth_year.validators[1:]]
    return form


_kept_parts = ProcessCache(threshold=128)
_kept_signup_choices = ProcessCache(threshold=128)


def _signup_choices(event) -> tuple:
    """The sessions that require sign-up as the form's choices, kept per version of the event
    (a session saved changes it) and language: a sign-up costs no query for them."""
    key = (*version_key(event), current_language())
    choices = _kept_signup_choices.get(key)
    if choices is None:
        sessions = session_signups.signup_sessions(event)
        choices = tuple(select_choices((s.id, s.title) for s in sessions))
        _kept_signup_choices.set(key, choices)
    return choices


def _form_parts(event, settings, questions, organiser, days):
    """The form class with the event's questions, and its choices (by field name) in the
    reader's language: made once per version of the event (settings, questions and days are
    part of it) and kept, since every sign-up builds this form."""
    key = (
        *version_key(event),
        current_language(),
        organiser,
        tuple(d.id for d in days),
        tuple(q.id for q in questions),
    )
    parts = _kept_parts.get(key)
    if parts is None:

        class EventRegistrationForm(OrganiserRegistrationForm if organiser else RegistrationForm):
            pass

        for question in questions:
            setattr(EventRegistrationForm, f"q_{question.id}", _question_field(question))
        categories = event_categories(event)
        if not organiser:
            categories = settings.offered_categories(categories)
        modes = list(Mode) if organiser else settings.offered_modes()
        parts = (
            EventRegistrationForm,
            {
                "category": tuple(select_choices((c.code, c.label) for c in categories)),
                "mode": tuple(select_choices((m.value, m.label) for m in modes)),
                "day_ids": tuple(
                    select_choices((d.id, format_day(d.date, event, "EEEE d MMMM")) for d in days)
                ),
                # Given here, not as the enums' choices() in the class: WTForms would call
                # those on every validation (inspecting their signature, translating labels).
                "list_visibility": tuple(ListVisibility.choices()),
                "report_naming": tuple(ReportNaming.choices()),
                "form_of_address": tuple(FormOfAddress.choices()),
            },
        )
        _kept_parts.set(key, parts)
    return parts


class ChangeForm(VersionedForm, FlaskForm):
    """What a participant may change from their personal link."""

    mode = RadioField(_l("I will attend"), choices=Mode.choices)
    day_ids = MultiCheckboxField(_l("Days I will attend"), coerce=int)
    time_zone = RegistrationForm.time_zone

    def validate_time_zone(self, field):
        check_time_zone(field)


class ResendForm(FlaskForm):
    email = EmailField(
        _l("E-mail"),
        validators=[
            DataRequired(message=_l("Give your e-mail address.")),
            Email(message=EMAIL_MESSAGE),
        ],
    )


def _optional_int(label, description=None):
    return BoundedIntegerField(
        label,
        validators=[
            Optional(),
            NumberRange(min=0, max=100000, message=_l("Give a number of 0 or more.")),
        ],
        description=description,
    )


class SettingsForm(VersionedForm, FlaskForm):
    is_open = BooleanField(_l("Registration is open"))
    opens_on = DateField(_l("Opens on"), validators=[Optional()])
    closes_on = DateField(_l("Closes on (inclusive)"), validators=[Optional()])
    offer_in_person = BooleanField(_l("Offer in-person attendance"))
    capacity_in_person = _optional_int(_l("In-person places"), _l("Leave empty for no limit."))
    offer_remote = BooleanField(_l("Offer remote participation"))
    capacity_remote = _optional_int(_l("Remote places"), _l("Leave empty for no limit."))
    requires_approval = BooleanField(_l("Each registration needs the organisers' approval"))
    who_may_register = RadioField(
        _l("Who may register"),
        choices=select_choices(
            [
                ("none", _l("Anyone")),
                ("members", _l("Members of the organisation in good standing")),
                ("categories", _l("Members of the membership categories ticked below")),
                ("invitation", _l("By invitation only (a code or link is required)")),
            ]
        ),
        default="none",
    )
    member_categories = MultiCheckboxField(_l("Membership categories"))
    min_age = BoundedIntegerField(
        _l("Youngest age"),
        validators=[Optional(), NumberRange(min=0, max=120, message=_l("Give an age."))],
        description=_l("On the event's first day. The form then asks the year of birth."),
    )
    max_age = BoundedIntegerField(
        _l("Oldest age"),
        validators=[Optional(), NumberRange(min=0, max=120, message=_l("Give an age."))],
    )
    waitlist_enabled = BooleanField(_l("Keep a waiting list when places are taken"))
    public_categories = MultiCheckboxField(
        _l("Categories offered on the public form"),
        description=_l("None ticked: all. Invitations and organisers may use any category."),
    )
    ask_accessibility = BooleanField(_l("Ask about accessibility needs"))
    ask_interpretation = BooleanField(_l("Ask about interpretation needs"))
    remote_instructions_ar = TextAreaField(
        _l("Instructions for remote participants, in Arabic"),
        validators=[Optional(), Length(max=4000)],
        description=_l(
            "How to join, and how to ask to speak. Shown to confirmed remote "
            "participants only, on their personal page and in their e-mails."
        ),
    )
    remote_instructions_en = TextAreaField(
        _l("Instructions for remote participants, in English"),
        validators=[Optional(), Length(max=4000)],
    )
    technical_check_at = DateTimeLocalField(
        _l("Technical check (date and time, in the event's time zone)"),
        validators=[Optional()],
        format="%Y-%m-%dT%H:%M",
    )
    technical_check_link = URLField(
        _l("Link of the technical check"), validators=[Optional(), Length(max=500)]
    )
    purge_after_days = _optional_int(
        _l("Delete personal data this many days after the event"),
        _l("Leave empty to keep it. Counts by category, mode and day are kept."),
    )

    def validate_public_categories(self, field):
        field.data = [v for v in field.data or [] if v in {c.value for c in field.choices}]

    def validate_member_categories(self, field):
        field.data = [v for v in field.data or [] if v in {c.value for c in field.choices}]
        if self.who_may_register.data == "categories" and not field.data:
            raise ValidationError(_l("Tick at least one membership category."))

    def validate_technical_check_link(self, field):
        field.data = (field.data or "").strip() or None
        if field.data and not web_link(field.data):
            raise ValidationError(_l("Give an address that starts with https:// or http://"))

    def validate_max_age(self, field):
        low = self.min_age.data
        if field.data is not None and low is not None and field.data < low:
            raise ValidationError(_l("The oldest age must not be below the youngest."))


def build_settings_form(event, membership_categories=(), **kwargs):
    """The settings form plus, per day, a capacity and, per category, the days allowed;
    `membership_categories`: the organiser's, for "members of some categories"."""

    class EventSettingsForm(SettingsForm):
        pass

    for day in event.days:
        setattr(
            EventSettingsForm,
            f"day_capacity_{day.id}",
            _optional_int(format_day(day.date, event, "EEEE d MMMM")),
        )
    day_choices = select_choices((d.id, format_day(d.date, event, "d MMMM")) for d in event.days)
    categories = event_categories(event)
    for category in categories:
        field = MultiCheckboxField(category.label, coerce=int, choices=day_choices)
        setattr(EventSettingsForm, f"days_{category.code}", field)
    form = EventSettingsForm(**kwargs)
    form.public_categories.choices = select_choices((c.code, c.label) for c in categories)
    form.member_categories.choices = select_choices((c.code, c.name) for c in membership_categories)
    return form


class QuestionForm(FlaskForm):
    kind = SelectField(_l("Kind of answer"), choices=QuestionKind.choices)
    label_ar = StringField(
        _l("Question in Arabic"),
        validators=[
            one_of_two_languages(
                "label_ar", "label_en", _l("Write the question in Arabic or English.")
            ),
            Length(max=300),
        ],
    )
    label_en = StringField(_l("Question in English"), validators=[Optional(), Length(max=300)])
    choices_text = TextAreaField(
        _l("Answers to choose from"),
        validators=[Optional()],
        description=_l("One per line; add the English after a bar: نعم | Yes"),
    )
    required = BooleanField(_l("An answer is required"))


class InvitationForm(FlaskForm):
    email = EmailField(
        _l("E-mail of the person invited"),
        validators=[Optional(), Email(message=EMAIL_MESSAGE)],
        description=_l("Leave empty for a code that several people may use."),
    )
    name_ar = StringField(_l("Name in Arabic"), validators=[Optional(), Length(max=200)])
    name_en = StringField(_l("Name in English"), validators=[Optional(), Length(max=200)])
    form_of_address = SelectField(
        _l("How Arabic texts speak of the person (optional)"),
        choices=FormOfAddress.choices,
        default=FormOfAddress.UNSPECIFIED.value,
        description=_l("Prefilled on the registration form; the person may change it."),
    )
    label = StringField(_l("Label (for the organisers)"), validators=[Optional(), Length(max=200)])
    max_uses = BoundedIntegerField(
        _l("How many registrations it allows"),
        validators=[
            Optional(),
            NumberRange(min=1, max=100000, message=_l("Give a number of 1 or more.")),
        ],
        description=_l("Leave empty for no limit. A personal invitation allows one."),
    )
    category = SelectField(_l("Category"))  # the event's categories (manage_invitations)
    mode = SelectField(
        _l("Attendance"),
        choices=select_choices([("", _l("— the person chooses —"))]) + Mode.choices(),
    )
    day_ids = MultiCheckboxField(_l("Days (none ticked: every day)"), coerce=int)
    expires_on = DateField(_l("Valid until (inclusive)"), validators=[Optional()])


class ImportForm(FlaskForm):
    file = FileField(
        _l("CSV file"),
        validators=[
            FileRequired(message=_l("Choose a CSV file.")),
            FileAllowed(["csv", "txt"], message=_l("Choose a CSV file.")),
        ],
    )
    all_or_nothing = BooleanField(
        _l("Import nothing if a line is refused (otherwise the valid lines are imported)")
    )


class CheckinForm(FlaskForm):
    code = StringField(
        _l("Code, QR content or name"),
        validators=[DataRequired(message=_l("Scan or type a code, or a name."))],
    )
