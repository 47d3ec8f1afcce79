"""Signing in and out, passwords (change, reset, invitation) and the administrator's accounts."""

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from eventapp.auth import services
from eventapp.auth.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    SetPasswordForm,
    UserForm,
)
from eventapp.auth.models import User
from eventapp.auth.permissions import account_required, admin_required
from eventapp.extensions import db, login_manager
from eventapp.reports.text import isolate
from eventapp.urls import safe_next_url

bp = Blueprint("auth", __name__, url_prefix="/auth")

login_manager.login_view = "auth.login"
login_manager.login_message = None


@login_manager.user_loader
def load_user(user_id: str):
    """The session and the remember-me cookie hold "<id>:<session version>" (User.get_id);
    a cookie of an older version (signed out, password changed, account disabled) is refused."""
    account_id, _sep, version = user_id.partition(":")
    if not (account_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(account_id))
    if user is None or not user.active or user.session_version != int(version):
        return None
    return user


def _sign_in(user: User, remember: bool) -> None:
    services.signed_in(user)
    db.session.commit()
    login_user(user, remember=remember)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("events.my_events"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            _sign_in(user, form.remember.data)
            return redirect(safe_next_url(request.args.get("next"), "events.my_events"))
        form.password.errors.append(_("The e-mail or the password is wrong."))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    if current_user.is_authenticated:
        services.revoke_sessions(current_user._get_current_object())
        db.session.commit()
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("main.home"))


@bp.route("/password", methods=["GET", "POST"])
@account_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            services.change_password(user, form.current_password.data, form.new_password.data)
        except services.AccountError as error:
            form.current_password.errors.append(str(error))
        else:
            # This browser stays signed in with the new version; every other one is out.
            remembered = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
            _sign_in(user, remember=remembered in request.cookies)
            flash(_("Your password was changed. Your other devices were signed out."), "success")
            return redirect(url_for("events.my_events"))
    return render_template("auth/password.html", form=form)


@bp.route("/forgot", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        flash(
            _(
                "If an account exists for this address, we have sent it a link to choose a "
                "new password."
            ),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token):
    found = services.user_for_password_link(token)
    if found is None:
        response = current_app.make_response((render_template("auth/reset.html", form=None), 404))
    else:
        user, kind = found
        invitation = kind == services.INVITATION
        form = SetPasswordForm()
        if request.method == "GET" and invitation:
            form.name.data = user.name
        if form.validate_on_submit():
            if invitation and form.name.data and form.name.data.strip():
                user.name = form.name.data.strip()
            services.set_new_password(user, form.new_password.data)
            _sign_in(user, remember=False)
            flash(_("Your password is set. You are signed in."), "success")
            return redirect(url_for("events.my_events"))
        response = current_app.make_response(
            render_template("auth/reset.html", form=form, invitation=invitation, user=user)
        )
    # The token is in the address: keep it out of caches and other sites' Referer.
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/users", methods=["GET", "POST"])
@admin_required
def users():
    form = UserForm()
    if form.validate_on_submit():
        try:
            services.create_user(
                form.email.data, form.name.data, form.password.data, is_admin=form.is_admin.data
            )
        except services.AccountError as error:
            form.email.errors.append(str(error))
        else:
            db.session.commit()
            flash(_("The account was created."), "success")
            return redirect(url_for("auth.users"))
    accounts = db.session.scalars(select(User).order_by(User.name)).all()
    return render_template("auth/users.html", form=form, accounts=accounts)


@bp.post("/users/<int:user_id>/<any(disable,enable):action>")
@admin_required
def set_user_active(user_id, action):
    user = db.session.get(User, user_id) or abort(404)
    try:
        services.set_active(user, action == "enable", by=current_user._get_current_object())
    except services.AccountError as error:
        flash(str(error), "danger")
    else:
        db.session.commit()
        if action == "enable":
            email = isolate(user.email, "ltr")
            flash(_("The account %(email)s is enabled.", email=email), "success")
        else:
            flash(
                _(
                    "The account %(email)s is disabled and signed out.",
                    email=isolate(user.email, "ltr"),
                ),
                "success",
            )
    return redirect(url_for("auth.users"))
