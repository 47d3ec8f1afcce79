"""accounts: a session version per user (revokes sessions and remember-me cookies), the last
sign-in, and when an event role was given by invitation

Revision ID: 0008_accounts
Revises: 0007_privacy_display
Create Date: 2026-12-06 18:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008_accounts'
down_revision = '0007_privacy_display'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_version', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('last_login_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('event_roles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('invited_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('event_roles', schema=None) as batch_op:
        batch_op.drop_column('invited_at')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('last_login_at')
        batch_op.drop_column('session_version')
