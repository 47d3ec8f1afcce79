"""members: participant categories defined by the organisation (a registration's and an
invitation's category become a plain code, the data kept); who may register (members, some
membership categories, an age range) and the birth year asked when an age range is set

Revision ID: 0016_members
Revises: 0013_organisers
Create Date: 2026-12-07 10:00:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0016_members"
down_revision = "0013_organisers"
branch_labels = None
depends_on = None

_OLD_CATEGORY = sa.Enum(
    "delegate",
    "expert",
    "observer",
    "media",
    "staff",
    "guest",
    name="category",
    native_enum=False,
    length=32,
)


def upgrade():
    op.create_table(
        "participant_categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("label_ar_f", sa.String(length=120), nullable=True),
        sa.Column("label_ar_m", sa.String(length=120), nullable=True),
        sa.Column("label_en", sa.String(length=120), nullable=True),
        sa.Column("colour", sa.String(length=7), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organisation_id", "code", name="uq_participant_categories_code"),
    )
    with op.batch_alter_table("participant_categories", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_participant_categories_organisation_id"), ["organisation_id"]
        )

    # The codes stay as they are: the column only stops being limited to the six of old.
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.alter_column(
            "category",
            existing_type=_OLD_CATEGORY,
            type_=sa.String(length=40),
            existing_nullable=False,
        )
        batch_op.add_column(sa.Column("birth_year", sa.Integer(), nullable=True))
    with op.batch_alter_table("registration_invitations", schema=None) as batch_op:
        batch_op.alter_column(
            "category",
            existing_type=_OLD_CATEGORY,
            type_=sa.String(length=40),
            existing_nullable=True,
        )

    with op.batch_alter_table("registration_settings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "member_limit",
                sa.Enum(
                    "none",
                    "members",
                    "categories",
                    name="memberlimit",
                    native_enum=False,
                    length=32,
                ),
                server_default="none",
                nullable=False,
            )
        )
        batch_op.add_column(sa.Column("member_categories", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("min_age", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("max_age", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("registration_settings", schema=None) as batch_op:
        for column in ("max_age", "min_age", "member_categories", "member_limit"):
            batch_op.drop_column(column)
    # Codes an organisation added are not among the six of old: they become "guest".
    known = "('delegate', 'expert', 'observer', 'media', 'staff', 'guest')"
    op.execute(f"UPDATE registrations SET category = 'guest' WHERE category NOT IN {known}")
    op.execute(
        "UPDATE registration_invitations SET category = NULL"
        f" WHERE category IS NOT NULL AND category NOT IN {known}"
    )
    with op.batch_alter_table("registration_invitations", schema=None) as batch_op:
        batch_op.alter_column(
            "category",
            existing_type=sa.String(length=40),
            type_=_OLD_CATEGORY,
            existing_nullable=True,
        )
    with op.batch_alter_table("registrations", schema=None) as batch_op:
        batch_op.drop_column("birth_year")
        batch_op.alter_column(
            "category",
            existing_type=sa.String(length=40),
            type_=_OLD_CATEGORY,
            existing_nullable=False,
        )
    with op.batch_alter_table("participant_categories", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_participant_categories_organisation_id"))
    op.drop_table("participant_categories")
