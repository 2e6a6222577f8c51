"""Serving the Slack app: Socket Mode, or HTTP behind a load balancer, and stopping gracefully.

HTTP mode is a Starlette app run by uvicorn: `/slack/events` takes events, commands,
shortcuts and interactivity (one Request URL for all) through the hardened edge
(bot/slack/edge.py); `/healthz` says whether the index is loaded and whether this replica
takes work. Bolt's dispatch runs in a worker thread so the event loop never blocks; the
listeners only record work and acknowledge, the dispatcher answers afterwards.

On SIGTERM or SIGINT the replica drains: /healthz and new Slack requests get 503 (a load
balancer stops sending, Slack retries elsewhere), the work in hand is finished within
GUIDEBOT_SHUTDOWN_GRACE_SECONDS, and whatever is left stays pending in the database for the
next process or another replica. A second signal stops at once.
"""

from __future__ import annotations

import contextlib
import logging
import signal
import threading

from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from bot.engine import Engine
from bot.settings import Settings
from bot.slack.edge import MAX_BODY, Refused, check_shape, read_body, verify
from ingest.errors import ConfigError

log = logging.getLogger("guidebot.slack")
__all__ = ["MAX_BODY", "http_app", "serve"]


class Lifecycle:
    """Whether this replica takes new work, and the drain that ends it (once)."""

    def __init__(self, dispatcher, grace: float) -> None:
        self.dispatcher = dispatcher
        self.grace = grace
        self.draining = False
        self._started = False
        self._drained = threading.Event()
        self._lock = threading.Lock()

    def drain(self) -> None:
        """Stop taking work and finish what is in hand (blocking; later calls wait for the first)."""
        with self._lock:
            first = not self._started
            self._started = self.draining = True
        if not first:
            self._drained.wait(self.grace + 5)
            return
        log.info("draining: no new work; finishing what is in hand (up to %.0f s)", self.grace)
        try:
            if self.dispatcher is not None:  # keep a little of the grace for handing work back and exiting
                self.dispatcher.drain(max(0.0, self.grace - min(3.0, self.grace * 0.15)))
        finally:
            self._drained.set()


def http_app(app: App, engine: Engine, signing_secret: str | None = None, lifecycle: Lifecycle | None = None,
             grace: float = 20.0) -> Starlette:
    """The ASGI application for HTTP mode; starting it starts the app's dispatcher."""
    dispatcher = getattr(app, "guidebot_dispatcher", None)
    lifecycle = lifecycle or Lifecycle(dispatcher, grace)
    secret = signing_secret or app._signing_secret  # noqa: SLF001 - the secret Bolt itself verifies with

    async def events(request: Request) -> Response:
        if lifecycle.draining:
            return PlainTextResponse("shutting down; retry elsewhere", status_code=503, headers={"Retry-After": "1"})
        try:
            body = await read_body(request)
            verify(request.headers, body, secret)
            check_shape(body, request.headers.get("content-type") or "")
        except Refused as refused:
            log.info("refused a request to /slack/events: %s (%s)", refused, refused.status)
            # close the connection: a client still sending a refused body must not keep the server reading
            return PlainTextResponse(str(refused), status_code=refused.status, headers={"Connection": "close"})
        bolt_response = await run_in_threadpool(app.dispatch, to_bolt_request(request, body))
        return to_starlette_response(bolt_response)

    async def health(_: Request) -> Response:
        if lifecycle.draining:
            return JSONResponse({"status": "draining"}, status_code=503)
        status = await run_in_threadpool(engine.handle.status)  # live: 503 with the real cause while down
        if not status.ok:
            return JSONResponse({"status": status.cause, "error": status.error}, status_code=503)
        body = {"status": "ok", "index_build": status.build, "passages": status.passages}
        if dispatcher is not None:
            body["jobs_in_hand"] = dispatcher.in_hand
        return JSONResponse(body)

    routes = [Route("/slack/events", events, methods=["POST"]), Route("/healthz", health, methods=["GET"])]
    if app.oauth_flow is not None:  # many workspaces: Slack's install flow (bot/slack/oauth.py)
        flow = app.oauth_flow

        async def install(request: Request) -> Response:
            bolt_request = to_bolt_request(request, await request.body())
            handler = flow.handle_installation if request.url.path == flow.install_path else flow.handle_callback
            return to_starlette_response(await run_in_threadpool(handler, bolt_request))

        routes += [Route(flow.install_path, install, methods=["GET"]), Route(flow.redirect_uri_path, install, methods=["GET"])]

    @contextlib.asynccontextmanager
    async def lifespan(_: Starlette):
        if dispatcher is not None:
            dispatcher.start()
        yield
        await run_in_threadpool(lifecycle.drain)

    starlette = Starlette(routes=routes, lifespan=lifespan)
    starlette.state.lifecycle = lifecycle
    return starlette


