"""Serving the Slack app: Socket Mode, or HTTP behind a load balancer.

HTTP mode is a Starlette app run by uvicorn: `/slack/events` takes events, commands,
shortcuts and interactivity (one Request URL for all), `/healthz` says whether the index
is loaded. Bolt's dispatch runs in a worker thread so a slow listener never blocks the
event loop; Bolt acknowledges first and works after, within Slack's 3 seconds.
"""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bot.engine import Engine
from bot.settings import Settings
from ingest.errors import ConfigError, GuidebotError

log = logging.getLogger("guidebot.slack")
MAX_BODY = 1_000_000  # Slack payloads are far smaller; refuse anything bigger before parsing


def http_app(app: App, engine: Engine) -> Starlette:
    """The ASGI application for HTTP mode."""

    async def events(request: Request) -> Response:
        body = await request.body()
        if len(body) > MAX_BODY:
            return Response("payload too large", status_code=413)
        bolt_response = await run_in_threadpool(app.dispatch, to_bolt_request(request, body))
        return to_starlette_response(bolt_response)

    async def health(_: Request) -> Response:
        try:
            view = await run_in_threadpool(engine.handle.view)
            return JSONResponse({"status": "ok", "index_build": view.build, "passages": len(view)})
        except GuidebotError as err:
            return JSONResponse({"status": "degraded", "error": str(err)}, status_code=503)

    routes = [Route("/slack/events", events, methods=["POST"]), Route("/healthz", health, methods=["GET"])]
    if app.oauth_flow is not None:  # many workspaces: Slack's install flow (bot/slack/oauth.py)
        flow = app.oauth_flow

        async def install(request: Request) -> Response:
            bolt_request = to_bolt_request(request, await request.body())
            handler = flow.handle_installation if request.url.path == flow.install_path else flow.handle_callback
            return to_starlette_response(await run_in_threadpool(handler, bolt_request))

        routes += [Route(flow.install_path, install, methods=["GET"]), Route(flow.redirect_uri_path, install, methods=["GET"])]
    return Starlette(routes=routes)


def serve(settings: Settings, http_mode: bool, host: str | None, port: int | None) -> None:
    """Start the Slack app the configured way; blocks until stopped."""
    from bot.slack.app import build_app

    if settings.oauth_configured and not http_mode:
        raise ConfigError("Installing into many workspaces (SLACK_CLIENT_ID) needs HTTP mode: `guidebot serve --http`.")
    if not settings.slack_configured and not settings.oauth_configured:
        raise ConfigError("SLACK_BOT_TOKEN is not set. Create the app from manifest.yaml (README, 'Slack') "
                          "and put its tokens in .env, or use `guidebot chat` for the console.")
    if not http_mode and not (settings.slack_app_token and settings.slack_app_token.get_secret_value()):
        raise ConfigError("Socket Mode needs SLACK_APP_TOKEN (xapp-...); or run `guidebot serve --http`.")
    engine = Engine(settings)
    engine.warm()
    app, service = build_app(settings, engine)
    service.state.erase_expired()
    from bot.slack import reminders

    reminders.start(app, service)  # one reminder a day for escalations pending too long
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if http_mode:
        import uvicorn

        bind_host, bind_port = host or settings.http_host, port or settings.http_port
        log.info("guidebot serving Slack over HTTP on %s:%s (/slack/events, /healthz)", bind_host, bind_port)
        uvicorn.run(http_app(app, engine), host=bind_host, port=bind_port, log_level="info", access_log=False)
    else:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        log.info("guidebot connecting to Slack over Socket Mode")
        SocketModeHandler(app, settings.slack_app_token.get_secret_value()).start()
