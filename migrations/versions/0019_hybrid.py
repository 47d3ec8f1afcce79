"""hybrid events: session sign-up and attendance, a session's own joining link and its
interpretation channels, remote participants' instructions and time zone, the event outcome's
approval, and recommendations addressed to a kind or a named organisation

Revision ID: 0019_hybrid
Revises: 0018_programme_tracker
Create Date: 2026-12-07 03:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0019_hybrid"
down_revision = "0018_programme_tracker"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("video_link", sa.String(length=500), nullable=True))
        batch_op.add_column(
            sa.Column("signup_required", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("signup_capacity", sa.Integer(), nullable=True))

    op.create_table(
        "session_channels",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("channel", sa.String(length=500), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "language", name="uq_session_channels_language"),
    )
    op.create_index("ix_session_channels_session_id", "session_channels", ["session_id"])

    op.create_table(
        "session_signups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("waitlisted_at", sa.DateTime(), nullable=True),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["registration_id"], ["registrations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "registration_id", name="uq_session_signups"),
    )
    op.create_index(
        "ix_session_signups_session_status", "session_signups", ["session_id", "status"]
    )
    op.create_index(
        "ix_session_signups_registration_id", "session_signups", ["registration_id"]
    )

    op.create_table(
        "session_attendance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("registration_id", sa.Integer(), nullable=False),
        sa.Column("how", sa.String(length=32), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("by_user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["registration_id"], ["registrations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["by_user_id"], ["users.id"], ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("session_id", "registration_id", name="uq_session_attendance"),
    )
    op.create_index("ix_session_attendance_session_id", "session_attendance", ["session_id"])
    op.create_index(
        "ix_session_attendance_registration_id", "session_attendance", ["registration_id"]
    )

    with op.batch_alter_table("registration_checkins", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("how", sa.String(length=32), server_default="door", nullable=False)
        )

    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("time_zone", sa.String(length=64), nullable=True))

    with op.batch_alter_table("registration_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("remote_instructions_ar", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("remote_instructions_en", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("technical_check_at", sa.DateTime(), nullable=True))
        batch_op.add_column(
            sa.Column("technical_check_link", sa.String(length=500), nullable=True)
        )

    with op.batch_alter_table("event_outcomes", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=32), server_default="draft", nullable=False)
        )
        batch_op.add_column(sa.Column("submitted_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("approved_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("approved_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_event_outcomes_approved_by_id_users",
            "users",
            ["approved_by_id"],
            ["id"],
            ondelete="SET NULL",
        )
    # An outcome published before the approval step existed was approved by publishing it.
    op.execute(
        "UPDATE event_outcomes SET status = 'approved', approved_at = updated_at "
        "WHERE published"
    )

    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("addressee_kind", sa.String(length=32), nullable=True))
        batch_op.add_column(
            sa.Column("addressee_organisation_id", sa.Integer(), nullable=True)
        )
        batch_op.create_index(
            "ix_recommendations_addressee_organisation_id", ["addressee_organisation_id"]
        )
        batch_op.create_foreign_key(
            "fk_recommendations_addressee_organisation_id_organisations",
            "organisations",
            ["addressee_organisation_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("recommendations", schema=None) as batch_op:
        batch_op.drop_constraint(
            "fk_recommendations_addressee_organisation_id_organisations", type_="foreignkey"
        )
        batch_op.drop_index("ix_recommendations_addressee_organisation_id")
        batch_op.drop_column("addressee_organisation_id")
        batch_op.drop_column("addressee_kind")
    with op.batch_alter_table("event_outcomes", schema=None) as batch_op:
        batch_op.drop_constraint("fk_event_outcomes_approved_by_id_users", type_="foreignkey")
        batch_op.drop_column("approved_by_id")
        batch_op.drop_column("approved_at")
        batch_op.drop_column("submitted_at")
        batch_op.drop_column("status")
    with op.batch_alter_table("registration_settings", schema=None) as batch_op:
        batch_op.drop_column("technical_check_link")
        batch_op.drop_column("technical_check_at")
        batch_op.drop_column("remote_instructions_en")
        batch_op.drop_column("remote_instructions_ar")
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_column("time_zone")
    with op.batch_alter_table("registration_checkins", schema=None) as batch_op:
        batch_op.drop_column("how")
    op.drop_table("session_attendance")
    op.drop_table("session_signups")
    op.drop_index("ix_session_channels_session_id", table_name="session_channels")
    op.drop_table("session_channels")
    with op.batch_alter_table("sessions", schema=None) as batch_op:
        batch_op.drop_column("signup_capacity")
        batch_op.drop_column("signup_required")
        batch_op.drop_column("video_link")