def _draining_server(config, lifecycle: Lifecycle):
    """A uvicorn server whose first SIGTERM/SIGINT drains before it stops listening."""
    import uvicorn

    class DrainingServer(uvicorn.Server):
        def handle_exit(self, sig, frame) -> None:
            if lifecycle.draining:  # a second signal: stop now, leave the rest pending
                self.should_exit = self.force_exit = True
                return
            log.info("received %s", signal.Signals(sig).name)

            def drain_then_exit() -> None:
                lifecycle.drain()
                self.should_exit = True

            lifecycle.draining = True
            threading.Thread(target=drain_then_exit, name="drain", daemon=True).start()

    return DrainingServer(config)


def limit_torch_threads(threads: int) -> None:
    """Cap torch's threads for this serving process (0 keeps torch's default).

    Answers are micro-batched into one embedding call at a time, so extra intra-op threads only
    compete with the threads acknowledging Slack and talking to the database.
    """
    if threads > 0:
        import torch

        torch.set_num_threads(threads)


def serve(settings: Settings, http_mode: bool, host: str | None, port: int | None) -> None:
    """Start the Slack app the configured way; blocks until stopped (and drained)."""
    from bot.logs import configure_logging
    from bot.slack.app import build_app

    configure_logging(settings.log_level, settings.log_format)
    if settings.oauth_configured and not http_mode:
        raise ConfigError("Installing into many workspaces (SLACK_CLIENT_ID) needs HTTP mode: `guidebot serve --http`.")
    if not settings.slack_configured and not settings.oauth_configured:
        raise ConfigError("SLACK_BOT_TOKEN is not set. Create the app from manifest.yaml (README, 'Slack') "
                          "and put its tokens in .env, or use `guidebot chat` for the console.")
    if not http_mode and not (settings.slack_app_token and settings.slack_app_token.get_secret_value()):
        raise ConfigError("Socket Mode needs SLACK_APP_TOKEN (xapp-...); or run `guidebot serve --http`.")
    log.info("starting: loading the embedding model and the index")
    limit_torch_threads(settings.serve_torch_threads)
    engine = Engine(settings)
    engine.warm()
    app, service = build_app(settings, engine)
    service.state.erase_expired()
    from bot.slack import reminders

    reminders.start(app, service)  # one reminder a day for escalations pending too long
    lifecycle = Lifecycle(service.dispatcher, settings.shutdown_grace_seconds)
    if http_mode:
        import uvicorn

        bind_host, bind_port = host or settings.http_host, port or settings.http_port
        log.info("guidebot serving Slack over HTTP on %s:%s (/slack/events, /healthz)", bind_host, bind_port)
        config = uvicorn.Config(http_app(app, engine, lifecycle=lifecycle), host=bind_host, port=bind_port,
                                log_config=None, access_log=False, timeout_graceful_shutdown=5)
        _draining_server(config, lifecycle).run()
    else:
        _serve_socket_mode(app, settings, service, lifecycle)
    _exit_now()


def _exit_now() -> None:
    """Exit without waiting for answer threads still inside torch after the grace period.

    Their jobs keep their leases and are taken over; letting the interpreter tear down under a
    running native thread aborts the process ("terminate called without an active exception").
    """
    import os
    import sys

    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _serve_socket_mode(app: App, settings: Settings, service, lifecycle: Lifecycle) -> None:
    """Socket Mode: on a signal, disconnect first (Slack redelivers what we haven't acknowledged), then drain."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    handler = SocketModeHandler(app, settings.slack_app_token.get_secret_value())
    service.dispatcher.start()
    log.info("guidebot connecting to Slack over Socket Mode")
    handler.connect()
    while not stop.wait(1.0):
        pass
    lifecycle.draining = True
    handler.close()
    lifecycle.drain()
