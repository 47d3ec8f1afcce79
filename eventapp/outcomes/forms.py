import datetime as dt

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from eventapp.common import select_choices, strip_text
from eventapp.events.models import QuorumKind
from eventapp.inputs import BoundedIntegerField, bounded_int
from eventapp.outcomes.models import Assessment, FollowUpStatus, Priority
from eventapp.speakers.models import OrganisationKind
from eventapp.speakers.services import organisation_choices
from eventapp.versions import VersionedForm

MARKDOWN_HELP = _l("You can use Markdown: **bold**, *italic*, lists starting with - or 1.")
LONG = Length(max=20000)
# An English translation is typed left to right; the page says it is English (screen readers,
# spelling).
ENGLISH = {"dir": "ltr", "lang": "en"}


def english(field_class, label, length, **kwargs):
    """The English companion of an Arabic field: optional, typed left to right."""
    return field_class(label, validators=[Optional(), length], render_kw=dict(ENGLISH), **kwargs)


class SessionOutcomeForm(FlaskForm):
    version = BoundedIntegerField(validators=[InputRequired(), NumberRange(min=0)])
    summary = TextAreaField(_l("Summary"), validators=[Optional(), LONG], description=MARKDOWN_HELP)
    key_points = TextAreaField(_l("Key points"), validators=[Optional(), LONG])
    consensus = TextAreaField(_l("Points of consensus"), validators=[Optional(), LONG])
    disagreement = TextAreaField(_l("Points of disagreement"), validators=[Optional(), LONG])
    decisions = TextAreaField(_l("Decisions"), validators=[Optional(), LONG])
    summary_en = english(TextAreaField, _l("Summary in English"), LONG)
    key_points_en = english(TextAreaField, _l("Key points in English"), LONG)
    consensus_en = english(TextAreaField, _l("Points of consensus in English"), LONG)
    disagreement_en = english(TextAreaField, _l("Points of disagreement in English"), LONG)
    decisions_en = english(TextAreaField, _l("Decisions in English"), LONG)


class RecommendationForm(FlaskForm):
    version = HiddenField(default="1")
    text = TextAreaField(
        _l("Recommendation"),
        validators=[DataRequired(message=_l("Write the recommendation.")), Length(max=5000)],
    )
    # To whom: a kind of organisation, an organisation of the directory, free text, or a mix
    # (addressees.addressee_label shows them together); all may stay empty.
    addressee_kind = SelectField(
        _l("Addressed to organisations of the kind"),
        choices=lambda: [*select_choices([("", _l("— any —"))]), *OrganisationKind.choices()],
        validators=[Optional()],
        filters=[strip_text],
    )
    # Choices: the directory (set by ``recommendation_form``); a number not among them is
    # refused next to the field.
    addressee_organisation_id = SelectField(
        _l("Addressed to the organisation"), coerce=bounded_int, choices=[], default=0
    )
    addressee = StringField(
        _l("Addressed to (in words)"),
        validators=[Optional(), Length(max=300)],
        description=_l("For example: States, the Ministry of Justice, companies, the UN."),
        render_kw={"list": "addressee-list", "autocomplete": "off"},
    )
    theme = StringField(
        _l("Theme"),
        validators=[Optional(), Length(max=200)],
        render_kw={"list": "theme-list", "autocomplete": "off"},
    )
    priority = SelectField(_l("Priority"), choices=Priority.choices, default="medium")
    text_en = english(TextAreaField, _l("Recommendation in English"), Length(max=5000))
    addressee_en = english(StringField, _l("Addressed to (in words), in English"), Length(max=300))
    theme_en = english(StringField, _l("Theme in English"), Length(max=200))


def recommendation_form(*args, **kwargs) -> RecommendationForm:
    """The recommendation form with the organisations of the directory to choose from."""
    form = RecommendationForm(*args, **kwargs)
    form.addressee_organisation_id.choices = organisation_choices(_l("— none —"))
    return form


class NextStepForm(VersionedForm, FlaskForm):
    what = TextAreaField(
        _l("What"), validators=[DataRequired(message=_l("Say what is to be done.")), LONG]
    )
    who = StringField(_l("Who"), validators=[Optional(), Length(max=300)])
    due_date = DateField(
        _l("By when (date)"),
        validators=[Optional()],
        render_kw={"dir": "ltr"},
    )
    due_text = StringField(
        _l("Or by when, in words"),
        validators=[Optional(), Length(max=200)],
        description=_l("For example: before the next meeting."),
    )
    what_en = english(TextAreaField, _l("What, in English"), LONG)
    who_en = english(StringField, _l("Who, in English"), Length(max=300))
    due_text_en = english(StringField, _l("By when in words, in English"), Length(max=200))


