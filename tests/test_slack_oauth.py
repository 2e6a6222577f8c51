"""Many workspaces: Slack's OAuth install flow against the fake Web API (oauth.v2.access), per-workspace
tokens (with rotation), and nothing crossing between workspaces."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from tests.fake_slack import FakeSlack
from tests.slack_helpers import InProcess, post_form, post_json

SECRET = "oauth-signing-secret-0123456789"
CLIENT_ID = "111.222"
CLIENT_SECRET = "oauth-client-secret-abcdef"


class InstallingSlack(FakeSlack):
    """The fake Web API, plus oauth.v2.access (install and refresh) and auth.test per token."""

    def __init__(self) -> None:
        super().__init__()
        self.rotations = 0

    def _token(self) -> str:
        with self.lock:
            headers = self.calls[-1].headers if self.calls else {}
        return (headers.get("Authorization") or "").removeprefix("Bearer ")

    def _answer(self, method: str, params: dict) -> dict:
        if method == "oauth.v2.access":
            if params.get("grant_type") == "refresh_token":
                self.rotations += 1
                team = params["refresh_token"].split("-")[1]
                return {"ok": True, "token_type": "bot", "access_token": f"xoxb-{team}-rotated{self.rotations}",
                        "refresh_token": f"xoxe-{team}-r{self.rotations}", "expires_in": 43200,
                        "team": {"id": team}, "enterprise": None, "is_enterprise_install": False}
            team = params["code"].removeprefix("code-")
            return {"ok": True, "app_id": "A1", "token_type": "bot", "access_token": f"xoxb-{team}-first",
                    "scope": "chat:write,commands", "bot_user_id": f"UBOT{team}", "team": {"id": team, "name": team},
                    "enterprise": None, "is_enterprise_install": False, "authed_user": {"id": f"UINST{team}"},
                    "refresh_token": f"xoxe-{team}-r0", "expires_in": 60 if team == "TROT" else 43200}
        if method == "auth.test":
            token = self._token()
            team = token.split("-")[1] if token.count("-") >= 2 else "T1"
            return {"ok": True, "user_id": f"UBOT{team}", "bot_id": f"B{team}", "team_id": team, "user": "guidebot"}
        return super()._answer(method, params)


@pytest.fixture(scope="module")
def fake():
    server = InstallingSlack().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def stack(fake, bundled_engine, tmp_path_factory):
    from bot.settings import Settings

    data = tmp_path_factory.mktemp("oauth")
    settings = Settings(data_dir=data, knowledge_dir=bundled_engine.settings.knowledge_dir, slack_signing_secret=SECRET,
                        slack_client_id=CLIENT_ID, slack_client_secret=CLIENT_SECRET, slack_api_base_url=fake.base_url,
                        _env_file=None)
    assert settings.oauth_configured and not settings.slack_configured
    server = InProcess(settings, bundled_engine)
    yield server.stack
    server.stop()


def install(stack, team: str) -> httpx.Response:
    """/slack/install -> Slack's authorize page -> back to /slack/oauth_redirect with a code and the state."""
    with httpx.Client(base_url=stack["url"], follow_redirects=False, timeout=30) as browser:
        start = browser.get("/slack/install")
        assert start.status_code == 302
        target = urlparse(start.headers["location"])
        query = parse_qs(target.query)
        assert target.netloc == "slack.com" and query["client_id"] == [CLIENT_ID] and "chat:write" in query["scope"][0]
        cookie = start.headers["set-cookie"].split(";")[0]  # Secure cookie: the browser sends it back over https
        return browser.get("/slack/oauth_redirect", params={"code": f"code-{team}", "state": query["state"][0]},
                           headers={"Cookie": cookie})


def event(team: str, event: dict) -> httpx.Response:
    payload = {"type": "event_callback", "team_id": team, "api_app_id": "A1", "event": event,
               "event_id": f"Ev{time.time_ns()}", "event_time": int(time.time()),
               "authorizations": [{"user_id": f"UBOT{team}", "is_bot": True, "team_id": team}]}
    return payload


def post(stack, payload: dict) -> httpx.Response:
    return post_json(stack, payload, secret=SECRET)


def slash(team: str, text: str, channel: str = "C1", user: str = "U1") -> dict:
    return {"command": "/guidebot", "text": text, "user_id": user, "channel_id": channel, "team_id": team,
            "trigger_id": "t", "response_url": "http://127.0.0.1:9/none"}


