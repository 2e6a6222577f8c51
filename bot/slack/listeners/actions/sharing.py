"""Private answers (`/guidebot private on`): "Share in thread" posts the answer for everyone, "Keep to myself" doesn't.

The buttons carry the question (ephemeral messages can't be read back), so sharing answers
it again (the engine is deterministic) and posts it in the thread, which from then on
takes follow-ups.
"""

from __future__ import annotations

import json

from slack_bolt import Ack, App

from bot.slack.features import team_of
from bot.slack.service import SlackService
from bot.slack.worker import RESPONSE_URL_LIFETIME, Delivery, JobContext, outcome_of


def _value(action: dict) -> dict:
    try:
        data = json.loads(action.get("value") or "{}")
        return data if isinstance(data, dict) else {}
    except json.JSONDecodeError:
        return {}


def register(app: App, service: SlackService) -> None:
    """Share / Keep: acknowledged at once and recorded; answering again runs as a job."""
    jobs = service.dispatcher

    @app.action("share_in_thread")
    def share(ack: Ack, body: dict) -> None:
        jobs.accept(body, "share_in_thread", ack)

    @app.action("keep_private")
    def keep(ack: Ack, body: dict) -> None:
        jobs.accept(body, "keep_private", ack)

    @jobs.task("share_in_thread", "action", ttl=RESPONSE_URL_LIFETIME)
    def share_work(ctx: JobContext) -> Delivery:
        body = ctx.body
        data, team = _value(body["actions"][0]), team_of(None, body)
        channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
        if not channel or not data.get("q") or not data.get("t"):
            return Delivery(lambda: ctx.respond(response_type="ephemeral", replace_original=False,
                                                text="I can't share this answer any more: ask again."), "failed")
        kind = "check" if data.get("k") == "check" else "question"
        answer = service.run(kind, str(data["q"]))
        thread = str(data["t"])

        def send() -> None:
            service.features.remember(team, channel, thread, answer)
            if not ctx.already_in_thread(channel, thread):
                service.reply_in_thread(ctx.client, channel, thread, body["user"]["id"], answer, metadata=ctx.metadata)
            ctx.respond(delete_original=True)

        return Delivery(send, outcome_of(answer))

    @jobs.task("keep_private", "action", ttl=RESPONSE_URL_LIFETIME)
    def keep_work(ctx: JobContext) -> Delivery:
        data = _value(ctx.body["actions"][0])
        kind = "check" if data.get("k") == "check" else "question"
        answer = service.run(kind, str(data.get("q") or ""))
        return Delivery(lambda: service.respond_answer(ctx.respond, answer, replace_original=True), outcome_of(answer))
