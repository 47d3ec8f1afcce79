"""The one rule of gendered wording (eventapp.people.gendered): feminine, masculine, and a
neutral phrasing when the form of address is unspecified; English reads the same for all."""

import pytest
from flask_babel import force_locale, lazy_pgettext

from eventapp.members.participants import category_label
from eventapp.people import FormOfAddress, form_of, gendered, is_feminine, parse_form
from eventapp.sessions.models import SessionRoleKind

F, M, U = FormOfAddress.FEMININE, FormOfAddress.MASCULINE, FormOfAddress.UNSPECIFIED


def test_gendered_picks_the_wording_of_the_form():
    texts = {"feminine": "هي", "masculine": "هو", "neutral": "محايد"}
    for form, expected in ((F, "هي"), (M, "هو"), (U, "محايد")):
        assert gendered(form, **texts) == expected
    # Values, nothing and the unknown: unspecified means neutral, never a guess.
    assert gendered("feminine", **texts) == "هي"
    assert gendered(None, **texts) == gendered("", **texts) == "محايد"
    assert gendered("other", **texts) == "محايد"
    assert form_of("MASCULINE") is M and is_feminine("feminine") and not is_feminine(None)


@pytest.mark.parametrize(
    ("role", "feminine", "masculine", "neutral"),
    [
        ("facilitator", "الميسّرة", "الميسّر", "تيسير الجلسة"),
        ("moderator", "مديرة الجلسة", "مدير الجلسة", "إدارة الجلسة"),
        ("chair", "رئيسة الجلسة", "رئيس الجلسة", "رئاسة الجلسة"),
        ("panellist", "المحاوِرة", "المحاوِر", "في حلقة النقاش"),
        ("presenter", "المقدِّمة", "المقدِّم", "التقديم"),
        ("discussant", "المعقِّبة", "المعقِّب", "التعقيب"),
        ("rapporteur", "المقرِّرة", "المقرِّر", "إعداد التقرير"),
    ],
)
def test_role_labels_in_the_three_forms(role, feminine, masculine, neutral):
    kind = SessionRoleKind(role)
    with force_locale("ar"):
        assert [kind.label_for(f) for f in (F, M, U)] == [feminine, masculine, neutral]
        assert "/" not in kind.label_for(U)
    with force_locale("en"):
        english = {kind.label_for(f) for f in (F, M, U)}
        assert english == {kind.label}  # English: the same word for the three


def test_a_message_about_a_person_in_the_three_forms():
    name = "Jane"
    msgid = "%(name)s is still speaking: end that intervention first."
    forms = {
        c: lazy_pgettext(c, "%(name)s is still speaking: end that intervention first.", name=name)
        for c in ("feminine", "masculine", "neutral")
    }
    with force_locale("ar"):
        assert gendered(F, **forms).startswith("ما زالت Jane تتحدث")
        assert gendered(M, **forms).startswith("ما زال Jane يتحدث")
        assert gendered(U, **forms).startswith("ما زالت مداخلة Jane جارية")
    with force_locale("en"):
        assert {gendered(f, **forms) for f in (F, M, U)} == {msgid % {"name": name}}


def test_categories_follow_the_person_s_form(event):
    with force_locale("ar"):
        assert category_label(event, "delegate", form=F) == "مندوبة"
        assert category_label(event, "delegate", form=M) == "مندوب"
        # Unspecified: the category's neutral wording, a noun of the group, never a slash form;
        # where Arabic has none, the masculine singular, its generic name of a class.
        assert category_label(event, "delegate", form=U) == "وفد"
        assert category_label(event, "media", form=U) == "إعلام"
        assert category_label(event, "expert", form=U) == "خبير"
        assert category_label(event, "expert", form="feminine") == "خبيرة"
        # Named as a class (statistics, menus): the masculine.
        assert category_label(event, "delegate") == "مندوب"
    with force_locale("en"):
        assert category_label(event, "delegate", form=F) == "Delegate"


def test_spreadsheet_words_for_the_form():
    for word in ("f", "F", "feminine", "مؤنث", " مؤنّث "):
        assert parse_form(word) is F, word
    for word in ("m", "Masculine", "مذكر"):
        assert parse_form(word) is M, word
    assert parse_form("") is U and parse_form(None) is U
    assert parse_form("x") is None
