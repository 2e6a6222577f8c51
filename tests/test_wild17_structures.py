"""Structures from wild17's drafts and questions (fifteenth session), in new words: a security hole's working details
before a fix, sharing under embargo, names that are also English words or start in lower case ("Jenkins",
"arXiv"), a product named after the mark, and questions that ask for a sum of money or a person the guidelines
never give. Each risky reading sits beside a harmless one that shares its words."""

from __future__ import annotations

import pytest

from bot.answer_type import missing_value
from bot.marks import corpus_words, document_marks
from bot.passages import Passage
from bot.signals.features import extract
from bot.topics import uncovered_topic
from tests.conftest import engine_over, findings_saying


def _passage(text: str, path: str = "brand.md", section: str = "Brand") -> Passage:
    return Passage(id=f"{path}:0", text=text, doc=path, title="Brand", section=section, position=0, url=None, path=path)


def _escalations(engine, post: str) -> list[str]:
    return [f.category for f in engine.check(post, safer=False).findings if f.severity == "escalate"]


@pytest.mark.parametrize("post", [
    "Sharing the exploit code for the zero-day in our upload handler so the team can see how bad it is.",
    "Write-up of the unpatched auth bypass in the billing portal, with steps to reproduce, is in the thread below.",
])
def test_the_details_of_an_unfixed_security_hole_are_escalated(bundled_engine, post):
    assert "confidential" in _escalations(bundled_engine, post)


@pytest.mark.parametrize("post", [
    "We fixed the upload bug in March; the proof-of-concept and our write-up are now on the security blog.",
    "Great talk today on how to write a responsible disclosure report.",
])
def test_a_fixed_hole_or_talk_about_disclosure_is_not_escalated_as_one(bundled_engine, post):
    assert not findings_saying(bundled_engine, post, "Gives the working details")


@pytest.mark.parametrize("post", [
    "The study is embargoed until Monday 9am, but I can't resist: turtles navigate by magnetism!",
    "Happy to break the embargo on this one, the results are too good to sit on.",
])
def test_sharing_under_embargo_before_it_lifts_is_escalated(bundled_engine, post):
    assert "confidential" in _escalations(bundled_engine, post)


@pytest.mark.parametrize("post", [
    "The turtle study comes out of embargo on Monday at 9am; I'll share the link then.",
    "Journalists: the paper is embargoed until Monday 9am ET. Please hold your stories until then.",
])
def test_waiting_for_the_embargo_to_lift_is_not_a_breach(post):
    assert extract(post).of("embargo_break") == []


def test_a_name_starting_in_lower_case_or_an_english_word_written_as_a_name_is_a_mark():
    camel = [_passage("Use the preprintHub name only for preprintHub itself. " * 3, "hub.md")]
    word = [_passage("You may say you use Lantern. Products built for Lantern may say so. Only the project "
                     "decides what Lantern ships. Ask before you use Lantern in a name, and never rename Lantern. "
                     "See lantern.dev for the logo.", "lantern.md")]
    assert document_marks(camel) == ["preprintHub"]
    assert document_marks(word) == ["Lantern"]


def test_a_word_capitalised_only_where_lines_or_titles_begin_is_not_a_mark():
    text = "Avoid jargon.\nAvoid long lines.\nAvoid acronyms.\nAvoid slang.\nAvoid puns.\nYou should avoid caps."
    assert document_marks([_passage(text, "style.md")]) == []


def test_names_the_guidelines_use_include_their_headings_and_lower_case_starts():
    words = corpus_words([_passage("Products may show the logo.", section="Brand > For apps that use the preprintHub API")])
    assert "preprinthub api" in words


LANTERN = """Lantern Trademark Guidelines
============================

Lantern is a trademark of the Lantern Project. You may say that your software works with Lantern, and you may
write about Lantern in articles and talks. Do not use Lantern in the name of your product, service or company.
Products for Lantern must say "Lantern is a trademark of the Lantern Project". Ask trademarks@lantern.example
before you use the Lantern logo, and never change the Lantern logo.
"""


@pytest.fixture(scope="module")
def lantern(tmp_path_factory, embeddings):
    return engine_over(tmp_path_factory.mktemp("lantern"), {"trademarks.md": LANTERN}, embeddings)


@pytest.mark.parametrize("post", [
    "Introducing Lantern Insights Pro, our paid monitoring add-on. Join the beta waitlist today!",
    "Launching LanternCloud: hosted Lantern for teams, subscriptions from next week.",
])
def test_a_product_named_after_the_mark_is_escalated(lantern, post):
    found = findings_saying(lantern, post, "Builds the name")
    assert found and found[0].severity == "escalate"


@pytest.mark.parametrize("post", [
    "Just released a free plugin that works with Lantern. Lantern is a trademark of the Lantern Project.",
    "Announcing my talk at Lantern Trademark Guidelines day? No, just a talk on Lantern Project history.",
])
def test_the_marks_own_names_or_a_product_that_works_with_it_are_not_new_names(lantern, post):
    assert not findings_saying(lantern, post, "Builds the name")


@pytest.mark.parametrize(("question", "passages", "missing"), [
    ("How much is the travel grant for speakers?", ["Speakers may apply to the Events Committee for a travel grant; "
                                                    "the Budget Committee reviews the cost of each request."],
     "an amount of money"),
    ("Will the foundation pay me for writing a guest post?", ["Guest posts are reviewed by the editors before they go live."],
     "an amount of money"),
    ("who leads the security working group at the moment?", ["Report security issues to the Security WG by email."],
     "a person's name"),
    ("Who are the Project Stewards at the moment?", ["The Project Stewards review every conduct report."], "a person's name"),
])
def test_a_sum_or_a_person_the_passages_never_give_is_missing(question, passages, missing):
    assert missing_value(question, passages) == missing


