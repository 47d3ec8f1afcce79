"""Forms of the intervention screens (Flask-WTF, CSRF on)."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DecimalField,
    EmailField,
    HiddenField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, Length, NumberRange, Optional

from eventapp.interventions.models import LANGUAGES, InterventionMode
from eventapp.versions import VersionedForm


def _languages():
    return [(code, str(label)) for code, label in LANGUAGES.items()]


class RequestForm(FlaskForm):
    """A participant asks to intervene."""

    t = HiddenField()
    topic = StringField(
        _l("Subject of your intervention"),
        validators=[
            DataRequired(_l("Say in a few words what you will speak about.")),
            Length(max=300),
        ],
    )
    mode = SelectField(_l("How you will intervene"), validators=[DataRequired()])
    language = SelectField(_l("Language"), validators=[DataRequired()])
    organisation_name = StringField(
        _l("Organisation you speak for (optional)"), validators=[Optional(), Length(max=300)]
    )
    statement = TextAreaField(
        _l("Written statement (optional)"),
        description=_l(
            "If your intervention cannot be aired, this text is published with the others."
        ),
        validators=[Optional(), Length(max=20000)],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode.choices = InterventionMode.choices()
        self.language.choices = _languages()


class InterventionForm(FlaskForm):
    """An organiser or facilitator adds or corrects an intervention."""

    version = HiddenField()
    person_id = SelectField(_l("Speaker from the directory"), coerce=int, default=0)
    speaker_name = StringField(
        _l("Or the speaker's name"), validators=[Optional(), Length(max=200)]
    )
    participant_email = EmailField(
        _l("Speaker's e-mail (private, optional)"),
        description=_l("Lets a registered participant follow this intervention on their page."),
        validators=[Optional(), Email(_l("Enter a valid e-mail address.")), Length(max=254)],
    )
    organisation_id = SelectField(_l("Organisation"), coerce=int, default=0)
    organisation_name = StringField(
        _l("Or the organisation's name"), validators=[Optional(), Length(max=300)]
    )
    topic = StringField(_l("Subject"), validators=[Optional(), Length(max=300)])
    mode = SelectField(_l("Mode"), validators=[DataRequired()])
    language = SelectField(_l("Language"), validators=[DataRequired()])
    time_limit = DecimalField(
        _l("Speaking time in minutes"),
        description=_l("Leave empty to use the session's default."),
        places=1,
        validators=[Optional(), NumberRange(min=1, max=60, message=_l("Between 1 and 60."))],
    )
    statement = TextAreaField(
        _l("Written statement or summary"), validators=[Optional(), Length(max=20000)]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mode.choices = InterventionMode.choices()
        self.language.choices = _languages()


class StatementForm(VersionedForm, FlaskForm):
    t = HiddenField()
    statement = TextAreaField(
        _l("Written statement or summary"), validators=[Optional(), Length(max=20000)]
    )
