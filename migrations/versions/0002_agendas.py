"""agendas: content version of events, starred sessions

Revision ID: 0002_agendas
Revises: 0001_foundation
Create Date: 2026-11-25 20:35:46.189365

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002_agendas'
down_revision = '0001_foundation'
branch_labels = None
depends_on = None


def upgrade():
    # Starred sessions of personal agendas; participant_key is the registration's id, kept
    # without a foreign key so the agenda does not depend on the registration tables.
    op.create_table('agenda_stars',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('participant_key', sa.String(length=80), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_agenda_stars_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_agenda_stars_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_stars')),
    sa.UniqueConstraint('session_id', 'participant_key', name='uq_agenda_stars')
    )
    with op.batch_alter_table('agenda_stars', schema=None) as batch_op:
        batch_op.create_index('ix_agenda_stars_event_participant', ['event_id', 'participant_key'], unique=False)

    # Bumped on every change of what an event's agenda shows (eventapp/agendas/changes.py).
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('content_version', sa.Integer(), server_default='1', nullable=False))
        batch_op.add_column(sa.Column('agenda_changed_at', sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False))



def downgrade():
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('agenda_changed_at')
        batch_op.drop_column('content_version')

    with op.batch_alter_table('agenda_stars', schema=None) as batch_op:
        batch_op.drop_index('ix_agenda_stars_event_participant')

    op.drop_table('agenda_stars')
