"""Building the Bolt app: the Web API client, the de-duplication middleware, the listeners."""

from __future__ import annotations

import logging

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)

from bot.engine import Engine
from bot.reviewed import ReviewedAnswers
from bot.settings import Settings
from bot.slack.db import StateStore
from bot.slack.features import Features
from bot.slack.features_db import FeatureStore
from bot.slack.listeners import register_listeners
from bot.slack.service import SlackService
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
    client.retry_handlers.extend([RateLimitErrorRetryHandler(max_retry_count=3),
                                  ServerErrorRetryHandler(max_retry_count=2), ConnectionErrorRetryHandler(max_retry_count=2)])
    return client


def build_app(settings: Settings, engine: Engine, state: StateStore | None = None,
              client: WebClient | None = None) -> tuple[App, SlackService]:
    """The Bolt app with every listener; signature verification is always on."""
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
              request_verification_enabled=True, ignoring_self_events_enabled=True, process_before_response=False,
              logger=logging.getLogger("guidebot.bolt"), **oauth)
    service = SlackService(settings=settings, engine=engine, state=state)
    store = FeatureStore(state.engine, settings.question_retention_days)
    service.features = Features(service, store, ReviewedAnswers(settings, engine.embeddings, store))

    @app.middleware
    def skip_retries_of_handled_events(body: dict, next, logger) -> BoltResponse | None:
        """Slack retries an event it thinks we missed; answer each event id once, across processes."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not state.first_time(event_id):
            logger.info("event %s already handled; ignoring the retry", event_id)
            return BoltResponse(status=200, body="")
        return next()

    register_listeners(app, service)
    return app, service
