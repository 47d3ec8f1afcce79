"""Organiser screens for one registration: adding someone, editing a registration, sending
its personal link again."""

from __future__ import annotations

import enum

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from eventapp import versions
from eventapp.auth.permissions import organiser_required
from eventapp.common import attach_error, select_choices
from eventapp.extensions import db
from eventapp.i18n import current_language
from eventapp.inputs import owned_or_404
from eventapp.members.participants import category_label
from eventapp.registration import notify, services
from eventapp.registration.blueprint import bp
from eventapp.registration.edits import changed_or_explained
from eventapp.registration.forms import build_registration_form
from eventapp.registration.models import Registration
from eventapp.registration.organisations import organisation_options
from eventapp.registration.services import RegistrationError
from eventapp.reports.text import isolate


def _registration(event, registration_id) -> Registration:
    return owned_or_404(Registration, registration_id, event)


def _organiser_form(event, settings, registration=None):
    form = build_registration_form(
        event,
        settings,
        services.questions_for(event),
        organiser=True,
        obj=registration if request.method == "GET" else None,
    )
    kept = registration.category if registration is not None else None
    if kept and kept not in {c.value for c in form.category.choices}:  # no longer offered
        form.category.choices += select_choices([(kept, category_label(event, kept))])
    if request.method == "GET" and registration is not None:
        for name, value in _saved_registration(form, registration).items():
            form[name].data = value.value if isinstance(value, enum.Enum) else value
    elif request.method == "GET":
        form.day_ids.data = [d.id for d in event.days]
    return form


def _saved_registration(form, registration) -> dict:
    """The saved values of the form's fields that are not plain attributes of the row."""
    values = {
        "organisation": registration.organisation.display_name
        if registration.organisation
        else registration.organisation_name,
        "category": registration.category,
        "mode": registration.mode,
        "day_ids": [d.id for d in registration.days],
        "list_visibility": registration.list_visibility,
        "report_naming": registration.report_naming,
        "form_of_address": registration.form_of_address,
    }
    for f in form.question_fields():
        values[f.name] = (registration.answers or {}).get(f.name[2:], "")
    return values


@bp.route("/manage/events/<int:event_id>/registrations/new", methods=["GET", "POST"])
@organiser_required
def add(event):
    settings = services.settings_for(event)
    db.session.commit()
    form = _organiser_form(event, settings)
    if form.validate_on_submit():
        try:
            registration = services.register(
                event,
                form.service_data(),
                organiser=True,
                override_capacity=form.override_capacity.data,
                locale=current_language(),
            )
        except RegistrationError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            notify.send_registration_mail(registration, "registered")
            db.session.commit()
            flash(
                _(
                    "%(name)s was registered: %(status)s.",
                    name=isolate(registration.name),
                    status=registration.status.label,
                ),
                "success",
            )
            return redirect(url_for("registration.manage", event_id=event.id))
    return render_template(
        "registration/edit.html",
        event=event,
        form=form,
        registration=None,
        organisation_options=organisation_options(),
    )


@bp.route(
    "/manage/events/<int:event_id>/registrations/<int:registration_id>", methods=["GET", "POST"]
)
@organiser_required
def edit(event, registration_id):
    registration = _registration(event, registration_id)
    settings = services.settings_for(event)
    form = _organiser_form(event, settings, registration)
    if form.validate_on_submit():
        promoted = changed_or_explained(
            form,
            registration,
            lambda: _saved_registration(form, registration),
            lambda seen_version: services.change_registration(
                registration,
                form.service_data(),
                organiser=True,
                override_capacity=form.override_capacity.data,
                seen_version=seen_version,
            ),
        )
        if promoted is not None:
            notify.send_many(promoted, "promoted")
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("registration.manage", event_id=event.id))
    return render_template(
        "registration/edit.html",
        event=event,
        form=form,
        registration=registration,
        organisation_options=organisation_options(),
    ), versions.status_of(form)


@bp.post("/manage/events/<int:event_id>/registrations/<int:registration_id>/resend")
@organiser_required
def resend_link(event, registration_id):
    registration = _registration(event, registration_id)
    notify.send_registration_mail(registration, "link")
    db.session.commit()
    email = isolate(registration.email, "ltr")
    flash(_("The personal link was sent again to %(email)s.", email=email), "success")
    return redirect(
        url_for("registration.edit", event_id=event.id, registration_id=registration.id)
    )
