"""Channel messages without a mention: questions in `questions` mode, and follow-ups in the bot's threads.

Registered before the DM listener, and matching only channel messages, so DMs are untouched.
A message that mentions the bot is left to the app_mention listener (Slack sends both).
"""

from __future__ import annotations

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.slack.channels import looks_like_question, strong_enough
from bot.slack.features import team_of
from bot.slack.service import SlackService
from bot.slack.threads import is_acknowledgement

CHANNEL_TYPES = ("channel", "group")


def _in_channel(event: dict) -> bool:
    return event.get("channel_type") in CHANNEL_TYPES


def register(app: App, service: SlackService) -> None:
    @app.event("message", matchers=[_in_channel])
    def channel_message(event: dict, client: WebClient, context: BoltContext) -> None:
        if event.get("bot_id") or event.get("subtype") not in (None, "thread_broadcast"):
            return
        text = event.get("text") or ""
        if context.bot_user_id and f"<@{context.bot_user_id}" in text:
            return  # the app_mention listener answers it
        features, team, channel = service.features, team_of(context, event), event["channel"]
        mode = features.store.channel(team, channel).mode
        if mode == "off" or not text.strip():
            return
        thread_ts = event.get("thread_ts")
        if thread_ts and thread_ts != event.get("ts"):
            thread = features.store.thread(team, channel, thread_ts)
            if thread is None or is_acknowledgement(text):
                return
            query = features.follow_up_query(team, channel, thread_ts, text)
            answer = features.answer(team, "thread", "question", query)
            features.deliver(client, team, channel, thread_ts, event.get("user"), answer)
            return
        if mode != "questions" or not looks_like_question(text):
            return
        answer = features.answer(team, "channel", "question", text)
        if strong_enough(answer, service.settings.questions_mode_min_score):
            features.deliver(client, team, channel, event["ts"], event.get("user"), answer)
