"""An organisation becomes an organiser: its page (address, names, logo checked by its bytes),
its dashboard for the staff, and its public page, which never shows a draft."""

import datetime as dt
import io

from sqlalchemy import select

from eventapp.auth.models import OrganisationRoleKind, OrganisationStaff
from eventapp.events.models import EventStatus
from eventapp.extensions import db
from eventapp.organisers import pages
from eventapp.organisers.logos import MAX_LOGO_BYTES, logo_type
from eventapp.outcomes import event_outcomes
from eventapp.speakers import services as speaker_services
from eventapp.speakers.models import Organisation
from tests.conftest import WebClient
from tests.factories import make_event, make_organiser, make_user, png_bytes

NEW = {
    "organisation_id": "0",
    "slug": "rights-forum",
    "name_ar": "منتدى الحقوق",
    "name_en": "Rights Forum",
    "description_ar": "منتدى يجمع المدافعات والمدافعين عن حقوق الإنسان.",
    "description_en": "A forum of human-rights defenders.",
    "website": "https://rights.example.org",
}


def _upload(data: bytes, name="logo.png"):
    return (io.BytesIO(data), name)


def _create(client, **changes):
    client.get("/manage/o/new")
    return client.post("/manage/o/new", dict(NEW, **changes), content_type="multipart/form-data")


def test_any_account_creates_an_organiser_and_becomes_its_owner(client):
    user = make_user()
    client.login(user)
    response = _create(client, logo=_upload(png_bytes()))
    assert response.status_code == 302 and response.location.endswith("/manage/o/rights-forum/")
    organisation = db.session.scalar(
        select(Organisation).where(Organisation.slug == "rights-forum")
    )
    assert organisation.name_en == "Rights Forum" and organisation.logo_type == "image/png"
    staff = db.session.scalars(select(OrganisationStaff)).all()
    assert [(s.user_id, s.role) for s in staff] == [(user.id, OrganisationRoleKind.OWNER)]
    page = client.get(response.location).get_data(as_text=True)
    assert "منتدى الحقوق" in page and 'id="staff-list"' in page

    anonymous = WebClient(client.raw.application.test_client())  # signed in: never cached
    anonymous._fresh_request_state()
    logo = anonymous.raw.get("/o/rights-forum/logo?v=1")
    assert logo.status_code == 200 and logo.mimetype == "image/png"
    assert "immutable" in logo.headers["Cache-Control"] and logo.data == png_bytes()


def test_an_existing_directory_entry_one_added_becomes_an_organiser(client):
    user = make_user()
    entry = speaker_services.save_organisation(
        None, {"name_ar": "رابطة قائمة", "kind": "ngo"}, created_by=user
    )
    someone_elses = speaker_services.save_organisation(None, {"name_ar": "ليست لي", "kind": "ngo"})
    db.session.commit()
    client.login(user)
    form = client.get("/manage/o/new").get_data(as_text=True)
    assert "رابطة قائمة" in form and "ليست لي" not in form
    response = _create(client, organisation_id=str(someone_elses.id))
    assert response.status_code == 200 and "is-invalid" in response.get_data(as_text=True)
    response = _create(client, organisation_id=str(entry.id), name_ar="", name_en="")
    assert response.status_code == 302
    db.session.refresh(entry)
    assert entry.slug == "rights-forum" and entry.name_ar == "رابطة قائمة"  # blank keeps


def test_bad_address_and_logo_are_explained_and_the_form_keeps_what_was_typed(client):
    make_organiser("taken")
    client.login(make_user())
    for changes, message in [
        ({"slug": "Not Latin"}, "حروفاً لاتينية صغيرة"),
        ({"slug": "taken"}, "هذا العنوان مستخدم لمنظمة أخرى"),
        ({"slug": "new"}, "هذا العنوان محجوز"),
        ({"website": "javascript:alert(1)"}, "https://"),
        (
            {"logo": _upload(b"<svg xmlns='http://www.w3.org/2000/svg'/>", "logo.svg")},
            "PNG أو JPEG",
        ),
        ({"logo": _upload(b"GIF89a" + b"\0" * 100, "logo.png")}, "PNG أو JPEG"),
        ({"logo": _upload(b"\x89PNG\r\n\x1a\n" + b"\0" * MAX_LOGO_BYTES)}, "512"),
        ({"name_ar": "", "name_en": ""}, "اكتب الاسم بالعربية أو بالإنجليزية"),
    ]:
        response = _create(client, **changes)
        page = response.get_data(as_text=True)
        assert response.status_code == 200, changes
        assert message in page, changes
        assert "A forum of human-rights defenders." in page, changes  # kept
    assert (
        db.session.scalar(select(Organisation).where(Organisation.slug == "rights-forum")) is None
    )


