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


def test_a_broken_cases_file_says_what_and_where(tmp_path):
    from bot.evaluate import load_cases

    cases = tmp_path / "cases.yaml"
    cases.write_text('questions: [\n  - id: q1\n')
    with pytest.raises(ConfigError, match=r"not valid YAML: .+ \(line 2, column 3\)"):
        load_cases(cases)


def test_files_of_a_type_it_cannot_read_are_named_not_counted(tmp_path, embeddings):
    from bot.settings import Settings
    from ingest.pipeline import Ingestor
    from ingest.store import LocalStore

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "rules.md").write_text("# Rules\n\nNever share a client's name without approval.\n")
    (docs / "notes.xyz").write_text("junk")
    (docs / "cases.yaml").write_text("questions: []\n")  # eval cases beside the documents: skipped quietly
    settings = Settings(data_dir=tmp_path / "data", _env_file=None)
    report = Ingestor(settings, embeddings).run([docs], store=LocalStore(tmp_path / "index", settings.collection))
    assert "skipped 1 file(s) of a type it can't read: notes.xyz" in report.summary()
    assert "cases.yaml" not in report.summary()


def test_a_missing_index_names_the_index_option(tmp_path):
    result = run(["ask", "Can I post this?"], tmp_path)
    assert result.returncode != 0 and "--index DIR" in result.stderr


def test_thanks_in_chat_is_not_asked_as_a_question():
    from io import StringIO

    from rich.console import Console

    from bot.console import chat

    class NoEngine:  # "thanks" must not reach the engine (it was answered "I couldn't find anything…")
        def ask(self, text):
            raise AssertionError(text)

        check = ask

    out = StringIO()
    assert chat(NoEngine(), Console(file=out, width=200), ["thanks!", "ok 👍", "/quit"], interactive=False) == 0
