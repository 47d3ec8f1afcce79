"""Public registration: the sign-up form and what the event's pages show of registration.

The blueprint is in blueprint.py; this module imports every module with routes on it (the
participant's pages in personal.py, the organisers' screens in manage*.py, the door, badges and
certificates, the commands), so that importing it registers the whole capability.
"""

from __future__ import annotations

from flask import (
    redirect,
    render_template,
    request,
    url_for,
)

from eventapp.common import attach_error
from eventapp.extensions import db
from eventapp.i18n import current_language
from eventapp.members.participants import event_categories
from eventapp.people import FormOfAddress
from eventapp.registration import (
    answers,  # noqa: F401  (connects its receivers of eventapp.signals)
    eligibility,
    figures,
    form_page,
    notify,
    services,
)
from eventapp.registration import invitations as invitation_services
from eventapp.registration.blueprint import bp, public_event, shown
from eventapp.registration.forms import ResendForm, build_registration_form
from eventapp.registration.models import Mode, Registration, Status
from eventapp.registration.organisations import organisation_options
from eventapp.registration.services import RegistrationError


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


@bp.route("/e/<slug>/register", methods=["GET", "POST"])
def register(slug):
    if form_page.is_blank_request() and (page := form_page.kept(slug)) is not None:
        return page
    event, settings = services.event_for_registration(slug)
    shown(event)
    if settings is None:
        settings = services.settings_for(event)
        db.session.commit()
    code = request.values.get("invitation_code") or request.args.get("code")
    invitation = invitation_services.invitation_by_code(event, code) if code else None
    invitation_problem = invitation_services.invitation_refusal(invitation) if code else None
    category = request.form.get("category") or (invitation.category if invitation else None)
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
        if (
            invitation.form_of_address is not FormOfAddress.UNSPECIFIED
            and "form_of_address" in form
        ):
            form.form_of_address.data = invitation.form_of_address.value
        if invitation.category:
            form.category.data = invitation.category
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
        except eligibility.NotOnRoll as refusal:
            # Answered as any sign-up too: only the owner of the address learns, by mail,
            # that it is not on the roll (see eligibility: the roll is not for anyone to test).
            db.session.rollback()
            notify.send_not_eligible_mail(event, form.email.data, refusal.reason)
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
    if form_page.is_blank_request():
        form_page.keep(event, page)
    return page, (200 if request.method == "GET" or not form.errors else 422)


@bp.get("/e/<slug>/register/sent")
def sent(slug):
    """After the form: the same page whether the address was new or registered already."""
    event = public_event(slug)
    return render_template("registration/sent.html", event=event, resend_form=ResendForm())


def _category_days(event, settings, invitation) -> dict:
    """The days each category may attend, for the form's script."""
    return {
        c.code: [d.id for d in services.allowed_days(event, settings, c.code, invitation)]
        for c in event_categories(event)
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
        eligibility=eligibility.rules(event, settings),
        Mode=Mode,
    )


from eventapp.registration import (  # noqa: E402, F401  (routes on bp)
    certificate_views,
    cli,
    documents,
    door,
    manage,
    manage_edit,
    manage_invitations,
    manage_settings,
    personal,
    remote_views,
    session_views,
)
