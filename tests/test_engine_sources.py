"""engine.check: one verdict from every source, each finding with its excerpt, reason and passage.

The issue's drafts (issue 8) through the whole engine on the bundled guidelines; a new company's
guidelines whose own prohibitions drive the verdict without a rules-file edit; text the checker
cannot read is never ok; an ok names what it was checked against; a further source can be added.
"""

from __future__ import annotations

import pytest

from bot.answer import Finding

ISSUE_ESCALATE = [
    "Just closed the Halvorsen Logistics deal, 2M ARR, announcement next week!",
    "Hi @Jordan at Acme, just so you know your contract renewal will cost 15% more next year.",
    "For anyone testing the demo tenant: ops-admin / Blu3Harbor!",
    "[image: my monitor with the internal sales dashboard open] Busy Monday!",
    "Our churn doubled this quarter and management is asleep at the wheel.",
    "Next year we will double revenue, you heard it here first.",
    "Speaking for the whole company here: we stand behind every release.",
    "Get well soon to my colleague Dana, her chemo starts Monday.",
    "Nuestros ingresos subieron un 40% este trimestre. ¡Enhorabuena, equipo!",
    "Wir hatten gestern ein Datenleck, die Kundendaten sind offen im Netz.",
    "Notre chiffre d'affaires a bondi de 35 % ce trimestre !",
    "大手顧客のデータ漏洩が先週ありました。まだ発表前です。",
]
ISSUE_NOT_OK = [
    "Honestly Corvex's software is slow and overpriced, no idea why anyone buys it.",
    "Brightwater's new insights app is amazing, everyone should try it!",
]
ISSUE_OK = [
    "We're hiring backend engineers! I work here and it's a great team: https://example.com/careers",
    "Volunteered at the river clean-up this morning: 14 bags of trash!",
]


@pytest.mark.parametrize("post", ISSUE_ESCALATE)
def test_issue_drafts_escalate(bundled_engine, post):
    answer = bundled_engine.check(post)
    assert answer.verdict == "escalate", [(f.category, f.source, f.excerpt) for f in answer.findings]
    assert answer.citations and all(f.excerpt and f.message for f in answer.findings)


@pytest.mark.parametrize("post", ISSUE_NOT_OK)
def test_issue_drafts_are_not_ok(bundled_engine, post):
    assert bundled_engine.check(post).verdict in ("caution", "escalate")


@pytest.mark.parametrize("post", ISSUE_OK)
def test_issue_harmless_drafts_are_ok(bundled_engine, post):
    answer = bundled_engine.check(post)
    assert answer.verdict == "ok", [(f.category, f.source, f.excerpt) for f in answer.findings]


def test_ok_names_the_passages_it_checked_against(bundled_engine):
    answer = bundled_engine.check("Ran my first half marathon today, a lot of blisters but so happy.")
    assert answer.verdict == "ok"
    assert answer.citations and "Checked against:" in answer.answer
    assert answer.citations[0].location in answer.answer


@pytest.mark.parametrize("post", ["https://example.com/blog/some-article", "[image: IMG_4410.jpg]",
                                  "Buen fin de semana a todos, nos vemos el lunes."])
def test_text_it_cannot_judge_is_caution_with_the_contact(bundled_engine, post):
    answer = bundled_engine.check(post)
    assert answer.verdict == "caution", answer.findings
    assert any(f.category == "unjudgeable" and bundled_engine.settings.escalation_contact in f.message
               for f in answer.findings)


def test_slack_links_are_checked_by_address(bundled_engine):
    answer = bundled_engine.check("Nice read: <https://docs.google.com/document/d/1AbC/edit|my notes from today>")
    assert answer.verdict == "escalate", answer.findings


def test_secrets_never_leave_the_check(bundled_engine):
    answer = bundled_engine.check("staging login: deploy / Tr0ub4dor&3 if anyone needs it")
    assert answer.verdict == "escalate"
    assert "Tr0ub4dor&3" not in str(answer.to_json())


def test_another_source_can_be_added(bundled_engine):
    def scorer(draft) -> list[Finding]:
        return [Finding(category="scorer", label="Scored risky", severity="escalate", excerpt=draft.text[:40],
                        message="the scorer says so", source="scorer")] if "zebra" in draft.text else []

    bundled_engine.add_source("scorer", scorer)
    try:
        assert bundled_engine.check("A zebra walked past the office window").verdict == "escalate"
        assert bundled_engine.check("A horse walked past the office window").verdict == "ok"
    finally:
        bundled_engine.sources = [s for s in bundled_engine.sources if s[0] != "scorer"]


GUIDELINES = """# Harbourline Crew Conduct

## Aboard the vessels

Never post photos of the ship's bridge, its navigation screens or the cargo manifest.
Do not share the sailing schedule or the ports of call before the booking office has published them.

## Everyday posting

Be kind online and enjoy sharing your life at sea.
"""


def test_a_new_companys_own_prohibitions_drive_the_verdict(tmp_path, embeddings):
    """Nothing in rules.yaml mentions a ship's bridge or a cargo manifest: the guidelines do."""
    from bot.engine import Engine
    from bot.settings import Settings
    from ingest.pipeline import Ingestor
    from ingest.store import LocalStore

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "crew-conduct.md").write_text(GUIDELINES)
    settings = Settings(data_dir=tmp_path / "data", _env_file=None)
    store = LocalStore(tmp_path / "index", settings.collection)
    Ingestor(settings, embeddings).run([docs], store=store)
    engine = Engine(settings, embeddings=embeddings, store=store)
    answer = engine.check("Here's a picture of the cargo manifest from today's run, look how much we carry!")
    assert answer.verdict in ("caution", "escalate"), answer.findings
    grounded = [f for f in answer.findings if "guidelines" in f.source]
    assert grounded and grounded[0].citations[0].section.endswith("Aboard the vessels")
    assert "cargo manifest" in grounded[0].message
    assert engine.grounded.mined_at_ingest
    assert engine.check("Sunset over the harbour after a long shift, what a view.").verdict == "ok"
