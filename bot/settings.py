"""All of guidebot's settings: the ingest ones plus answering, LLM and Slack.

Read from the environment and `.env` by pydantic-settings; `.env.example` lists them all.
Secrets are `SecretStr`, so they never print in logs, reprs or validation errors.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, field_validator

from ingest.settings import IngestSettings


class Settings(IngestSettings):
    """Everything the bot reads at start-up."""

    # answering
    escalation_contact: str | None = Field(
        None,
        description="Whom people are told to ask when the guidelines don't settle a question "
                    "(default: the contact the documents name, else your manager or the team that owns them).",
    )
    company_names: str | None = Field(
        None, description="Comma-separated names of the company and its products (default: inferred from document titles).")
    signals_ner: bool = Field(False, description="Also find organisations and people in drafts with spaCy's small "
                              "English model (en_core_web_sm; slower start-up, see README).")
    rules_file: Path | None = Field(None, description="Draft-check rules (default: the bundled general-purpose rules).")
    synonyms_file: Path | None = Field(None, description="Query-expansion thesaurus (default: the bundled one).")
    dense_expansion: bool | None = Field(
        None, description="Also add the thesaurus' words to the text the dense ranker embeds. Unset (auto): only when "
                          "the index holds a document the thesaurus declares it was written for (its dense_for list; "
                          "a thesaurus without one: always). Best on those documents, worse on other organisations' "
                          "(README, 'Ranking on real documents').")
    abstain_threshold: float = Field(0.26, ge=0.0, le=1.0, description="Evidence below this similarity -> abstain.")
    corroborate_below: float = Field(
        0.36, ge=0.0, le=1.0,
        description="Evidence below this also needs a word of the question in the passages, else abstain.")
    offtopic_file: Path | None = Field(None, description="Everyday questions the guidelines don't cover (default: bundled).")
    offtopic_margin: float = Field(
        0.07, ge=0.0, le=1.0,
        description="Abstain when a question is this much closer to an off-topic example than to any passage.")
    max_input_chars: int = Field(4000, ge=200, le=40000, description="Longer questions and drafts are cut to this.")
    scorer: bool = Field(True, description="Use the learned draft scorer where the rules find nothing (raises verdicts only).")
    scorer_file: Path | None = Field(None, description="Scorer weights from guidebot train-scorer (default: the bundled ones).")
    everyday_file: Path | None = Field(
        None, description="Everyday posts' vectors from guidebot train-scorer, the per-duty baseline of the "
                          "guidelines' own checks (default: the bundled ones).")
    # optional LLM
    llm: str | None = Field(None, description="provider:model for init_chat_model, e.g. openai:gpt-4o-mini. Empty = extractive only.")
    llm_timeout: float = Field(20.0, gt=0, le=300)
    # Slack
    slack_bot_token: SecretStr | None = Field(None, validation_alias=AliasChoices("SLACK_BOT_TOKEN", "GUIDEBOT_SLACK_BOT_TOKEN"))
    slack_signing_secret: SecretStr | None = Field(
        None, validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "GUIDEBOT_SLACK_SIGNING_SECRET"))
    slack_app_token: SecretStr | None = Field(None, validation_alias=AliasChoices("SLACK_APP_TOKEN", "GUIDEBOT_SLACK_APP_TOKEN"))
    slack_api_base_url: str | None = Field(
        None, validation_alias=AliasChoices("SLACK_API_BASE_URL", "GUIDEBOT_SLACK_API_BASE_URL"),
        description="Web API base, e.g. https://slack-gov.com/api/ for GovSlack.")
    escalation_channel: str | None = Field(None, description="Channel id of the policy reviewers, e.g. C0123456789.")
    database_url: str | None = Field(None, description="SQLAlchemy URL (default: SQLite under the data folder).")
    draft_retention_days: int = Field(30, ge=1, le=3650, description="Drafts kept with an escalation are erased after this.")
    # issue 10: channel modes, report, reminders, many workspaces
    admins: str | None = Field(None, description="Comma-separated Slack user ids who may change /guidebot settings.")
    question_retention_days: int = Field(90, ge=0, le=3650, description="Question text kept for the report (0: none).")
    reminder_hours: float = Field(24.0, gt=0, le=24 * 365, description="Pending escalations older than this get a daily reminder.")
    questions_mode_min_score: float = Field(
        0.45, ge=0.0, le=1.0, description="'questions' channel mode answers unasked questions only above this evidence.")
    slack_client_id: str | None = Field(None, validation_alias=AliasChoices("SLACK_CLIENT_ID", "GUIDEBOT_SLACK_CLIENT_ID"))
    slack_client_secret: SecretStr | None = Field(
        None, validation_alias=AliasChoices("SLACK_CLIENT_SECRET", "GUIDEBOT_SLACK_CLIENT_SECRET"))
    http_host: str = Field("0.0.0.0")
    http_port: int = Field(3000, ge=1, le=65535)
    # running at scale: durable work, shutdown, logs
    shutdown_grace_seconds: float = Field(
        20.0, ge=0, le=600, description="On SIGTERM/SIGINT, finish the work in hand for at most this long.")
    resume_window_minutes: float = Field(
        30.0, ge=0, le=1440,
        description="Accepted DMs and mentions still unanswered after a restart are answered if younger than this.")
    answer_workers: int = Field(4, ge=1, le=64, description=("Threads computing answers. More than one per core: texts waiting "
                                "together share one embedding call (micro-batching); 4 measured best on 2 cores (bench/slack_load.py)."))
    slack_io_workers: int = Field(16, ge=1, le=256, description="Threads sending replies to Slack (slow calls, retries).")
    serve_torch_threads: int = Field(1, ge=0, le=64, description=(
        "torch threads per embedding call while serving Slack (0: torch's default, one per core). One leaves the "
        "other core to the HTTP server, the database and Slack calls; bench/slack_load.py measured it steadier."))
    job_lease_seconds: float = Field(
        15.0, ge=2, le=600, description="A replica's claim on a job; a dead replica's jobs are taken over after it.")
    poll_seconds: float = Field(
        2.0, gt=0, le=60, description="How often a replica renews its leases and looks for work left by others.")
    log_level: str = Field("INFO", description="DEBUG, INFO, WARNING or ERROR.")
    log_format: str = Field("text", description="text (timestamped lines) or json (one object per line).")

    @field_validator("llm", "escalation_contact", "escalation_channel", "slack_api_base_url", "database_url", mode="before")
    @classmethod
    def _blank_is_none(cls, value):
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level(cls, value):
        name = str(value or "INFO").strip().upper()
        if name not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ValueError("use DEBUG, INFO, WARNING or ERROR")
        return name

    @field_validator("log_format", mode="before")
    @classmethod
    def _log_format(cls, value):
        name = str(value or "text").strip().lower()
        if name not in ("text", "json"):
            raise ValueError("use text or json")
        return name

    @field_validator("llm")
    @classmethod
    def _llm_has_provider(cls, value: str | None) -> str | None:
        if value and ":" not in value:
            raise ValueError("use provider:model, for example openai:gpt-4o-mini or ollama:llama3")
        return value

    @field_validator("slack_api_base_url")
    @classmethod
    def _url_shape(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with https:// (or http:// for a local test server)")
        return value if value.endswith("/") else value + "/"

    @property
    def slack_configured(self) -> bool:
        """Tokens for the Slack bot are present (then `guidebot run` serves Slack)."""
        return bool(self.slack_bot_token and self.slack_bot_token.get_secret_value())

    @property
    def admin_ids(self) -> set[str]:
        """GUIDEBOT_ADMINS as a set; empty means anyone may change channel settings."""
        return {a.strip() for a in (self.admins or "").split(",") if a.strip()}

    @property
    def oauth_configured(self) -> bool:
        """Client id and secret set: HTTP mode installs into many workspaces (OAuth)."""
        return bool(self.slack_client_id and self.slack_client_secret and self.slack_client_secret.get_secret_value())

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{(self.data_dir / 'guidebot.db').as_posix()}"
