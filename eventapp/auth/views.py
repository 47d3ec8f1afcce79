"""Login, logout and the administrator's list of accounts."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user
from sqlalchemy import select

from eventapp.auth import services
from eventapp.auth.forms import LoginForm, UserForm
from eventapp.auth.models import User
from eventapp.auth.permissions import admin_required
from eventapp.extensions import db, login_manager
from eventapp.urls import safe_next_url

bp = Blueprint("auth", __name__, url_prefix="/auth")

login_manager.login_view = "auth.login"
login_manager.login_message = None


@login_manager.user_loader
def load_user(user_id: str):
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("events.my_events"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.find_user(form.email.data)
        if user and user.active and user.check_password(form.password.data):
            login_user(user, remember=form.remember.data)
            return redirect(safe_next_url(request.args.get("next"), "events.my_events"))
        form.password.errors.append(_("The e-mail or the password is wrong."))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("main.home"))


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
