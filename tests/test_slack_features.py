"""Issue 10 end to end: signed requests to the Bolt app over HTTP, Web API calls to the fake Slack.

/guidebot settings, channel modes (mentions, questions, off), thread follow-ups, private
answers with Share/Keep, feedback reasons, the report's data, reminders, reviewed answers.
"""

from __future__ import annotations

import json
import time

import pytest

from tests.fake_slack import FakeSlack
from tests.slack_helpers import (
    REVIEWERS,
    SECRET,
    TOKEN,
    InProcess,
    block_action,
    post_event,
    post_form,
    post_interaction,
)

ADMIN = "UADMIN"


@pytest.fixture(scope="module")
def fake():
    server = FakeSlack().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def stack(fake, bundled_engine, tmp_path_factory):
    from bot.settings import Settings

    data = tmp_path_factory.mktemp("features")
    settings = Settings(data_dir=data, knowledge_dir=bundled_engine.settings.knowledge_dir,
                        slack_bot_token=TOKEN, slack_signing_secret=SECRET,
                        slack_api_base_url=fake.base_url, escalation_channel=REVIEWERS, admins=f"{ADMIN},UADMIN2",
                        escalation_contact="the Social Computing team", _env_file=None)
    server = InProcess(settings, bundled_engine)
    yield server.stack
    server.stop()


@pytest.fixture(autouse=True)
def _clean(fake):
    fake.reset()
    yield


_ts = iter(range(1, 1_000_000))


def ts() -> str:
    return f"17000{next(_ts):05d}.000100"


def quiet(fake, method: str = "chat.postMessage", seconds: float = 0.8) -> None:
    """Give the app time to (wrongly) answer, then make sure it did not."""
    time.sleep(seconds)
    assert not fake.of(method), [c.params.get("text") for c in fake.of(method)]


def slash(fake, text: str, user: str = ADMIN, channel: str = "C100", command: str = "/guidebot", team: str = "T1") -> dict:
    return {"command": command, "text": text, "user_id": user, "user_name": "pat", "channel_id": channel,
            "team_id": team, "trigger_id": "trig-1", "response_url": fake.response_url("cmd")}


def mention(channel: str, text: str, user: str = "U1", thread_ts: str | None = None) -> dict:
    event = {"type": "app_mention", "channel": channel, "user": user, "text": f"<@UBOT> {text}", "ts": ts()}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def channel_msg(channel: str, text: str, user: str = "U1", thread_ts: str | None = None, stamp: str | None = None) -> dict:
    event = {"type": "message", "channel": channel, "channel_type": "channel", "user": user, "text": text,
             "ts": stamp or ts()}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def set_mode(stack, fake, channel: str, *words: str) -> str:
    response = post_form(stack, slash(fake, " ".join(words), channel=channel))
    assert response.status_code == 200
    return response.json()["text"]


# --- 2. /guidebot settings ---------------------------------------------------------------------

def test_guidebot_help_and_mode_are_private(stack, fake):
    response = post_form(stack, slash(fake, "help"))
    body = response.json()
    assert body["response_type"] == "ephemeral" and "/guidebot mode mentions" in body["text"]
    assert "/guidebot private" in body["text"] and "/guidebot reviewed" in body["text"]
    assert "*mentions*" in set_mode(stack, fake, "C101", "mode")  # the default


def test_only_admins_change_modes(stack, fake):
    response = post_form(stack, slash(fake, "mode off", user="UNOBODY", channel="C102"))
    assert "Only guidebot admins" in response.json()["text"]
    assert "*mentions*" in set_mode(stack, fake, "C102", "mode")
    assert "now *off*" in set_mode(stack, fake, "C102", "mode", "off")
    assert "*off*" in set_mode(stack, fake, "C102", "mode")


def test_bad_mode_gets_one_clear_line(stack, fake):
    text = set_mode(stack, fake, "C103", "mode", "loud")
    assert text.startswith("Unknown mode `loud`") and "\n" not in text
    assert "Unknown command `frobnicate`" in set_mode(stack, fake, "C103", "frobnicate")
    assert "apply to channels" in set_mode(stack, fake, "D103", "mode", "off")


