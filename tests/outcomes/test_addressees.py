"""To whom a recommendation is addressed: a kind of organisation, an organisation of the
directory, free text or a mix; one label everywhere, the summary grouped by them, a filter by
kind on the follow-up lists."""

import csv
import io

from flask_babel import force_locale
from openpyxl import load_workbook
from sqlalchemy import select

from eventapp.extensions import db
from eventapp.outcomes import items
from eventapp.outcomes.addressees import addressee_groups, addressee_label
from eventapp.outcomes.models import Recommendation
from eventapp.speakers.models import OrganisationKind
from tests.factories import make_organisation, make_organiser
from tests.outcomes.conftest import login_as
from tests.outcomes.pdfs import first_page_png, text


def _rec(event, text, session=None, **addressee):
    rec = items.add_recommendation(event, session, {"text": text, **addressee})
    db.session.commit()
    return rec


def _shura():
    return make_organisation("مجلس الشورى", "Shura Council", kind=OrganisationKind.PARLIAMENT)


def _post(client, event, **fields):
    return client.post(
        f"/manage/events/{event.id}/outcome/recommendations",
        {"text": "توصية", "priority": "medium", **fields},
    )


def _stored():
    db.session.expire_all()
    return db.session.scalars(select(Recommendation).order_by(Recommendation.id)).all()


def test_the_form_takes_a_kind_an_organisation_or_words(client, organiser, event):
    shura = _shura()
    login_as(client, organiser)
    page = client.get(f"/manage/events/{event.id}/outcome").get_data(as_text=True)
    assert 'name="addressee_kind"' in page and 'name="addressee_organisation_id"' in page
    assert "برلمان" in page and "نقابة عمالية" in page and "مجلس الشورى" in page
    assert _post(client, event, addressee_kind="parliament").status_code == 302
    assert _post(client, event, addressee_organisation_id=str(shura.id)).status_code == 302
    assert _post(client, event, addressee="الدول الأعضاء").status_code == 302
    assert _post(client, event).status_code == 302  # none of them: allowed, as before
    kind, named, words, nobody = _stored()
    assert kind.addressee_kind == OrganisationKind.PARLIAMENT and kind.addressee is None
    assert named.addressee_organisation_id == shura.id and named.addressee_kind is None
    assert words.addressee == "الدول الأعضاء" and words.addressee_organisation_id is None
    assert addressee_label(nobody) == ""
    page = client.get(f"/manage/events/{event.id}/outcome").get_data(as_text=True)
    assert "البرلمانات" in page and "مجلس الشورى" in page and "الدول الأعضاء" in page


def test_a_bad_organisation_or_kind_keeps_what_was_typed(client, organiser, event):
    login_as(client, organiser)
    for fields in (
        {"addressee_organisation_id": "999999"},
        {"addressee_organisation_id": "abc"},
        {"addressee_kind": "cabal"},
    ):
        response = _post(client, event, text="نص التوصية المكتوب", addressee="نص الجهة", **fields)
        assert response.status_code == 422
        body = response.get_data(as_text=True)
        assert "نص التوصية المكتوب" in body and 'value="نص الجهة"' in body
        assert "invalid-feedback" in body
    assert _stored() == []


def test_editing_shows_and_changes_the_addressee(client, organiser, event):
    shura = _shura()
    rec = _rec(event, "توصية", addressee_kind="parliament", addressee_organisation_id=shura.id)
    login_as(client, organiser)
    form = client.get(f"/manage/recommendations/{rec.id}/edit").get_data(as_text=True)
    assert 'value="parliament" selected' in form or 'selected value="parliament"' in form
    assert f'selected value="{shura.id}"' in form or f'value="{shura.id}" selected' in form
    response = client.post(
        f"/manage/recommendations/{rec.id}/edit",
        {
            "version": str(rec.version),
            "text": "توصية",
            "priority": "medium",
            "addressee_kind": "trade_union",
            "addressee_organisation_id": "0",
            "addressee": "",
        },
    )
    assert response.status_code == 302
    (stored,) = _stored()
    assert stored.addressee_kind == OrganisationKind.TRADE_UNION
    assert stored.addressee_organisation_id is None


