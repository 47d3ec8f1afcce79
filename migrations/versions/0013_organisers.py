"""organisers: an organisation runs events (slug, page, logo, staff with roles); events belong
to their organising organisation and may belong to a series; days may have their own place;
the members' roll and its categories

Revision ID: 0013_organisers
Revises: 0012_outbox
Create Date: 2026-12-06 23:50:00

"""

import re

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0013_organisers"
down_revision = "0012_outbox"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("slug", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("description_ar", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("description_en", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("website", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("logo", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("logo_type", sa.String(length=20), nullable=True))
        batch_op.create_unique_constraint("uq_organisations_slug", ["slug"])

    op.create_table(
        "organisation_staff",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "owner",
                "staff",
                "viewer",
                name="organisationrolekind",
                native_enum=False,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column("invited_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organisation_id", "user_id", name="uq_organisation_staff"),
    )
    with op.batch_alter_table("organisation_staff", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_organisation_staff_organisation_id"), ["organisation_id"]
        )
        batch_op.create_index(batch_op.f("ix_organisation_staff_user_id"), ["user_id"])

    op.create_table(
        "event_series",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=80), nullable=False),
        sa.Column("title_ar", sa.String(length=300), nullable=True),
        sa.Column("title_en", sa.String(length=300), nullable=True),
        sa.Column("description_ar", sa.Text(), nullable=True),
        sa.Column("description_en", sa.Text(), nullable=True),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organisation_id", "slug", name="uq_event_series_slug"),
    )
    with op.batch_alter_table("event_series", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_series_organisation_id"), ["organisation_id"])

    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("organiser_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("series_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_events_organiser_id"), ["organiser_id"])
        batch_op.create_index(batch_op.f("ix_events_series_id"), ["series_id"])
        batch_op.create_foreign_key(
            "fk_events_organiser_id",
            "organisations",
            ["organiser_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_foreign_key(
            "fk_events_series_id", "event_series", ["series_id"], ["id"], ondelete="SET NULL"
        )

    with op.batch_alter_table("event_days", schema=None) as batch_op:
        batch_op.add_column(sa.Column("venue_ar", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("venue_en", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("city_ar", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("city_en", sa.String(length=120), nullable=True))

    op.create_table(
        "membership_categories",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name_ar", sa.String(length=200), nullable=True),
        sa.Column("name_en", sa.String(length=200), nullable=True),
        sa.Column("votes", sa.Boolean(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organisation_id", "code", name="uq_membership_categories_code"),
    )
    with op.batch_alter_table("membership_categories", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_membership_categories_organisation_id"), ["organisation_id"]
        )
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "active", "suspended", "ended", name="memberstatus", native_enum=False, length=32
            ),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["category_id"], ["membership_categories.id"], ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("organisation_id", "person_id", name="uq_members_person"),
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_members_category_id"), ["category_id"])
        batch_op.create_index(batch_op.f("ix_members_organisation_id"), ["organisation_id"])
        batch_op.create_index(batch_op.f("ix_members_person_id"), ["person_id"])

    _organisers_from_partners()


def _organisers_from_partners():
    """An event's first partner in the role "organiser" becomes its organising organisation,
    and an organisation that organises an event gets a slug (its public page)."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT event_id, organisation_id FROM event_organisations"
            " WHERE role = 'organiser' ORDER BY event_id, position, id"
        )
    ).all()
    chosen = {}
    for event_id, organisation_id in rows:
        chosen.setdefault(event_id, organisation_id)
    for event_id, organisation_id in chosen.items():
        bind.execute(
            sa.text("UPDATE events SET organiser_id = :o WHERE id = :e"),
            {"o": organisation_id, "e": event_id},
        )
    taken = set()
    for organisation_id in sorted(set(chosen.values())):
        acronym, name_en = bind.execute(
            sa.text("SELECT acronym, name_en FROM organisations WHERE id = :o"),
            {"o": organisation_id},
        ).one()
        base = re.sub(r"[^a-z0-9]+", "-", (acronym or name_en or "").lower()).strip("-")[:60]
        slug = base or f"organisation-{organisation_id}"
        if slug in taken:
            slug = f"{slug}-{organisation_id}"
        taken.add(slug)
        bind.execute(
            sa.text("UPDATE organisations SET slug = :s WHERE id = :o"),
            {"s": slug, "o": organisation_id},
        )


def downgrade():
    op.drop_table("members")
    op.drop_table("membership_categories")
    with op.batch_alter_table("event_days", schema=None) as batch_op:
        for column in ("city_en", "city_ar", "venue_en", "venue_ar"):
            batch_op.drop_column(column)
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint("fk_events_series_id", type_="foreignkey")
        batch_op.drop_constraint("fk_events_organiser_id", type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_events_series_id"))
        batch_op.drop_index(batch_op.f("ix_events_organiser_id"))
        batch_op.drop_column("series_id")
        batch_op.drop_column("organiser_id")
    op.drop_table("event_series")
    op.drop_table("organisation_staff")
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_constraint("uq_organisations_slug", type_="unique")
        for column in ("logo_type", "logo", "website", "description_en", "description_ar", "slug"):
            batch_op.drop_column(column)
