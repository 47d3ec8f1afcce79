"""invitations carry a form of address (how Arabic speaks of the person invited), prefilled
on the registration made from the invitation

Revision ID: 0022_invitation_form_of_address
Revises: 0021_gender_bilingual
Create Date: 2026-12-07 07:15:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0022_invitation_form_of_address"
down_revision = "0021_gender_bilingual"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("registration_invitations", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "form_of_address",
                sa.String(length=32),
                server_default="unspecified",
                nullable=False,
            )
        )


def downgrade():
    with op.batch_alter_table("registration_invitations", schema=None) as batch_op:
        batch_op.drop_column("form_of_address")
