"""Events: DMs (and assistant threads), channel mentions, the App Home tab."""

from __future__ import annotations

import logging
import re

from slack_bolt import App, Assistant, BoltContext, Say
from slack_sdk import WebClient

from bot.engine import EXAMPLE_QUESTIONS
from bot.slack.service import SlackService

log = logging.getLogger("guidebot.slack")
_LEADING_MENTION = re.compile(r"^\s*<@[UW][A-Z0-9]+(\|[^>]*)?>[\s,:]*")
# Only an explicit "check:" makes a message a draft: "Can I post …?" is a question about posting.
_CHECK_PREFIX = re.compile(r"^\s*check\s*:\s*", re.IGNORECASE)
NO_TEXT = ("I can only read text. Paste the text of your post or question into the message "
           "(files and images aren't read).")


def split_request(text: str) -> tuple[str, str]:
    """('check', draft) for 'check: <draft>' (or 'check:<draft>'), else ('question', text).

    A question that merely starts "can I post …" stays a question: sending its remainder to the
    draft checker judged the *topic* as if it were a post, and said "OK to post" with no source.
    """
    match = _CHECK_PREFIX.match(text)
    return ("check", text[match.end():]) if match else ("question", text)


def _ignored(event: dict) -> bool:
    """Bot posts, edits, joins and other subtypes are not questions; file shares are handled."""
    return bool(event.get("bot_id")) or event.get("subtype") not in (None, "file_share", "thread_broadcast")


def register(app: App, service: SlackService) -> None:
    assistant = Assistant()

    @assistant.thread_started
    def start_thread(say: Say, set_suggested_prompts) -> None:
        say("Hi! Ask me whether something is OK to post, or start with `check:` and paste a draft.")
        set_suggested_prompts(prompts=[{"title": q, "message": q} for q in EXAMPLE_QUESTIONS])

    @assistant.user_message
    def assistant_message(payload: dict, client: WebClient, set_status, context: BoltContext) -> None:
        _answer_dm(payload, client, service, set_status)

    app.assistant(assistant)

    @app.event("message")
    def direct_message(event: dict, client: WebClient) -> None:
        if event.get("channel_type") != "im" or _ignored(event):
            return
        _answer_dm(event, client, service, None)

    @app.event("app_mention")
    def mention(event: dict, client: WebClient) -> None:
        if _ignored(event):
            return
        text = _LEADING_MENTION.sub("", event.get("text") or "")
        kind, text = split_request(text)
        thread = event.get("thread_ts") or event["ts"]
        if not text.strip() and event.get("files"):
            answer = service.run(kind, "")
            answer.answer = NO_TEXT
        else:
            answer = service.run(kind, text)
        service.reply_in_thread(client, event["channel"], thread, event.get("user"), answer)

    @app.event("app_home_opened")
    def home(event: dict, client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        service.publish_home(client, event["user"])


def _answer_dm(event: dict, client: WebClient, service: SlackService, set_status) -> None:
    """A DM (or assistant-thread message) answered in the thread of the question."""
    text = event.get("text") or ""
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
        answer = service.run(kind, text)
    thread = event.get("thread_ts") or event["ts"]
    service.reply_in_thread(client, event["channel"], thread, event.get("user"), answer)
