"""What a new user found trying guidebot on wild19's company guidelines (sixteenth session), each fixed: a password
with words before "is" went unseen and was shown in clear, a secret masked in one finding was quoted in the next,
a misspelt setting in .env said nothing, an unreachable database printed a traceback, an answer's citations were
not in the order of their scores, a conference talk's audience size read as a client deal, and an airline written
"Air Lines" was no organisation."""

from __future__ import annotations

import pytest

from bot.answer import Finding
from bot.secret_masking import mask_findings, secret_values
from bot.signals.entities import find_entities
from bot.signals.features import MONEY
from ingest.errors import ConfigError
from tests.test_cli import run


@pytest.mark.parametrize("post", [
    "The admin password for the dashboard is Hunter2!2024",
    "Team, the admin password for the bot dashboard is Hunter2!2024, use it to log in.",
])
def test_a_password_with_words_before_is_is_escalated_and_never_shown(bundled_engine, post):
    answer = bundled_engine.check(post, safer=False)
    assert answer.verdict == "escalate"
    assert any(f.category == "secrets" for f in answer.findings)
    assert not any("Hunter2!2024" in f.excerpt for f in answer.findings)


@pytest.mark.parametrize("post", ["The password policy for new accounts is strict.", "Password reset for staff is 2FA-enabled now."])
def test_words_after_a_password_rule_are_no_password(bundled_engine, post):
    assert not [f for f in bundled_engine.check(post, safer=False).findings if f.category == "secrets"]


def test_every_finding_quoting_a_secret_masks_it(bundled_engine):
    answer = bundled_engine.check("password is Hunter2Secret", safer=False)
    assert len(answer.findings) >= 1
    assert all("Hunter2Secret" not in f.excerpt for f in answer.findings)


def test_a_finding_from_any_source_is_masked():
    text = "Deploy note: the admin password for staging is Bluefin-77x! Ping me if it fails."
    other = Finding(category="scorer", label="Looks like posts that needed review", severity="caution",
                    excerpt=text, source="scorer", message="learned score 0.9")
    masked = mask_findings([other], secret_values(text))
    assert "Bluefin-77x!" not in masked[0].excerpt and "Bl" in masked[0].excerpt


def test_a_misspelt_setting_in_dot_env_is_named(tmp_path):
    (tmp_path / ".env").write_text("GUIDEBOT_ESCALATON_CHANNEL=C123\n")
    result = run(["config"], tmp_path)
    assert "GUIDEBOT_ESCALATON_CHANNEL (did you mean GUIDEBOT_ESCALATION_CHANNEL?)" in result.stderr


def test_an_unreachable_database_is_one_line_with_its_password_hidden(tmp_path):
    from bot.slack.db import StateStore

    with pytest.raises(ConfigError, match=r"gb:\*\*\*@127\.0\.0\.1:1/gb") as err:
        StateStore("postgresql+psycopg://gb:s3cretpw@127.0.0.1:1/gb")
    assert "s3cretpw" not in str(err.value)
    result = run(["report"], tmp_path, env={"GUIDEBOT_DATABASE_URL": "sqlite:////proc/no-such-dir/state.db"})
    assert result.returncode == 2
    assert "cannot open the state database" in result.stderr and "Traceback" not in result.stderr


def test_an_answers_citations_never_rise_in_score(bundled_engine):
    for question in ("Can I mention a client on LinkedIn?", "Who approves a press statement?",
                     "What do I do if a journalist calls me?", "Can I post photos from the office party?"):
        citations = bundled_engine.ask(question).citations
        scores = [c.score for c in citations]
        assert scores == sorted(scores, reverse=True), question
        assert all(c.similarity is not None for c in citations)
        assert set(citations[0].to_json()) >= {"doc", "title", "section", "text", "url", "score", "similarity"}


@pytest.mark.parametrize(("text", "money"), [
    ("we scaled our bot to 2 million servers", []), ("10 thousand users signed up", []),
    ("a 2 million deal", ["2 million"]), ("2 million dollars", ["2 million"]), ("2 million in sales", ["2 million"]),
])
def test_a_count_of_things_is_not_money(text, money):
    assert [m.group(0) for m in MONEY.finditer(text)] == money


def test_a_conference_talk_with_an_audience_size_is_not_a_client_deal(bundled_engine):
    post = "Excited to speak at DevConf next month about how we scaled our chat bot to 2 million servers."
    assert not [f for f in bundled_engine.check(post, safer=False).findings if f.category == "clients"]


def test_an_airline_written_air_lines_is_an_organisation():
    text = "Huge thanks to Delta Air Lines for renewing their contract this quarter!"
    assert [text[a:b] for a, b in find_entities(text).orgs] == ["Delta Air Lines"]


def test_an_index_path_that_is_a_file_is_a_usage_error(tmp_path):
    not_an_index = tmp_path / "cases.yaml"
    not_an_index.write_text("questions: []\n")
    result = run(["ask", "Can I post this?", "--index", str(not_an_index)], tmp_path)
    assert result.returncode == 2
    assert "is a file, not an index folder" in result.stderr and "Traceback" not in result.stderr


def test_a_mistyped_chat_command_is_named_not_asked():
    from io import StringIO

    from rich.console import Console

    from bot.console import chat

    out = StringIO()

    class NoEngine:  # a typo must not reach the engine at all
        def ask(self, text):
            raise AssertionError(text)

        check = ask

    assert chat(NoEngine(), Console(file=out, width=200), ["/chek my draft", "/quit"], interactive=False) == 0
    assert "Unknown command /chek. Did you mean /check?" in out.getvalue()


def test_eval_names_an_expected_document_that_is_not_indexed():
    from bot.evaluate import Cases, Expect, QuestionCase, unknown_documents

    cases = Cases()
    cases.questions.append(QuestionCase("q1", "Can I?", (Expect("kiwi-brand.md", "logo"), Expect("brand.md", "logo"))))
    assert unknown_documents(cases, {"brand.md", "social.md"}) == [
        ("case 'q1'", "expects document 'kiwi-brand.md', which is not among the 2 indexed documents "
                      "(expect 'doc' is the file name)")]


def test_a_short_draft_with_a_password_is_not_called_another_language(bundled_engine):
    found = bundled_engine.check("password is Hunter2Secret", safer=False).findings
    assert not [f for f in found if f.category == "unjudgeable"]
