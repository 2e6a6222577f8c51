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


# -- same answer every time ------------------------------------------------------------------------
DETERMINISM_QUESTIONS = ("A journalist emailed me for a comment on our pricing. What do I do?",
                         "Can I post photos from the office party?")


def test_same_question_same_answer_in_one_process(bundled_engine):
    for question in DETERMINISM_QUESTIONS:
        first = bundled_engine.ask(question).to_json()
        bundled_engine.embeddings._cache.clear()  # embed again, as a restarted process would
        second = bundled_engine.ask(question).to_json()
        assert first == second


def test_same_question_same_answer_across_processes(bundled_engine):
    """A fresh process on the same index prints the same JSON as this process (one cold start: slow)."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    question = DETERMINISM_QUESTIONS[0]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GUIDEBOT_", "SLACK_", "CHROMA_"))}
    env |= {"GUIDEBOT_DATA_DIR": str(bundled_engine.settings.data_dir), "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    output = subprocess.run([sys.executable, "-m", "bot.cli", "ask", "--json", question], env=env, cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout
    assert json.loads(output) == bundled_engine.ask(question).to_json()


# -- the rule first ----------------------------------------------------------------------------------
def _engine_over(settings, embeddings, folder, files: dict[str, str]):
    from bot.engine import Engine
    from ingest.pipeline import Ingestor

    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text)
    report = Ingestor(settings, embeddings).run([folder])
    assert report.ok, report.failures
    return Engine(settings, embeddings=embeddings)


FAQ = """# Media FAQ

## Journalists

Can I answer a journalist who asks me about our products? No. Do not reply to the journalist yourself;
refer the request to the Press Office, who speak for the company. Journalists often call
staff directly, especially after a product launch.

## Events

