"""Events: DMs (and assistant threads), channel mentions, the App Home tab."""

from __future__ import annotations

import logging
import re

from slack_bolt import App, Assistant, BoltContext, Say
from slack_sdk import WebClient

from bot.engine import EXAMPLE_QUESTIONS
from bot.slack.blocks import home_view
from bot.slack.features import team_of
from bot.slack.listeners.events import channel_messages
from bot.slack.report_home import report_blocks
from bot.slack.service import SlackService
from bot.slack.threads import is_acknowledgement

log = logging.getLogger("guidebot.slack")
_LEADING_MENTION = re.compile(r"^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>[\s,:]*")
_CHECK_PREFIX = re.compile(r"^\s*(check|/canipost|can i post)\s*:?\s+", re.IGNORECASE)
NO_TEXT = ("I can only read text. Paste the text of your post or question into the message "
           "(files and images aren't read).")


def split_request(text: str) -> tuple[str, str]:
    """('check', draft) for 'check: <draft>', else ('question', text)."""
    match = _CHECK_PREFIX.match(text)
    return ("check", text[match.end():]) if match else ("question", text)


def _ignored(event: dict) -> bool:
    """Bot posts, edits, joins and other subtypes are not questions; file shares are handled."""
    return bool(event.get("bot_id")) or event.get("subtype") not in (None, "file_share", "thread_broadcast")


def register(app: App, service: SlackService) -> None:
    channel_messages.register(app, service)  # first: it takes channel messages, the DM listener takes the rest
    assistant = Assistant()

    @assistant.thread_started
    def start_thread(say: Say, set_suggested_prompts) -> None:
        say("Hi! Ask me whether something is OK to post, or start with `check:` and paste a draft.")
        set_suggested_prompts(prompts=[{"title": q, "message": q} for q in EXAMPLE_QUESTIONS])

    @assistant.user_message
    def assistant_message(payload: dict, client: WebClient, set_status, context: BoltContext) -> None:
        _answer_dm(payload, client, service, set_status, team_of(context, payload))

    app.assistant(assistant)

    @app.event("message")
    def direct_message(event: dict, client: WebClient, context: BoltContext) -> None:
        if event.get("channel_type") != "im" or _ignored(event):
            return
        _answer_dm(event, client, service, None, team_of(context, event))

    @app.event("app_mention")
    def mention(event: dict, client: WebClient, context: BoltContext) -> None:
        if _ignored(event):
            return
        features, team = service.features, team_of(context, event)
        thread = event.get("thread_ts") or event["ts"]
        if not features.mention_allowed(client, team, event["channel"], event.get("user"), event.get("thread_ts")):
            return
        text = _LEADING_MENTION.sub("", event.get("text") or "")
        kind, text = split_request(text)
        if not text.strip() and event.get("files"):
            answer = service.run(kind, "")
            answer.answer = NO_TEXT
        else:
            if kind == "question" and event.get("thread_ts"):
                text = features.follow_up_query(team, event["channel"], event["thread_ts"], text)
            answer = features.answer(team, "mention", kind, text)
        features.deliver(client, team, event["channel"], thread, event.get("user"), answer)

    @app.event("app_home_opened")
    def home(event: dict, client: WebClient, context: BoltContext) -> None:
        if event.get("tab", "home") != "home":
            return
        service.state.erase_expired()
        service.features.housekeeping()
        view = home_view(EXAMPLE_QUESTIONS, service.state.recent_for(event["user"]), service.settings.escalation_contact)
        if event["user"] in service.settings.admin_ids:
            view["blocks"] = (view["blocks"] + report_blocks(service.features.store, team_of(context, event)))[:50]
        client.views_publish(user_id=event["user"], view=view)


def _answer_dm(event: dict, client: WebClient, service: SlackService, set_status, team: str) -> None:
    """A DM (or assistant-thread message) answered in the thread of the question (replies there are follow-ups)."""
    text = event.get("text") or ""
    features, thread = service.features, event.get("thread_ts") or event["ts"]
    in_thread = event.get("thread_ts") not in (None, event["ts"])
    known = in_thread and features.store.thread(team, event["channel"], thread) is not None
    if known and is_acknowledgement(text):
        return
    if set_status is not None:
        try:
            set_status("looking it up…")
        except Exception as err:  # a plain DM thread is not an assistant thread; the status is optional
            log.debug("assistant status not set: %s", err)
    kind, text = split_request(text)
    if not text.strip() and event.get("files"):
        answer = service.run(kind, "")
        answer.answer = NO_TEXT
    else:
        if known and kind == "question":
            text = features.follow_up_query(team, event["channel"], thread, text)
        answer = features.answer(team, "dm", kind, text)
    features.remember(team, event["channel"], thread, answer)  # first: a quick reply is a follow-up
    service.reply_in_thread(client, event["channel"], thread, event.get("user"), answer)
