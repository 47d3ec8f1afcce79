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
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
AS $fold$
SELECT btrim(regexp_replace(lower(
    replace(replace(replace(replace(replace(replace(replace(replace(translate(
    regexp_replace(
        normalize(value, NFKD),
        '[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0610-\u061a'
        '\u064b-\u065f\u0670\u0674\u06d6-\u06ed\u08d3-\u08ff\u0640'
        '\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069'
        '\ufeff]',
        '', 'g'),
    'ٱٲٳىیکةۃ٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹ABCDEFGHIJKLMNOPQRSTUVWXYZØøŁłĐđÐðĦħŦŧıŊỺỼỾ',
    'اااييكهه01234567890123456789abcdefghijklmnopqrstuvwxyzoollddddhhttiŋỻỽỿ'),
    'ß', 'ss'), 'ẞ', 'ss'), 'Æ', 'ae'), 'æ', 'ae'), 'Œ', 'oe'), 'œ', 'oe'), 'Þ', 'th'), 'þ', 'th')),
    '[\u0009-\u000d\u001c-\u0020\u0085\u00a0\u1680\u2000-\u200a'
    '\u2028-\u2029\u202f\u205f\u3000]+',
    ' ', 'g'), ' ')
$fold$"""


def upgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute(FUNCTION)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS search_fold(text)")
