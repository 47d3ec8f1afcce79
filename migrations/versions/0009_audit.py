"""audit: the audit trail (who, when, what changed)

Revision ID: 0009_audit
Revises: 0008_accounts
Create Date: 2026-12-06 19:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_audit'
down_revision = '0008_accounts'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'audit_entries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('actor_user_id', sa.Integer(), nullable=True),
        sa.Column('actor_label', sa.String(length=32), nullable=False),
        sa.Column('event_id', sa.Integer(), nullable=True),
        sa.Column('entity_type', sa.String(length=40), nullable=False),
        sa.Column('entity_id', sa.Integer(), nullable=True),
        sa.Column('action', sa.String(length=20), nullable=False),
        sa.Column('changes', sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entries')),
    )
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entries_actor_user_id'), ['actor_user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_entries_at'), ['at'], unique=False)
        batch_op.create_index('ix_audit_entries_entity', ['entity_type', 'entity_id'], unique=False)
        batch_op.create_index('ix_audit_entries_event_at', ['event_id', 'at'], unique=False)


def downgrade():
    with op.batch_alter_table('audit_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entries_event_at')
        batch_op.drop_index('ix_audit_entries_entity')
        batch_op.drop_index(batch_op.f('ix_audit_entries_at'))
        batch_op.drop_index(batch_op.f('ix_audit_entries_actor_user_id'))
    op.drop_table('audit_entries')
