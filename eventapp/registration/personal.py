"""The participant's pages after the form: the invitation link, asking for one's personal link
again, the personal page and what it offers (changing, cancelling, the data as JSON, erasure,
the event's calendar), and the lists of participants. On the blueprint of views.py."""

from __future__ import annotations

import json

from flask import Response, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from eventapp import audit, signals, versions
from eventapp.common import select_choices
from eventapp.extensions import db
from eventapp.i18n import format_day
from eventapp.registration import certificates, figures, notify, privacy, remote, services
from eventapp.registration.blueprint import bp, public_event
from eventapp.registration.edits import changed_or_explained
from eventapp.registration.forms import ChangeForm, ResendForm
from eventapp.registration.models import Mode, Status
from eventapp.registration.services import RegistrationError


@bp.get("/e/<slug>/i/<code>")
def invitation(slug, code):
    public_event(slug)
    return redirect(url_for("registration.register", slug=slug, code=code))


@bp.post("/e/<slug>/register/resend")
def resend(slug):
    event = public_event(slug)
    form = ResendForm()
    if form.validate_on_submit():
        registration = services.registration_by_email(event, form.email.data)
        # One message either way, to the address only: the link, or "no registration".
        if registration is not None and registration.status != Status.CANCELLED:
            notify.send_registration_mail(registration, "link")
        else:
            try:
                address = services.normalise_email(form.email.data)
            except RegistrationError:
                address = None
            if address:
                notify.send_no_registration_mail(event, address)
        db.session.commit()
    # The same answer either way, so the form does not reveal who registered.
    flash(
        _("If this address is registered for the event, its personal link is on its way."), "info"
    )
    return redirect(url_for("events.public_event", slug=event.slug))


def _by_token(token):
    try:
        return services.read_token(token)
    except RegistrationError as error:
        abort(Response(render_template("registration/link_error.html", message=error.message), 404))


@bp.get("/r/<token>")
def personal(token):
    registration = _by_token(token)
    event = registration.event
    settings = services.settings_for(event)
    change_form = _change_form(registration, settings)
    return render_template(
        "registration/personal.html",
        r=registration,
        event=event,
        token=token,
        settings=settings,
        change_form=change_form,
        agenda_url=_personal_agenda_url(registration, token),
        my_interventions=_my_interventions(registration, token),
        remote=remote.journey(registration, settings, token),
        qr=_door_qr(registration),
        questions={str(q.id): q for q in services.questions_for(event)},
        certificate=certificates.personal_status(registration),
    )


def _door_qr(registration) -> str | None:
    """The check-in QR code, for a confirmed participant who comes to the door (a remote
    participant is counted by joining: see remote_views)."""
    if registration.status != Status.CONFIRMED or services.joins_remotely(registration):
        return None
    return notify.qr_svg(registration)


def _personal_agenda_url(registration, token) -> str | None:
    """The participant's own agenda (stars, calendar feed) when the agendas part is installed."""
    if registration.status != Status.CONFIRMED:
        return None
    if "agendas.personal_agenda" not in current_app.view_functions:
        return None
    return url_for("agendas.personal_agenda", slug=registration.event.slug, token=token)


def _my_interventions(registration, token) -> list | None:
    """The participant's interventions ("you are next"), when the interventions part is installed.

    The token is remembered for the event, so the session pages recognise the participant.
    """
    if registration.status != Status.CONFIRMED:
        return None
    if "interventions.session_page" not in current_app.view_functions:
        return None
    return signals.answer(
        signals.personal_page_interventions_asked,
        registration.event,
        email=registration.email,
        token=token,
    )


def _change_form(registration, settings, **kwargs):
    event = registration.event
    form = ChangeForm(**kwargs)
    modes = settings.offered_modes() or [registration.mode]
    if registration.mode not in modes:
        modes.append(registration.mode)
    if registration.invitation and registration.invitation.mode:
        modes = [registration.invitation.mode]
    form.mode.choices = select_choices((m.value, m.label) for m in modes)
    allowed = services.allowed_days(event, settings, registration.category, registration.invitation)
    form.day_ids.choices = select_choices(
        (d.id, format_day(d.date, event, "EEEE d MMMM")) for d in allowed
    )
    if not form.is_submitted():
        form.mode.data = registration.mode.value
        form.day_ids.data = [d.id for d in registration.days]
        form.time_zone.data = registration.time_zone
        form.version.data = str(registration.version)
    return form


