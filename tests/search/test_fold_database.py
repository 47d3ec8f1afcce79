"""The database's `search_fold` gives what Python's `fold` gives: on SQLite the function is
Python's own (registered on each connection); on PostgreSQL it is SQL (migration 0020_search),
and this property test is what keeps the two rules one. Run it with DATABASE_URL set too."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings

from eventapp.extensions import db
from eventapp.search_text import fold, folded, folded_like
from tests.search.alphabet import COVERED, covered_text
from tests.search.test_fold import SAME


def _in_database(text):
    return db.session.scalar(sa.select(folded(sa.literal(text, sa.Text))))


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(covered_text)
def test_the_database_folds_as_python_does(text):
    assert _in_database(text) == fold(text)


def test_every_covered_character_alone_and_between_letters():
    for c in COVERED:
        for text in (c, f"ب{c}Ab{c} {c}"):
            assert _in_database(text) == fold(text), [hex(ord(x)) for x in text]


def test_folded_like_folds_both_sides_and_keeps_wildcards_literal():
    def matches(stored, typed):
        return db.session.scalar(sa.select(folded_like(sa.literal(stored, sa.Text), typed)))

    assert matches("مُحَمَّد علي", "محمد") and matches("محمد علي", "مُحَمَّد")
    assert matches("Hans Müller", "MULLER") and matches("وفد 2026", "٢٠٢٦")
    assert not matches("منظمة 1000", "100%") and matches("منظمة 100%", "100%")
    assert not matches("axb", "a_b") and not matches("a\\b", "a\\\\b")
    assert matches("a\\b", "a\\b") and matches("a_b", "a_b")


def test_the_issues_examples_and_null():
    for one, other in SAME:
        assert _in_database(one) == _in_database(other) == fold(one)
    assert _in_database(None) is None


@pytest.mark.parametrize("collation", ["C", "tr-TR-x-icu", "und-x-icu"])
def test_postgresql_folds_alike_in_any_locale(collation):
    """lower() follows the text's collation: the C locale lowers A-Z only, a Turkish one makes
    I a dotless ı. The rule's own maps make the result the same in each."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL's collations")
    known = sa.text("SELECT count(*) FROM pg_collation WHERE collname = :name")
    if not db.session.scalar(known, {"name": collation}):
        pytest.skip(f"no collation {collation}")
    texts = [*COVERED, "ISTANBUL Øresund ÆSOP ẞ Ŋ ỺỼỾ", *(one for one, _ in SAME)]
    in_collation = sa.text(f'SELECT search_fold(CAST(:text AS text) COLLATE "{collation}")')
    for text in texts:
        assert db.session.scalar(in_collation, {"text": text}) == fold(text), text
