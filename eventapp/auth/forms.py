"""Account forms: sign-in, passwords, accounts made by an administrator, roles in a team."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length, Optional

from eventapp.auth.models import EventRoleKind
from eventapp.auth.services import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH
from eventapp.inputs import bounded_int


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    remember = BooleanField(_l("Keep me signed in"))


def _new_password_fields():
    new_password = PasswordField(
        _l("New password"),
        validators=[
            DataRequired(),
            Length(
                min=PASSWORD_MIN_LENGTH,
                max=PASSWORD_MAX_LENGTH,
                message=_l("The password must have between 8 and 200 characters."),
            ),
        ],
        description=_l("At least 8 characters."),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("New password, again"),
        validators=[
            DataRequired(),
            EqualTo("new_password", message=_l("The two new passwords are not the same.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    return new_password, confirm


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )
    new_password, confirm = _new_password_fields()


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])


class SetPasswordForm(FlaskForm):
    """A password chosen through an e-mailed link; an invited person also gives their name."""

    name = StringField(_l("Your name"), validators=[Optional(), Length(max=200)])
    new_password, confirm = _new_password_fields()


class UserForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(min=8, max=200)])
    is_admin = BooleanField(_l("Administrator"))


class RoleForm(FlaskForm):
    email = EmailField(_l("User's e-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    role = SelectField(_l("Role"), choices=EventRoleKind.choices)
    session_id = SelectField(_l("Session"), coerce=bounded_int, choices=[], validate_choice=False)