def signed_form(stack, form: dict) -> httpx.Response:
    return post_form(stack, form, secret=SECRET)


def test_install_flow_stores_each_workspace_and_answers_with_its_token(stack, fake):
    fake.reset()
    for team in ("TA", "TB"):
        done = install(stack, team)
        assert done.status_code == 200, done.text
    exchanges = fake.of("oauth.v2.access")
    assert [c.params["code"] for c in exchanges] == ["code-TA", "code-TB"]
    assert all(c.params.get("client_id") == CLIENT_ID or "Authorization" in c.headers for c in exchanges)
    fake.reset()
    post(stack, event("TB", {"type": "app_mention", "channel": "C1", "user": "U1", "ts": "1700000001.000100",
                             "text": "<@UBOTTB> can I mention a client on LinkedIn?"}))
    answer = fake.wait_for("chat.postMessage")[0]
    assert answer.headers["Authorization"] == "Bearer xoxb-TB-first" and answer.params["channel"] == "C1"


def test_a_forged_state_is_refused(stack, fake):
    with httpx.Client(base_url=stack["url"], timeout=30) as browser:
        response = browser.get("/slack/oauth_redirect", params={"code": "code-TX", "state": "forged"})
    assert response.status_code in (400, 403) or "error" in response.text.lower()
    assert not [c for c in fake.of("oauth.v2.access") if c.params.get("code") == "code-TX"]


def test_nothing_crosses_between_workspaces(stack, fake):
    for team in ("TA", "TB"):
        if not stack["app"].oauth_flow.settings.installation_store.find_installation(enterprise_id=None, team_id=team):
            assert install(stack, team).status_code == 200
    # the same channel id in two workspaces: switched off in one only
    assert "now *off*" in signed_form(stack, slash("TA", "mode off")).json()["text"]
    assert "*mentions*" in signed_form(stack, slash("TB", "mode")).json()["text"]
    assert "*off*" in signed_form(stack, slash("TA", "mode")).json()["text"]
    signed_form(stack, slash("TA", "reviewers <#CREVA|policy>"))
    assert "<#CREVA>" in signed_form(stack, slash("TA", "reviewers")).json()["text"]
    assert "No reviewers' channel" in signed_form(stack, slash("TB", "reviewers")).json()["text"]
    # the report of one workspace doesn't count the other's questions
    fake.reset()
    post(stack, event("TB", {"type": "message", "channel": "D1", "channel_type": "im", "user": "U1",
                             "ts": "1700000002.000100", "text": "What is the guest wifi password?"}))
    fake.wait_for("chat.postMessage")
    from datetime import timedelta

    from bot.report import build

    with stack["service"].features.store.session() as session:
        a, b = build(session, "TA", timedelta(days=1)), build(session, "TB", timedelta(days=1))
    assert b["abstained"] >= 1 and a["abstained"] == 0
    # reviewed answers of one workspace are not cited in the other
    reviewed = stack["service"].features.reviewed
    reviewed.add("TA", "What is the guest wifi password for visitors?", "Ask reception; never post it.", "ann")
    assert reviewed.best("TA", "guest wifi password for visitors?") is not None
    assert reviewed.best("TB", "guest wifi password for visitors?") is None


def test_expiring_token_is_rotated(stack, fake):
    assert install(stack, "TROT").status_code == 200  # expires in 60 s: within the refresh window
    fake.reset()
    post(stack, event("TROT", {"type": "app_mention", "channel": "C9", "user": "U1", "ts": "1700000003.000100",
                               "text": "<@UBOTTROT> can I mention a client on LinkedIn?"}))
    answer = fake.wait_for("chat.postMessage")[0]
    refresh = [c for c in fake.of("oauth.v2.access") if c.params.get("grant_type") == "refresh_token"]
    assert refresh and refresh[0].params["refresh_token"] == "xoxe-TROT-r0"
    assert answer.headers["Authorization"].startswith("Bearer xoxb-TROT-rotated")
    installed = stack["app"].oauth_flow.settings.installation_store.find_installation(enterprise_id=None, team_id="TROT")
    assert installed.bot_token.startswith("xoxb-TROT-rotated")  # saved for the next request


def test_secrets_stay_out_of_the_install_pages(stack):
    with httpx.Client(base_url=stack["url"], follow_redirects=False, timeout=30) as browser:
        start = browser.get("/slack/install")
    assert CLIENT_SECRET not in start.text and CLIENT_SECRET not in start.headers.get("location", "")
