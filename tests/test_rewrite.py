"""Safer versions of risky drafts: every one offered checks ok, and the edits come from the findings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from bot.answer import Answer, Finding
from bot.rewrite import OFFICIAL_LINK, Rewriter, locate

ROOT = Path(__file__).resolve().parent.parent
DRAFT_FILES = [ROOT / "knowledge" / "dev-cases.yaml", ROOT / "tests" / "data" / "unseen" / "cases.yaml",
               ROOT / "tests" / "data" / "unseen2" / "cases.yaml", ROOT / "tests" / "data" / "drafts" / "train.yaml"]


def _drafts() -> list[tuple[str, str]]:
    out = []
    for path in DRAFT_FILES:
        if path.exists():
            out += [(f"{path.parent.name}/{d['id']}", d["post"]) for d in yaml.safe_load(path.read_text())["drafts"]]
    return out


@pytest.mark.timeout(1800)  # ~600 checks plus rewrites; minutes on a loaded shared machine
def test_every_safer_version_offered_checks_ok(bundled_engine):
    """Over the dev set, both unseen sets and the training drafts: for each non-ok draft, null or a version that checks ok."""
    drafts = _drafts()
    assert len(drafts) > 100
    risky = offered = 0
    bad = []
    for case_id, post in drafts:
        answer = bundled_engine.check(post)
        if answer.verdict == "ok":
            assert answer.safer_version is None
            continue
        risky += 1
        if answer.safer_version is None:
            continue
        offered += 1
        assert answer.safer_edits, case_id
        again = bundled_engine.check(answer.safer_version, safer=False)
        if again.verdict != "ok":
            bad.append((case_id, answer.safer_version, again.verdict))
    assert not bad, bad
    print(f"safer versions offered for {offered} of {risky} non-ok drafts")
    assert offered >= risky // 2  # not a rewriter that never answers


def test_ok_draft_has_null_safer_version(bundled_engine):
    data = bundled_engine.check("Ran my first half marathon today, legs are jelly.").to_json()
    assert data["verdict"] == "ok"
    assert "safer_version" in data and data["safer_version"] is None


def test_json_carries_the_safer_version(bundled_engine):
    data = bundled_engine.check("If you have problems ring our area manager Tom on 07700 900123 or +44 7700 900456").to_json()
    assert data["verdict"] == "escalate"
    assert data["safer_version"].startswith("If you have problems ring our area manager")
    assert not any(ch.isdigit() for ch in data["safer_version"])
    assert {"on 07700 900123", "or +44 7700 900456"} <= {e["before"] for e in data["safer_edits"]}
    json.dumps(data)


def test_disclosure_is_added_not_the_post_removed(bundled_engine):
    post = ("Our team has been working really hard on the new Brightwater data platform and I think it's the best "
            "analytics product on the market.")
    answer = bundled_engine.check(post)
    assert answer.verdict == "caution"
    assert answer.safer_version.startswith(post)
    assert re.search(r"views are my own", answer.safer_version)
    assert answer.safer_edits[0].action == "add"


def test_a_secret_is_never_kept(bundled_engine):
    answer = bundled_engine.check("New till login for the weekend staff: user admin, password is Tills2024")
    assert answer.verdict == "escalate"
    assert answer.safer_version is None or "Tills2024" not in answer.safer_version


def test_the_risky_sentence_goes_and_the_rest_stays(bundled_engine):
    post = "Great week at the conference in Lisbon. Our Q3 revenue is up 30% and nobody knows yet!"
    answer = bundled_engine.check(post)
    assert answer.verdict == "escalate"
    assert answer.safer_version is not None
    assert "30%" not in answer.safer_version and "Lisbon" in answer.safer_version


# -- the mechanism, with a made-up rule: nothing depends on the bundled rules' wording -------------

def _fake_check(flag: re.Pattern, category: str, severity: str = "escalate"):
    def check(text: str) -> Answer:
        findings = []
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if flag.search(sentence):
                findings.append(Finding(category, category, severity, sentence, "m"))
                break
        verdict = severity if findings else "ok"
        return Answer(kind="check", query=text, answer="", verdict=verdict, findings=findings)
    return check


def test_a_client_name_is_generalised_from_the_finding():
    check = _fake_check(re.compile(r"(?-i:Zorblax Industries)"), "clients")
    draft = check("Spent the week with Zorblax Industries rebuilding their data platform. Learned a lot!")
    found = Rewriter(check, ["Brightwater"]).safer(draft)
    assert found.text == "Spent the week with a client rebuilding their data platform. Learned a lot!"
    assert found.edits[0].before == "Zorblax Industries" and found.edits[0].after == "a client"


def test_figures_and_dates_are_generalised():
    check = _fake_check(re.compile(r"\d|next month"), "financial")
    draft = check("Sales grew by 40% and we open in Porto next month. Proud of the team.")
    found = Rewriter(check, []).safer(draft)
    assert found.text == "Sales grew and we open in Porto soon. Proud of the team."
    assert {e.action for e in found.edits} == {"remove", "replace"}


def test_official_announcement_instead_when_the_whole_post_is_the_problem():
    check = _fake_check(re.compile(r"merger"), "confidential")
    found = Rewriter(check, []).safer(check("The merger is happening, trust me."))
    assert found.text == f"Read the official announcement: {OFFICIAL_LINK}"
    assert "official announcement" in found.edits[0].reason


def test_no_safer_version_when_no_edit_clears_it():
    check = _fake_check(re.compile(r"."), "disparaging", "caution")  # everything is flagged
    assert Rewriter(check, []).safer(check("Their product is rubbish. Everyone knows it.")) is None


def test_the_final_check_decides():
    check = _fake_check(re.compile(r"Zorblax"), "clients")
    always_risky = _fake_check(re.compile(r"."), "llm")
    draft = check("Spent the week with Zorblax rebuilding their platform.")
    assert Rewriter(check, [], verify=always_risky).safer(draft) is None


@pytest.mark.parametrize("excerpt", ["…rebuilding their data platform. ", "Spent the week with Zorblax"])
def test_locate_finds_the_quoted_sentence(excerpt):
    text = "Spent the week with Zorblax rebuilding their data platform. Learned a lot!"
    finding = Finding("clients", "c", "escalate", excerpt, "m")
    assert locate(text, finding) == "Spent the week with Zorblax rebuilding their data platform."


def test_a_name_after_a_role_word_is_dropped():
    check = _fake_check(re.compile(r"(?-i:Jane Doe)"), "clients")
    found = Rewriter(check, []).safer(check("Call our customer Jane Doe if you want a reference."))
    assert found.text == "Call our customer if you want a reference."


def test_a_gift_is_disclosed_as_a_gift_and_an_own_product_as_employment():
    rewriter = Rewriter(lambda t: None, ["Brightwater"])
    assert "received this for free" in rewriter.disclosure("DeskCo sent it to me for free, use my code!")
    assert rewriter.disclosure("Brightwater Insights is the best tool") == "(I work at Brightwater; views are my own.)"
