"""Screens of an organisation's programme of recommendations: its tracker (every event's
recommendations, filtered, exported), taking up earlier recommendations into a later event, the
choice of a recommendation's public follow-up, and the public follow-up page /o/<slug>/follow-up.
"""

from __future__ import annotations

import datetime as dt

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from eventapp.auth.permissions import (
    can_manage_organisation,
    can_read_organisation,
    ensure,
    organisation_permission,
    organiser_required,
)
from eventapp.common import DomainError
from eventapp.events.answers import organiser_by_slug
from eventapp.extensions import db
from eventapp.i18n import current_language
from eventapp.inputs import bounded_page, owned_or_404
from eventapp.outcomes import exports, programme, tracker
from eventapp.outcomes.blueprint import bp
from eventapp.outcomes.followup import is_overdue
from eventapp.outcomes.models import Recommendation


def _list_context(filters) -> dict:
    return {
        "filters": filters,
        "today": dt.date.today(),
        "is_overdue": is_overdue,
        "args": filters.as_args(),
    }


@bp.get("/manage/o/<slug>/recommendations/")
@organisation_permission()
def programme_tracker(organisation):
    filters = tracker.ProgrammeFilters.from_args(request.args)
    pagination = tracker.page_of(
        organisation, filters, request.args.get("page", 1, type=bounded_page)
    )
    return render_template(
        "outcomes/programme_tracker.html",
        organisation=organisation,
        pagination=pagination,
        counts=tracker.status_counts(organisation, filters),
        choices=tracker.choices(organisation),
        **_list_context(filters),
    ), (422 if filters.errors else 200)


@bp.get("/manage/o/<slug>/recommendations/export.<any(csv,xlsx):fmt>")
@organisation_permission()
def export_programme(organisation, fmt):
    filters = tracker.ProgrammeFilters.from_args(request.args)
    recs = tracker.everything(organisation, filters)
    language = current_language()
    name = f"recommendations-{organisation.slug}-{dt.date.today().isoformat()}.{fmt}"
    if fmt == "csv":
        body = exports.to_csv(recs, language, programme=True)
        mimetype = "text/csv; charset=utf-8"
    else:
        body = exports.to_xlsx(recs, language, organisation.name, programme=True)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(
        body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _organisation_of(event):
    """The event's organising organisation, whose list only its staff may read (and take up
    from: owners and staff); 404 for an event no organisation organises."""
    organisation = event.organiser
    if organisation is None or not organisation.is_organiser:
        abort(404)
    if request.method == "POST":
        ensure(can_manage_organisation(current_user, organisation))
    else:
        ensure(can_read_organisation(current_user, organisation))
    return organisation


@bp.route("/manage/events/<int:event_id>/recommendations/take-up", methods=["GET", "POST"])
@organiser_required
def take_up(event):
    organisation = _organisation_of(event)
    if request.method == "POST":
        return _take_up_chosen(event)
    filters = tracker.ProgrammeFilters.from_args(request.args)
    pagination = tracker.page_of(
        organisation,
        filters,
        request.args.get("page", 1, type=bounded_page),
        query=tracker.earlier_query(event, filters),
    )
    choices = tracker.choices(organisation)
    choices["events"] = [e for e in choices["events"] if e.first_day < event.first_day]
    return render_template(
        "outcomes/take_up.html",
        event=event,
        organisation=organisation,
        pagination=pagination,
        taken=tracker.taken_up_ids(event),
        choices=choices,
        **_list_context(filters),
    ), (422 if filters.errors else 200)


def _take_up_chosen(event):
    back = url_for("outcomes.take_up", event_id=event.id)
    ids = {int(i) for i in request.form.getlist("ids") if i.isdigit() and len(i) < 10}
    if not ids:
        flash(_("Tick at least one recommendation first."), "warning")
        return redirect(back)
    taken = 0
    for rec_id in sorted(ids):
        earlier = db.session.get(Recommendation, rec_id)
        if earlier is None:
            continue
        try:
            with db.session.begin_nested():
                tracker.take_up(event, earlier)
        except DomainError as error:
            flash(f"{error.message} ({earlier.text[:80]})", "warning")
        except IntegrityError:  # taken up by someone else meanwhile
            flash(_("This recommendation is already taken up in this event."), "warning")
        else:
            taken += 1
    db.session.commit()
    if taken:
        flash(
            ngettext(
                "%(num)s recommendation was taken up in this event.",
                "%(num)s recommendations were taken up in this event.",
                taken,
            ),
            "success",
        )
        return redirect(url_for("outcomes.follow_up", event_id=event.id))
    return redirect(back)


@bp.post("/manage/events/<int:event_id>/recommendations/<int:rec_id>/public")
@organiser_required
def set_public(event, rec_id):
    rec = owned_or_404(Recommendation, rec_id, event)
    try:
        programme.set_public(rec, request.form.get("public") in ("1", "on", "y"))
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        if rec.follow_up_public:
            flash(_("Its follow-up is shown on the organisation's public page."), "success")
        else:
            flash(_("Its follow-up is no longer shown publicly."), "success")
    return redirect(url_for("outcomes.recommendation", event_id=event.id, rec_id=rec.id))


@bp.get("/o/<slug>/follow-up")
def public_follow_up(slug):
    organisation = organiser_by_slug(slug) or abort(404)
    recs = programme.public_follow_up(organisation)
    return render_template("outcomes/public_follow_up.html", organisation=organisation, recs=recs)