def test_off_mode_ignores_mentions_with_a_private_note(stack, fake):
    set_mode(stack, fake, "C104", "mode", "off")
    post_event(stack, mention("C104", "can I post about politics?", user="U9"))
    note = fake.wait_for("chat.postEphemeral")[0]
    assert note.params["user"] == "U9" and "switched off in this channel" in note.params["text"]
    quiet(fake)


def test_mentions_mode_ignores_plain_questions(stack, fake):
    post_event(stack, channel_msg("C105", "Can I mention a client on LinkedIn?"))
    quiet(fake)


def test_questions_mode_answers_strong_questions_in_a_thread(stack, fake):
    set_mode(stack, fake, "C106", "mode", "questions")
    stamp = ts()
    post_event(stack, channel_msg("C106", "Can I mention a client on LinkedIn?", stamp=stamp))
    call = fake.wait_for("chat.postMessage")[0]
    assert call.params["channel"] == "C106" and call.params["thread_ts"] == stamp
    assert "Client" in json.dumps(call.params["blocks"])


@pytest.mark.parametrize("text", ["What is the guest wifi password?", "Lunch at noon, everyone", "thanks!"])
def test_questions_mode_stays_silent_without_strong_evidence(stack, fake, text):
    set_mode(stack, fake, "C107", "mode", "questions")
    post_event(stack, channel_msg("C107", text))
    quiet(fake)


def test_channel_message_with_a_mention_is_answered_once(stack, fake):
    set_mode(stack, fake, "C108", "mode", "questions")
    event = mention("C108", "Can I mention a client on LinkedIn?")
    post_event(stack, {**event, "type": "message", "channel_type": "channel"})
    post_event(stack, event)
    fake.wait_for("chat.postMessage")
    quiet(fake, "chat.postEphemeral", 0.8)
    assert len(fake.of("chat.postMessage")) == 1


def test_modes_are_per_channel(stack, fake):
    set_mode(stack, fake, "C109", "mode", "off")
    post_event(stack, mention("C110", "can I post about politics?"))
    assert fake.wait_for("chat.postMessage")[0].params["channel"] == "C110"


# --- 3. thread follow-ups ----------------------------------------------------------------------

def _answered_thread(stack, fake, channel: str, question: str) -> str:
    event = mention(channel, question)
    post_event(stack, event)
    fake.wait_for("chat.postMessage")
    fake.reset()
    return event["ts"]


def test_follow_up_in_a_channel_thread_needs_no_mention_and_uses_the_thread(stack, fake):
    from bot.slack.features_db import BotThread

    thread = _answered_thread(stack, fake, "C200", "is it OK to share photos of the office?")
    with stack["state"].session() as session:
        row = session.get(BotThread, ("T1", "C200", thread))
    assert row is not None and "photos of the office" in row.question  # kept in the database
    post_event(stack, channel_msg("C200", "what about Instagram?", thread_ts=thread))
    call = fake.wait_for("chat.postMessage")[0]
    assert call.params["thread_ts"] == thread
    logged = stack["service"].features.store
    with logged.session() as session:
        from sqlalchemy import select

        from bot.slack.features_db import QuestionLog
        last = session.scalars(select(QuestionLog).order_by(QuestionLog.id.desc())).first()
    assert last.surface == "thread" and "photos of the office" in last.text and "Instagram" in last.text


@pytest.mark.parametrize("text", ["thanks!", "ok, got it :+1:", "Thank you so much", ":pray:"])
def test_thanks_in_a_thread_gets_no_answer(stack, fake, text):
    thread = _answered_thread(stack, fake, "C201", "can I post about politics?")
    post_event(stack, channel_msg("C201", text, thread_ts=thread))
    quiet(fake)


def test_replies_in_threads_the_bot_never_answered_are_ignored(stack, fake):
    post_event(stack, channel_msg("C202", "what about Instagram?", thread_ts="1600000000.000100"))
    quiet(fake)


def test_dm_thread_follow_up_uses_context_and_thanks_is_ignored(stack, fake):
    first = {"type": "message", "channel": "D300", "channel_type": "im", "user": "U3",
             "text": "Can I mention a client on LinkedIn?", "ts": ts()}
    post_event(stack, first)
    fake.wait_for("chat.postMessage")
    fake.reset()
    post_event(stack, {**first, "text": "thanks!", "ts": ts(), "thread_ts": first["ts"]})
    quiet(fake)
    post_event(stack, {**first, "text": "and on Twitter?", "ts": ts(), "thread_ts": first["ts"]})
    call = fake.wait_for("chat.postMessage")[0]
    assert call.params["thread_ts"] == first["ts"]
    assert "Client" in json.dumps(call.params["blocks"])


