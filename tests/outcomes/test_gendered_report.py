"""The session report PDF words each runner's and speaker's role in their form of address."""

from eventapp.extensions import db
from tests.factories import make_person, make_session
from tests.outcomes.conftest import login_as, write_outcome
from tests.outcomes.pdfs import text
from tests.reports.copyback import words


def test_session_report_reads_the_woman_facilitator_in_the_feminine(client, event, rapporteur):
    from tests.factories import give_role  # noqa: PLC0415 - only this test needs it

    woman = make_person("سلمى الخطيب", "Salma Khatib", form_of_address="feminine")
    man = make_person("عمر الحداد", "Omar Haddad", form_of_address="masculine")
    unsaid = make_person("نور قاسم", "Nour Kassem")
    session = make_session(
        event,
        title_ar="حماية المدافعات",
        start="11:00",
        end="12:00",
        people=[(woman, "facilitator"), (man, "panellist"), (unsaid, "discussant")],
    )
    give_role(rapporteur, event, "rapporteur", session)
    write_outcome(session, rapporteur, summary="ملخص")
    db.session.commit()
    login_as(client, rapporteur)
    response = client.raw.get(f"/manage/sessions/{session.id}/report.pdf")
    assert response.status_code == 200
    found = " ".join(words(text(response.data), fold=True))
    assert "الميسرة" in found  # «الميسّرة: سلمى الخطيب», harakat folded
    assert "المحاور" in found  # the man panellist
    assert "التعقيب" in found  # the neutral wording of a discussant who gave no form
    assert "المعقب" not in found
