"""Structures from wild11's drafts and questions (twelfth session), in new words: a secret in an environment
variable, a client list or each client's rate, a bulk export of people's contact details, a rule that only says
something is not needed, a guideline matched by the company's name alone, and questions asking for a size, a
registration number, a word count or a minimum the guidelines don't state. Each risky reading sits beside a
harmless one that shares its words."""

from __future__ import annotations

import numpy as np
import pytest

from bot.answer_type import asks_quantity, missing_value
from bot.expansion import load_thesaurus
from bot.passages import tokenize
from bot.signals.credentials import find_credentials
from ingest.duties import mine_duties
from tests.conftest import engine_over


def _categories(engine, post: str, source: str = "signals") -> set[str]:
    return {f.category for f in engine.check(post, safer=False).findings if source in f.source}


# -- drafts -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("post", [
    "To reproduce, run it with `DB_PASSWORD=Tr0ub4dor&3` and watch it crash at the migration step.",
    "CI keeps failing, our STRIPE_API_KEY: rk9Xq2LmPz7 is set right though?",
])
def test_a_secret_in_an_environment_variable_is_a_credential(bundled_engine, post):
    assert find_credentials(post)
    assert "secrets" in _categories(bundled_engine, post)


@pytest.mark.parametrize("post", [
    "Tip: set PASSWORD_MIN_LENGTH=12 in the config and people stop choosing 'hunter2'.",
    "Our SECRET_KEY setting is explained in the README, no need to ask me.",
])
def test_a_setting_named_like_a_secret_without_one_is_not_a_credential(post):
    assert not find_credentials(post)


