"""Answers and verdicts on the bundled guidelines, and every kind of bad input."""

from __future__ import annotations

import json

import pytest


def test_answer_cites_the_right_passage(bundled_engine):
    answer = bundled_engine.ask("Can I mention a client on LinkedIn?")
    assert not answer.abstained
    sections = [c.section for c in answer.citations[:3]]
    assert any("Clients, partners and suppliers" in s for s in sections)
    assert answer.lead and all(sentence in " ".join(c.text for c in answer.citations) for sentence, _ in answer.lead)
    assert answer.escalate  # naming clients is a risky area


def test_citations_are_distinct_sections(bundled_engine):
    answer = bundled_engine.ask("What happens if I leak confidential information?")
    keys = [(c.doc, c.section) for c in answer.citations]
    assert len(keys) == len(set(keys))


def test_unanswerable_question_abstains(bundled_engine):
    answer = bundled_engine.ask("What is the guest wifi password?")
    assert answer.abstained and answer.escalate and not answer.citations
    assert "couldn't find anything" in answer.answer


@pytest.mark.parametrize("draft,verdict,category", [
    ("Our Q3 revenue is up 30%, big announcement coming!", "escalate", "financial"),
    ("the staging password is Hunter2024! and key AKIAIOSFODNN7EXAMPLE", "escalate", "secrets"),
    ("Honestly, DataCorp's product is garbage.", "caution", "disparaging"),
    ("Spent the weekend hiking with my kids. Best views ever!", "ok", None),
])
def test_check_verdicts(bundled_engine, draft, verdict, category):
    answer = bundled_engine.check(draft)
    assert answer.verdict == verdict
    if category:
        assert category in [f.category for f in answer.findings]
        assert answer.citations
    else:
        assert not answer.findings


def test_secrets_are_masked_in_findings(bundled_engine):
    answer = bundled_engine.check("the staging password is Hunter2024! and key AKIAIOSFODNN7EXAMPLE")
    dumped = json.dumps(answer.to_json())
    assert "Hunter2024" not in dumped and "AKIAIOSFODNN7EXAMPLE" not in dumped


def test_paraphrase_caught_by_examples(bundled_engine):
    answer = bundled_engine.check("Sales this quarter totally blew past what the street expected.")
    assert answer.verdict == "escalate"
    assert any(f.category == "financial" for f in answer.findings)


def test_official_reshare_is_ok(bundled_engine):
    answer = bundled_engine.check("Proud to share our official press release: https://example.test/news")
    assert answer.verdict == "ok"


@pytest.mark.parametrize("kind", ["ask", "check"])
@pytest.mark.parametrize("text", ["", "   \n\t ", "\x00\x01\x02", "🙂🙂🙂"])
def test_empty_or_wordless_input_gets_a_clear_reply(bundled_engine, kind, text):
    answer = getattr(bundled_engine, kind)(text)
    assert answer.error and answer.answer
    assert not answer.citations


def test_huge_input_is_shortened_and_said(bundled_engine):
    draft = ("I love my job. " * 4000) + "Our Q3 revenue is up 30%."
    assert len(draft) > 60_000
    answer = bundled_engine.check(draft)
    assert answer.notes and "60,0" in answer.notes[0]
    question = bundled_engine.ask("Can I name a client? " * 3000)
    assert question.notes and not question.error


def test_slack_markup_and_control_characters(bundled_engine):
    answer = bundled_engine.check("<!channel> <@U123ABC> our <https://x.test|unreleased pricing> is \u200b\x07attached")
    assert answer.verdict == "escalate"
    assert "<!channel>" not in answer.query and "\x07" not in answer.query
    assert "unreleased pricing" in answer.query


def test_odd_unicode_is_normalised(bundled_engine):
    answer = bundled_engine.ask("Ｃａｎ Ｉ ｍｅｎｔｉｏｎ ａ ｃｌｉｅｎｔ ｏｎ ＬｉｎｋｅｄＩｎ？")  # full-width
    assert not answer.abstained
    assert any("Clients" in c.section for c in answer.citations[:3])


def test_json_shape_matches_contract(bundled_engine):
    data = bundled_engine.check("Our Q3 revenue is up 30%").to_json()
    for key in ("abstained", "verdict", "escalate", "answer", "findings", "citations"):
        assert key in data
    assert set(data["findings"][0]) >= {"category", "excerpt", "message"}
    assert set(data["citations"][0]) >= {"doc", "title", "section", "text", "url", "score"}
    question = bundled_engine.ask("Can I share a press release?").to_json()
    assert question["verdict"] is None and question["findings"] == []


def test_citation_shows_whole_section_without_overlap(settings, embeddings, tmp_path):
    from bot.engine import Engine
    from ingest.pipeline import Ingestor

    sentences = [f"Rule {i}: staff must file form {i} before sharing any dataset number {i}." for i in range(25)]
    (tmp_path / "data.md").write_text("# Data Policy\n\n## Sharing datasets\n\n" + " ".join(sentences) + "\n")
    Ingestor(settings, embeddings).run([tmp_path / "data.md"])
    engine = Engine(settings, embeddings=embeddings)
    view = engine.handle.view()
    assert len(view) > 1  # the section was split
    answer = engine.ask("Which form do I file before sharing dataset number 17?")
    text = answer.citations[0].text
    assert all(s in text for s in sentences)  # whole section...
    assert text.count(sentences[11]) == 1  # ...with the overlap removed


def test_everyday_workplace_question_abstains(bundled_engine):
    """Closer to an everyday task than to any guideline passage: the guidelines don't cover it."""
    answer = bundled_engine.ask("How do I book a desk in the office for tomorrow?")
    assert answer.abstained and not answer.citations


def test_bad_offtopic_file_is_a_config_error(tmp_path):
    from bot.offtopic import load_examples
    from ingest.errors import ConfigError

    path = tmp_path / "offtopic.yaml"
    path.write_text("examples: just a string\n")
    with pytest.raises(ConfigError, match="GUIDEBOT_OFFTOPIC_FILE"):
        load_examples(path)