@pytest.mark.parametrize(("question", "passages"), [
    ("How much is the travel grant for speakers?", ["Travel grants cover up to 800 EUR per speaker."]),
    ("Will the foundation pay me for writing a guest post?", ["Guest posts are unpaid; authors keep their copyright."]),
    ("who leads the security working group at the moment?", ["The Security WG is chaired by Maria Lopez."]),
    ("who is on the board right now?", ["The board members are Ana Diaz and Tom Wu."]),
])
def test_a_passage_that_gives_the_sum_or_the_person_answers(question, passages):
    assert missing_value(question, passages) is None


@pytest.mark.parametrize(("post", "layoffs"), [
    ("How the new cache cut our test times in half, and what it cost us in memory.", False),
    ("Leadership is cutting the support team in half next quarter.", True),
])
def test_cutting_times_or_costs_in_half_is_not_cutting_staff(bundled_engine, post, layoffs):
    rules = [f for f in bundled_engine.check(post, safer=False).findings if f.category == "confidential" and "rules" in f.source]
    assert bool(rules) is layoffs


@pytest.mark.parametrize(("question", "passages", "topic"), [
    ("A supplier sent me a hamper at Christmas, may I keep the gift?", ["Ask the comms team before you post about suppliers."],
     "gifts"),
    ("Is it fine to draft my team newsletter with Copilot?", ["Newsletters go out on Fridays; the editor approves them."],
     "AI tools"),
    ("Can I livestream the all-hands on Twitch?", ["Slides from the all-hands are shared on the intranet."], "livestreaming"),
    # "record" and "stream" that are not filming (sixteenth session)
    ("May I livestream my poster session?", ["Chat is no authoritative record of decisions; this record helps others."],
     "livestreaming"),
    ("Can I livestream the planning meeting?", ["Threads stop a stream of consciousness from flooding the channel."],
     "livestreaming"),
    ("May I endorse a candidate in the local elections on my own account?", ["Say that your views are your own."],
     "politics"),
    ("Is there an official hashtag for the summit?", ["Post about the summit from your own account."], "hashtags"),
    ("Which typeface do we use for slide titles?", ["Slides use the company template and logo."], "fonts"),
    ("how long are chat messages kept before they get deleted?", ["Use threads in busy channels."],
     "how long records are kept"),
])
def test_a_topic_no_passage_found_mentions_is_uncovered(question, passages, topic):
    assert uncovered_topic(question, passages) == topic


@pytest.mark.parametrize(("question", "passages"), [
    ("A supplier sent me a hamper, may I keep the gift?", ["Hospitality and anything of value from suppliers must be declared."]),
    ("Can I use ChatGPT for a first draft?", ["Text from generative tools must be checked by a person before it is published."]),
    ("Can I livestream my talk?", ["Recording or broadcasting a talk needs the organiser's consent."]),
    ("my laptop died, can I log in from the hotel lobby computer?", ["Never sign in on shared computers."]),
    ("is a fake video of a politician ok to post?", ["Deceptively sharing manipulated media is prohibited."]),
    ("can we follow accounts, like a historian who mostly tweets politics?", ["Avoid following individuals' accounts."]),
    ("Is there an official hashtag for the summit?", ["Tag posts with #BrightSummit26."]),
    ("how long are chat messages kept?", ["Messages are deleted after 90 days under the retention policy."]),
])
def test_a_passage_on_the_topic_or_a_topic_only_mentioned_in_passing_is_not_uncovered(question, passages):
    assert uncovered_topic(question, passages) is None


def test_a_question_on_a_topic_the_guidelines_never_mention_is_not_answered(lantern):
    answer = lantern.ask("Can I use ChatGPT to write the release notes for my Lantern plugin?")
    assert answer.abstained


@pytest.mark.parametrize(("post", "unread"), [
    ("Got Copilot to write the entire migration guide and pasted it into the docs as-is. Done by lunch!", True),
    ("Release notes this week were generated by an AI assistant, didn't edit a word 🙃", True),
    ("I let ChatGPT suggest a title, then rewrote the intro myself and had a colleague review it.", False),
    ("Our team wrote a guide on reviewing AI-generated code carefully before merging.", False),
])
def test_ai_written_text_used_as_it_came_is_a_caution(bundled_engine, post, unread):
    found = findings_saying(bundled_engine, post, "Uses text an AI tool wrote")
    assert bool(found) is unread
    if unread:
        assert found[0].severity == "caution"


SUPPORTERS = """Lantern Supporter Guidelines
============================

Third party use of the Lantern logo on products and other goods is prohibited. Do not use the name "Lantern" in
the names of other organisations or products.

Sponsors and member libraries are encouraged to acknowledge Lantern with the statement: “A proud sponsor of
Lantern.” Never use “Lantern Official Partner” unless you have a signed agreement.
"""


def test_the_statement_the_guidelines_invite_is_what_they_ask_not_a_caution(tmp_path, embeddings):
    from bot.endorsed import endorsed_wordings, uses_endorsed
    from bot.passages import Passage

    passage = Passage(id="s:0", text=SUPPORTERS, doc="s.md", title="S", section="S", position=0, url=None, path="s.md")
    wordings = endorsed_wordings([passage])
    assert wordings == {"a proud sponsor of lantern"}  # the forbidden "Lantern Official Partner" is not invited
    assert uses_endorsed("A proud sponsor of Lantern! Our library joined this year.", wordings)
    assert not uses_endorsed("Proud to be a Lantern Official Partner!", wordings)
    engine = engine_over(tmp_path, {"supporters.md": SUPPORTERS}, embeddings)
    findings = engine.check("A proud sponsor of Lantern!", safer=False).findings
    assert not [f for f in findings if f.source == "guidelines"]