def test_the_label_says_everything_that_is_set(app, event):
    shura = make_organisation("مجلس الشورى", "Shura Council", acronym="SC", kind="parliament")
    both = _rec(event, "أ", addressee_kind="parliament", addressee_organisation_id=shura.id)
    all_three = _rec(
        event, "ب", addressee_kind="network", addressee_organisation_id=shura.id, addressee="نص"
    )
    with app.test_request_context(), force_locale("en"):
        assert addressee_label(both) == "Parliaments — Shura Council (SC)"
        assert addressee_label(both, "ar") == "Parliaments — مجلس الشورى (SC)"
    with app.test_request_context(), force_locale("ar"):
        assert addressee_label(both) == "البرلمانات — مجلس الشورى (SC)"
        assert addressee_label(all_three) == "الشبكات والتحالفات — مجلس الشورى (SC) — نص"


def test_groups_kinds_first_then_organisations_then_words_then_nobody(app, event, session):
    shura = _shura()
    recs = [
        _rec(event, "1", session, addressee="الدول"),
        _rec(event, "2", session, addressee_kind="parliament"),
        _rec(event, "3", session),
        _rec(event, "4", session, addressee_organisation_id=shura.id),
        _rec(event, "5", session, addressee_kind="ngo", addressee="منظمات الضحايا"),
        _rec(event, "6", session, addressee_kind="parliament", addressee_organisation_id=shura.id),
        _rec(event, "7", session, addressee=" الدول "),
    ]
    with app.test_request_context(), force_locale("ar"):
        groups = addressee_groups(recs)
    assert [(label, [r.text for r in rs]) for label, rs in groups] == [
        ("إلى المنظمات غير الحكومية", ["5"]),
        ("إلى البرلمانات", ["2", "6"]),
        ("مجلس الشورى", ["4"]),
        ("الدول", ["1", "7"]),
        ("جهة غير محددة", ["3"]),
    ]


def _summary_pdf(client, event, lang="ar"):
    response = client.post(
        f"/manage/events/{event.id}/outcome/summary", {"lang": lang, "group": "addressee"}
    )
    job_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    return client.raw.get(f"/reports/{job_id}/download").data


def test_the_summary_pdf_groups_by_addressee(client, organiser, event, session, tmp_path):
    shura = _shura()
    _rec(event, "إلغاء عقوبة الإعدام", session, addressee="الدول الأعضاء")
    _rec(event, "سنّ قانون لحماية المبلّغين", session, addressee_kind="parliament")
    _rec(event, "نشر تقرير سنوي عن الحريات", session, addressee_organisation_id=shura.id)
    _rec(event, "حماية الصحفيين في الميدان", session, addressee_kind="company")
    _rec(event, "تيسير الوصول إلى المعلومات", session)
    _rec(
        event,
        "مراجعة قانون الجرائم الإلكترونية",
        None,
        addressee_kind="parliament",
        addressee_organisation_id=shura.id,
    )
    login_as(client, organiser)
    pdf = _summary_pdf(client, event)
    content = text(pdf)
    order = [
        "إلى البرلمانات",
        "سنّ قانون لحماية المبلّغين",
        "مراجعة قانون الجرائم الإلكترونية",
        "إلى الشركات",  # "(التقنية والإعلام)" comes out of the text before it
        "حماية الصحفيين في الميدان",
        "نشر تقرير سنوي عن الحريات",
        "إلغاء عقوبة الإعدام",
        "تيسير الوصول إلى المعلومات",
    ]
    grouped = content[content.index("التوصيات الموحّدة") :]
    positions = [grouped.index(phrase) for phrase in order]
    assert positions == sorted(positions), list(zip(order, positions, strict=True))
    assert grouped.index("الدول الأعضاء") < grouped.index("تيسير الوصول إلى المعلومات")
    assert grouped.index("جهة غير محددة") < grouped.index("تيسير الوصول إلى المعلومات")
    english = text(_summary_pdf(client, event, "en"))
    assert "To parliaments" in english and "To companies (technology, media)" in english
    assert "Shura Council" in english
    assert first_page_png(pdf, tmp_path, "summary").stat().st_size > 0
    (tmp_path / "grouped.pdf").write_bytes(pdf)  # kept for a look (pdftoppm) when needed


