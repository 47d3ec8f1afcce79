"""Forms of the roll: a member, the two kinds of category, the CSV import."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from wtforms import BooleanField, DateField, EmailField, SelectField, StringField
from wtforms.validators import Email, Length, NumberRange, Optional, ValidationError

from eventapp.common import select_choices
from eventapp.inputs import BoundedIntegerField
from eventapp.members.models import MemberStatus
from eventapp.members.participants import PALETTE
from eventapp.people import FormOfAddress, form_value
from eventapp.versions import VersionedForm


class MembershipFields:
    category_id = SelectField(_l("Membership category"), coerce=int, choices=[])
    since = DateField(_l("Member since"), validators=[Optional()])
    until = DateField(_l("Member until"), validators=[Optional()])
    status = SelectField(_l("Status"), choices=MemberStatus.choices, default="active")

    def validate_until(self, field):
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_l("The end of membership must not be before its start."))

    def membership_data(self) -> dict:
        return {
            "category_id": self.category_id.data or None,
            "since": self.since.data,
            "until": self.until.data,
            "status": MemberStatus(self.status.data),
        }


class AddMemberForm(MembershipFields, FlaskForm):
    person_id = SelectField(_l("Person of the directory"), coerce=int, choices=[])
    name_ar = StringField(_l("Name in Arabic"), validators=[Optional(), Length(max=200)])
    name_en = StringField(_l("Name in English"), validators=[Optional(), Length(max=200)])
    email = EmailField(
        _l("E-mail (private)"),
        validators=[
            Optional(),
            Email(message=_l("This e-mail address is not valid.")),
            Length(max=254),
        ],
        description=_l("How the member is recognised when registering; never shown publicly."),
    )
    form_of_address = SelectField(
        _l("How Arabic texts speak of this person"),
        choices=FormOfAddress.choices,
        coerce=form_value,
        default=FormOfAddress.UNSPECIFIED.value,
    )

    def validate_name_ar(self, field):
        if not self.person_id.data and not (field.data or self.name_en.data or "").strip():
            raise ValidationError(_l("Choose a person of the directory, or give a name."))


class EditMemberForm(MembershipFields, VersionedForm, FlaskForm):
    pass


class MembershipCategoryForm(VersionedForm, FlaskForm):
    code = StringField(_l("Code (for CSV files)"), validators=[Length(max=40)])
    name_ar = StringField(_l("Name in Arabic"), validators=[Optional(), Length(max=200)])
    name_en = StringField(_l("Name in English"), validators=[Optional(), Length(max=200)])
    votes = BooleanField(_l("Counts towards the quorum"), default=True)
    position = BoundedIntegerField(
        _l("Order"), validators=[Optional(), NumberRange(min=0, max=1000)], default=0
    )


class ParticipantCategoryForm(VersionedForm, FlaskForm):
    code = StringField(_l("Code"), validators=[Length(max=40)])
    label_ar_f = StringField(
        _l("Arabic, feminine (e.g. متدرّبة)"), validators=[Optional(), Length(max=120)]
    )
    label_ar_m = StringField(
        _l("Arabic, masculine (e.g. متدرّب)"), validators=[Optional(), Length(max=120)]
    )
    label_ar_n = StringField(
        _l("Arabic, neutral: for a person whose form of address is not given (e.g. وفد)"),
        validators=[Optional(), Length(max=120)],
    )
    label_en = StringField(_l("English"), validators=[Optional(), Length(max=120)])
    colour = SelectField(
        _l("Badge colour"), choices=select_choices((c, c) for c in PALETTE), default=PALETTE[0]
    )
    position = BoundedIntegerField(
        _l("Order"), validators=[Optional(), NumberRange(min=0, max=1000)], default=0
    )


class RollImportForm(FlaskForm):
    file = FileField(
        _l("CSV file"),
        validators=[
            FileRequired(message=_l("Choose a CSV file.")),
            FileAllowed(["csv", "txt"], message=_l("Choose a CSV file.")),
        ],
    )