def test_contextual_query_only_when_the_reply_leans_on_the_thread():
    from bot.slack.threads import contextual_query, is_acknowledgement

    first = "can I post photos of the office?"
    assert contextual_query(first, "what about Instagram?") == f"{first} what about Instagram?"
    standalone = "Is it OK to accept a gift from a supplier who wants us to recommend their software publicly?"
    assert contextual_query(first, "Should I accept tickets to a football match offered by a vendor we work with?") \
        .startswith("Should I accept")
    assert contextual_query(None, standalone) == standalone
    assert is_acknowledgement("Thanks a lot!") and is_acknowledgement("👍") and not is_acknowledgement("thanks, but can I tweet it?")


# --- 4. private answers ------------------------------------------------------------------------

def test_private_channel_answer_with_share_and_keep(stack, fake):
    assert "*on*" in set_mode(stack, fake, "C400", "private", "on")
    event = mention("C400", "can I mention a client on LinkedIn?", user="U4")
    post_event(stack, event)
    private = fake.wait_for("chat.postEphemeral")[0]
    assert private.params["user"] == "U4" and private.params["thread_ts"] == event["ts"]
    share_row = private.params["blocks"][-1]
    assert [e["action_id"] for e in share_row["elements"]] == ["share_in_thread", "keep_private"]
    assert not fake.of("chat.postMessage")
    value = share_row["elements"][0]["value"]
    post_interaction(stack, block_action(fake, "share_in_thread", value, user="U4", channel="C400"))
    shared = fake.wait_for("chat.postMessage")[0]
    assert shared.params["channel"] == "C400" and shared.params["thread_ts"] == event["ts"]
    assert fake.wait_for("response_url")[0].params.get("delete_original") in (True, "true")
    fake.reset()
    post_interaction(stack, block_action(fake, "keep_private", value, user="U4", channel="C400"))
    kept = fake.wait_for("response_url")[0].params
    assert kept["replace_original"] in (True, "true") and "share_in_thread" not in json.dumps(kept["blocks"])
    assert not fake.of("chat.postMessage")
    assert "*off*" in set_mode(stack, fake, "C400", "private", "off")


# --- 5. feedback with reasons ------------------------------------------------------------------

