"""outcomes: session and event outcomes, recommendations, follow-up, report jobs

Session outcomes (with a version for optimistic saves) and their revisions, the event outcome,
assessments of objectives and expected outputs, summaries of days, recommendations with their
follow-up and dated progress notes, next steps, and the background PDF jobs.

Revision ID: 0004_outcomes
Revises: 0003_interventions
Create Date: 2026-11-25 20:34:11.948294

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004_outcomes'
down_revision = '0003_interventions'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('event_outcomes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('conclusions', sa.Text(), nullable=True),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_event_outcomes_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_event_outcomes_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_event_outcomes')),
    sa.UniqueConstraint('event_id', name=op.f('uq_event_outcomes_event_id'))
    )
    op.create_table('day_summaries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('day_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['day_id'], ['event_days.id'], name=op.f('fk_day_summaries_day_id_event_days'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_day_summaries')),
    sa.UniqueConstraint('day_id', name=op.f('uq_day_summaries_day_id'))
    )
    op.create_table('goal_assessments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Enum('met', 'partly', 'not_met', name='assessment', native_enum=False, length=32), nullable=True),
    sa.Column('comment', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['goal_id'], ['event_goals.id'], name=op.f('fk_goal_assessments_goal_id_event_goals'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_assessments')),
    sa.UniqueConstraint('goal_id', name=op.f('uq_goal_assessments_goal_id'))
    )
    op.create_table('next_steps',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('what', sa.Text(), nullable=False),
    sa.Column('who', sa.String(length=300), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('due_text', sa.String(length=200), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_next_steps_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_next_steps_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_next_steps'))
    )
    with op.batch_alter_table('next_steps', schema=None) as batch_op:
        batch_op.create_index('ix_next_steps_event_session', ['event_id', 'session_id'], unique=False)

    op.create_table('outcome_revisions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_outcome_revisions_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_outcome_revisions_session_id_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_outcome_revisions_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outcome_revisions'))
    )
    with op.batch_alter_table('outcome_revisions', schema=None) as batch_op:
        batch_op.create_index('ix_outcome_revisions_target', ['event_id', 'session_id'], unique=False)

    op.create_table('recommendations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('addressee', sa.String(length=300), nullable=True),
    sa.Column('theme', sa.String(length=200), nullable=True),
    sa.Column('priority', sa.Enum('high', 'medium', 'low', name='priority', native_enum=False, length=32), nullable=False),
    sa.Column('status', sa.Enum('proposed', 'adopted', 'in_progress', 'implemented', 'not_implemented', name='followupstatus', native_enum=False, length=32), nullable=False),
    sa.Column('responsible_body', sa.String(length=300), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_recommendations_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_recommendations_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recommendations'))
    )
    with op.batch_alter_table('recommendations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recommendations_addressee'), ['addressee'], unique=False)
        batch_op.create_index('ix_recommendations_event_session', ['event_id', 'session_id', 'position'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendations_session_id'), ['session_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_recommendations_status'), ['status'], unique=False)

    op.create_table('report_jobs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('session_report', 'outcome_summary', name='reportkind', native_enum=False, length=32), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('options', sa.String(length=100), nullable=False),
    sa.Column('status', sa.Enum('queued', 'running', 'done', 'failed', name='jobstatus', native_enum=False, length=32), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('file_path', sa.String(length=500), nullable=True),
    sa.Column('error', sa.Text(), nullable=True),
    sa.Column('requested_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_report_jobs_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['requested_by_id'], ['users.id'], name=op.f('fk_report_jobs_requested_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_report_jobs_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_jobs'))
    )
    with op.batch_alter_table('report_jobs', schema=None) as batch_op:
        batch_op.create_index('ix_report_jobs_lookup', ['kind', 'event_id', 'session_id', 'language'], unique=False)

    op.create_table('session_outcomes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'submitted', 'approved', name='outcomestatus', native_enum=False, length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('key_points', sa.Text(), nullable=True),
    sa.Column('consensus', sa.Text(), nullable=True),
    sa.Column('disagreement', sa.Text(), nullable=True),
    sa.Column('decisions', sa.Text(), nullable=True),
    sa.Column('updated_by_id', sa.Integer(), nullable=True),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('approved_at', sa.DateTime(), nullable=True),
    sa.Column('approved_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['approved_by_id'], ['users.id'], name=op.f('fk_session_outcomes_approved_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_session_outcomes_event_id_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_session_outcomes_session_id_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['updated_by_id'], ['users.id'], name=op.f('fk_session_outcomes_updated_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_outcomes')),
    sa.UniqueConstraint('session_id', name=op.f('uq_session_outcomes_session_id'))
    )
    with op.batch_alter_table('session_outcomes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_outcomes_event_id'), ['event_id'], unique=False)

    op.create_table('progress_notes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recommendation_id', sa.Integer(), nullable=False),
    sa.Column('noted_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('proposed', 'adopted', 'in_progress', 'implemented', 'not_implemented', name='followupstatus', native_enum=False, length=32), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendations.id'], name=op.f('fk_progress_notes_recommendation_id_recommendations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_progress_notes_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_notes'))
    )
    with op.batch_alter_table('progress_notes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_notes_recommendation_id'), ['recommendation_id'], unique=False)



def downgrade():
    with op.batch_alter_table('progress_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_notes_recommendation_id'))

    op.drop_table('progress_notes')
    with op.batch_alter_table('session_outcomes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_outcomes_event_id'))

    op.drop_table('session_outcomes')
    with op.batch_alter_table('report_jobs', schema=None) as batch_op:
        batch_op.drop_index('ix_report_jobs_lookup')

    op.drop_table('report_jobs')
    with op.batch_alter_table('recommendations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recommendations_status'))
        batch_op.drop_index(batch_op.f('ix_recommendations_session_id'))
        batch_op.drop_index('ix_recommendations_event_session')
        batch_op.drop_index(batch_op.f('ix_recommendations_addressee'))

    op.drop_table('recommendations')
    with op.batch_alter_table('outcome_revisions', schema=None) as batch_op:
        batch_op.drop_index('ix_outcome_revisions_target')

    op.drop_table('outcome_revisions')
    with op.batch_alter_table('next_steps', schema=None) as batch_op:
        batch_op.drop_index('ix_next_steps_event_session')

    op.drop_table('next_steps')
    op.drop_table('goal_assessments')
    op.drop_table('day_summaries')
    op.drop_table('event_outcomes')
