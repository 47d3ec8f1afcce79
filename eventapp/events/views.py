"""Organiser screens for an event, and its public page."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from eventapp.auth import services as auth_services
from eventapp.auth.forms import RoleForm
from eventapp.auth.models import EventRole, EventRoleKind
from eventapp.auth.permissions import can_create_event, ensure, organiser_required
from eventapp.common import save_or_explain, select_choices
from eventapp.events import (
    day_views,  # noqa: F401  (its routes are on the blueprint)
    edition_views,  # noqa: F401
    series_views,  # noqa: F401
    services,
)
from eventapp.events import series as series_services
from eventapp.events.blueprint import bp
from eventapp.events.forms import DayForm, EventForm, GoalForm, PartnerForm, StatusForm
from eventapp.events.models import (
    EventDay,
    EventGoal,
    EventOrganisation,
    EventStatus,
    GoalKind,
    PartnerRole,
)
from eventapp.extensions import db
from eventapp.i18n import format_clock, format_day
from eventapp.inputs import owned_or_404
from eventapp.mail import records
from eventapp.reports.text import isolate
from eventapp.sessions import services as session_services
from eventapp.speakers.services import organisation_choices
from eventapp.versions import status_of


@bp.get("/manage/")
@login_required
def my_events():
    return render_template(
        "events/my_events.html",
        events=services.events_for(current_user),
        organisations=services.staff_organisations(current_user),
        assignments=services.session_assignments(current_user),
        can_create=can_create_event(current_user),
    )


def _organiser_choices(form: EventForm, event=None) -> list:
    """The organisations the user may choose as the event's organiser (see organisers_for)."""
    organisers = services.organisers_for(current_user, event.organiser if event else None)
    form.organiser_id.choices = select_choices(
        [(0, _("— choose —"))] + [(o.id, o.display_name) for o in organisers]
    )
    return organisers


@bp.route("/manage/events/new", methods=["GET", "POST"])
@login_required
def new_event():
    ensure(can_create_event(current_user))
    form = EventForm()
    form.series_id.choices = series_services.series_choices(current_user, None)
    organisers = _organiser_choices(form)
    if request.method == "GET" and len(organisers) == 1:
        form.organiser_id.data = organisers[0].id
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: services.create_event(current_user, form.data),
            _("The event was created as a draft."),
            lambda e: url_for("events.dashboard", event_id=e.id),
        )
    ):
        return done
    return render_template(
        "events/event_form.html", form=form, event=None, organisers=organisers
    ), status_of(form)


@bp.get("/manage/events/<int:event_id>/")
@organiser_required
def dashboard(event):
    sessions = session_services.timetable(event)
    return render_template(
        "events/dashboard.html",
        event=event,
        figures=services.dashboard_figures(event),
        clashes=session_services.person_clashes(sessions),
        status_form=StatusForm(status=event.status.value),
    )


@bp.route("/manage/events/<int:event_id>/edit", methods=["GET", "POST"])
@organiser_required
def edit_event(event):
    form = EventForm(obj=event)
    form.series_id.choices = series_services.series_choices(current_user, event)
    organisers = _organiser_choices(form, event)
    if request.method == "GET":
        form.kind.data = event.kind.value
        form.attendance_mode.data = event.attendance_mode.value
        form.organiser_id.data = event.organiser_id or 0
        form.series_id.data = event.series_id or 0
    form.organiser_required = event.organiser_id is not None
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: services.save_event(event, form.data, current_user),
            _("Saved."),
            url_for("events.dashboard", event_id=event.id),
            versioned=event,
        )
    ):
        return done
    return render_template(
        "events/event_form.html", form=form, event=event, organisers=organisers
    ), status_of(form)


@bp.post("/manage/events/<int:event_id>/status")
@organiser_required
def set_status(event):
    form = StatusForm()
    if form.validate_on_submit():
        services.set_status(event, EventStatus(form.status.data))
        db.session.commit()
        flash(_("The event is now: %(status)s.", status=event.status.label), "success")
    return redirect(url_for("events.dashboard", event_id=event.id))


@bp.route("/manage/events/<int:event_id>/days/<int:day_id>", methods=["GET", "POST"])
@organiser_required
def edit_day(event, day_id):
    day = owned_or_404(EventDay, day_id, event)
    form = DayForm(obj=day)
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: services.update_day(day, form.data),
            _("Saved."),
            url_for("sessions.rooms_and_days", event_id=event.id),
            versioned=day,
        )
    ):
        return done
    return render_template("events/day_form.html", form=form, event=event, day=day), status_of(form)


@bp.route("/manage/events/<int:event_id>/goals", methods=["GET", "POST"])
@organiser_required
def goals(event):
    form = GoalForm()
    if form.validate_on_submit():
        services.add_goal(event, GoalKind(form.kind.data), form.text_ar.data, form.text_en.data)
        db.session.commit()
        flash(_("Added."), "success")
        return redirect(url_for("events.goals", event_id=event.id))
    return render_template("events/goals.html", event=event, form=form)


