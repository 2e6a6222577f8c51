"""Issue 10's tables: channel settings, bot threads, question log, feedback votes, escalation info,
the escalation audit trail, reviewed answers and workspace settings (models: bot/slack/features_db.py).

Revision ID: 0002_features
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002_features"
down_revision = "0001"
branch_labels = None
depends_on = None


def _missing(name: str) -> bool:
    return not sa.inspect(op.get_bind()).has_table(name)


def upgrade() -> None:
    if _missing("channel_settings"):
        op.create_table(
            "channel_settings",
            sa.Column("team_id", sa.String(32), primary_key=True),
            sa.Column("channel_id", sa.String(32), primary_key=True),
            sa.Column("mode", sa.String(16), nullable=False),
            sa.Column("private", sa.Boolean(), nullable=False),
            sa.Column("updated_by", sa.String(32), nullable=True),
            sa.Column("updated_at", sa.DateTime(), nullable=False))
    if _missing("bot_threads"):
        op.create_table(
            "bot_threads",
            sa.Column("team_id", sa.String(32), primary_key=True),
            sa.Column("channel_id", sa.String(32), primary_key=True),
            sa.Column("thread_ts", sa.String(32), primary_key=True),
            sa.Column("question", sa.Text(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("last_at", sa.DateTime(), nullable=False))
    if _missing("question_log"):
        op.create_table(
            "question_log",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("team_id", sa.String(32), nullable=False, index=True),
            sa.Column("surface", sa.String(24), nullable=False),
            sa.Column("kind", sa.String(16), nullable=False),
            sa.Column("text", sa.Text(), nullable=True),
            sa.Column("text_hash", sa.String(64), nullable=False, index=True),
            sa.Column("abstained", sa.Boolean(), nullable=False),
            sa.Column("verdict", sa.String(16), nullable=True),
            sa.Column("categories", sa.Text(), nullable=False),
            sa.Column("cited", sa.Text(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False, index=True))
    if _missing("feedback_votes"):
        op.create_table(
            "feedback_votes",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("team_id", sa.String(32), nullable=False, index=True),
            sa.Column("kind", sa.String(16), nullable=False),
            sa.Column("helpful", sa.Boolean(), nullable=False),
            sa.Column("reason", sa.String(24), nullable=True),
            sa.Column("comment", sa.Text(), nullable=True),
            sa.Column("cited", sa.Text(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False))
    if _missing("escalation_info"):
        op.create_table(
            "escalation_info",
            sa.Column("escalation_id", sa.Integer(), primary_key=True),
            sa.Column("team_id", sa.String(32), nullable=False, index=True),
            sa.Column("reminded_at", sa.DateTime(), nullable=True),
            sa.Column("reminders", sa.Integer(), nullable=False))
    if _missing("escalation_audit"):
        op.create_table(
            "escalation_audit",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("team_id", sa.String(32), nullable=False, index=True),
            sa.Column("escalation_id", sa.Integer(), nullable=False, index=True),
            sa.Column("kind", sa.String(16), nullable=False),
            sa.Column("decision", sa.String(16), nullable=False),
            sa.Column("decided_by", sa.String(32), nullable=False),
            sa.Column("decided_at", sa.DateTime(), nullable=False),
            sa.Column("bot_verdict", sa.String(16), nullable=True),
            sa.Column("text_sha256", sa.String(64), nullable=False),
            sa.Column("hours_to_decision", sa.Float(), nullable=True))
    if _missing("reviewed_answers"):
        op.create_table(
            "reviewed_answers",
            sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
            sa.Column("team_id", sa.String(32), nullable=False, index=True),
            sa.Column("escalation_id", sa.Integer(), nullable=True),
            sa.Column("question", sa.Text(), nullable=False),
            sa.Column("answer", sa.Text(), nullable=False),
            sa.Column("reviewer", sa.String(32), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("retired_at", sa.DateTime(), nullable=True),
            sa.Column("retired_by", sa.String(32), nullable=True))
    if _missing("workspace_settings"):
        op.create_table(
            "workspace_settings",
            sa.Column("team_id", sa.String(32), primary_key=True),
            sa.Column("reviewer_channel", sa.String(32), nullable=True))


def downgrade() -> None:
    for name in ("workspace_settings", "reviewed_answers", "escalation_audit", "escalation_info", "feedback_votes",
                 "question_log", "bot_threads", "channel_settings"):
        op.drop_table(name)
