"""programme tracker: a recommendation taken up from an earlier event of the organisation, and
whether its follow-up is shown on the organisation's public page

Revision ID: 0018_programme_tracker
Revises: 0017_assembly
Create Date: 2026-12-07 10:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0018_programme_tracker"
down_revision = "0017_assembly"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("taken_up_from_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("follow_up_public", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_index(
            batch_op.f("ix_recommendations_taken_up_from_id"), ["taken_up_from_id"]
        )
        batch_op.create_foreign_key(
            "fk_recommendations_taken_up_from_id_recommendations",
            "recommendations",
            ["taken_up_from_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_unique_constraint(
            "uq_recommendations_taken_up", ["event_id", "taken_up_from_id"]
        )


def downgrade():
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_constraint("uq_recommendations_taken_up", type_="unique")
        batch_op.drop_constraint(
            "fk_recommendations_taken_up_from_id_recommendations", type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_recommendations_taken_up_from_id"))
        batch_op.drop_column("follow_up_public")
        batch_op.drop_column("taken_up_from_id")
