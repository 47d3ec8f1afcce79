"""The forms of an organiser: its page (names, description, website, logo) and its staff."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from eventapp.auth.models import OrganisationRoleKind
from eventapp.versions import VersionedForm

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class PageForm(VersionedForm, FlaskForm):
    slug = StringField(
        _l("Short address"),
        validators=[
            DataRequired(),
            Length(min=2, max=80),
            Regexp(
                SLUG_PATTERN,
                message=_l("Use lower-case Latin letters, digits and dashes, e.g. alqst."),
            ),
        ],
        description=_l("The address of the organisation's public page, e.g. /o/alqst/."),
    )
    name_ar = StringField(_l("Name in Arabic"), validators=[Optional(), Length(max=300)])
    name_en = StringField(_l("Name in English"), validators=[Optional(), Length(max=300)])
    description_ar = TextAreaField(
        _l("Short description in Arabic"), validators=[Optional(), Length(max=2000)]
    )
    description_en = TextAreaField(
        _l("Short description in English"), validators=[Optional(), Length(max=2000)]
    )
    website = StringField(
        _l("Website"),
        validators=[
            Optional(),
            Length(max=300),
            Regexp(
                r"^https?://[^\s<>\"']+$",
                message=_l("Give the full address, starting with https://"),
            ),
        ],
    )
    logo = FileField(_l("Logo"), description=_l("A PNG or JPEG image of at most 512 KB."))
    remove_logo = BooleanField(_l("Remove the logo"))


class NewOrganiserForm(PageForm):
    organisation_id = SelectField(_l("Organisation"), coerce=int, choices=[])


class StaffForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    role = SelectField(_l("Role"), choices=OrganisationRoleKind.choices, default="staff")


class StaffRoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=OrganisationRoleKind.choices)
