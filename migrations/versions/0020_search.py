"""search: the function `search_fold` on PostgreSQL, the folding rule of every search box
(eventapp/search_text.py: harakat, tatweel, hamza forms, alif maqsura, ta marbuta, Latin accents,
case, Arabic-Indic digits, whitespace). No extension: unaccent may not be installed. SQLite
needs nothing here: the app registers the same rule on each connection.

Revision ID: 0020_search
Revises: 0019_hybrid
Create Date: 2026-12-07 03:30:00

"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0020_search"
down_revision = "0019_hybrid"
branch_labels = None
depends_on = None

# eventapp.search_text.POSTGRES_FUNCTION when this migration was written (frozen here, as a
# migration must be; tests/core/test_search_migration.py checks that the two agree).
FUNCTION = r"""CREATE OR REPLACE FUNCTION search_fold(value text) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE
AS $fold$
DECLARE
    t text := lower(regexp_replace(
        normalize(value, NFKD),
        '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0610-\u061a'
        '\u064b-\u065f\u0670\u0674\u06d6-\u06ed\u08d3-\u08ff\u0640'
        '\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069'
        '\ufeff]',
        '', 'g'));
BEGIN
    t := translate(t, 'ٱٲٳىیکةۃ', 'اااييكهه');
    IF t ~ '[٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹ØøŁłĐđÐðĦħŦŧıŊỺỼỾßẞÆæŒœÞþ]' THEN
        t := translate(t, '٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹', '01234567890123456789');
        t := translate(t, 'ØøŁłĐđÐðĦħŦŧıŊỺỼỾ', 'oollddddhhttiŋỻỽỿ');
        t := replace(t, 'ß', 'ss');
        t := replace(t, 'ẞ', 'ss');
        t := replace(t, 'Æ', 'ae');
        t := replace(t, 'æ', 'ae');
        t := replace(t, 'Œ', 'oe');
        t := replace(t, 'œ', 'oe');
        t := replace(t, 'Þ', 'th');
        t := replace(t, 'þ', 'th');
    END IF;
    RETURN btrim(regexp_replace(t,
        '[\u0009-\u000d\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a'
        '\u2028-\u2029\u202f\u205f\u3000]+',
        ' ', 'g'), ' ');
END
$fold$"""


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(FUNCTION)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS search_fold(text)")
