"""The one decision of how a person appears, for each audience and consent."""

from flask_babel import force_locale

from eventapp.people import Audience, Shown, shown

SAMIR, HOPE = "سمير", "منظمة الأمل"


def test_each_consent_for_each_audience():
    with force_locale("ar"):
        anonymous = Shown("أحد المشاركين", "", True)
        for audience in (Audience.PUBLIC, Audience.PARTICIPANTS):
            assert shown(SAMIR, HOPE, audience, naming="name") == Shown(SAMIR, HOPE)
            assert shown(SAMIR, HOPE, audience, naming="organisation") == Shown(HOPE)
            assert shown(SAMIR, None, audience, naming="organisation") == anonymous
            assert shown(SAMIR, HOPE, audience, naming="anonymous") == anonymous
            assert shown(SAMIR, HOPE, audience, naming="unknown") == anonymous
            assert shown(SAMIR, HOPE, audience) == Shown(SAMIR, HOPE)  # a speaker, by role
        for naming in ("name", "organisation", "anonymous"):
            assert shown(SAMIR, HOPE, "staff", naming=naming) == Shown(SAMIR, HOPE)
        assert shown("", "", Audience.STAFF) == anonymous  # erased: nobody to name
    assert shown(SAMIR, HOPE, "public", naming="anonymous", language="en").name == "A participant"
    assert str(shown(SAMIR, HOPE, "public")) == f"{SAMIR} — {HOPE}"


def test_lists_follow_the_list_visibility():
    for visibility, audiences in {
        "nobody": {Audience.STAFF},
        "participants": {Audience.STAFF, Audience.PARTICIPANTS},
        "public": set(Audience),
    }.items():
        for audience in Audience:
            found = shown(SAMIR, HOPE, audience, listed_to=visibility, naming="anonymous")
            assert (found == Shown(SAMIR, HOPE)) == (audience in audiences), (visibility, audience)
