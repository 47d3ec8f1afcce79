"""Public registration: the form, invitations, and the participant's personal link.

Organiser screens are in manage.py and the door in door.py; all share this blueprint.
"""

from __future__ import annotations

import json
import time

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from eventapp import audit, signals, versions
from eventapp.common import attach_error, select_choices
from eventapp.events import services as event_services
from eventapp.extensions import db
from eventapp.i18n import current_language
from eventapp.registration import (
    answers,  # noqa: F401  (connects its receivers of eventapp.signals)
    figures,
    notify,
    privacy,
    services,
)
from eventapp.registration import invitations as invitation_services
from eventapp.registration.forms import ChangeForm, ResendForm, build_registration_form
from eventapp.registration.models import Category, Mode, Registration, Status
from eventapp.registration.services import RegistrationError
from eventapp.sessions.services import room_video_links

bp = Blueprint("registration", __name__, cli_group="registration")


@bp.app_template_global()
def registration_figures(event):
    """Figures for the event dashboard panel."""
    panel = figures.dashboard_figures(event)
    panel["Status"] = Status
    return panel


@bp.app_template_global()
def public_registration(event):
    """What the public event page says about registration (None: nothing to say)."""
    settings = services.existing_settings(event)
    if settings is None or not (settings.is_open or settings.closes_on):
        return None
    closed = services.window_refusal(event, settings)
    return {
        "settings": settings,
        "open": closed is None,
        "closed": closed,
        "invitation_only": settings.invitation_only,
        "has_public_list": figures.has_public_participants(event),
    }


def _public_event(slug: str):
    return _shown(event_services.event_by_slug(slug))


def _shown(event):
    """The event if this reader may see it (events.services.may_see_event), else 404."""
    if not event_services.may_see_event(event, current_user):
        abort(404)
    return event


_NAMES_CACHE: dict[str, tuple[float, Markup]] = {}
NAMES_CACHE_SECONDS = 30


def organisation_options() -> Markup:
    """<option>s of the names offered while typing the organisation (the shared directory),
    as matched by services.match_organisation: "Name (ACRONYM)" in the reader's language.

    Kept 30 s per worker: the public form is the busiest page, and an organisation added
    meanwhile is still matched when the form is sent."""
    language = current_language()
    cached = _NAMES_CACHE.get(language)
    if cached and cached[0] > time.monotonic() and not current_app.testing:
        return cached[1]
    options = Markup("").join(
        Markup('<option value="{}">').format(name) for name in _organisation_names(language)
    )
    _NAMES_CACHE[language] = (time.monotonic() + NAMES_CACHE_SECONDS, options)
    return options


def _organisation_names(language: str) -> list[str]:
    from sqlalchemy import func, select

    from eventapp.speakers.models import Organisation

    rows = db.session.execute(
        select(Organisation.name_ar, Organisation.name_en, Organisation.acronym).order_by(
            func.coalesce(Organisation.name_ar, Organisation.name_en)
        )
    ).all()
    first, second = (1, 0) if language == "en" else (0, 1)
    names = []
    for row in rows:
        name = row[first] or row[second] or ""
        names.append(f"{name} ({row.acronym})" if row.acronym else name)
    return names


@bp.route("/e/<slug>/register", methods=["GET", "POST"])
def register(slug):
    event, settings = services.event_for_registration(slug)
    _shown(event)
    if settings is None:
        settings = services.settings_for(event)
        db.session.commit()
    code = request.values.get("invitation_code") or request.args.get("code")
    invitation = invitation_services.invitation_by_code(event, code) if code else None
    invitation_problem = invitation_services.invitation_refusal(invitation) if code else None
    category = request.form.get("category") or (
        invitation.category.value if invitation and invitation.category else None
    )
    allowed = services.allowed_days(
        event, settings, category, invitation if not invitation_problem else None
    )
    questions = services.questions_for(event)
    form = build_registration_form(
        event,
        settings,
        questions,
        invitation=invitation,
        allowed_days=event.days,
    )
    if request.method == "GET" and invitation and not invitation_problem:
        form.invitation_code.data = invitation.code
        if invitation.email:
            form.email.data = invitation.email
        form.name_ar.data = form.name_ar.data or invitation.name_ar
        form.name_en.data = form.name_en.data or invitation.name_en
        if invitation.category:
            form.category.data = invitation.category.value
        if invitation.mode:
            form.mode.data = invitation.mode.value
        form.day_ids.data = [d.id for d in allowed]
    elif request.method == "GET":
        form.day_ids.data = [d.id for d in event.days]  # most people come every day
    closed = services.window_refusal(event, settings)
    if request.method == "POST" and closed:
        form.form_errors.append(closed)
    elif form.validate_on_submit():
        try:
            registration = services.register(
                event,
                form.service_data(),
                invitation_code=form.invitation_code.data if "invitation_code" in form else None,
                locale=current_language(),
                questions=questions,
            )
        except services.AlreadyRegistered as known:
            # Answered exactly as a new sign-up (status, address, page): only the owner of the
            # address learns, by a mail with their own link, that they were registered already.
            # Nothing typed is kept: it could be anyone's attempt to change their details.
            db.session.rollback()
            notify.send_registration_mail(
                db.session.get(Registration, known.registration_id), "already"
            )
            db.session.commit()
            return redirect(url_for("registration.sent", slug=event.slug))
        except RegistrationError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
            # The message joins the outbox in the same transaction (saved with the
            # registration, or not at all); it is sent after the commit from the objects as
            # just saved (not expired: reloading them would cost queries per sign-up).
            notify.send_registration_mail(registration, "registered")
            session = db.session()
            session.expire_on_commit = False
            try:
                session.commit()
            finally:
                session.expire_on_commit = True
            # The personal link goes to the address only: the page after the form must not
            # open it, or it would tell whoever typed an address whether it was registered.
            return redirect(url_for("registration.sent", slug=event.slug))
    preset = invitation if invitation and not invitation_problem else None
    page = _render_form_page(
        event,
        settings,
        form,
        closed,
        _category_days(event, settings, preset),
        invitation=preset,
        invitation_problem=invitation_problem,
    )
    return page, (200 if request.method == "GET" or not form.errors else 422)


