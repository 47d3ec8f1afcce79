"""participant categories get a neutral Arabic wording, shown on the badge and the lists of a
person whose form of address is not given («وفد» rather than «مندوب»)

Revision ID: 0023_category_neutral
Revises: 0022_invitation_form_of_address
Create Date: 2026-12-07 09:45:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0023_category_neutral"
down_revision = "0022_invitation_form_of_address"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("participant_categories", schema=None) as batch_op:
        batch_op.add_column(sa.Column("label_ar_n", sa.String(length=120), nullable=True))


def downgrade():
    with op.batch_alter_table("participant_categories", schema=None) as batch_op:
        batch_op.drop_column("label_ar_n")
