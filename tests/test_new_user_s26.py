"""What a new user found trying guidebot on real documents (fifteenth session), each fixed: a word split by
zero-width spaces, a long draft only partly read yet called fine, an AI-written piece that went unflagged, settings shown masked for no reason or misspelt without a word, and an ingest of
nothing that claimed an index."""

from __future__ import annotations

import pytest

from bot.textinput import clean
from tests.test_cli import run


def test_invisible_characters_inside_a_word_are_removed_not_made_spaces():
    assert clean("Em\u200bbar\u200bgoed until Mon\u00adday \u200fnow", 4000).text == "Embargoed until Monday now"


def test_a_word_split_by_zero_width_spaces_is_still_read(bundled_engine):
    post = "Em\u200bbar\u200bgoed until Monday, but sharing early: our new product launches next week!"
    assert bundled_engine.check(post, safer=False).verdict == "escalate"


def test_a_draft_cut_short_is_never_ok(bundled_engine):
    post = "Lovely walk by the river this morning, the herons were out. " * 120
    answer = bundled_engine.check(post, safer=False)
    assert answer.verdict != "ok"
    assert any(f.category == "unjudgeable" and "not read" in f.message for f in answer.findings)


def test_a_short_harmless_draft_is_still_ok(bundled_engine):
    assert bundled_engine.check("Lovely walk by the river this morning.", safer=False).verdict == "ok"


@pytest.mark.parametrize("post", [
    "I wrote the whole methods chapter with ChatGPT, handing it in tomorrow 🎉",
    "Drafted the entire grant report using Claude over lunch.",
])
def test_a_whole_piece_written_with_an_ai_tool_is_a_caution(bundled_engine, post):
    found = bundled_engine.check(post, safer=False).findings
    assert any(f.category == "copyright" and "signals" in f.source and f.severity == "caution" for f in found)


def test_config_masks_secrets_and_passwords_only_and_names_a_misspelt_setting(tmp_path):
    env = {"SLACK_BOT_TOKEN": "xoxb-not-shown-123", "GUIDEBOT_DATABASE_URL": "postgresql://gb:hunter2@db/gb",
           "GUIDEBOT_ABSTAIN_THRESHHOLD": "0.9"}
    result = run(["config"], tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "xoxb-not-shown-123" not in result.stdout + result.stderr and "hunter2" not in result.stdout
    assert "slack_bot_token = ********" in result.stdout
    assert "database_url = postgresql://gb:********@db/gb" in result.stdout
    assert "chunk_tokens = 200" in result.stdout
    assert "GUIDEBOT_ABSTAIN_THRESHHOLD (did you mean GUIDEBOT_ABSTAIN_THRESHOLD?)" in result.stderr


@pytest.mark.parametrize("target", ["missing-folder", "empty-folder"])
def test_ingesting_nothing_readable_builds_no_index_and_says_so(tmp_path, target):
    (tmp_path / "empty-folder").mkdir()
    result = run(["ingest", str(tmp_path / target), "--index", str(tmp_path / "idx"), "--quiet"], tmp_path)
    assert result.returncode == 2
    assert "no index was built" in result.stdout and "nothing to index" in result.stderr
    assert "Traceback" not in result.stderr
