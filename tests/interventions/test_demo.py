"""The demo's interventions: the London third session and Guatemala's remote organisations."""

from eventapp.demo import load_demo
from eventapp.demo.london import THIRD_SESSION_AR
from eventapp.interventions import services


def test_demo_has_the_fourteen_london_interventions_and_the_remote_organisations(client):
    events = load_demo()
    london = next(s for s in events["london"].sessions if s.title_ar == THIRD_SESSION_AR)
    rows = services.session_interventions(london)
    stats = services.session_statistics(london, rows)
    assert stats["total"] == 14
    assert stats["interrupted"] == 2 and stats["not_aired"] == 2
    assert stats["with_statement"] == 14
    assert {r["reason"] for r in rows if r["status"] == "interrupted"} == {
        "connection_lost",
        "audio_failure",
    }
    guatemala = services.event_interventions(events["guatemala"])
    organisations = {r["organisation"] for rows in guatemala.values() for r in rows}
    assert any("OMCT" in o for o in organisations)
    assert any("Green Advocates" in o or "الدعاة الخضر" in o for o in organisations)
    page = client.get(f"/e/alqst-london-2017/sessions/{london.id}/").get_data(as_text=True)
    assert page.count('class="intervention-row') == 14
    assert "لم تُبث" in page and "انقطعت" in page
