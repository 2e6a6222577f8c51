"""Channel messages without a mention: questions in `questions` mode, and follow-ups in the bot's threads.

Registered before the DM listener, and matching only channel messages, so DMs are untouched.
A message that mentions the bot is left to the app_mention listener (Slack sends both).
"""

from __future__ import annotations

from slack_bolt import App, BoltContext

from bot.slack.channels import looks_like_question, strong_enough
from bot.slack.features import team_of
from bot.slack.service import SlackService
from bot.slack.threads import is_acknowledgement
from bot.slack.worker import Delivery, JobContext, outcome_of

CHANNEL_TYPES = ("channel", "group")


def _in_channel(event: dict) -> bool:
    return event.get("channel_type") in CHANNEL_TYPES


def register(app: App, service: SlackService) -> None:
    """The listener only filters (cheap lookups) and records a job; answering happens on the answerers."""
    jobs = service.dispatcher

    @app.event("message", matchers=[_in_channel])
    def channel_message(event: dict, body: dict, context: BoltContext) -> None:
        if event.get("bot_id") or event.get("subtype") not in (None, "thread_broadcast"):
            return
        text = event.get("text") or ""
        if context.bot_user_id and f"<@{context.bot_user_id}" in text:
            return  # the app_mention listener answers it
        features, team, channel = service.features, team_of(context, body), event["channel"]
        mode = features.store.channel(team, channel).mode
        if mode == "off" or not text.strip():
            return
        thread_ts = event.get("thread_ts")
        if thread_ts and thread_ts != event.get("ts"):
            if features.store.thread(team, channel, thread_ts) is None or is_acknowledgement(text):
                return
            jobs.accept(body, "thread_follow_up", _noop)
            return
        if mode == "questions" and looks_like_question(text):
            jobs.accept(body, "channel_question", _noop)

    @jobs.task("thread_follow_up", "thread")
    def follow_up_work(ctx: JobContext) -> Delivery:
        event = ctx.body["event"]
        features, team, channel, thread_ts = service.features, team_of(None, ctx.body), event["channel"], event["thread_ts"]
        query = features.follow_up_query(team, channel, thread_ts, event.get("text") or "")
        answer = features.answer(team, "thread", "question", query, job_id=ctx.job.id)
        return Delivery(lambda: _deliver(ctx, service, team, event, thread_ts, answer), outcome_of(answer))

    @jobs.task("channel_question", "channel")
    def question_work(ctx: JobContext) -> Delivery | None:
        event = ctx.body["event"]
        team = team_of(None, ctx.body)
        answer = service.features.answer(team, "channel", "question", event.get("text") or "", job_id=ctx.job.id)
        if not strong_enough(answer, service.settings.questions_mode_min_score):
            return None  # unasked: stay silent unless the guidelines clearly answer it
        return Delivery(lambda: _deliver(ctx, service, team, event, event["ts"], answer), outcome_of(answer))


def _noop(**_: object) -> None:
    """Events are acknowledged by Bolt itself once the listener returns."""


def _deliver(ctx: JobContext, service: SlackService, team: str, event: dict, thread: str, answer) -> None:
    """In the thread (or privately), tagged with the job; skipped if an earlier attempt already posted it."""
    if not ctx.already_in_thread(event["channel"], thread):
        service.features.deliver(ctx.client, team, event["channel"], thread, event.get("user"), answer,
                                 metadata=ctx.metadata)
