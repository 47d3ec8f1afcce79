"""gender and bilingual texts: a person's and a registration's form of address (how Arabic
speaks of them), and English companions of the texts partners read after an event (room
names, outcome texts, recommendations, next steps, day summaries, goal assessments)

Revision ID: 0021_gender_bilingual
Revises: 0020_search
Create Date: 2026-12-07 06:10:00

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0021_gender_bilingual"
down_revision = "0020_search"
branch_labels = None
depends_on = None

FORM_OF_ADDRESS_TABLES = ("people", "registrations")

ENGLISH_COLUMNS = {
    "rooms": [("name_en", sa.String(length=120))],
    "session_outcomes": [
        ("summary_en", sa.Text()),
        ("key_points_en", sa.Text()),
        ("consensus_en", sa.Text()),
        ("disagreement_en", sa.Text()),
        ("decisions_en", sa.Text()),
    ],
    "event_outcomes": [("summary_en", sa.Text()), ("conclusions_en", sa.Text())],
    "goal_assessments": [("comment_en", sa.Text())],
    "day_summaries": [("text_en", sa.Text())],
    "recommendations": [
        ("text_en", sa.Text()),
        ("addressee_en", sa.String(length=300)),
        ("theme_en", sa.String(length=200)),
        ("responsible_body_en", sa.String(length=300)),
    ],
    "next_steps": [
        ("what_en", sa.Text()),
        ("who_en", sa.String(length=300)),
        ("due_text_en", sa.String(length=200)),
    ],
}


def upgrade():
    for table in FORM_OF_ADDRESS_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column(
                    "form_of_address",
                    sa.String(length=32),
                    server_default="unspecified",
                    nullable=False,
                )
            )
    for table, columns in ENGLISH_COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, kind in columns:
                batch_op.add_column(sa.Column(name, kind, nullable=True))


def downgrade():
    for table, columns in ENGLISH_COLUMNS.items():
        with op.batch_alter_table(table, schema=None) as batch_op:
            for name, _kind in columns:
                batch_op.drop_column(name)
    for table in FORM_OF_ADDRESS_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("form_of_address")
