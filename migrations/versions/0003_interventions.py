"""interventions: the queue of each session (state row with its version), interventions and
their history (intervention_events).

Revision ID: 0003_interventions
Revises: 0002_agendas
Create Date: 2026-11-25 20:37:38.446260

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003_interventions'
down_revision = '0002_agendas'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('interventions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('speaker_name', sa.String(length=200), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('participant_email', sa.String(length=254), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=True),
    sa.Column('organisation_name', sa.String(length=300), nullable=True),
    sa.Column('topic', sa.String(length=300), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('mode', sa.Enum('remote_live', 'in_room', 'recorded', 'written', name='interventionmode', native_enum=False, length=32), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('requested_position', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('time_limit_seconds', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('requested', 'approved', 'queued', 'live', 'delivered', 'interrupted', 'not_aired', 'withdrawn', 'rejected', name='interventionstatus', native_enum=False, length=32), nullable=False),
    sa.Column('status_reason', sa.Enum('connection_lost', 'audio_failure', 'video_failure', 'time_ran_out', 'speaker_unavailable', 'off_topic', 'other', name='statusreason', native_enum=False, length=32), nullable=True),
    sa.Column('status_note', sa.Text(), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('spoken_seconds', sa.Integer(), nullable=False),
    sa.Column('technical_note', sa.Text(), nullable=True),
    sa.Column('statement', sa.Text(), nullable=True),
    sa.Column('statement_by', sa.String(length=200), nullable=True),
    sa.Column('statement_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('time_limit_seconds IS NULL OR time_limit_seconds > 0', name=op.f('ck_interventions_limit_positive')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_interventions_organisation_id_organisations'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_interventions_person_id_people'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_interventions_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interventions'))
    )
    with op.batch_alter_table('interventions', schema=None) as batch_op:
        batch_op.create_index('ix_interventions_email', ['participant_email'], unique=False)
        batch_op.create_index(batch_op.f('ix_interventions_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_interventions_person_id'), ['person_id'], unique=False)
        batch_op.create_index('ix_interventions_session_position', ['session_id', 'position'], unique=False)

    op.create_table('session_queue_state',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('list_open', sa.Boolean(), nullable=False),
    sa.Column('default_limit_seconds', sa.Integer(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('technical_note', sa.Text(), nullable=True),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_session_queue_state_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('session_id', name=op.f('pk_session_queue_state'))
    )
    op.create_table('intervention_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('intervention_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=32), nullable=False),
    sa.Column('from_status', sa.Enum('requested', 'approved', 'queued', 'live', 'delivered', 'interrupted', 'not_aired', 'withdrawn', 'rejected', name='interventionstatus', native_enum=False, length=32), nullable=True),
    sa.Column('to_status', sa.Enum('requested', 'approved', 'queued', 'live', 'delivered', 'interrupted', 'not_aired', 'withdrawn', 'rejected', name='interventionstatus', native_enum=False, length=32), nullable=True),
    sa.Column('reason', sa.Enum('connection_lost', 'audio_failure', 'video_failure', 'time_ran_out', 'speaker_unavailable', 'off_topic', 'other', name='statusreason', native_enum=False, length=32), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('actor_user_id', sa.Integer(), nullable=True),
    sa.Column('actor_email', sa.String(length=254), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['actor_user_id'], ['users.id'], name=op.f('fk_intervention_events_actor_user_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['intervention_id'], ['interventions.id'], name=op.f('fk_intervention_events_intervention_id_interventions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_intervention_events_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intervention_events'))
    )
    with op.batch_alter_table('intervention_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intervention_events_intervention_id'), ['intervention_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_intervention_events_session_id'), ['session_id'], unique=False)



def downgrade():
    with op.batch_alter_table('intervention_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intervention_events_session_id'))
        batch_op.drop_index(batch_op.f('ix_intervention_events_intervention_id'))

    op.drop_table('intervention_events')
    op.drop_table('session_queue_state')
    with op.batch_alter_table('interventions', schema=None) as batch_op:
        batch_op.drop_index('ix_interventions_session_position')
        batch_op.drop_index(batch_op.f('ix_interventions_person_id'))
        batch_op.drop_index(batch_op.f('ix_interventions_organisation_id'))
        batch_op.drop_index('ix_interventions_email')

    op.drop_table('interventions')
