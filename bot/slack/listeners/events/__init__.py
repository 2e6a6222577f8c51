"""Events: DMs (and assistant threads), channel mentions, the App Home tab."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from slack_bolt import App, Assistant

from bot.engine import EXAMPLE_QUESTIONS
from bot.slack.features import team_of
from bot.slack.listeners.events import channel_messages
from bot.slack.service import SlackService
from bot.slack.threads import is_acknowledgement
from bot.slack.worker import Delivery, JobContext, outcome_of

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
    """Each listener records the event as a job and returns (Bolt acknowledges); the work is below."""
    channel_messages.register(app, service)  # first: it takes channel messages, the DM listener takes the rest
    jobs = service.dispatcher
    assistant = Assistant()

    @assistant.thread_started
    def start_thread(body: dict) -> None:
        jobs.accept(body, "assistant_started", _noop)

    @assistant.user_message
    def assistant_message(body: dict) -> None:
        jobs.accept(body, "assistant_message", _noop)

    app.assistant(assistant)

    @app.event("message")
    def direct_message(event: dict, body: dict) -> None:
        if event.get("channel_type") != "im" or _ignored(event):
            return
        jobs.accept(body, "dm", _noop)

    @app.event("app_mention")
    def mention(event: dict, body: dict) -> None:
        if _ignored(event):
            return
        jobs.accept(body, "mention", _noop)

    @app.event("app_home_opened")
    def home(event: dict, body: dict) -> None:
        if event.get("tab", "home") != "home":
            return
        jobs.accept(body, "home", _noop)

    @jobs.task("assistant_started", "assistant", io_only=True)
    def greet(ctx: JobContext) -> Delivery:
        thread = ctx.body["event"]["assistant_thread"]
        channel, ts = thread["channel_id"], thread["thread_ts"]

        def send() -> None:
            ctx.client.chat_postMessage(channel=channel, thread_ts=ts, text=(
                "Hi! Ask me whether something is OK to post, or start with `check:` and paste a draft."))
            ctx.client.assistant_threads_setSuggestedPrompts(
                channel_id=channel, thread_ts=ts, prompts=[{"title": q, "message": q} for q in EXAMPLE_QUESTIONS])

        return Delivery(send)

    @jobs.task("assistant_message", "assistant")
    def assistant_work(ctx: JobContext) -> Delivery | None:
        event = ctx.body["event"]

        def set_status() -> None:
            try:
                ctx.client.assistant_threads_setStatus(channel_id=event["channel"], thread_ts=event["thread_ts"],
                                                       status="looking it up…")
            except Exception as err:  # a plain DM thread is not an assistant thread; the status is optional
                log.debug("assistant status not set: %s", err)

        return _answer_dm(event, ctx, service, set_status)

    @jobs.task("dm", "dm")
    def dm_work(ctx: JobContext) -> Delivery | None:
        return _answer_dm(ctx.body["event"], ctx, service)

    @jobs.task("mention", "mention")
    def mention_work(ctx: JobContext) -> Delivery:
        event = ctx.body["event"]
        features, team, channel = service.features, team_of(None, ctx.body), event["channel"]
        thread = event.get("thread_ts") or event["ts"]
        if features.store.channel(team, channel).mode == "off":  # the person is told, privately
            return Delivery(lambda: features.mention_allowed(ctx.client, team, channel, event.get("user"),
                                                             event.get("thread_ts")), "ignored")
        text = _LEADING_MENTION.sub("", event.get("text") or "")
        kind, text = split_request(text)
        if not text.strip() and event.get("files"):
            answer = service.run(kind, "")
            answer.answer = NO_TEXT
        else:
            if kind == "question" and event.get("thread_ts"):
                text = features.follow_up_query(team, channel, event["thread_ts"], text)
            answer = features.answer(team, "mention", kind, text, job_id=ctx.job.id)
        return Delivery(lambda: deliver(ctx, service, team, event, thread, answer), outcome_of(answer))

    @jobs.task("home", "home", ttl=timedelta(minutes=5), io_only=True)
    def home_work(ctx: JobContext) -> Delivery:
        user = ctx.body["event"]["user"]

        def send() -> None:
            service.features.housekeeping()
            service.publish_home(ctx.client, user, team=team_of(None, ctx.body))

        return Delivery(send)


def _noop(**_: object) -> None:
    """Events are acknowledged by Bolt itself once the listener returns."""


def _answer_dm(event: dict, ctx: JobContext, service: SlackService, set_status=None) -> Delivery | None:
    """A DM (or assistant-thread message) answered in the thread of the question (replies there are follow-ups)."""
    text = event.get("text") or ""
    team = team_of(None, ctx.body)
    features, thread = service.features, event.get("thread_ts") or event["ts"]
    in_thread = event.get("thread_ts") not in (None, event["ts"])
    known = in_thread and features.store.thread(team, event["channel"], thread) is not None
    if known and is_acknowledgement(text):
        return None
    if set_status is not None:
        ctx.background(set_status)
    kind, text = split_request(text)
    if not text.strip() and event.get("files"):
        answer = service.run(kind, "")
        answer.answer = NO_TEXT
    else:
        if known and kind == "question":
            text = features.follow_up_query(team, event["channel"], thread, text)
        answer = features.answer(team, "dm", kind, text, job_id=ctx.job.id)

    def send() -> None:
        features.remember(team, event["channel"], thread, answer)  # first: a quick reply is a follow-up
        if not ctx.already_in_thread(event["channel"], thread):
            service.reply_in_thread(ctx.client, event["channel"], thread, event.get("user"), answer,
                                    metadata=ctx.metadata)

    return Delivery(send, outcome_of(answer))


def deliver(ctx: JobContext, service: SlackService, team: str, event: dict, thread: str, answer) -> None:
    """The answer in the thread (or privately, per the channel's setting), tagged with its job;
    skipped if an earlier attempt already posted it."""
    if not ctx.already_in_thread(event["channel"], thread):
        service.features.deliver(ctx.client, team, event["channel"], thread, event.get("user"), answer,
                                 metadata=ctx.metadata)
