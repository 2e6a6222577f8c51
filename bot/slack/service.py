"""What the listeners share: the engine behind a safety net, and replies that never fail loudly.

Listeners stay thin: they parse Slack's payload, call `SlackService`, and render. Errors
from the index or from Slack become a short message to the person (or one clear log line
when nobody can be told), and the app keeps serving.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.answer import Answer
from bot.engine import Engine
from bot.settings import Settings
from bot.slack.blocks import answer_blocks, escape, fallback_text
from bot.slack.db import StateStore
from ingest.errors import GuidebotError

log = logging.getLogger("guidebot.slack")
CANNOT_POST = {"not_in_channel", "channel_not_found", "is_archived", "restricted_action", "cant_post",
               "ekm_access_denied", "access_denied", "not_allowed_token_type", "invalid_auth", "account_inactive"}


@dataclass
class SlackService:
    """The engine, the state store and the settings, as the listeners need them."""

    settings: Settings
    engine: Engine
    state: StateStore
    _members: dict[str, tuple[float, set[str]]] = field(default_factory=dict)
    features: Any = None  # bot.slack.features.Features, set by build_app (issue 10)

    # -- answering --------------------------------------------------------------------------
    def run(self, kind: str, text: str) -> Answer:
        """Engine.ask / Engine.check, with index failures turned into a reply."""
        try:
            return self.engine.check(text) if kind == "check" else self.engine.ask(text)
        except GuidebotError as err:
            log.error("engine unavailable: %s", err)
            return Answer(kind=kind, query=text, error="unavailable",
                          answer=("I can't reach the guidelines index right now, so I can't answer. "
                                  f"Please try again in a few minutes, or ask {self.settings.escalation_contact}."))

    @property
    def escalation_enabled(self) -> bool:
        return bool(self.settings.escalation_channel)

    def render(self, answer: Answer) -> dict:
        return {"text": fallback_text(answer), "blocks": answer_blocks(answer, self.escalation_enabled)}

    # -- replying ---------------------------------------------------------------------------
    def reply_in_thread(self, client: WebClient, channel: str, thread_ts: str, user: str | None, answer: Answer) -> None:
        """Post in the thread; if the bot cannot post there, tell the person in a DM instead."""
        try:
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False,
                                    **self.render(answer))
        except SlackApiError as err:
            code = err.response.get("error") if err.response is not None else "unknown"
            log.warning("cannot reply in channel %s (%s)", channel, code)
            if user and code in CANNOT_POST:
                self.dm(client, user, answer,
                        prefix=f"I couldn't reply in <#{escape(channel)}> ({code}); invite me there with `/invite`. "
                               "Here is my answer:")

    def dm(self, client: WebClient, user: str, answer: Answer | None = None, prefix: str | None = None,
           text: str | None = None) -> bool:
        """A direct message to a person; False (and a log line) when even that is impossible."""
        try:
            payload = self.render(answer) if answer is not None else {"text": text or ""}
            if prefix:
                payload["blocks"] = [{"type": "section", "text": {"type": "mrkdwn", "text": prefix}}] + payload.get("blocks", [])
                payload["text"] = prefix
            if text and answer is None:
                payload["blocks"] = [{"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}}]
            client.chat_postMessage(channel=user, unfurl_links=False, **payload)
            return True
        except SlackApiError as err:
            code = err.response.get("error") if err.response is not None else "unknown"
            log.error("cannot DM user %s either (%s); the reply is lost", user, code)
            return False

    def private_reply(self, client: WebClient, channel: str | None, user: str, answer: Answer) -> None:
        """Only `user` sees it: ephemeral in the channel, or a DM when that fails."""
        if channel:
            try:
                client.chat_postEphemeral(channel=channel, user=user, **self.render(answer))
                return
            except SlackApiError as err:
                code = err.response.get("error") if err.response is not None else "unknown"
                log.info("ephemeral reply in %s failed (%s); sending a DM", channel, code)
        self.dm(client, user, answer)

    # -- reviewers --------------------------------------------------------------------------
    def is_reviewer(self, client: WebClient, user: str, channel: str | None = None) -> bool:
        """Members of the reviewer channel may decide (membership cached for a minute)."""
        channel = channel or self.settings.escalation_channel  # a workspace's own (/guidebot reviewers) first
        if not channel:
            return False
        cached = self._members.get(channel)
        if cached is None or time.monotonic() - cached[0] > 60:
            members: set[str] = set()
            cursor = None
            try:
                while True:
                    page = client.conversations_members(channel=channel, cursor=cursor, limit=500)
                    members.update(page.get("members", []))
                    cursor = (page.get("response_metadata") or {}).get("next_cursor")
                    if not cursor:
                        break
            except SlackApiError as err:
                log.error("cannot list reviewer channel members (%s)", err.response.get("error") if err.response else err)
                return False
            cached = (time.monotonic(), members)
            self._members[channel] = cached
        return user in cached[1]