@pytest.mark.parametrize("post", [
    "Here's every client we have and what each one pays us per month, for transparency.",
    "Attached: the complete list of our customers, straight from the CRM.",
    "Every customer's day rate is in this sheet if you're curious how we price.",
])
def test_a_client_list_or_each_clients_rate_is_escalated(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert checked.verdict == "escalate"
    assert "clients" in {f.category for f in checked.findings if "signals" in f.source}


@pytest.mark.parametrize("post", [
    "Made a list of our customers' favourite feature requests for the roadmap blog post.",
    "Make a list of questions before you talk to customers: it saves everyone time.",
])
def test_a_list_about_clients_is_not_a_client_list(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert not [f for f in checked.findings if f.source == "signals" and f.message.startswith("Lists the company's clients")]


@pytest.mark.parametrize("post", [
    "Scraped all our subscribers' email addresses into a spreadsheet, anyone want it for their newsletter?",
    "Downloaded every attendee phone number from the booking tool, DM me",
])
def test_a_bulk_export_of_contact_details_is_escalated(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert checked.verdict == "escalate"
    assert "personal_data" in _categories(bundled_engine, post)


def test_exporting_data_without_everyones_details_is_not_a_bulk_export(bundled_engine):
    assert "personal_data" not in _categories(bundled_engine, "We exported the dashboards to PDF for the board pack.")


# -- the guidelines' own duties -------------------------------------------------------------------------------

@pytest.mark.parametrize("sentence", [
    "It does not need to, but that is how the open source scene works: the entry barrier is high.",
    "Employees do not have to register their personal accounts with the communications team.",
    "You don't need to ask before sharing a published blog post.",
])
def test_a_sentence_that_only_says_something_is_not_needed_is_not_a_prohibition(sentence):
    assert not [d for d in mine_duties(sentence) if d.modality == "prohibition"]


def test_a_real_prohibition_after_a_no_need_clause_is_still_mined():
    duties = mine_duties("You don't need to ask before sharing our posts, but never share customer data with anyone.")
    assert [d.action for d in duties if d.modality == "prohibition"] == ["share customer data with anyone"]


LUMORA = """# Lumora Data Handling

## Log files

Level 3 data and above is not permitted to be stored in Lumora's own internal infrastructure logs.

## Our name

Do not use the Lumora name or logo in the name of your own product or service.
"""


@pytest.fixture(scope="module")
def lumora(tmp_path_factory, embeddings):
    return engine_over(tmp_path_factory.mktemp("lumora"), {"data-handling.md": LUMORA}, embeddings)


def test_sharing_the_companys_name_with_a_rule_is_not_breaking_it(lumora):
    """Everyday posts never name the company, so any sentence naming it used to look unusually close to a rule
    that names it too. Without the name, the disclosure is nowhere near the storage rule."""
    checked = lumora.check("Disclosure: I work at Lumora. The docs have a walkthrough for that.", safer=False)
    assert not [f for f in checked.findings if f.source == "guidelines"], checked.findings


def test_name_masking_lowers_similarity_to_a_rule_that_names_the_company(lumora):
    view = lumora.handle.view()
    build = lumora.grounded.duties(view)
    j = next(i for i, (duty, _) in enumerate(build.duties) if "stored" in duty.sentence)
    sentence = "Disclosure: I work at Lumora."
    with_name = float(lumora.embeddings.encode([sentence])[0] @ build.vectors[j])
    without = float(lumora.embeddings.encode(["Disclosure: I work at it."])[0] @ build.vectors[j])
    assert without < with_name
    assert np.isfinite(with_name)


# -- questions ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("question", [
    "what font size do we use for headings on slides?",
    "What's the company registration number for invoices?",
    "what image resolution should the banner be?",
])
def test_a_size_or_a_registration_number_is_a_quantity(question):
    assert asks_quantity(question)


def test_asking_for_a_phone_number_is_not_a_registration_number():
    # a phone number has its own reading: an email address answers it (see test_answer_type.py)
    assert not asks_quantity("what's the press office phone number?")


def test_a_word_count_is_answered_only_by_a_passage_that_counts_words():
    question = "is there a word limit for posts on the engineering blog?"
    assert missing_value(question, ["Draft every blog post in a shared document and ask a reviewer."]) is not None
    assert missing_value(question, ["Keep posts under 1,200 words; longer ones are split into a series."]) is None


def test_a_minimum_is_not_answered_by_a_maximum():
    question = "is there a minimum number of volunteering days I have to take?"
    assert missing_value(question, ["Volunteering is limited to a maximum of five days a year."]) == "a lower bound"
    assert missing_value(question, ["Take at least two volunteering days a year."]) is None


def test_merchandise_words_reach_a_merchandise_rule():
    tokens, words = load_thesaurus(None).expand(tokenize(["can we print hoodies with the logo for the meetup?"])[0])
    assert "merchandise" in words


def test_the_company_name_is_the_distinctive_word_of_the_title(lumora):
    """"Lumora Data Handling": "Data" and "Handling" are ordinary words, so posts about data are not about the
    employer (unseen's "Northwind Trading" had made "Trading" the company's own name)."""
    assert lumora.company_names() == ["Lumora"]


def test_a_title_of_ordinary_words_only_still_gives_a_name(tmp_path, embeddings):
    engine = engine_over(tmp_path, {"rules.md": "# Summit Outdoor Rules\n\n## Posting\n\nNever post customer names.\n"},
                         embeddings)
    names = engine.company_names()
    assert names and set(names) <= {"Summit", "Outdoor"}


# -- tone and trademarks (drafts) -------------------------------------------------------------------------------

@pytest.mark.parametrize("post", [
    "Finally fixed the flaky test suite, what a sh*tshow of a week. Holy sh*t.",
    "This f**king deploy took four hours",
    "Damn, our new docs look good",
])
def test_swearing_is_a_caution(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert checked.verdict in ("caution", "escalate")
    assert any(f.message.startswith("Swears") for f in checked.findings)


@pytest.mark.parametrize("post", [
    "Went to Scunthorpe for the match, class day out",
    "Crapaud is French for toad, learned that in Lyon today",
    "Shipped the migration finally. Three months of work, never again.",
])
def test_words_that_only_contain_a_swear_word_are_not_swearing(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert not any(f.message.startswith("Swears") for f in checked.findings)


@pytest.mark.parametrize("post", [
    "Selling Kestrel logo t-shirts at the user group tonight, $15 each!",
    "Our branded tote bags are for sale at the booth, grab one before they go",
])
def test_selling_goods_with_a_logo_is_escalated(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert checked.verdict == "escalate"
    assert any(f.category == "copyright" and "signals" in f.source for f in checked.findings)


@pytest.mark.parametrize("post", [
    "Our logo stickers sold out in an hour at the meetup, thanks everyone!",
    "Branded mugs for the whole team arrived today ☕",
    "Selling my old bike, barely used, logo of the shop still on the frame lol",
])
def test_logo_goods_not_sold_by_the_writer_are_not_a_trademark_sale(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert not any(f.message.startswith("Sells goods") for f in checked.findings)


# -- name-calling (drafts) ------------------------------------------------------------------------------------

@pytest.mark.parametrize("post", [
    "That reviewer is a clueless halfwit, no wonder the patch sat for a month.",
    "Their recruiters are useless, three interviews and nobody read my CV.",
    "lazy contractors again, the whole migration slipped a week",
])
def test_calling_someone_names_by_their_role_is_escalated(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert checked.verdict == "escalate"
    assert any(f.message.startswith("Calls ") for f in checked.findings)


@pytest.mark.parametrize("post", [
    "I felt like a total idiot in my first week as a manager; here's what I learned.",
    "The comments under the launch post are full of clowns who never used a spreadsheet.",
    "Management are a bunch of dinosaurs about remote work, honestly.",
])
def test_an_insult_not_said_of_someone_by_role_is_not_name_calling(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert not any(f.message.startswith("Calls ") for f in checked.findings)


# -- a public release is not a leak (drafts) ------------------------------------------------------------------

@pytest.mark.parametrize("post", [
    "Brightwater's half-year results are out. Official release here: investors.brightwater.example/h1-2026",
    "Brightwater Pulse 6.2 is out! Faster dashboards and a new export menu. Release notes on the docs site.",
])
def test_sharing_a_release_that_is_already_public_is_ok(bundled_engine, post):
    """The scorer's example drafts about leaked launches and results made these read risky on their own."""
    assert bundled_engine.check(post, safer=False).verdict == "ok"


@pytest.mark.parametrize("post", [
    "Our H1 numbers are out next Tuesday and they look great, official release to follow",
    "The press release isn't out yet but H1 numbers are way up, official announcement soon",
    "Pulse 6.3 is out in two weeks, release notes are drafted and it's huge",
])
def test_a_release_that_is_not_public_yet_is_still_escalated(bundled_engine, post):
    assert bundled_engine.check(post, safer=False).verdict == "escalate"


# -- a trademark notice is compliance, not a breach (drafts, grounded checks) -----------------------------------

QUILL = """# Quill Trademark Guidelines

## Compatibility statements

You may say that your software works with Quill. You may not suggest that Quill Labs Inc. has certified or approved \
your software, and you must not use our marks in a way that suggests your service is endorsed by Quill Labs Inc.

## Merchandise

You must not create merchandise bearing our marks without explicit written permission.
"""


@pytest.fixture(scope="module")
def quill(tmp_path_factory, embeddings):
    return engine_over(tmp_path_factory.mktemp("quill"), {"trademarks.md": QUILL}, embeddings)


@pytest.mark.parametrize("post", [
    "Join our Quill user meetup in Leeds on Friday! Quill is a trademark of Quill Labs Inc.; this meetup is not "
    "affiliated with or endorsed by Quill Labs Inc.",
    "quill-backup: a small tool to back up your Quill notes. This project is not officially associated with Quill Labs Inc.",
])
def test_a_sentence_disclaiming_affiliation_does_not_break_the_rule_it_follows(quill, post):
    checked = quill.check(post, safer=False)
    assert not [f for f in checked.findings if f.source == "guidelines"], checked.findings


def test_claiming_the_certification_the_rule_forbids_is_still_flagged(quill):
    checked = quill.check("Great news: Quill Labs Inc. has officially certified and approved our plugin!", safer=False)
    assert any(f.source == "guidelines" and f.citations[0].section.endswith("Compatibility statements")
               for f in checked.findings), checked.findings


# -- the organisation backing a candidate (drafts) --------------------------------------------------------------

@pytest.mark.parametrize("post", [
    "Our team stands with Priya Shah for re-election to the council. See you at the polls!",
    "Brightwater proudly endorses Tom Baker for mayor. Everyone at the office, go vote on Thursday!",
])
def test_the_organisation_backing_a_candidate_is_escalated(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert checked.verdict == "escalate"
    assert any(f.category == "company_voice" for f in checked.findings)


@pytest.mark.parametrize("post", [
    "Personally I'm voting for Priya Shah for re-election on Tuesday. Go vote, whoever you pick!",
    "Our team stands with the river clean-up crew every spring, join us on Saturday!",
])
def test_a_personal_vote_or_a_non_political_stand_is_not_the_organisation_endorsing(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert not any(f.category == "company_voice" and f.severity == "escalate" for f in checked.findings)


def test_rallying_the_staff_to_vote_for_a_candidate_is_the_organisation_taking_sides(bundled_engine):
    checked = bundled_engine.check("Everyone at the office, go vote for Tom Baker for mayor on Thursday!", safer=False)
    assert checked.verdict == "escalate"
    assert any(f.category == "company_voice" for f in checked.findings)


MAKERS = """# Kestrel Makers Handbook

## Copyright and credit

Respect copyright and fair use: credit your sources and ask permission before reusing someone else's work.

## Our logo and trademarks

Do not modify the Kestrel logo or trademarks, and use them only as provided in the brand kit.

## Events and meetups

Selling at a meetup: selling logo hoodies, t-shirts or stickers at a meetup needs the events team's approval first.
"""


def test_a_signal_cites_the_passage_that_speaks_to_what_it_found(tmp_path, embeddings):
    """Signals used to cite the two passages their category's fixed query finds ("copyright trademarks logos …"),
    the same two for every draft. The passage nearest the flagged words comes first now; the category's passage
    follows (draft citation hit@3 on the wild tuning sets: wild2 0.13 -> 0.35, wild5 0.33 -> 0.44, wild11 0.22 -> 0.30)."""
    engine = engine_over(tmp_path, {"handbook.md": MAKERS}, embeddings)
    checked = engine.check("Selling Kestrel logo hoodies at the meetup tonight, $20 each!", safer=False)
    finding = next(f for f in checked.findings if f.source == "signals" and f.category == "copyright")
    assert finding.citations[0].section.endswith("Events and meetups"), [c.section for c in finding.citations]
