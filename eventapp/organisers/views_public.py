"""The public page of an organiser, /o/<slug>/, and its logo."""

from __future__ import annotations

from flask import abort, make_response, render_template, request
from markupsafe import Markup

from eventapp import signals
from eventapp.organisers import pages
from eventapp.organisers.blueprint import bp

LOGO_MAX_AGE = 365 * 24 * 3600  # its URL carries the organisation's version: a new logo, a new URL


def _organiser_or_404(slug: str):
    return pages.organiser_by_slug(slug) or abort(404)


@bp.get("/o/<slug>/")
def public_page(slug):
    organisation = _organiser_or_404(slug)
    events = pages.public_events(organisation)
    answers = [
        value
        for _receiver, value in signals.organisation_page_asked.send(
            organisation, events=events["all"]
        )
        if value is not None
    ]
    sections = [Markup(a["html"]) for a in sorted(answers, key=lambda a: a.get("order", 0))]
    return render_template(
        "organisers/public.html",
        organisation=organisation,
        upcoming=events["upcoming"],
        past=events["past"],
        series=pages.series_of(organisation),
        sections=sections,
    )


@bp.get("/o/<slug>/logo")
def logo(slug):
    organisation = _organiser_or_404(slug)
    found = pages.logo_of(organisation) or abort(404)
    data, content_type = found
    response = make_response(data)
    response.headers["Content-Type"] = content_type
    response.headers["X-Content-Type-Options"] = "nosniff"
    if request.args.get("v"):
        response.headers["Cache-Control"] = f"public, max-age={LOGO_MAX_AGE}, immutable"
    else:
        response.headers["Cache-Control"] = "public, max-age=3600"
    return response
