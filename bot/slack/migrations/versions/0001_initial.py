"""The first schema: handled events, feedback, escalations, and the durable job queue.

Databases created before migrations existed (by `create_all`) already have the first three
tables; they are kept as they are and only what is missing is created.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _missing(name: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(name)


def upgrade() -> None:
    if _missing("handled_events"):
        op.create_table(
            "handled_events",
            sa.Column("event_id", sa.String(64), primary_key=True),
            sa.Column("received_at", sa.DateTime(), nullable=False))
    if _missing("feedback"):
        op.create_table(
            "feedback",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("user_id", sa.String(32), nullable=False),
            sa.Column("kind", sa.String(16), nullable=False),
            sa.Column("helpful", sa.Boolean(), nullable=False),
            sa.Column("question", sa.Text(), nullable=True),
            sa.Column("created_at", sa.DateTime(), nullable=False))
    if _missing("escalations"):
        op.create_table(
            "escalations",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("requester", sa.String(32), nullable=False, index=True),
            sa.Column("kind", sa.String(16), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("verdict", sa.String(16), nullable=True),
            sa.Column("summary", sa.Text(), nullable=False),
            sa.Column("citations", sa.Text(), nullable=False),
            sa.Column("note", sa.Text(), nullable=True),
            sa.Column("status", sa.String(16), nullable=False),
            sa.Column("reviewer", sa.String(32), nullable=True),
            sa.Column("reviewer_note", sa.Text(), nullable=True),
            sa.Column("channel", sa.String(32), nullable=True),
            sa.Column("message_ts", sa.String(32), nullable=True),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("decided_at", sa.DateTime(), nullable=True))
    if _missing("jobs"):
        op.create_table(
            "jobs",
            sa.Column("id", sa.String(36), primary_key=True),
            sa.Column("task", sa.String(48), nullable=False),
            sa.Column("surface", sa.String(24), nullable=False),
            sa.Column("payload", sa.Text(), nullable=True),
            sa.Column("status", sa.String(12), nullable=False),
            sa.Column("accepted_at", sa.DateTime(), nullable=False),
            sa.Column("expires_at", sa.DateTime(), nullable=False),
            sa.Column("owner", sa.String(64), nullable=True),
            sa.Column("lease_until", sa.DateTime(), nullable=True),
            sa.Column("attempts", sa.Integer(), nullable=False),
            sa.Column("finished_at", sa.DateTime(), nullable=True),
            sa.Column("outcome", sa.String(16), nullable=True))
        op.create_index("ix_jobs_status_lease", "jobs", ["status", "lease_until"])


def downgrade() -> None:
    op.drop_index("ix_jobs_status_lease", table_name="jobs")
    op.drop_table("jobs")
    op.drop_table("escalations")
    op.drop_table("feedback")
    op.drop_table("handled_events")