class EventOutcomeForm(FlaskForm):
    """Fields for each objective, expected output and day are added by ``event_outcome_form``."""

    version = BoundedIntegerField(validators=[InputRequired(), NumberRange(min=0)])
    summary = TextAreaField(
        _l("Overall summary"), validators=[Optional(), LONG], description=MARKDOWN_HELP
    )
    conclusions = TextAreaField(_l("Conclusions"), validators=[Optional(), LONG])
    summary_en = english(TextAreaField, _l("Overall summary in English"), LONG)
    conclusions_en = english(TextAreaField, _l("Conclusions in English"), LONG)


def event_outcome_form(event, formdata=None, data=None) -> EventOutcomeForm:
    """The event-outcome form with one assessment per goal and one summary per day."""

    class Form(EventOutcomeForm):
        pass

    rating_choices = [*select_choices([("", _l("— not assessed —"))]), *Assessment.choices()]
    for goal in event.goals:
        setattr(
            Form,
            f"rating_{goal.id}",
            SelectField(
                _l("Assessment"),
                choices=rating_choices,
                validators=[Optional()],
                filters=[strip_text],
            ),
        )
        setattr(
            Form,
            f"comment_{goal.id}",
            TextAreaField(_l("Comment"), validators=[Optional(), Length(max=5000)]),
        )
        setattr(
            Form,
            f"comment_en_{goal.id}",
            english(TextAreaField, _l("Comment in English"), Length(max=5000)),
        )
    if len(event.days) > 1:
        for day in event.days:
            setattr(
                Form,
                f"day_{day.id}",
                TextAreaField(_l("Summary of the day"), validators=[Optional(), LONG]),
            )
            setattr(
                Form,
                f"day_en_{day.id}",
                english(TextAreaField, _l("Summary of the day in English"), LONG),
            )
    if formdata is not None:
        return Form(formdata=formdata)
    return Form(data=data)


class PublishForm(FlaskForm):
    published = BooleanField(_l("Published on the public event page"))


class FollowUpForm(VersionedForm, FlaskForm):
    status = SelectField(_l("Follow-up status"), choices=FollowUpStatus.choices)
    responsible_body = StringField(_l("Responsible body"), validators=[Optional(), Length(max=300)])
    responsible_body_en = english(StringField, _l("Responsible body in English"), Length(max=300))
    due_date = DateField(_l("Due date"), validators=[Optional()], render_kw={"dir": "ltr"})


class ProgressNoteForm(FlaskForm):
    noted_on = DateField(
        _l("Date"),
        validators=[DataRequired(message=_l("Give the date of this progress."))],
        default=dt.date.today,
        render_kw={"dir": "ltr"},
    )
    text = TextAreaField(
        _l("Progress"),
        validators=[DataRequired(message=_l("Write what has happened.")), Length(max=5000)],
    )
    status = SelectField(
        _l("New status (optional)"),
        choices=lambda: [*select_choices([("", _l("— unchanged —"))]), *FollowUpStatus.choices()],
        validators=[Optional()],
        filters=[strip_text],
    )


def _votes(label):
    return BoundedIntegerField(
        label,
        default=0,
        validators=[
            InputRequired(message=_l("Give a number (0 if nobody).")),
            NumberRange(min=0, message=_l("A number of votes cannot be negative.")),
        ],
        render_kw={"inputmode": "numeric", "dir": "ltr", "min": 0},
    )


class VoteForm(VersionedForm, FlaskForm):
    """The vote on an agenda item of a general assembly, as counted."""

    votes_for = _votes(_l("For"))
    votes_against = _votes(_l("Against"))
    votes_abstaining = _votes(_l("Abstaining"))


class AssemblyForm(VersionedForm, FlaskForm):
    is_assembly = BooleanField(_l("This event is a general assembly of the organiser's members"))
    quorum_kind = SelectField(_l("Quorum"), choices=QuorumKind.choices, default="majority")
    quorum_value = BoundedIntegerField(
        _l("Number of members, or percentage"),
        validators=[Optional()],
        description=_l("Not needed for half of the voting members plus one."),
        render_kw={"inputmode": "numeric", "dir": "ltr"},
    )
    chair_name = StringField(_l("Chair of the assembly"), validators=[Optional(), Length(max=200)])
    secretary_name = StringField(_l("Secretary"), validators=[Optional(), Length(max=200)])
