"""Building the Bolt app: the Web API client, the durable dispatcher, the listeners.

Listeners run on the request thread (`process_before_response=True`) and do nothing but
record the work and acknowledge, so an acknowledgement never waits for a busy pool (Bolt's
default pool of 5 threads made /canipost miss Slack's 3 seconds under load). The answers are
worked out afterwards by the dispatcher (bot/slack/worker.py). A Slack retry of an event
already accepted, by this process or another sharing the database, is acknowledged and
ignored.
"""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient

from bot.engine import Engine
from bot.reviewed import ReviewedAnswers
from bot.settings import Settings
from bot.slack.db import StateStore
from bot.slack.features import Features, team_of
from bot.slack.features_db import FeatureStore
from bot.slack.jobs import JobStore
from bot.slack.listeners import register_listeners
from bot.slack.responder import retry_handlers
from bot.slack.service import SlackService
from bot.slack.worker import Dispatcher
from ingest.errors import ConfigError

log = logging.getLogger("guidebot.slack")


def make_client(settings: Settings) -> WebClient:
    """A WebClient for the configured API base (GovSlack, tests), retrying rate limits and blips.

    With OAuth (many workspaces) it has no token of its own: each request gets its workspace's.
    """
    if not settings.slack_configured and not settings.oauth_configured:
        raise ConfigError("SLACK_BOT_TOKEN is not set: the Slack app needs a bot token (xoxb-...).")
    kwargs = {"base_url": settings.slack_api_base_url} if settings.slack_api_base_url else {}
    token = None if settings.oauth_configured else settings.slack_bot_token.get_secret_value()
    client = WebClient(token=token, timeout=15, **kwargs)
    client.retry_handlers.extend(retry_handlers(rate_limit=3, server=2, connection=2))
    return client


def build_app(settings: Settings, engine: Engine, state: StateStore | None = None,
              client: WebClient | None = None) -> tuple[App, SlackService]:
    """The Bolt app with every listener; signature verification is always on.

    The dispatcher (`service.dispatcher`, also `app.guidebot_dispatcher`) is not started
    here: the HTTP server starts it with the app, `serve` does for Socket Mode.
    """
    if not settings.slack_signing_secret or not settings.slack_signing_secret.get_secret_value():
        raise ConfigError("SLACK_SIGNING_SECRET is not set: Slack requests cannot be verified without it.")
    state = state or StateStore(settings.resolved_database_url, settings.draft_retention_days)
    client = client or make_client(settings)
    oauth = {}
    if settings.oauth_configured:  # many workspaces: Slack's install flow, installations in our database
        from bot.slack.oauth import oauth_settings

        flow_settings = oauth_settings(settings, state.engine)
        # installation_store too: then Bolt authorises (and rotates tokens) with our client and its API base
        oauth = {"oauth_settings": flow_settings, "installation_store": flow_settings.installation_store}
    app = App(client=client, signing_secret=settings.slack_signing_secret.get_secret_value(),
              request_verification_enabled=True, ignoring_self_events_enabled=True, process_before_response=True,
              logger=logging.getLogger("guidebot.bolt"), **oauth)
    service = SlackService(settings=settings, engine=engine, state=state)
    store = FeatureStore(state.engine, settings.question_retention_days)
    service.features = Features(service, store, ReviewedAnswers(settings, engine.embeddings, store))
    service.dispatcher = Dispatcher(service, client, JobStore(state, lease_seconds=settings.job_lease_seconds),
                                    answer_workers=settings.answer_workers, io_workers=settings.slack_io_workers,
                                    poll_seconds=settings.poll_seconds)
    if settings.oauth_configured:  # jobs run outside Bolt's request: each gets its workspace's own client
        from bot.slack.oauth import client_for_team

        service.dispatcher.client_for = lambda body: client_for_team(app, settings, team_of(None, body))
    app.guidebot_dispatcher = service.dispatcher
    register_listeners(app, service)
    return app, service