def test_logo_types_by_their_bytes():
    assert logo_type(png_bytes()) == "image/png"
    assert logo_type(b"\xff\xd8\xff\xe0" + b"\0" * 10) == "image/jpeg"
    assert logo_type(b"<svg") is None and logo_type(b"") is None


def test_editing_the_page_is_versioned_and_viewers_cannot(client):
    owner, viewer = make_user(), make_user()
    organisation = make_organiser("forum", owner=owner, viewer=viewer)
    client.login(owner)
    version = client.version("/manage/o/forum/edit")
    data = {"slug": "forum", "name_ar": "المنتدى", "description_ar": "وصف", "version": version}
    assert client.post("/manage/o/forum/edit", data).status_code == 302
    stale = client.post("/manage/o/forum/edit", dict(data, description_ar="آخر"))
    assert stale.status_code == 409
    db.session.refresh(organisation)
    assert organisation.description_ar == "وصف"

    other = WebClient(client.raw.application.test_client())
    other.login(viewer)
    page = other.get("/manage/o/forum/edit").get_data(as_text=True)
    assert 'id="read-only-notice"' in page and ">حفظ</button>" not in page
    assert other.post("/manage/o/forum/edit", data).status_code == 403
    dashboard = other.get("/manage/o/forum/").get_data(as_text=True)
    assert 'id="read-only-notice"' in dashboard
    assert other.get("/manage/o/forum/staff").status_code == 403


def test_public_page_shows_upcoming_and_past_never_a_draft(client):
    organiser = make_user()
    organisation = make_organiser("forum", owner=organiser, description_ar=None)
    organisation.description_ar = "منتدى سنوي"
    soon = dt.date.today() + dt.timedelta(days=10)
    upcoming = make_event(organiser, slug="soon", first_day=soon, title_ar="لقاء قادم")
    past = make_event(organiser, slug="past", first_day=dt.date(2020, 1, 5), title_ar="لقاء سابق")
    archived = make_event(
        organiser,
        slug="old",
        first_day=dt.date(2019, 1, 5),
        title_ar="لقاء مؤرشف",
        status=EventStatus.ARCHIVED,
    )
    draft = make_event(
        organiser, slug="draft", first_day=soon, title_ar="مسودة سرية", status=EventStatus.DRAFT
    )
    for event in (upcoming, past, archived, draft):
        event.organiser_id = organisation.id
    event_outcomes.save_event_outcome(past, {"summary": "خلاصة."}, 0, organiser)
    event_outcomes.submit_outcome(past, organiser)
    event_outcomes.approve_outcome(past, organiser)
    event_outcomes.set_published(past, True, organiser)
    db.session.commit()

    page = client.get("/o/forum/").get_data(as_text=True)
    assert "منظمة العفو الدولية" in page and "Amnesty International" in page  # both names
    assert "منتدى سنوي" in page
    upcoming_part = page.split('id="upcoming"')[1].split('id="past"')[0]
    past_part = page.split('id="past"')[1]
    assert "لقاء قادم" in upcoming_part and "لقاء سابق" not in upcoming_part
    assert "لقاء سابق" in past_part and "لقاء مؤرشف" in past_part
    assert "مسودة سرية" not in page
    # outcomes answers organisation_page_asked: the published summary of the past event only
    assert 'id="outcome-summaries"' in page and "/e/past/outcome" in page
    assert "/e/old/outcome" not in page
    assert client.get("/o/nobody/").status_code == 404
    assert client.raw.get("/o/forum/logo").status_code == 404  # no logo

    event_page = client.get("/e/soon/").get_data(as_text=True)
    assert 'id="organised-by"' in event_page and 'href="/o/forum/"' in event_page


def test_dashboard_groups_the_events_by_status(client):
    staff_member = make_user()
    organisation = make_organiser("forum", staff=staff_member)
    for slug, status in [("a", EventStatus.DRAFT), ("b", EventStatus.PUBLISHED)]:
        event = make_event(slug=slug, status=status, title_ar=f"فعالية {slug}")
        event.organiser_id = organisation.id
    db.session.commit()
    client.login(staff_member)
    page = client.get("/manage/o/forum/").get_data(as_text=True)
    draft = page.split('id="events-draft"')[1].split('id="events-published"')[0]
    assert "فعالية a" in draft and "فعالية b" not in draft
    assert "فعالية b" in page.split('id="events-published"')[1]
    assert [e.slug for e in pages.public_events(organisation)["all"]] == ["b"]
