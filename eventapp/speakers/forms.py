"""The directory's forms: people and organisations."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import Email, Length, Optional, ValidationError

from eventapp.people import FormOfAddress, form_value
from eventapp.speakers.models import OrganisationKind
from eventapp.versions import VersionedForm


def one_of_two_languages(field_ar: str, field_en: str, message):
    """Bilingual content needs at least one of its two languages."""

    def check(form, field):
        if not (form[field_ar].data or "").strip() and not (form[field_en].data or "").strip():
            raise ValidationError(str(message))

    return check


class OrganisationForm(VersionedForm, FlaskForm):
    name_ar = StringField(
        _l("Name in Arabic"),
        validators=[
            one_of_two_languages("name_ar", "name_en", _l("Give the name in Arabic or English.")),
            Length(max=300),
        ],
    )
    name_en = StringField(_l("Name in English"), validators=[Optional(), Length(max=300)])
    acronym = StringField(_l("Acronym"), validators=[Optional(), Length(max=40)])
    kind = SelectField(_l("Kind"), choices=OrganisationKind.choices)
    country = StringField(_l("Country"), validators=[Optional(), Length(max=100)])


class PersonForm(VersionedForm, FlaskForm):
    honorific_ar = StringField(
        _l("Honorific in Arabic"),
        validators=[Optional(), Length(max=40)],
        description=_l("For example أ. or د. or سعادة"),
    )
    honorific_en = StringField(_l("Honorific in English"), validators=[Optional(), Length(max=40)])
    name_ar = StringField(
        _l("Name in Arabic"),
        validators=[
            one_of_two_languages("name_ar", "name_en", _l("Give the name in Arabic or English.")),
            Length(max=200),
        ],
    )
    name_en = StringField(_l("Name in English"), validators=[Optional(), Length(max=200)])
    position_ar = StringField(_l("Position in Arabic"), validators=[Optional(), Length(max=300)])
    position_en = StringField(_l("Position in English"), validators=[Optional(), Length(max=300)])
    organisation_id = SelectField(_l("Organisation"), coerce=int, choices=[])
    form_of_address = SelectField(
        _l("How Arabic texts speak of this person"),
        choices=FormOfAddress.choices,
        coerce=form_value,
        default=FormOfAddress.UNSPECIFIED.value,
        description=_l(
            "Words the role next to their name: «الميسّرة» or «الميسّر»; unspecified takes a "
            "neutral wording. Never shown as such."
        ),
    )
    bio_ar = TextAreaField(_l("Short bio in Arabic"), validators=[Optional(), Length(max=4000)])
    bio_en = TextAreaField(_l("Short bio in English"), validators=[Optional(), Length(max=4000)])
    email = EmailField(
        _l("Private e-mail"),
        validators=[Optional(), Email(), Length(max=254)],
        description=_l("Never shown on public pages."),
    )
