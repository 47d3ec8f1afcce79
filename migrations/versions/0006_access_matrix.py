"""access matrix: people and organisations remember the account that added them

Revision ID: 0006_access_matrix
Revises: 0005_registration
Create Date: 2026-12-06 18:30:00

Existing entries are given to the first organiser of the earliest event they take part in
(as a session person, a partner, or the organisation of a session person); entries that take
part in no event stay without a creator and only administrators may edit them.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006_access_matrix'
down_revision = '0005_registration'
branch_labels = None
depends_on = None

FIRST_ORGANISER = """
    SELECT er.user_id FROM event_roles er
    WHERE er.role = 'organiser' AND er.session_id IS NULL AND er.event_id IN ({events})
    ORDER BY er.event_id, er.id LIMIT 1
"""
PERSON_EVENTS = """
    SELECT s.event_id FROM session_people sp JOIN sessions s ON s.id = sp.session_id
    WHERE sp.person_id = people.id
"""
ORGANISATION_EVENTS = """
    SELECT eo.event_id FROM event_organisations eo WHERE eo.organisation_id = organisations.id
    UNION
    SELECT s.event_id FROM session_people sp JOIN sessions s ON s.id = sp.session_id
    JOIN people p ON p.id = sp.person_id WHERE p.organisation_id = organisations.id
"""


def upgrade():
    for table in ('organisations', 'people'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('created_by_id', sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f'ix_{table}_created_by_id'), ['created_by_id'], unique=False)
            batch_op.create_foreign_key(batch_op.f(f'fk_{table}_created_by_id_users'), 'users', ['created_by_id'], ['id'], ondelete='SET NULL')
    op.execute(
        "UPDATE people SET created_by_id = ("
        + FIRST_ORGANISER.format(events=PERSON_EVENTS) + ")"
    )
    op.execute(
        "UPDATE organisations SET created_by_id = ("
        + FIRST_ORGANISER.format(events=ORGANISATION_EVENTS) + ")"
    )


def downgrade():
    for table in ('people', 'organisations'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_created_by_id_users'), type_='foreignkey')
            batch_op.drop_index(batch_op.f(f'ix_{table}_created_by_id'))
            batch_op.drop_column('created_by_id')
