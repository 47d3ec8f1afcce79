"""versions: an edit version on every row an edit form changes (no edit is silently lost)

Each save of an edit form claims the version it was loaded with (eventapp/versions.py); rows
that exist already start at 1.

Revision ID: 0010_versions
Revises: 0009_audit
Create Date: 2026-12-06 19:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_versions'
down_revision = '0009_audit'
branch_labels = None
depends_on = None

TABLES = (
    'events',
    'event_days',
    'event_goals',
    'rooms',
    'sessions',
    'organisations',
    'people',
    'registration_settings',
    'registrations',
    'next_steps',
)


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('version', sa.Integer(), server_default='1', nullable=False)
            )


def downgrade():
    for table in reversed(TABLES):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('version')
