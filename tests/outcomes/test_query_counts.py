"""Pages read what they show in a fixed number of queries, however many rows there are."""

import datetime as dt

from eventapp.outcomes import followup
from tests.factories import make_session
from tests.outcomes.conftest import add_rec, login_as, write_outcome


def _grow(event, organiser, first, sessions, per_session):
    for n in range(first, first + sessions):
        session = make_session(
            event, start=f"{10 + n:02d}:00", end=f"{10 + n:02d}:50", title_ar=f"جلسة {n}"
        )
        write_outcome(session, organiser)
        for r in range(per_session):
            rec = add_rec(event, session, f"توصية {n}-{r}", f"جهة {r % 3}", f"محور {r % 2}")
            followup.add_progress_note(rec, dt.date(2026, 11, 1), "تقدّم", organiser)


def _count(client, queries, url):
    with queries:
        assert client.get(url).status_code == 200
    return queries.count


def test_outcome_pages_do_not_grow_with_rows(client, organiser, event, queries):
    from eventapp.extensions import db

    login_as(client, organiser)
    urls = [
        f"/manage/events/{event.id}/outcomes",
        f"/manage/events/{event.id}/recommendations",
        f"/manage/events/{event.id}/outcome",
    ]
    _grow(event, organiser, 0, 2, 2)
    db.session.commit()
    small = [_count(client, queries, url) for url in urls]
    rec = followup.consolidated(event)[0]
    detail_small = _count(client, queries, f"/manage/events/{event.id}/recommendations/{rec.id}")
    _grow(event, organiser, 2, 4, 5)
    db.session.commit()
    large = [_count(client, queries, url) for url in urls]
    detail_large = _count(client, queries, f"/manage/events/{event.id}/recommendations/{rec.id}")
    assert large == small, (small, large)
    assert detail_large == detail_small
