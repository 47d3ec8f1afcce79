""" "New edition from this event" (from the event dashboard) and the page that says what was
copied (the domain is in editions.py)."""

from flask import render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from eventapp.auth.permissions import organiser_required
from eventapp.common import save_or_explain
from eventapp.events import editions
from eventapp.events.blueprint import bp
from eventapp.events.forms import EditionForm
from eventapp.extensions import db

COPIED = "multaqa_edition_copied"  # {"event": new id, "source": source id, "lines": [...]}


@bp.route("/manage/events/<int:event_id>/edition", methods=["GET", "POST"])
@organiser_required
def new_edition(event):
    form = EditionForm()
    if request.method == "GET":
        form.process(data=editions.defaults(event))
    if not (event.series_id is None and event.organiser_id is not None):
        del form.make_series  # offered only when there is no series and one can be made

    def copy():
        target, lines = editions.copy_edition(event, form.data, current_user)
        session[COPIED] = {"event": target.id, "source": event.id, "lines": lines}
        return target

    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            copy,
            _("The new edition was made as a draft."),
            lambda target: url_for("events.edition_copied", event_id=target.id),
        )
    ):
        return done
    return render_template("events/edition_form.html", event=event, form=form)


@bp.get("/manage/events/<int:event_id>/copied")
@organiser_required
def edition_copied(event):
    record = session.get(COPIED) or {}
    source = None
    if record.get("event") == event.id:
        source = db.session.get(type(event), record.get("source"))
    return render_template(
        "events/edition_copied.html",
        event=event,
        source=source,
        lines=record.get("lines", []) if source else [],
    )
