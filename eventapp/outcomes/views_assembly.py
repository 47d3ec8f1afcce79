"""A general assembly's screens: the event set as one (quorum rule, chair and secretary who
sign the minutes) and the vote recorded on each agenda item."""

from __future__ import annotations

from flask import render_template, request, url_for
from flask_babel import gettext as _

from eventapp.auth.permissions import REPORT, organiser_required, session_permission
from eventapp.common import save_or_explain
from eventapp.events import assembly
from eventapp.outcomes import votes
from eventapp.outcomes.blueprint import bp
from eventapp.outcomes.forms import AssemblyForm, VoteForm
from eventapp.versions import status_of


@bp.route("/manage/events/<int:event_id>/outcome/assembly", methods=["GET", "POST"])
@organiser_required
def assembly_settings(event):
    row = assembly.assembly_of(event)
    if request.method == "GET":
        form = AssemblyForm(obj=row, is_assembly=row is not None)
        if row is not None:
            form.quorum_kind.data = row.quorum_kind.value
        form.version.data = str(row.version if row else 0)
    else:
        form = AssemblyForm()
        if form.validate() and (
            done := save_or_explain(
                form,
                lambda: votes.save_assembly(event, form.data),
                _("Saved."),
                url_for("outcomes.event_outcome", event_id=event.id),
                versioned=row or votes.new_assembly(event),
            )
        ):
            return done
    return render_template(
        "outcomes/assembly_form.html",
        event=event,
        form=form,
        attendance=votes.attendance(event),
        has_organiser=event.organiser_id is not None,
    ), status_of(form, 422 if form.errors else 200)


@bp.route("/manage/sessions/<int:session_id>/outcome/vote", methods=["GET", "POST"])
@session_permission(REPORT)
def session_vote(session):
    row = votes.vote_of(session)
    event = session.event
    back = url_for("outcomes.session_outcome", session_id=session.id)
    if request.method == "GET":
        form = VoteForm(obj=row)
        form.version.data = str(row.version if row else 0)
    else:
        form = VoteForm()
        if form.validate() and (
            done := save_or_explain(
                form,
                lambda: votes.save_vote(session, form.data),
                _("The vote was recorded."),
                back + "#vote",
                versioned=row or votes.new_vote(session),
            )
        ):
            return done
    return render_template(
        "outcomes/vote_form.html",
        event=event,
        session=session,
        form=form,
        back=back,
        attendance=votes.attendance(event),
    ), status_of(form, 422 if form.errors else 200)
