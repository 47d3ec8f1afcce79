"""Series of an organiser organisation: its staff list, create and edit them; the public page
of a series lists its editions."""

from flask import abort, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from eventapp.auth.permissions import MANAGE, organisation_permission
from eventapp.common import save_or_explain
from eventapp.events import series as series_services
from eventapp.events.answers import organiser_by_slug
from eventapp.events.blueprint import bp
from eventapp.events.forms import SeriesForm
from eventapp.events.models import EventSeries
from eventapp.events.services import may_see_event
from eventapp.extensions import db
from eventapp.versions import status_of


def _series_of(organisation, series_id: int) -> EventSeries:
    series = db.session.get(EventSeries, series_id)
    if series is None or series.organisation_id != organisation.id:
        abort(404)
    return series


@bp.get("/manage/o/<slug>/series/")
@organisation_permission(MANAGE)
def series_list(organisation):
    return render_template(
        "events/series_list.html",
        organisation=organisation,
        series=series_services.series_of(organisation.id),
    )


@bp.route("/manage/o/<slug>/series/new", methods=["GET", "POST"])
@organisation_permission(MANAGE)
def new_series(organisation):
    form = SeriesForm()
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: series_services.save_series(organisation, None, form.data),
            _("The series was created."),
            url_for("events.series_list", slug=organisation.slug),
        )
    ):
        return done
    return render_template(
        "events/series_form.html", form=form, organisation=organisation, series=None
    )


@bp.route("/manage/o/<slug>/series/<int:series_id>", methods=["GET", "POST"])
@organisation_permission(MANAGE)
def edit_series(organisation, series_id):
    series = _series_of(organisation, series_id)
    form = SeriesForm(obj=series)
    if form.validate_on_submit() and (
        done := save_or_explain(
            form,
            lambda: series_services.save_series(organisation, series, form.data),
            _("Saved."),
            url_for("events.series_list", slug=organisation.slug),
            versioned=series,
        )
    ):
        return done
    return render_template(
        "events/series_form.html",
        form=form,
        organisation=organisation,
        series=series,
        editions=series.editions,
    ), status_of(form)


@bp.get("/o/<slug>/s/<series_slug>/")
def series_page(slug, series_slug):
    organisation = organiser_by_slug(slug) or abort(404)
    series = series_services.series_by_slug(organisation.id, series_slug) or abort(404)
    editions = series_services.public_editions(series)
    # The organisers also see the drafts of their series (marked), as on an event's page.
    drafts = [e for e in series.editions if e not in editions and may_see_event(e, current_user)]
    return render_template(
        "events/series_page.html",
        organisation=organisation,
        series=series,
        editions=editions,
        drafts=drafts,
    )