@bp.get("/e/<slug>/register/sent")
def sent(slug):
    """After the form: the same page whether the address was new or registered already."""
    event = _public_event(slug)
    return render_template("registration/sent.html", event=event, resend_form=ResendForm())


def _category_days(event, settings, invitation) -> dict:
    """The days each category may attend, for the form's script."""
    return {
        c.value: [d.id for d in services.allowed_days(event, settings, c, invitation)]
        for c in Category
    }


def _render_form_page(
    event,
    settings,
    form,
    closed,
    category_days,
    *,
    invitation=None,
    invitation_problem=None,
) -> str:
    return render_template(
        "registration/register.html",
        event=event,
        settings=settings,
        form=form,
        closed=closed,
        invitation=invitation,
        invitation_problem=invitation_problem,
        organisation_options=organisation_options(),
        category_days=category_days,
        Mode=Mode,
    )


@bp.get("/e/<slug>/i/<code>")
def invitation(slug, code):
    _public_event(slug)
    return redirect(url_for("registration.register", slug=slug, code=code))


@bp.post("/e/<slug>/register/resend")
def resend(slug):
    event = _public_event(slug)
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
        video_rooms=_video_rooms(registration),
        qr=notify.qr_svg(registration) if registration.status == Status.CONFIRMED else None,
        questions={str(q.id): q for q in services.questions_for(event)},
    )


def _video_rooms(registration) -> list[tuple[str, str]]:
    """The rooms' video links, for a participant who joins remotely only."""
    if not services.joins_remotely(registration):
        return []
    return room_video_links(registration.event)


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
    from eventapp.i18n import format_day

    form.day_ids.choices = select_choices(
        (d.id, format_day(d.date, event, "EEEE d MMMM")) for d in allowed
    )
    if not form.is_submitted():
        form.mode.data = registration.mode.value
        form.day_ids.data = [d.id for d in registration.days]
        form.version.data = str(registration.version)
    return form


@bp.post("/r/<token>/change")
def change(token):
    registration = _by_token(token)
    settings = services.settings_for(registration.event)
    form = _change_form(registration, settings)
    if form.validate_on_submit():
        try:
            promoted = services.change_registration(
                registration,
                {"mode": Mode(form.mode.data), "day_ids": form.day_ids.data},
                seen_version=versions.loaded(form),
            )
        except versions.EditConflict:
            db.session.rollback()
            versions.explain(
                form,
                registration,
                {"mode": registration.mode, "day_ids": [d.id for d in registration.days]},
            )
        except RegistrationError as error:
            db.session.rollback()
            attach_error(form, error)
        else:
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
        video_rooms=_video_rooms(registration),
        qr=notify.qr_svg(registration) if registration.status == Status.CONFIRMED else None,
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
        notify.event_ics(registration.event, video=services.joins_remotely(registration)),
        mimetype="text/calendar",
        headers={
            "Content-Disposition": 'attachment; filename="event.ics"',
            # A remote participant's copy carries the video links: never kept by a cache.
            "Cache-Control": "private, no-store",
        },
    )


@bp.get("/e/<slug>/participants")
def participants(slug):
    event = _public_event(slug)
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


from eventapp.registration import cli, documents, door, manage  # noqa: E402, F401  (routes on bp)
