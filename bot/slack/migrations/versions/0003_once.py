"""Exactly once across retries and take-overs: what each job already delivered, one usage row per
job, one escalation per request.

- `jobs.progress`: the delivery steps a job's earlier attempts completed (bot/slack/worker.py), so
  a replica taking a job over does not send again what was sent before its owner died.
- `question_log.job_id`, unique: one usage row per accepted request, however often it is retried.
- `escalations.request_key`, unique: one escalation per submitted form, however often its job runs.

Revision ID: 0003_once
Revises: 0002_features
"""

import sqlalchemy as sa
from alembic import op

revision = "0003_once"
down_revision = "0002_features"
branch_labels = None
depends_on = None


def _has_column(table: str, column: str) -> bool:
    return any(c["name"] == column for c in sa.inspect(op.get_bind()).get_columns(table))


def upgrade() -> None:
    if not _has_column("jobs", "progress"):
        with op.batch_alter_table("jobs") as batch:
            batch.add_column(sa.Column("progress", sa.Text(), nullable=True))
    if not _has_column("question_log", "job_id"):
        with op.batch_alter_table("question_log") as batch:
            batch.add_column(sa.Column("job_id", sa.String(36), nullable=True))
            batch.create_unique_constraint("uq_question_log_job_id", ["job_id"])
    if not _has_column("escalations", "request_key"):
        with op.batch_alter_table("escalations") as batch:
            batch.add_column(sa.Column("request_key", sa.String(64), nullable=True))
            batch.create_unique_constraint("uq_escalations_request_key", ["request_key"])


def downgrade() -> None:
    with op.batch_alter_table("escalations") as batch:
        batch.drop_constraint("uq_escalations_request_key", type_="unique")
        batch.drop_column("request_key")
    with op.batch_alter_table("question_log") as batch:
        batch.drop_constraint("uq_question_log_job_id", type_="unique")
        batch.drop_column("job_id")
    with op.batch_alter_table("jobs") as batch:
        batch.drop_column("progress")
