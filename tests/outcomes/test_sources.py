"""The adapter to interventions and registrations: empty when those parts are absent, and
once they are merged, people named only as they consented in their registration."""

import importlib.util

from eventapp import signals
from eventapp.extensions import db
from eventapp.outcomes import jobs, sources
from eventapp.outcomes.models import ReportKind
from tests.outcomes.pdfs import text


def _installed(name: str) -> bool:
    return importlib.util.find_spec(f"eventapp.{name}") is not None


def test_adapter_with_or_without_the_other_parts(event, session):
    if not (_installed("interventions") and _installed("registration")):
        assert sources.session_interventions(session) == []
        figures = sources.participation_figures(event)
        assert figures["participants"] == 0 and figures["organisation_names"] == []
        return
    from eventapp.interventions import services as interventions
    from eventapp.interventions.models import InterventionStatus
    from eventapp.registration import services as registration
    from eventapp.registration.models import Mode, ReportNaming

    people = (
        ("a@example.org", ReportNaming.ANONYMOUS, "سمير الخفي", "منظمة الأمل"),
        ("b@example.org", ReportNaming.ORGANISATION, "ليلى المستترة", "رابطة العدالة"),
        ("c@example.org", ReportNaming.NAME, "Jane Public", "Amnesty International"),
    )
    registrations = [
        registration.register(
            event,
            {
                "name_ar": name,
                "email": email,
                "organisation": organisation,
                "category": "delegate",
                "mode": Mode.REMOTE,
                "day_ids": [event.days[0].id],
                "report_naming": naming,
            },
            organiser=True,
        )
        for email, naming, name, organisation in people
    ]
    db.session.commit()
    made = [
        interventions.request_intervention(
            session,
            r,
            {"mode": "written", "language": "ar", "topic": "موضوع", "statement": "بيان مكتوب"},
        )
        for r in registrations
    ]
    for intervention, status in zip(made, ("delivered", "not_aired", "interrupted"), strict=True):
        intervention.status = InterventionStatus(status)
    db.session.commit()
    items = sources.session_interventions(session)
    assert [i["status"] for i in items] == ["delivered", "not_aired", "interrupted"]
    content = text(
        jobs.render(
            ReportKind.SESSION_REPORT,
            jobs.build_data(ReportKind.SESSION_REPORT, event, session, "ar", ""),
        )
    )
    assert "سمير الخفي" not in content and "منظمة الأمل" not in content
    assert "ليلى المستترة" not in content and "رابطة العدالة" in content
    assert "Jane Public" in content and "Amnesty International" in content
    assert sources.participation_figures(event)["participants"] == 3


def test_nobody_answers_zero_participation(event):
    """Without registration (no receiver of participation_asked), the figures are all zero."""
    with signals.participation_asked.muted():
        figures = sources.participation_figures(event)
    assert figures == {
        "organisations": 0,
        "participants": 0,
        "in_person": 0,
        "remote": 0,
        "by_category": [],
        "organisation_names": [],
    }