def test_thumbs_down_asks_why_in_one_click_plus_optional_text(stack, fake):
    from bot.slack.features_db import FeedbackVote

    post_event(stack, {"type": "message", "channel": "D500", "channel_type": "im", "user": "U5",
                       "text": "Can I mention a client on LinkedIn?", "ts": ts()})
    answer = fake.wait_for("chat.postMessage")[0]
    value = next(e["value"] for b in answer.params["blocks"] if b["type"] == "actions" for e in b["elements"]
                 if e["action_id"] == "feedback_not_helpful")
    post_interaction(stack, block_action(fake, "feedback_not_helpful", value, user="U5", channel="D500"))
    asked = fake.wait_for("response_url")[0].params
    reasons = [e for b in asked["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [e["action_id"] for e in reasons] == ["feedback_reason_wrong_passage", "feedback_reason_outdated",
                                                 "feedback_reason_not_answered", "feedback_reason_too_strict",
                                                 "feedback_reason_other"]
    fake.reset()
    post_interaction(stack, block_action(fake, "feedback_reason_outdated", reasons[1]["value"], user="U5", channel="D500"))
    noted = fake.wait_for("response_url")[0].params
    assert "noted" in noted["text"] and "outdated" in noted["text"]
    vote_id = int(reasons[1]["value"])
    with stack["state"].session() as session:
        row = session.get(FeedbackVote, vote_id)
    assert row.reason == "outdated" and row.helpful is False and "Client" in row.cited
    modal = {"type": "view_submission", "user": {"id": "U5"}, "team": {"id": "T1"},
             "view": {"type": "modal", "callback_id": "feedback_comment_modal", "private_metadata": str(vote_id),
                      "state": {"values": {"comment": {"text": {"type": "plain_text_input", "value": "Policy changed in May"}}}}}}
    assert post_interaction(stack, modal).status_code == 200
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with stack["state"].session() as session:
            if session.get(FeedbackVote, vote_id).comment:
                break
        time.sleep(0.05)
    with stack["state"].session() as session:
        assert session.get(FeedbackVote, vote_id).comment == "Policy changed in May"


def test_other_reason_opens_the_text_box(stack, fake):
    votes = stack["service"].features.store
    vote_id = votes.vote("T1", "question", False, [])
    post_interaction(stack, block_action(fake, "feedback_reason_other", str(vote_id), user="U5"))
    view = fake.wait_for("views.open")[0].params["view"]
    assert view["callback_id"] == "feedback_comment_modal" and view["blocks"][0]["optional"] is False


# --- 6 + 7. report and audit trail -------------------------------------------------------------

def escalate(stack, fake, kind: str, text: str, user: str) -> int:
    """'Ask a manager' -> modal -> submitted: the escalation id, as the requester is told."""
    post_interaction(stack, block_action(fake, "escalate_open", json.dumps({"k": kind, "q": text}), user=user))
    view = fake.wait_for("views.open")[0].params["view"]
    submission = {"type": "view_submission", "user": {"id": user}, "team": {"id": "T1"},
                  "view": {"id": "V2", "type": "modal", "callback_id": "escalate_modal",
                           "private_metadata": view["private_metadata"], "state": {"values": {}}}}
    post_interaction(stack, submission)
    confirm = fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == user
                            and "escalation #" in c.params.get("text", ""))[0]
    fake.reset()
    return int(confirm.params["text"].split("#")[1].split(".")[0])


def _report(stack):
    from bot.report import build

    with stack["service"].features.store.session() as session:
        return build(session, "T1", __import__("datetime").timedelta(days=30))


