"""privacy display: the naming consent kept on each intervention

Revision ID: 0007_privacy_display
Revises: 0006_access_matrix
Create Date: 2026-12-06 18:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007_privacy_display'
down_revision = '0006_access_matrix'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('interventions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('consent', sa.String(length=16), nullable=True))
    # Interventions asked by registered participants take their registration's choice; the
    # others (speakers, names typed by the organisers) stay public by their role (NULL).
    op.execute(
        """
        UPDATE interventions SET consent = (
            SELECT registrations.report_naming FROM registrations
            JOIN sessions ON sessions.event_id = registrations.event_id
            WHERE sessions.id = interventions.session_id
              AND registrations.email = interventions.participant_email
        )
        WHERE participant_email IS NOT NULL
        """
    )


def downgrade():
    with op.batch_alter_table('interventions', schema=None) as batch_op:
        batch_op.drop_column('consent')