Can I post photos from a company event? Yes, if everyone in the photo agreed to be shown.
Tag the event's official account.
"""


def test_lead_quotes_the_rule_not_the_faq_question(settings, embeddings, tmp_path):
    engine = _engine_over(settings, embeddings, tmp_path / "faq", {"faq.md": FAQ})
    answer = engine.ask("A journalist asked me about our products, can I answer?")
    assert not answer.abstained
    assert "Journalists" in answer.citations[0].section
    lead = answer.lead[0][0]
    assert not lead.rstrip().endswith("?")
    assert "refer the request to the Press Office" in lead


def test_rule_cues():
    from bot.rulecues import is_directive, is_example, is_question, sentence_prior

    assert is_directive("Do not reply to the journalist yourself; refer the request to the Press Office.")
    assert is_directive("Employees must disclose their affiliation.")
    assert is_directive("- Never share customer data.")
    assert not is_directive("Journalists often call staff directly after a launch.")
    assert is_question("**Q: Can I post photos from a company event?**")
    assert not is_directive("Can I post photos from a company event?")
    assert is_example("For example, an employee who tweets a draft price list breaks this rule.")
    assert is_example("An employee tweets a draft price list.", heading="Examples")
    assert sentence_prior("Always ask first.") > sentence_prior("The press is interested in us.") > \
        sentence_prior("Can I talk to the press?")


def test_long_section_can_be_cited_twice(settings, embeddings, tmp_path):
    """Two passages of one long section both apply: both are cited, as different passages."""
    filler = " ".join(f"Background note {i} about the history of the programme and its many past editions." for i in range(30))
    text = ("# Conduct\n\n## Working with the media\n\n"
            "Refer every request from a journalist to the Press Office before you reply. " + filler + " "
            "Never comment on a competitor's pricing to a journalist, even off the record.\n\n"
            "## Travel\n\nBook travel through the portal.\n")
    engine = _engine_over(settings, embeddings, tmp_path / "media", {"conduct.md": text})
    answer = engine.ask("A journalist wants my comment on a competitor's pricing, what do I do?")
    media = [c for c in answer.citations if "Working with the media" in c.section]
    assert len(media) == 2 and media[0].text != media[1].text


# -- whom to ask ------------------------------------------------------------------------------------
def test_no_default_contact_is_invented(settings):
    from bot.settings import Settings

    assert Settings(_env_file=None).escalation_contact is None
    assert "Social Computing" not in _env_example().read_text()


def _env_example():
    from tests.conftest import ROOT

    return ROOT / ".env.example"


def test_contact_comes_from_the_documents(settings, embeddings, tmp_path):
    engine = _engine_over(settings, embeddings, tmp_path / "faq", {"faq.md": FAQ})
    answer = engine.ask("A journalist asked me about our products, can I answer?")
    assert engine.escalation_contact() == "your manager or the Press Office"
    off = engine.ask("What is the guest wifi password?")
    assert off.abstained and "the Press Office" in off.answer
    assert "Social Computing" not in answer.answer + off.answer


def test_contact_neutral_when_documents_name_none(settings, embeddings, tmp_path):
    engine = _engine_over(settings, embeddings, tmp_path / "plain",
                          {"p.md": "# Posting\n\n## Photos\n\nOnly post photos of people who agreed to it.\n"})
    assert engine.escalation_contact() == "your manager or the team that owns these guidelines"


def test_configured_contact_wins(settings, embeddings, tmp_path):
    settings = settings.model_copy(update={"escalation_contact": "the Ethics Desk (#ethics)"})
    engine = _engine_over(settings, embeddings, tmp_path / "faq", {"faq.md": FAQ})
    assert engine.escalation_contact() == "the Ethics Desk (#ethics)"
    assert "the Ethics Desk (#ethics)" in engine.ask("What is the guest wifi password?").answer


def test_contacts_found_in_handoff_sentences():
    from bot.contact import named_contact

    assert named_contact(["If in doubt, contact the Corporate Communications team at press@acme.example."]) == \
        "the Corporate Communications team (press@acme.example)"
    assert named_contact(["Please run it by Legal before you accept."]) == "Legal"
    assert named_contact(["Contact Us\npress@acme.example"]) == "press@acme.example"
    assert named_contact(["The team was founded in 2001.", "Discuss the issue with the group."]) is None


# rules.yaml's readings of a matter that is not the company's: `elsewhere` (another industry, a private place,
# "our house"), `generic` (an incident in general or another organisation's), `fiction` (a story, a title),
# `mention` (the word mentioned, not used), and the same readings in the signals. Each row names the draft it
# came from; the table below it holds what must still escalate.
@pytest.mark.parametrize("post,categories", [
    ("Layoffs across tech are hitting a lot of friends this year. My DMs are open for CV reviews.",
     ("confidential", "incidents_legal")),  # train b-0244
    ("read a long thread about the layoffs in the games industry. solidarity to everyone job hunting.",
     ("confidential", "incidents_legal")),  # author G
    ("Update on the leak under my kitchen sink: it was the compression nut, not the trap.",
     ("confidential", "incidents_legal")),  # author G
    ("Best advice for new support folks: write the reply you'd want to receive at 2am during an outage.",
     ("incidents_legal",)),  # train-h h-0080
    ("Hearing a lot of takes about the Quantiva outage today.", ("incidents_legal",)),  # train-h h-0281
    ("4 stars. A thriller about a leaked confidential memo at a pharma company. The middle drags but the end is wild.",
     ("confidential", "incidents_legal")),  # train-f f-0006
    ('Reminder for the book club: we\'re reading "The Confidential Agent" by Graham Greene this month.',
     ("confidential",)),  # train-f f-0040
    ('the "confidential" folder on my desktop contains 30 memes and my tax return', ("confidential",)),  # f-0342
    ("Reading 'Kitchen Confidential' for the third time. Bourdain's writing still hits.", ("confidential",)),  # h-0007
    ("Just finished The Confidential Agent by Graham Greene. So bleak and so good.", ("confidential",)),  # g-0002
    ("Interns, a tip: nobody expects you to know everything. Everybody expects you to ask.", ("confidential",)),
    ("Merger news in our house: the cat and the new puppy are finally sharing a bed", ("financial",)),  # cd d-0285
    ('haha yes the "quarterly results" in our house are just who ate the most biscuits', ("financial",)),  # c-0088
])
def test_a_matter_that_is_not_the_companys_is_not_flagged_as_one(bundled_engine, post, categories):
    answer = bundled_engine.check(post)
    assert not [f for f in answer.findings if f.category in categories], answer.findings


@pytest.mark.parametrize("post", [
    "200 layoffs at Brightwater next month, same as across the industry.",
    "We are cutting 200 jobs in January, like everyone in the tech industry.",
    "An outage took down checkout for 3 hours last night, customers are furious",
    "We had an outage during the launch and lost some orders.",
    "Internally we know the billing job double-counted usage in October but nobody's been told yet.",
    "nobody outside the team knows we are closing the Leeds office",
    "The confidential Brightwater roadmap deck is in my drive, movie night is at 8",
    # 'results are out' read as an official release excused this one whatever followed (found while widening
    # `elsewhere`, not in any draft set): out next week is ahead
    "Our quarterly results are out next week and they look huge",
    # critical misses of the training drafts (train-e e-0129, e-0265, train-f f-0186)
    "Even though I retired last year, my old team tells me the Manchester office is closing. Shame.",
    "Slides from my talk at the client summit (logos of all 12 customers we work with on slide 4)",
    "Open-sourcing our internal Brightwater scoring module because I think it's neat.",
])
def test_the_companys_own_matter_still_escalates(bundled_engine, post):
    assert bundled_engine.check(post).verdict == "escalate"


@pytest.mark.parametrize("post", [
    "Our quarterly results are out! Official release: https://investors.brightwater.example/q3",
    # the duty hit the sentence after "results are out" (train-h h-0175): an official release is read over the
    # hit sentence's neighbours too
    "Brightwater's FY2025 results are out. Full release from Investor Relations: "
    "https://investors.brightwater.example/results/fy2025",
    "Our office is closing early on Friday for the Christmas party",  # a timetable, not a closure
    "4 stars. A thriller about a leaked confidential memo at a pharma company. The middle drags but the end is wild.",
    'Reminder for the book club: we\'re reading "The Confidential Agent" by Graham Greene this month.',
    "Merger news in our house: the cat and the new puppy are finally sharing a bed",
])
def test_ordinary_posts_near_those_readings_are_ok(bundled_engine, post):
    answer = bundled_engine.check(post)
    assert answer.verdict == "ok", answer.findings
