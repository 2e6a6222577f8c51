"""Issue 10's behaviour in one place, called by the (thin) listeners.

Answering goes through `Features.answer`, which logs the question for the report (never who
asked) and adds a reviewed answer next to the guideline passages; delivering in a channel
goes through `Features.deliver`, which honours the channel's private setting and remembers
the thread so replies there are follow-ups. Every call names the Slack team, so one process
serves many workspaces without mixing their state.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING

from slack_bolt import BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.answer import Answer
from bot.slack.blocks import answer_blocks, fallback_text, trim
from bot.slack.channels import OFF_NOTE
from bot.slack.features_db import FeatureStore
from bot.slack.threads import contextual_query

if TYPE_CHECKING:
    from bot.reviewed import ReviewedAnswers
    from bot.slack.service import SlackService

log = logging.getLogger("guidebot.slack")
MAX_VALUE = 2000


def team_of(context: BoltContext | dict | None, body: dict | None = None) -> str:
    """The workspace a request belongs to (enterprise id for org-wide installs)."""
    team = None
    if context is not None:
        team = context.get("team_id") or context.get("enterprise_id")
    if not team and body:
        team = body.get("team_id") or (body.get("team") or {}).get("id") or (body.get("user") or {}).get("team_id")
    return team or "-"


def share_value(kind: str, query: str, thread_ts: str) -> str:
    """What the Share/Keep buttons carry: enough to answer again, within Slack's 2,000 characters."""
    value = json.dumps({"k": kind, "q": query, "t": thread_ts}, ensure_ascii=False)
    while len(value) > MAX_VALUE:
        query = query[: int(len(query) * 0.9)]
        value = json.dumps({"k": kind, "q": query, "t": thread_ts}, ensure_ascii=False)
    return value


def share_blocks(answer: Answer, thread_ts: str, escalation_enabled: bool) -> list[dict]:
    """The private answer with "Share in thread" and "Keep to myself"."""
    value = share_value(answer.kind, answer.query, thread_ts)
    row = {"type": "actions", "block_id": "share_actions", "elements": [
        {"type": "button", "action_id": "share_in_thread", "style": "primary", "value": value,
         "text": {"type": "plain_text", "text": "Share in thread"}},
        {"type": "button", "action_id": "keep_private", "value": value,
         "text": {"type": "plain_text", "text": "Keep to myself"}}]}
    blocks = answer_blocks(answer, escalation_enabled)
    return [{"type": "context", "elements": [{"type": "mrkdwn", "text": "Only you can see this answer."}]},
            *blocks[:47], row]