@bp.route("/manage/events/<int:event_id>/goals/<int:goal_id>", methods=["GET", "POST"])
@organiser_required
def edit_goal(event, goal_id):
    goal = owned_or_404(EventGoal, goal_id, event)
    form = GoalForm(obj=goal)
    del form.kind
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: services.update_goal(goal, form.text_ar.data, form.text_en.data),
            _("Saved."),
            url_for("events.goals", event_id=event.id),
            versioned=goal,
        )
    ):
        return done
    return render_template("events/goal_form.html", event=event, form=form, goal=goal), status_of(
        form
    )


@bp.post("/manage/events/<int:event_id>/goals/<int:goal_id>/<any(up,down,delete):action>")
@organiser_required
def change_goal(event, goal_id, action):
    goal = owned_or_404(EventGoal, goal_id, event)
    if action == "delete":
        services.delete_goal(goal)
    else:
        services.move_goal(goal, -1 if action == "up" else 1)
    db.session.commit()
    return redirect(url_for("events.goals", event_id=event.id))


@bp.route("/manage/events/<int:event_id>/partners", methods=["GET", "POST"])
@organiser_required
def partners(event):
    form = PartnerForm()
    form.organisation_id.choices = organisation_choices(_("— choose —"))
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: services.add_partner(
                event, form.organisation_id.data, PartnerRole(form.role.data)
            ),
            _("Added."),
            url_for("events.partners", event_id=event.id),
        )
    ):
        return done
    return render_template("events/partners.html", event=event, form=form)


@bp.post("/manage/events/<int:event_id>/partners/<int:partner_id>/<any(up,down,delete):action>")
@organiser_required
def change_partner(event, partner_id, action):
    partner = owned_or_404(EventOrganisation, partner_id, event)
    if action == "delete":
        event.partners.remove(partner)
    else:
        services.move_partner(partner, -1 if action == "up" else 1)
    db.session.commit()
    return redirect(url_for("events.partners", event_id=event.id))


@bp.route("/manage/events/<int:event_id>/team", methods=["GET", "POST"])
@organiser_required
def team(event):
    form = RoleForm()
    sessions = session_services.timetable(event)
    form.session_id.choices = select_choices(
        [(0, _("— the whole event —"))]
        + [
            (
                s.id,
                f"{format_day(s.day.date, event, 'short')} {format_clock(s.start_time, event)} "
                f"{s.title}",
            )
            for s in sessions
        ]
    )
    if form.validate_on_submit():
        role = EventRoleKind(form.role.data)
        session = next((s for s in sessions if s.id == form.session_id.data), None)
        if role != EventRoleKind.ORGANISER and session is None:
            form.session_id.errors.append(_("Facilitators and rapporteurs are given a session."))
        else:
            # The same answer whether the address had an account or not (no enumeration).
            auth_services.add_team_member(
                event,
                form.email.data,
                role,
                None if role == EventRoleKind.ORGANISER else session,
                by=current_user._get_current_object(),
            )
            db.session.commit()
            flash(
                _(
                    "The role was given, and an invitation was sent to %(email)s.",
                    email=isolate(form.email.data.strip().lower(), "ltr"),
                ),
                "success",
            )
            return redirect(url_for("events.team", event_id=event.id))
    return render_template(
        "events/team.html", event=event, form=form, team=auth_services.event_team(event)
    )


@bp.post("/manage/events/<int:event_id>/team/<int:role_id>/delete")
@organiser_required
def remove_role(event, role_id):
    grant = owned_or_404(EventRole, role_id, event)
    organisers = [r for r in auth_services.event_team(event) if r.role == EventRoleKind.ORGANISER]
    if grant.role == EventRoleKind.ORGANISER and len(organisers) == 1:
        flash(_("An event keeps at least one organiser."), "danger")
    else:
        db.session.delete(grant)
        db.session.commit()
        flash(_("The role was removed."), "success")
    return redirect(url_for("events.team", event_id=event.id))


@bp.get("/e/<slug>/")
def public_event(slug):
    event = services.event_for_page(slug)
    if not services.may_see_event(event, current_user):
        abort(404)  # drafts are visible to their staff only
    sessions = session_services.timetable(event)
    return render_template(
        "public/event.html",
        event=event,
        days=session_services.sessions_by_day(event, sessions),
    )


# The event's messages in the outbox (eventapp/mail): the dashboard's panel and "send again".


@bp.app_template_global()
def undelivered_mail(event) -> dict:
    """For the event dashboard: messages that failed at least once, and those given up."""
    return records.undelivered_counts(event.id)


@bp.post("/manage/events/<int:event_id>/mail/retry")
@organiser_required
def send_mail_again(event):
    ids = records.send_again(event.id)
    db.session.commit()
    flash(
        ngettext(
            "%(num)d message is being sent again.",
            "%(num)d messages are being sent again.",
            len(ids),
        ),
        "info",
    )
    return redirect(url_for("events.dashboard", event_id=event.id))
