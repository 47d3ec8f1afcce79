"""outbox: every e-mail message is written in the transaction of its change, then sent and
retried by the job worker

Revision ID: 0012_outbox
Revises: 0011_import_jobs
Create Date: 2026-12-06 19:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0012_outbox"
down_revision = "0011_import_jobs"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "mail_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("to_address", sa.String(length=320), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.Column("recipe", sa.JSON(), nullable=True),
        sa.Column(
            "status",
            sa.Enum("pending", "sent", "failed", name="mailstatus", native_enum=False, length=32),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("mail_outbox", schema=None) as batch_op:
        batch_op.create_index("ix_mail_outbox_due", ["status", "next_attempt_at"], unique=False)
        batch_op.create_index("ix_mail_outbox_event", ["event_id", "status"], unique=False)
        batch_op.create_index(batch_op.f("ix_mail_outbox_to_address"), ["to_address"], unique=False)


def downgrade():
    op.drop_table("mail_outbox")