@bp.post("/r/<token>/change")
def change(token):
    registration = _by_token(token)
    settings = services.settings_for(registration.event)
    form = _change_form(registration, settings)
    if form.validate_on_submit():
        promoted = changed_or_explained(
            form,
            registration,
            lambda: {"mode": registration.mode, "day_ids": [d.id for d in registration.days]},
            lambda seen_version: services.change_registration(
                registration,
                {
                    "mode": Mode(form.mode.data),
                    "day_ids": form.day_ids.data,
                    "time_zone": form.time_zone.data or None,
                },
                seen_version=seen_version,
            ),
        )
        if promoted is not None:
            notify.send_registration_mail(registration, "changed")
            notify.send_many(promoted, "promoted")
            db.session.commit()
            flash(_("Your registration was changed."), "success")
            return redirect(url_for("registration.personal", token=token))
    registration = _by_token(token)
    return render_template(
        "registration/personal.html",
        r=registration,
        event=registration.event,
        token=token,
        settings=settings,
        change_form=form,
        agenda_url=_personal_agenda_url(registration, token),
        remote=remote.journey(registration, settings, token),
        qr=_door_qr(registration),
        questions={str(q.id): q for q in services.questions_for(registration.event)},
    ), versions.status_of(form, 422)


@bp.post("/r/<token>/cancel")
def cancel(token):
    registration = _by_token(token)
    form = ResendForm()  # only its CSRF token is used
    del form.email
    if form.validate_on_submit():
        promoted = services.cancel_registration(registration)
        notify.send_registration_mail(registration, "cancelled")
        notify.send_many(promoted, "promoted")
        db.session.commit()
        flash(_("Your registration is cancelled. Thank you for telling us."), "success")
    return redirect(url_for("registration.personal", token=token))


@bp.get("/r/<token>/data.json")
def my_data(token):
    registration = _by_token(token)
    body = json.dumps(privacy.personal_data(registration), ensure_ascii=False, indent=2)
    audit.record(
        "export",
        "personal_data",
        event_id=registration.event_id,
        entity_id=registration.id,
        details={"format": "json"},
    )
    db.session.commit()
    return Response(
        body,
        mimetype="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="registration-{registration.id}.json"'
        },
    )


@bp.post("/r/<token>/erase")
def erase(token):
    registration = _by_token(token)
    form = ResendForm()
    del form.email
    if form.validate_on_submit():
        event = registration.event
        promoted = privacy.erase_registration(registration)
        notify.send_many(promoted, "promoted")
        db.session.commit()
        flash(
            _("Your registration and all your personal data for this event were deleted."),
            "success",
        )
        return redirect(url_for("events.public_event", slug=event.slug))
    return redirect(url_for("registration.personal", token=token))


@bp.get("/r/<token>/event.ics")
def ics(token):
    registration = _by_token(token)
    return Response(
        notify.personal_ics(registration),
        mimetype="text/calendar",
        headers={
            "Content-Disposition": 'attachment; filename="event.ics"',
            # A remote participant's copy carries the video links: never kept by a cache.
            "Cache-Control": "private, no-store",
        },
    )


@bp.get("/e/<slug>/participants")
def participants(slug):
    event = public_event(slug)
    return render_template(
        "registration/participants.html",
        event=event,
        people=figures.participant_list(event, participant=False),
        as_participant=False,
    )


@bp.get("/r/<token>/participants")
def participants_for_participant(token):
    registration = _by_token(token)
    if registration.status != Status.CONFIRMED:
        abort(403)
    return render_template(
        "registration/participants.html",
        event=registration.event,
        people=figures.participant_list(registration.event, participant=True),
        as_participant=True,
        token=token,
    )
