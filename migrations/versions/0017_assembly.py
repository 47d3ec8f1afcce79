"""assembly: an event as a general assembly of its organiser's members (quorum rule, who signs
the minutes), the vote on each agenda item, certificates with an attendance rule, signatories,
serial numbers and verification codes

Revision ID: 0017_assembly
Revises: 0016_members
Create Date: 2026-12-07 10:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0017_assembly"
down_revision = "0016_members"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "general_assemblies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column(
            "quorum_kind",
            sa.Enum(
                "majority", "count", "percent", name="quorumkind", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("quorum_value", sa.Integer(), nullable=True),
        sa.Column("chair_name", sa.String(length=200), nullable=True),
        sa.Column("secretary_name", sa.String(length=200), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id"),
    )

    op.create_table(
        "session_votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("votes_for", sa.Integer(), nullable=False),
        sa.Column("votes_against", sa.Integer(), nullable=False),
        sa.Column("votes_abstaining", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id"),
    )
    with op.batch_alter_table("session_votes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_session_votes_event_id"), ["event_id"])

    op.create_table(
        "certificate_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("min_percent_days", sa.Integer(), nullable=True),
        *[
            sa.Column(f"signatory{n}_{field}_{lang}", sa.String(length=200), nullable=True)
            for n in (1, 2)
            for field in ("name", "title")
            for lang in ("ar", "en")
        ],
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id"),
    )

    op.create_table(
        "certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("serial", sa.String(length=120), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_ar", sa.String(length=200), nullable=True),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("days_attended", sa.Integer(), nullable=False),
        sa.Column("days_total", sa.Integer(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["registration_id"], ["registrations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
        sa.UniqueConstraint("registration_id"),
        sa.UniqueConstraint("serial"),
        sa.UniqueConstraint("event_id", "number", name="uq_certificates_number"),
    )
    with op.batch_alter_table("certificates", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_certificates_event_id"), ["event_id"])


def downgrade():
    op.drop_table("certificates")
    op.drop_table("certificate_settings")
    op.drop_table("session_votes")
    op.drop_table("general_assemblies")