@dataclass
class Features:
    """The feature store and the services the listeners share."""

    service: SlackService
    store: FeatureStore
    reviewed: ReviewedAnswers | None = None

    # -- answering -----------------------------------------------------------------------------
    def answer(self, team: str, surface: str, kind: str, text: str, job_id: str | None = None) -> Answer:
        """The engine's answer, logged for the report, with a matching reviewed answer added.

        `job_id` (the accepted request) makes the log row once per request: a job worked out again
        after a crash or a take-over is answered again but not counted again.
        """
        answer = self.service.run(kind, text)
        if answer.error:
            return answer
        if kind == "question" and self.reviewed is not None and answer.citations and not answer.abstained:
            extra = self.reviewed.best(team, answer.query)
            if extra is not None:
                answer.citations.append(extra)
        try:
            self.store.log(team, surface, kind, answer.query, answer.abstained, answer.verdict,
                           [f.category for f in answer.findings],
                           [(c.doc, c.section) for c in answer.citations], job_id=job_id)
        except Exception as err:  # the report must never stop an answer
            log.error("could not log the question for the report: %s", err)
        return answer

    def follow_up_query(self, team: str, channel: str, thread_ts: str | None, text: str) -> str:
        """The text to search for a reply in a thread the bot answered in."""
        thread = self.store.thread(team, channel, thread_ts) if thread_ts else None
        return contextual_query(thread.question if thread else None, text)

    # -- channels ------------------------------------------------------------------------------
    def mention_allowed(self, client: WebClient, team: str, channel: str, user: str | None, thread_ts: str | None) -> bool:
        """False in a channel switched off; the person who mentioned the bot is told, privately."""
        if self.store.channel(team, channel).mode != "off":
            return True
        if user:
            try:
                kwargs = {"thread_ts": thread_ts} if thread_ts else {}
                client.chat_postEphemeral(channel=channel, user=user, text=OFF_NOTE, **kwargs)
            except SlackApiError as err:
                log.info("could not tell %s the channel is off (%s)", channel, err.response.get("error"))
        return False

    def deliver(self, client: WebClient, team: str, channel: str, thread_ts: str, user: str | None,
                answer: Answer, thread_question: str | None = None, metadata: dict | None = None) -> None:
        """In the thread for everyone, or (private channel setting) only to the asker with a Share button."""
        if user and self.store.channel(team, channel).private:
            try:
                client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, text=fallback_text(answer),
                                          blocks=share_blocks(answer, thread_ts, self.service.escalation_enabled))
                return
            except SlackApiError as err:
                log.info("private answer in %s failed (%s); sending a DM", channel, err.response.get("error"))
                self.service.dm(client, user, answer)
                return
        self.remember(team, channel, thread_ts, answer, thread_question)  # first: a quick reply is a follow-up
        self.service.reply_in_thread(client, channel, thread_ts, user, answer, metadata=metadata)

    def remember(self, team: str, channel: str, thread_ts: str, answer: Answer, question: str | None = None) -> None:
        """Replies in this thread are follow-ups from now on; a question is their context (a draft is not)."""
        if not answer.error:
            context = (question or answer.query) if answer.kind == "question" else ""
            self.store.remember_thread(team, channel, thread_ts, trim(context, 2000))

    # -- escalations ---------------------------------------------------------------------------
    def reviewer_channel(self, team: str) -> str | None:
        """The workspace's reviewers' channel (`/guidebot reviewers`), else GUIDEBOT_ESCALATION_CHANNEL."""
        return self.store.reviewer_channel(team) or self.service.settings.escalation_channel

    def on_escalation(self, escalation_id: int, team: str) -> None:
        """Which workspace an escalation belongs to (reminders, the report)."""
        self.store.escalation_team(escalation_id, team)

    def on_decision(self, row) -> None:
        """The audit trail: who decided, when, the bot's verdict and a SHA-256 of the text (kept after erasure)."""
        try:
            self.store.audit(self.store.team_of(row.id) or "-", row.id, row.kind, row.status, row.reviewer or "",
                             row.verdict, row.text, row.created_at, row.decided_at)
        except Exception as err:  # never lose the decision itself over its audit line
            log.error("could not write the audit entry of escalation #%s: %s", row.id, err)

    def housekeeping(self) -> None:
        """Erase question text past GUIDEBOT_QUESTION_RETENTION_DAYS."""
        self.store.erase_expired_questions()

    # -- reviewed answers ----------------------------------------------------------------------
    def offer_reviewed(self, view: dict, kind: str) -> dict:
        """The Reply modal, with "Add to reviewed answers" for questions (drafts never become one)."""
        if kind == "question" and self.reviewed is not None:
            view["blocks"].append({
                "type": "input", "block_id": "reviewed", "optional": True,
                "label": {"type": "plain_text", "text": "Reviewed answers"},
                "element": {"type": "checkboxes", "action_id": "add", "options": [{
                    "value": "add", "text": {"type": "plain_text", "text": "Add to reviewed answers"},
                    "description": {"type": "plain_text", "text": "Cite this reply next time someone asks something "
                                                                  "similar (next to the guidelines)."}}]}})
        return view

    def after_reply(self, row, view: dict, reviewer_name: str) -> None:
        """Publish the reply as a reviewed answer when the box was ticked (questions only)."""
        ticked = (((view.get("state") or {}).get("values") or {}).get("reviewed") or {}).get("add") or {}
        if self.reviewed is None or row.kind != "question" or not row.reviewer_note:
            return
        if not any(o.get("value") == "add" for o in ticked.get("selected_options") or []):
            return
        team = self.store.team_of(row.id) or "-"
        answer = row.reviewer_note.strip()[:3000]
        if any(r.escalation_id == row.id and r.answer == answer for r in self.reviewed.active(team)):
            return  # published by an earlier attempt of this job (a retry after a crash)
        try:
            self.reviewed.add(team, row.text, row.reviewer_note, reviewer_name, escalation_id=row.id)
        except Exception as err:  # the reply itself was delivered; say why publishing failed
            log.error("could not add escalation #%s to the reviewed answers: %s", row.id, err)
