"""The roll's CSV takes an optional form_of_address column (f, m, feminine, masculine, مؤنث,
مذكر; blank: unspecified) into each member's directory entry, and gives it back."""

import pytest

from eventapp.extensions import db
from eventapp.members import roll_csv
from eventapp.people import FormOfAddress
from eventapp.speakers.models import Person
from tests.factories import make_person
from tests.members.test_roll import _csv, org  # noqa: F401 - the fixture


def _form(email):
    return db.session.query(Person).filter_by(email=email).one().form_of_address


def test_import_reads_the_form_and_export_writes_it(org):  # noqa: F811
    make_person(name_ar="قديم", email="old@example.org", form_of_address="feminine")
    text = (
        "name_ar,email,form_of_address\n"
        "سلمى,salma@example.org,مؤنث\n"
        "عمر,omar@example.org,M\n"
        "نور,nour@example.org,\n"
        "قديم,old@example.org,masculine\n"
    )
    roll_csv.import_roll(org.id, _csv(text), 10**6)
    db.session.commit()
    assert _form("salma@example.org") is FormOfAddress.FEMININE
    assert _form("omar@example.org") is FormOfAddress.MASCULINE
    assert _form("nour@example.org") is FormOfAddress.UNSPECIFIED
    assert _form("old@example.org") is FormOfAddress.MASCULINE
    exported = roll_csv.export_roll(org.id).decode("utf-8-sig")
    assert exported.splitlines()[0].endswith(",form_of_address")
    assert "salma@example.org,,,,active,feminine" in exported.replace("\r", "")


def test_without_the_column_the_form_is_left_alone_and_a_bad_word_is_refused(org):  # noqa: F811
    make_person(name_ar="قديم", email="old@example.org", form_of_address="feminine")
    roll_csv.import_roll(org.id, _csv("name_ar,email\nقديم,old@example.org\n"), 10**6)
    db.session.commit()
    assert _form("old@example.org") is FormOfAddress.FEMININE
    with pytest.raises(roll_csv.MemberError) as refused:
        roll_csv.import_roll(org.id, _csv("email,form_of_address\nx@example.org,she\n"), 10**6)
    assert "she" in " ".join(refused.value.lines)
