"""What a new user found trying guidebot on wild21's guidelines (seventeenth session), each fixed: a baby from a study
named with her age was judged ok; a safer version glued words together ("thecontract") and kept the client, who was
not read as one after "thanks to"; "can't share details until …" read as trading shares; a request to log in as
someone else was offered as the safe part of a post; a colleague's pregnancy was offered "link the official
announcement"; the everyday-questions list overrode a document headed "Parental Leave Policy"; GitBook's
`{% hint %}` tags were quoted as words; one person's address, named once in a harassment section, became every
escalation's contact; and `train-scorer` on a tiny file printed a traceback."""

from __future__ import annotations

import pytest

from bot.contact import is_standing_contact, named_contact
from bot.rewrite import _FIGURE, _sub_edits
from bot.scorer_train import Draft, check_enough
from ingest.errors import ConfigError
from ingest.loaders.text_loader import load_markdown
from tests.conftest import engine_over, findings_saying
from tests.test_cli import run


@pytest.mark.parametrize("post", [
    "Look at little Maya Okafor (7 months) from this morning's study session, so sweet!",
    "Our youngest participant, Léa Dubois (aged 4), aced the memory game today.",
])
def test_a_child_named_with_an_age_is_escalated(bundled_engine, post):
    answer = bundled_engine.check(post, safer=False)
    assert answer.verdict == "escalate"
    assert findings_saying(bundled_engine, post, "Identifies a child by name and age or school")


def test_ones_own_child_named_with_an_age_is_not(bundled_engine):
    assert not findings_saying(bundled_engine, "So proud of my daughter Nia Brooks (6 years), first swim without armbands!",
                               "Identifies a child by name and age or school")


def test_removing_a_figure_keeps_a_space_between_the_words_either_side():
    text, edits = _sub_edits("Thanks to Acme for the $80,000 contract, signed today.", _FIGURE, lambda _m: "")
    assert text == "Thanks to Acme for the contract, signed today."
    assert edits == [("remove", "$80,000", "")]


def test_an_organisation_thanked_for_a_contract_is_a_client(bundled_engine):
    post = "Big thanks to Northgate Pharma for the contract to run their trial analytics."
    assert any(f.category == "clients" for f in bundled_engine.check(post, safer=False).findings)


def test_sharing_details_later_is_not_trading_shares(bundled_engine):
    post = "Talk accepted at the summit! Can't share details until the programme is out."
    assert not findings_saying(bundled_engine, post, "Talks about trading shares")


def test_selling_shares_before_results_still_is(bundled_engine):
    answer = bundled_engine.check("Sell your shares before the results on Thursday.", safer=False)
    assert answer.verdict == "escalate" and any(f.category == "financial" for f in answer.findings)


def test_letting_someone_use_your_account_is_flagged_and_never_the_safe_part(bundled_engine):
    post = "Hey @li can you log in as me this week? My password is Sunflower-2291, I'm away."
    answer = bundled_engine.check(post)
    assert answer.verdict == "escalate"
    assert answer.safer_version is None or "log in as me" not in answer.safer_version.text
    assert findings_saying(bundled_engine, "Just use my login for the portal while I'm off.", "Lets someone else use your account")
    assert not findings_saying(bundled_engine, "Never share your login with anyone, not even IT.", "Lets someone else use your account")


def test_a_colleagues_health_is_never_offered_an_official_announcement(bundled_engine):
    answer = bundled_engine.check("Our team lead Priya is pregnant and will be out from June, congrats!")
    assert answer.verdict == "escalate"
    assert answer.safer_version is None or "official announcement" not in answer.safer_version.text


def test_a_question_named_by_a_documents_heading_is_answered_despite_the_everyday_list(tmp_path, embeddings):
    engine = engine_over(tmp_path, {"leave.md": (
        "# Parental Leave Policy\n\n## Who is eligible\n\nEveryone employed for at least six months may take paid "
        "parental leave.\n\n## How to request leave\n\nTell your manager eight weeks before the leave starts and fill in "
        "the leave form on the HR portal. You may take up to sixteen weeks of paid parental leave.\n")}, embeddings)
    for question in ("What is the parental leave policy?", "How do I request parental leave?"):
        answer = engine.ask(question)
        assert not answer.abstained, question
        assert answer.citations[0].doc == "leave.md"
    assert engine.ask("When is the next fire drill?").abstained


def test_gitbook_hint_tags_are_not_words():
    sections, _title, _url = load_markdown(
        b'# Lab rules\n\n## Accounts\n\n{% hint style="danger" %}\n**Never share any of your lab credentials with anyone.**'
        b'\n{% endhint %}\n\nAlways log out of shared machines.\n\n```\n{% raw %}keep me{% endraw %}\n```\n')
    text = "\n".join(s.text for s in sections)
    assert "{%" not in text.replace("{% raw %}keep me{% endraw %}", "")
    assert "Never share any of your lab credentials with anyone." in text
    assert "{% raw %}keep me{% endraw %}" in text  # a code example keeps its tags


def test_one_persons_address_named_once_is_not_the_contact_for_everything():
    texts = ["Reporting\nIf you are being harassed, please contact Morgan (morgan@lab.example) immediately.",
             "Mediation\nKim (kim@elsewhere.example) does not work for us and has agreed to mediate."]
    assert named_contact(texts) is None
    assert is_standing_contact("press@lab.example", 1) and is_standing_contact("the Press Office", 1)
    assert is_standing_contact("morgan@lab.example", 2)


def test_too_few_drafts_to_train_a_scorer_is_one_clear_message(tmp_path):
    drafts = [Draft("a", "Great day at the beach!", frozenset({"ok"})),
              Draft("b", "Our Q3 revenue is up 30%", frozenset({"escalate"}))]
    with pytest.raises(ConfigError, match="needs at least 3 drafts of each kind"):
        check_enough(drafts)
    cases = tmp_path / "tiny.yaml"
    cases.write_text('drafts:\n  - {id: a, post: "Great day at the beach!", verdict: ok}\n'
                     '  - {id: b, post: "Our Q3 revenue is up 30%", verdict: escalate}\n')
    result = run(["train-scorer", str(cases), "--out", str(tmp_path / "s.npz")], tmp_path)
    assert result.returncode == 2
    assert "needs at least 3 drafts of each kind" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "s.npz").exists()


def test_a_bold_slogan_still_heads_what_follows():
    sections, _title, _url = load_markdown(b"# Guide\n\n**You are the author.**\n\nReview every line before you open a PR.\n")
    assert any(s.headings and s.headings[-1] == "You are the author." for s in sections)