def test_exports_write_the_label(client, organiser, event, session):
    shura = _shura()
    _rec(event, "توصية للبرلمان", session, addressee_kind="parliament")
    _rec(event, "توصية للمجلس", session, addressee_organisation_id=shura.id)
    _rec(event, "توصية للدول", session, addressee="الدول")
    login_as(client, organiser)
    response = client.raw.get(f"/manage/events/{event.id}/recommendations.csv")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert [row[2] for row in rows[1:]] == ["البرلمانات", "مجلس الشورى", "الدول"]
    response = client.raw.get(f"/manage/events/{event.id}/recommendations.xlsx")
    sheet = load_workbook(io.BytesIO(response.data)).active
    assert [sheet.cell(row=n, column=3).value for n in (2, 3, 4)] == [
        "البرلمانات",
        "مجلس الشورى",
        "الدول",
    ]
    client.switch_language("en")
    response = client.raw.get(f"/manage/events/{event.id}/recommendations.csv")
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[1][2] == "Parliaments" and rows[2][2] == "Shura Council"


def test_the_follow_up_list_filters_by_kind(client, organiser, event, session):
    shura = _shura()
    _rec(event, "توصية للبرلمانات", session, addressee_kind="parliament")
    _rec(event, "توصية لمجلس الشورى", session, addressee_organisation_id=shura.id)
    _rec(event, "توصية للنقابات", session, addressee_kind="trade_union")
    login_as(client, organiser)
    url = f"/manage/events/{event.id}/recommendations"
    page = client.get(url, query_string={"addressee_kind": "parliament"}).get_data(as_text=True)
    assert "توصية للبرلمانات" in page and "توصية لمجلس الشورى" in page
    assert "توصية للنقابات" not in page
    assert 'value="parliament" selected' in page
    # An unknown kind is no filter at all.
    page = client.get(url, query_string={"addressee_kind": "<b>"}).get_data(as_text=True)
    assert "توصية للنقابات" in page and "<b>" not in page
    response = client.raw.get(f"{url}.csv", query_string={"addressee_kind": "trade_union"})
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert [row[1] for row in rows[1:]] == ["توصية للنقابات"]


def test_the_programme_tracker_filters_by_kind(client, make_user, make_event):
    staff = make_user("staff@example.org")
    organisation = make_organiser("rights", staff=staff)
    event = make_event(slug="forum")
    event.organiser_id = organisation.id
    db.session.commit()
    shura = _shura()
    _rec(event, "توصية للبرلمانات", addressee_kind="parliament")
    _rec(event, "توصية لمجلس الشورى", addressee_organisation_id=shura.id)
    _rec(event, "توصية للإعلام", addressee_kind="media")
    login_as(client, staff)
    url = "/manage/o/rights/recommendations/"
    page = client.get(url, query_string={"addressee_kind": "parliament"}).get_data(as_text=True)
    assert "توصية للبرلمانات" in page and "توصية لمجلس الشورى" in page
    assert "توصية للإعلام" not in page
    assert "البرلمانات" in page  # the label in the list


def test_taking_up_keeps_the_addressee(client, make_user, make_event):
    import datetime as dt

    from eventapp.outcomes import tracker

    organisation = make_organiser("rights")
    shura = _shura()
    earlier = make_event(slug="earlier", first_day=dt.date.today() - dt.timedelta(days=200))
    later = make_event(slug="later", first_day=dt.date.today() + dt.timedelta(days=20))
    for event in (earlier, later):
        event.organiser_id = organisation.id
    db.session.commit()
    rec = _rec(
        earlier, "توصية سابقة", addressee_kind="parliament", addressee_organisation_id=shura.id
    )
    copy = tracker.take_up(later, rec)
    db.session.commit()
    assert copy.addressee_kind == OrganisationKind.PARLIAMENT
    assert copy.addressee_organisation_id == shura.id


def test_the_directory_offers_the_new_kinds_in_arabic(client, organiser, event):
    """Parliaments, networks, intergovernmental bodies, companies and trade unions can be
    entered in the directory, then addressed."""
    login_as(client, organiser)
    form = client.get("/manage/directory/organisations/new").get_data(as_text=True)
    for value, label in (
        ("parliament", "برلمان"),
        ("network", "شبكة أو تحالف"),
        ("intergovernmental", "منظمة حكومية دولية"),
        ("company", "شركة (تقنية، إعلام)"),
        ("trade_union", "نقابة عمالية"),
        ("nhri", "مؤسسة وطنية لحقوق الإنسان"),
    ):
        assert f'value="{value}"' in form and label in form, value
    client.post(
        "/manage/directory/organisations/new",
        {"name_ar": "الاتحاد العام للنقابات", "name_en": "", "kind": "trade_union"},
    )
    listing = client.get("/manage/directory/organisations").get_data(as_text=True)
    assert "الاتحاد العام للنقابات" in listing and "نقابة عمالية" in listing
