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

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.answer import Answer
from bot.engine import EXAMPLE_QUESTIONS, Engine
from bot.settings import Settings
from bot.slack.blocks import (
    HOME_PAGE,
    MAX_BLOCKS,
    MAX_FALLBACK,
    answer_messages,
    escape,
    home_view,
    plain_answer,
    section,
    sections,
    trim,
)
from bot.slack.db import StateStore
from ingest.errors import GuidebotError
from ingest.store import UNREACHABLE_ERRORS

log = logging.getLogger("guidebot.slack")
CANNOT_POST_DEFAULT = "I'm not allowed to post there"
CANNOT_POST_REASON = {"not_in_channel": "I'm not a member of that channel",
                      "channel_not_found": "I can't see that channel (it may be private)",
                      "is_archived": "the channel is archived"}
CANNOT_POST = {"not_in_channel", "channel_not_found", "is_archived", "restricted_action", "cant_post",
               "ekm_access_denied", "access_denied", "not_allowed_token_type", "invalid_auth", "account_inactive"}


def error_code(err: SlackApiError) -> str:
    """Slack's error code, for the log only: people get plain words."""
    return str(err.response.get("error")) if err.response is not None else "unknown"


TRANSIENT = {"ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}


def transient(err: SlackApiError) -> bool:
    """A Slack failure that may pass (rate limit, server error): worth trying the job again later."""
    status = getattr(err.response, "status_code", 200) if err.response is not None else 500
    return status == 429 or status >= 500 or error_code(err) in TRANSIENT


@dataclass
class SlackService:
    """The engine, the state store and the settings, as the listeners need them."""

    settings: Settings
    engine: Engine
    state: StateStore
    dispatcher: Any = None  # bot.slack.worker.Dispatcher: listeners record work there and return
    _members: dict[str, tuple[float, set[str]]] = field(default_factory=dict)
    features: Any = None  # bot.slack.features.Features, set by build_app (issue 10)

    # -- answering --------------------------------------------------------------------------
    def run(self, kind: str, text: str) -> Answer:
        """Engine.ask / Engine.check, with index failures turned into a reply."""
        try:
            return self.engine.check(text) if kind == "check" else self.engine.ask(text)
        except GuidebotError as err:
            log.error("guidelines index unavailable: %s", err)
        except UNREACHABLE_ERRORS as err:  # a Chroma server that went down between two index checks
            log.error("guidelines index unreachable: %s", str(err) or type(err).__name__)
        except Exception:  # a bug must still get the person an answer, and the log a traceback
            log.exception("answering a %s failed", kind)
            return Answer(kind=kind, query=text, error="internal",
                          answer=("Something went wrong on my side and I couldn't answer this. Please try again, "
                                  f"or ask {self.engine.escalation_contact()}."))
        return Answer(kind=kind, query=text, error="unavailable",
                      answer=("I can't reach the guidelines right now, so I can't answer this. Please try again "
                              f"in a minute, or ask {self.engine.escalation_contact()}."))

    @property
    def escalation_enabled(self) -> bool:
        return bool(self.settings.escalation_channel)

    def render(self, answer: Answer) -> dict:
        """The first (usually only) message of an answer; `messages` has them all."""
        return self.messages(answer)[0]

    def messages(self, answer: Answer) -> list[dict]:
        """The answer as Slack messages: split, never trimmed, when it exceeds one message's limits."""
        return answer_messages(answer, self.escalation_enabled)

    def respond_answer(self, respond: Respond, answer: Answer, replace_original: bool = False) -> None:
        """An answer through a response_url (commands, shortcuts), every message of it, privately."""
        for n, payload in enumerate(self.messages(answer)):
            respond(response_type="ephemeral", replace_original=replace_original and n == 0, **payload)

    # -- replying ---------------------------------------------------------------------------
    def reply_in_thread(self, client: WebClient, channel: str, thread_ts: str, user: str | None, answer: Answer,
                        metadata: dict | None = None) -> None:
        """Post in the thread; whatever goes wrong for good, the person still gets the answer somewhere.

        Can't post in that channel: a DM saying why, with the answer. Slack refused the message
        itself (invalid_blocks, msg_too_long): the plain-text answer in the same thread, else in a
        DM. A failure that may pass (rate limit, Slack 5xx) is raised, so the job is tried again
        later (bot/slack/worker.py). `metadata` tags the answer's last message with its job, so a
        replica that takes the job over can see that it was already delivered. Raw error codes
        stay in the log.
        """
        payloads = self.messages(answer)
        try:
            for n, payload in enumerate(payloads):
                extra = {"metadata": metadata} if metadata and n == len(payloads) - 1 else {}
                client.chat_postMessage(channel=channel, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False,
                                        **payload, **extra)
            return
        except SlackApiError as err:
            code = error_code(err)
            if transient(err):
                log.warning("reply in channel %s failed for now (%s)", channel, code)
                raise
        if code in CANNOT_POST:
            log.warning("cannot reply in channel %s (%s); sending a DM", channel, code)
            if user:
                self.dm(client, user, answer,
                        prefix=f"I couldn't reply in <#{escape(channel)}> because {CANNOT_POST_REASON.get(code, CANNOT_POST_DEFAULT)}. "
                               "To use me there, invite me with `/invite`. Here is my answer:")
            return
        log.error("Slack refused the reply in %s (%s); sending it as plain text", channel, code)
        try:
            client.chat_postMessage(channel=channel, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False,
                                    text=plain_answer(answer), **({"metadata": metadata} if metadata else {}))
            return
        except SlackApiError as err:
            if transient(err):
                raise
            log.error("plain-text reply in %s failed too (%s)", channel, error_code(err))
        if user:
            self.dm(client, user, text="I couldn't post my answer in the conversation, so here it is.\n\n"
                                       + plain_answer(answer))

    def dm(self, client: WebClient, user: str, answer: Answer | None = None, prefix: str | None = None,
           text: str | None = None) -> bool:
        """A direct message to a person; False (and a log line) when even that is impossible."""
        try:
            if answer is not None:
                payloads = self.messages(answer)
                if prefix:
                    first = payloads[0]
                    payloads[0] = {"text": prefix, "blocks": [section(prefix)] + first["blocks"]}
                    if len(payloads[0]["blocks"]) > MAX_BLOCKS:
                        payloads[0:1] = [{"text": prefix, "blocks": [section(prefix)]}, first]
            else:
                payloads = [{"text": trim(text or "", MAX_FALLBACK), "blocks": sections(text or " ")}]
            for payload in payloads:
                client.chat_postMessage(channel=user, unfurl_links=False, **payload)
            return True
        except SlackApiError as err:
            log.error("cannot DM user %s either (%s); the reply is lost", user, error_code(err))
            return False

    def private_reply(self, client: WebClient, channel: str | None, user: str, answer: Answer) -> None:
        """Only `user` sees it: ephemeral in the channel, or a DM when that fails."""
        if channel:
            try:
                for payload in self.messages(answer):
                    client.chat_postEphemeral(channel=channel, user=user, **payload)
                return
            except SlackApiError as err:
                log.info("ephemeral reply in %s failed (%s); sending a DM", channel, error_code(err))
        self.dm(client, user, answer)

    def tell(self, client: WebClient, user: str, text: str, respond: Respond | None = None,
             channel: str | None = None) -> None:
        """A short private notice: through `respond` when there is one, else ephemeral, else a DM."""
        if respond is not None:
            try:
                respond(response_type="ephemeral", replace_original=False, text=text)
                return
            except Exception as err:  # an expired response_url; the DM below still reaches them
                log.info("respond() failed (%s); sending a DM", type(err).__name__)
        if channel:
            try:
                client.chat_postEphemeral(channel=channel, user=user, text=text, blocks=sections(text))
                return
            except SlackApiError as err:
                log.info("ephemeral notice in %s failed (%s); sending a DM", channel, error_code(err))
        self.dm(client, user, text=text)

    def open_modal(self, client: WebClient, trigger_id: str, view: dict, user: str,
                   respond: Respond | None = None, retry_hint: str = "Please click the button again.") -> bool:
        """views.open, and when Slack refuses it (usually an expired trigger), tell the person."""
        try:
            client.views_open(trigger_id=trigger_id, view=view)
            return True
        except SlackApiError as err:
            log.warning("views.open failed (%s)", error_code(err))
            self.tell(client, user, "Sorry, the form didn't open: Slack gives me only a few seconds after a click "
                                    f"and that time ran out. {retry_hint}", respond)
            return False

    # -- App Home ---------------------------------------------------------------------------
    def publish_home(self, client: WebClient, user: str, show: int = HOME_PAGE, team: str = "-") -> None:
        """The person's App Home: how to use the bot and their escalations, `show` at a time
        (admins, GUIDEBOT_ADMINS, also see the workspace's report summary)."""
        self.state.erase_expired()
        rows = self.state.recent_for(user, limit=show + 1)
        view = home_view(EXAMPLE_QUESTIONS, rows[:show], self.engine.escalation_contact(),
                         escalation_enabled=self.escalation_enabled, has_more=len(rows) > show)
        if self.features is not None and user in self.settings.admin_ids:
            from bot.slack.report_home import report_blocks

            view["blocks"] = (view["blocks"] + report_blocks(self.features.store, team))[:50]
        try:
            client.views_publish(user_id=user, view=view)
        except SlackApiError as err:
            log.error("cannot publish App Home for %s (%s)", user, error_code(err))

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
                log.error("cannot list reviewer channel members (%s)", error_code(err))
                return False
            cached = (time.monotonic(), members)
            self._members[channel] = cached
        return user in cached[1]
