"""Installing into many workspaces: Slack's OAuth flow, with Bolt's SQLAlchemy stores in our database.

With SLACK_CLIENT_ID and SLACK_CLIENT_SECRET set (HTTP mode), `/slack/install` starts the
install and `/slack/oauth_redirect` finishes it: the state (CSRF) and every workspace's
installation are stored by slack-sdk's SQLAlchemy stores in the same database as the bot's
state. Each request is then authorised with its own workspace's token, and expiring tokens
(token rotation) are refreshed with oauth.v2.access before they run out. Without them, the
single SLACK_BOT_TOKEN mode stays the default.
"""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy.engine import Engine

from bot.settings import Settings

log = logging.getLogger("guidebot.slack")
# The bot scopes of manifest.yaml: what each workspace grants at install.
BOT_SCOPES = ["app_mentions:read", "assistant:write", "channels:read", "groups:read", "chat:write", "commands",
              "im:history", "channels:history", "groups:history"]
STATE_SECONDS = 600
ROTATE_MINUTES = 120  # refresh a rotating token when it has less than this left


def oauth_settings(settings: Settings, engine: Engine) -> OAuthSettings:
    """Bolt's OAuth settings over our database (tables created if missing)."""
    client_id = settings.slack_client_id or ""
    installations = SQLAlchemyInstallationStore(client_id=client_id, engine=engine, logger=log)
    installations.create_tables()
    states = SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine, logger=log)
    states.create_tables()
    return OAuthSettings(client_id=client_id, client_secret=settings.slack_client_secret.get_secret_value(),
                         scopes=BOT_SCOPES, installation_store=installations, state_store=states,
                         token_rotation_expiration_minutes=ROTATE_MINUTES, install_page_rendering_enabled=False)


def client_for_team(app: App, settings: Settings, team: str) -> WebClient | None:
    """A client with the workspace's own (refreshed) bot token; the app's client in single-token mode."""
    flow = app.oauth_flow
    if flow is None:
        return app.client
    store = flow.settings.installation_store
    installation = store.find_installation(enterprise_id=None, team_id=team)
    if installation is None or not installation.bot_token:
        log.warning("workspace %s has no installation; nothing sent there", team)
        return None
    if installation.bot_refresh_token:
        from slack_sdk.oauth.token_rotation import TokenRotator

        rotator = TokenRotator(client_id=flow.settings.client_id, client_secret=flow.settings.client_secret,
                               client=app.client)
        refreshed = rotator.perform_token_rotation(installation=installation, minutes_before_expiration=ROTATE_MINUTES)
        if refreshed is not None:
            store.save(refreshed)
            installation = refreshed
    return WebClient(token=installation.bot_token, base_url=app.client.base_url, timeout=app.client.timeout,
                     retry_handlers=list(app.client.retry_handlers))
