from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length

from eventapp.auth.models import EventRoleKind
from eventapp.inputs import bounded_int


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email()])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    remember = BooleanField(_l("Keep me signed in"))


class UserForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)])
    email = EmailField(_l("E-mail"), validators=[DataRequired(), Email(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(min=8, max=200)])
    is_admin = BooleanField(_l("Administrator"))


class RoleForm(FlaskForm):
    email = EmailField(_l("User's e-mail"), validators=[DataRequired(), Email()])
    role = SelectField(_l("Role"), choices=EventRoleKind.choices)
    session_id = SelectField(_l("Session"), coerce=bounded_int, choices=[], validate_choice=False)
