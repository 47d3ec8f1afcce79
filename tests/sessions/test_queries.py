"""Pages plan their queries: the count does not grow with the number of sessions or partners."""

from eventapp.events import services as event_services
from eventapp.events.models import PartnerRole
from eventapp.extensions import db
from tests.conftest import QueryCounter
from tests.factories import make_organisation, make_person, make_session


def _fill(event, sessions: int, partners: int):
    for n in range(sessions):
        speaker = make_person(
            f"متحدث {event.id}-{n}",
            f"Speaker {n}",
            organisation=make_organisation(f"جهة {event.id}-{n}", f"Org {n}"),
        )
        make_session(
            event,
            start=f"{8 + n // 4:02d}:{(n % 4) * 15:02d}",
            end=f"{8 + n // 4:02d}:{(n % 4) * 15 + 14:02d}",
            room=None,
            people=[(speaker, "presenter")],
        )
    for n in range(partners):
        org = make_organisation(f"شريك {event.id}-{n}", f"Partner {n}")
        event_services.add_partner(event, org.id, PartnerRole.PARTNER)
    db.session.commit()


def _queries(client, url):
    db.session.expire_all()
    client.get(url)  # warm caches such as the user's roles
    db.session.expire_all()
    with QueryCounter() as counter:
        assert client.get(url).status_code == 200
    return counter.count


def test_public_page_and_timetable_queries_do_not_grow(client, organiser, make_event):
    small = make_event(organiser=organiser, slug="small")
    large = make_event(organiser=organiser, slug="large")
    _fill(small, sessions=2, partners=1)
    _fill(large, sessions=30, partners=6)
    client.login(organiser)
    for template in ("/e/{slug}/", "/manage/events/{id}/timetable", "/manage/events/{id}/"):
        few = _queries(client, template.format(slug=small.slug, id=small.id))
        many = _queries(client, template.format(slug=large.slug, id=large.id))
        assert few == many, (template, few, many)
        # 15, plus the one query of the registration panel on the dashboard, the one of its
        # undelivered mail and the one of the translation tab's badge.
        assert many <= 18, (template, many)