def test_report_and_audit_trail_end_to_end(stack, fake, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from bot.cli import cli
    from bot.slack.db import ERASED, Escalation
    from bot.slack.features_db import sha256

    before = _report(stack)
    for i, question in enumerate(["What is the guest wifi password?", "Where is the guest wifi?",
                                  "Can I mention a client on LinkedIn?"]):
        post_event(stack, {"type": "message", "channel": "D600", "channel_type": "im", "user": "UASKER6",
                           "text": question, "ts": f"17100000{i}0.000100"})
        fake.wait_for("chat.postMessage", count=i + 1)
    post_form(stack, slash(fake, "Our Q3 revenue is up 30%, big announcement coming!", user="UASKER6",
                           command="/canipost", channel="C600"))
    fake.wait_for("response_url")
    fake.reset()
    draft = "Our Q3 revenue is up 30%, big announcement coming!"
    first = escalate(stack, fake, "check", draft, "UASKER6")
    second = escalate(stack, fake, "question", "Can I post about the lawsuit?", "UASKER6")
    fake.members = ["UREV"]
    post_interaction(stack, block_action(fake, "review_approve", str(first), user="UREV", channel=REVIEWERS))
    fake.wait_for("chat.update")
    after = _report(stack)
    assert after["questions"] - before["questions"] == 3  # escalating re-runs the engine but is not a new question
    assert after["drafts"] - before["drafts"] == 1
    assert after["surfaces"]["command"]["drafts"] >= 1 and after["surfaces"]["dm"]["questions"] >= 3
    assert after["abstained"] - before["abstained"] == 2
    wifi = next(g for g in after["gaps"] if g["topic"] == "wifi")
    assert wifi["count"] >= 2 and "What is the guest wifi password?" in wifi["examples"]
    assert after["escalations"]["approved"] - before["escalations"]["approved"] == 1
    assert after["escalations"]["pending"] - before["escalations"]["pending"] == 1
    assert after["escalations"]["median_hours_to_decision"] is not None
    assert after["verdicts"]["escalate"] - before["verdicts"]["escalate"] >= 1
    assert "financial" in json.dumps(after["verdicts_per_category"]).lower()
    assert any(p["cited"] >= 1 for p in after["top_passages"])
    # retention erases the draft; the audit trail keeps who, when, the verdict and the hash
    with stack["state"].session() as session:
        session.get(Escalation, first).created_at -= __import__("datetime").timedelta(days=365)
        session.commit()
    stack["state"].erase_expired()
    assert stack["state"].get(first).text == ERASED
    monkeypatch.setenv("GUIDEBOT_DATABASE_URL", stack["settings"].resolved_database_url)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["report", "--since", "30d", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for key in ("questions", "drafts", "abstained", "gaps", "feedback", "escalations", "top_passages"):
        assert key in data
    assert set(data["escalations"]) >= {"pending", "approved", "needs_changes", "replied", "median_hours_to_decision"}
    assert set(data["feedback"]) >= {"helpful", "not_helpful", "reasons"}
    assert "UASKER6" not in result.output  # never who asked
    result = CliRunner().invoke(cli, ["report", "--csv", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    audit = (tmp_path / "out" / "audit.csv").read_text()
    line = next(row for row in audit.splitlines() if row.startswith(f"{first},"))
    assert "approved,UREV," in line and ",escalate," in line and sha256(draft) in line
    assert "UASKER6" not in "".join(p.read_text() for p in (tmp_path / "out").iterdir())
    assert str(second) not in [row.split(",")[0] for row in audit.splitlines()]  # not decided yet
    text = CliRunner().invoke(cli, ["report"]).output
    assert "gaps" in text and "wifi" in text
    bad = CliRunner().invoke(cli, ["report", "--since", "soon"])
    assert bad.exit_code == 2 and "--since" in bad.output and "Traceback" not in bad.output


def test_question_text_retention(tmp_path):
    from datetime import timedelta

    from sqlalchemy import create_engine

    from bot.slack.db import _now
    from bot.slack.features_db import FeatureStore, QuestionLog

    engine = create_engine(f"sqlite:///{tmp_path / 'retention.db'}")
    store = FeatureStore(engine, question_retention_days=90)
    store.log("TRET", "dm", "question", "Can I tweet about the fire drill?", True, None, [], [])
    store.log("TRET", "dm", "check", "my secret draft", False, "ok", [], [])
    assert store.erase_expired_questions(now=_now() + timedelta(days=91)) == 1
    with store.session() as session:
        rows = list(session.query(QuestionLog).filter(QuestionLog.team_id == "TRET"))
    assert [r.text for r in rows] == [None, None]  # drafts are never kept; questions go after retention
    none_kept = FeatureStore(engine, question_retention_days=0)
    none_kept.log("TRET0", "dm", "question", "Can I tweet?", False, None, [], [])
    with none_kept.session() as session:
        assert session.query(QuestionLog).filter(QuestionLog.team_id == "TRET0").one().text is None


def test_admins_see_the_report_in_app_home(stack, fake):
    post_event(stack, {"type": "app_home_opened", "user": ADMIN, "channel": "D1", "tab": "home", "event_ts": ts()})
    home = json.dumps(fake.wait_for("views.publish")[0].params["view"])
    assert "Report: last 30 days" in home and "Gaps in the guidelines" in home
    fake.reset()
    post_event(stack, {"type": "app_home_opened", "user": "UNOBODY", "channel": "D2", "tab": "home", "event_ts": ts()})
    assert "Report:" not in json.dumps(fake.wait_for("views.publish")[0].params["view"])


# --- 8. reminders ------------------------------------------------------------------------------

def test_pending_escalation_gets_one_reminder_a_day_in_its_thread(stack, fake):
    from datetime import timedelta

    from bot.slack import reminders
    from bot.slack.db import _now
    from bot.slack.oauth import client_for_team

    escalation_id = escalate(stack, fake, "question", "Can I post about the office move?", "U8")
    row = stack["state"].get(escalation_id)
    assert row.channel == REVIEWERS and row.message_ts
    store, app = stack["service"].features.store, stack["app"]

    def client_for(team):
        return client_for_team(app, stack["settings"], team)

    now = _now()

    def reminded(hours: float) -> list:
        fake.reset()
        reminders.send_reminders(store, client_for, 24, now=now + timedelta(hours=hours))
        return [c for c in fake.of("chat.postMessage") if f"#{escalation_id} has been waiting" in c.params["text"]]

    assert reminded(23) == []  # not yet
    call, = reminded(25)
    assert call.params["channel"] == REVIEWERS and call.params["thread_ts"] == row.message_ts
    assert reminded(30) == []  # once a day
    assert len(reminded(50)) == 1  # the next day
    fake.members = ["UREV"]
    post_interaction(stack, block_action(fake, "review_approve", str(escalation_id), user="UREV", channel=REVIEWERS))
    fake.wait_for("chat.update")
    assert reminded(80) == []  # decided: no more reminders


def test_failed_reminder_is_tried_again(stack, fake):
    from datetime import timedelta

    from bot.slack import reminders
    from bot.slack.db import _now

    escalation_id = escalate(stack, fake, "question", "Can I post about the new CEO?", "U8")
    store = stack["service"].features.store
    later = _now() + timedelta(hours=25)
    fake.cannot_post.add(REVIEWERS)
    assert reminders.send_reminders(store, lambda team: stack["app"].client, 24, now=later) == 0
    fake.cannot_post.clear()
    sent = reminders.send_reminders(store, lambda team: stack["app"].client, 24, now=later)
    assert sent >= 1 and any(f"#{escalation_id}" in c.params["text"] for c in fake.of("chat.postMessage"))


# --- 1. reviewed answers -----------------------------------------------------------------------

def reply_submission(escalation_id: int, text: str, tick: bool, user: str = "UREV", name: str = "jane") -> dict:
    values = {"reply": {"text": {"type": "plain_text_input", "value": text}}}
    if tick:
        values["reviewed"] = {"add": {"type": "checkboxes", "selected_options": [{"value": "add"}]}}
    return {"type": "view_submission", "user": {"id": user, "username": name}, "team": {"id": "T1"},
            "view": {"id": "V3", "type": "modal", "callback_id": "review_reply_modal",
                     "private_metadata": str(escalation_id), "state": {"values": values}}}


def _wait_reviewed(stack, count: int):
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        rows = stack["service"].features.reviewed.active("T1")
        if len(rows) >= count:
            return rows
        time.sleep(0.1)
    raise AssertionError("no reviewed answer was added")


def test_reviewed_answer_round_trip(stack, fake):
    question = "Can I share photos from the office summer party on Instagram?"
    escalation_id = escalate(stack, fake, "question", question, "U10")
    fake.members = ["UREV"]
    post_interaction(stack, block_action(fake, "review_reply", str(escalation_id), user="UREV", channel=REVIEWERS))
    view = fake.wait_for("views.open")[0].params["view"]
    assert any(b.get("block_id") == "reviewed" for b in view["blocks"])  # offered for a question
    before = len(stack["service"].features.reviewed.active("T1"))
    reply = "Yes, if everyone in the photo agreed and no customer or confidential screen is visible."
    post_interaction(stack, reply_submission(escalation_id, reply, tick=True))
    row = _wait_reviewed(stack, before + 1)[-1]
    deadline = time.monotonic() + 60
    while stack["service"].features.reviewed.best("T1", question) is None and time.monotonic() < deadline:
        time.sleep(0.2)  # indexed right after it is stored
    assert (row.question, row.answer, row.reviewer, row.escalation_id) == (question, reply, "jane", escalation_id)
    folder = stack["service"].features.reviewed.folder("T1")
    assert reply in (folder / f"reviewed-{row.id}.md").read_text()  # exported as Markdown under the data dir
    fake.reset()
    post_event(stack, {"type": "message", "channel": "D700", "channel_type": "im", "user": "U11",
                       "text": "Am I allowed to post pictures of the summer party at the office on Instagram?", "ts": ts()})
    blocks = json.dumps(fake.wait_for("chat.postMessage")[0].params["blocks"])
    cited = f"Reviewed answer (by @jane, {row.created_at:%Y-%m-%d})"
    assert cited in blocks and "everyone in the photo agreed" in blocks
    assert blocks.index("[1]") < blocks.index(cited)  # next to the guideline passages, after them
    # reviewers list and retire it; then it is no longer cited
    listing = post_form(stack, slash(fake, "reviewed", user="UREV")).json()["text"]
    assert f"#{row.id}" in listing and "summer party" in listing
    assert "Only members" in post_form(stack, slash(fake, "reviewed", user="UOUT")).json()["text"]
    exported = post_form(stack, slash(fake, "reviewed export", user="UREV")).json()["text"]
    assert "# Reviewed answers" in exported and "everyone in the photo agreed" in exported
    assert "Retired" in post_form(stack, slash(fake, f"reviewed retire {row.id}", user="UREV")).json()["text"]
    assert "no active reviewed answer" in post_form(stack, slash(fake, f"reviewed retire {row.id}", user="UREV")).json()["text"]
    fake.reset()
    post_event(stack, {"type": "message", "channel": "D700", "channel_type": "im", "user": "U11",
                       "text": "Am I allowed to post pictures of the summer party at the office on Instagram?", "ts": ts()})
    assert cited not in json.dumps(fake.wait_for("chat.postMessage")[0].params["blocks"])


def test_drafts_never_become_reviewed_answers(stack, fake):
    escalation_id = escalate(stack, fake, "check", "Our Q3 revenue is up 30%!", "U12")
    fake.members = ["UREV"]
    post_interaction(stack, block_action(fake, "review_reply", str(escalation_id), user="UREV", channel=REVIEWERS))
    view = fake.wait_for("views.open")[0].params["view"]
    assert not any(b.get("block_id") == "reviewed" for b in view["blocks"])
    before = len(stack["service"].features.reviewed.active("T1"))
    post_interaction(stack, reply_submission(escalation_id, "Wait for the earnings release.", tick=True))  # forged tick
    fake.wait_for("chat.postMessage", where=lambda c: c.params["channel"] == "U12" and "replied" in c.params.get("text", "")
                  or "Wait for the earnings" in json.dumps(c.params.get("blocks", "")))
    time.sleep(0.5)
    assert len(stack["service"].features.reviewed.active("T1")) == before


def test_eval_figures_do_not_drop_with_reviewed_answers(stack, bundled_engine):
    from bot.evaluate import evaluate, load_cases
    from tests.conftest import KNOWLEDGE

    cases = load_cases(KNOWLEDGE / "dev-cases.yaml")
    cases.drafts.clear()
    features = stack["service"].features
    for case in [c for c in cases.questions if c.expect][:4]:  # reviewed answers that match dev questions closely
        features.reviewed.add("TEVAL", case.ask, "Ask the policy team first; here is what they said last time.", "rev")

    class WithReviewed:
        def warm(self):
            bundled_engine.warm()

        def ask(self, text):
            return features.answer("TEVAL", "eval", "question", text)

        def check(self, text):
            return bundled_engine.check(text)

    plain, reviewed = evaluate(bundled_engine, cases), evaluate(WithReviewed(), cases)
    cited = sum(any(c.doc.startswith("reviewed-") for c in features.answer("TEVAL", "eval", "question", q.ask).citations)
                for q in cases.questions[:10])
    assert cited >= 1  # the reviewed answers really are cited
    for key in ("hit_at_1", "hit_at_3", "hit_at_5", "mrr_at_10", "abstain_recall"):
        assert reviewed[key] >= plain[key], key
    assert reviewed["false_abstain"] <= plain["false_abstain"]


def test_feature_surfaces_are_recorded_as_jobs_before_they_are_answered(stack, fake):
    """slack-core's rule holds for the issue-10 listeners too: accepted work is a job, marked done once delivered."""
    from sqlalchemy import select

    from bot.slack.db import Job

    set_mode(stack, fake, "C900", "mode", "questions")
    stamp = ts()
    post_event(stack, channel_msg("C900", "Can I mention a client on LinkedIn?", stamp=stamp))
    fake.wait_for("chat.postMessage")
    post_event(stack, channel_msg("C900", "what about on Twitter?", thread_ts=stamp))
    fake.wait_for("chat.postMessage", count=2)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with stack["state"].session() as session:
            rows = {r.task: r for r in session.scalars(select(Job).where(Job.task.in_(
                ["channel_question", "thread_follow_up"])))}
        if len(rows) == 2 and all(r.status == "done" for r in rows.values()):
            break
        time.sleep(0.1)
    assert sorted(rows) == ["channel_question", "thread_follow_up"]
    assert all(r.status == "done" and r.payload is None for r in rows.values())  # body erased once delivered
    answers = fake.of("chat.postMessage")
    assert all((c.params.get("metadata") or {}).get("event_type") == "guidebot_answer" for c in answers)
