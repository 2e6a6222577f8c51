"""Two structures from wild9's drafts (eleventh session), in new words: a political call posted from an
organisation's account named in a note ("(for the RAC Twitter)"), and a named person's own money (pay, gift,
award). Each risky post sits beside a harmless one that shares its words."""

from __future__ import annotations

import pytest


def _signals(engine, post: str) -> tuple[str | None, set[str]]:
    """The verdict, and the categories the structural signals found (alone or with a phrase rule)."""
    checked = engine.check(post, safer=False)
    return checked.verdict, {f.category for f in checked.findings if "signals" in f.source}


@pytest.mark.parametrize("post", [
    "(for the museum's Instagram) Tell your senator to vote no on the arts funding cut!",
    "[draft for our LinkedIn] The immigration bill is cruel. Call your MP today.",
])
def test_a_political_call_from_the_organisations_account_is_escalated(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert checked.verdict == "escalate"
    assert "company_voice" in {f.category for f in checked.findings}


@pytest.mark.parametrize("post", [
    "(from my Instagram) Tell your senator to vote no on the arts funding cut!",
    "[draft for our LinkedIn] Proud of our apprentices: twelve finished their course this summer.",
])
def test_a_personal_account_or_a_non_political_post_is_not_the_organisation_taking_sides(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert "company_voice" not in {f.category for f in checked.findings if f.source == "signals"}


@pytest.mark.parametrize("post", [
    "Biggest sponsors this season: Marguerite Okafor ($8k) and the Lindqvist family ($5k). You're stars!",
    "Real talk on pay: our senior designer Tobias £74k, me £51k. Ask your team what they earn.",
    "Well done Ravi Patel, who received $3,000 from the innovation fund!",
])
def test_a_named_persons_money_is_escalated(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert checked.verdict == "escalate"
    assert any(f.category == "personal_data" and f.source == "signals" for f in checked.findings)


@pytest.mark.parametrize("post", [
    "Our charity quiz raised $1,250 for the hospice. Thank you all!",
    "Tickets for the Leeds meetup are £5 and include pizza.",
    "Prices change on 1 Mar: the starter plan goes to $12 a month.",
])
def test_money_without_a_persons_name_beside_it_is_not_personal_data(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert not any(f.category == "personal_data" and f.source == "signals" for f in checked.findings)


@pytest.mark.parametrize("post", [
    "@dev_dan you obviously don't use the API much. maybe try googling before you complain?",
    "imagine being this clueless about version control. get a clue, mate",
])
def test_talking_down_to_someone_is_not_ok(bundled_engine, post):
    """Replies to customers and critics that put the person down (authors H and I; eleventh session)."""
    verdict, found = _signals(bundled_engine, post)
    assert verdict in ("caution", "escalate") and "disparaging" in found


@pytest.mark.parametrize("post", [
    "@dev_dan good question! It's in the API docs under rate limits, happy to help if it's unclear.",
    "Read the release notes before you upgrade, there's one breaking change in the config format.",
])
def test_pointing_someone_to_the_docs_politely_is_fine(bundled_engine, post):
    assert "disparaging" not in _signals(bundled_engine, post)[1]


@pytest.mark.parametrize("post", [
    "My supervisor moved my leave AGAIN. fourth time this month. sick of it",
    "whoever approved our booking system should be fired, it took me an hour to book a desk 🙄",
])
def test_venting_about_the_workplace_is_a_caution(bundled_engine, post):
    verdict, found = _signals(bundled_engine, post)
    assert verdict in ("caution", "escalate") and "disparaging" in found


@pytest.mark.parametrize("post", [
    "My supervisor covered my shift so I could see my kid's school play. Grateful 🙏",
    "Train cancelled again, third time this month 🙄 working from home today",
])
def test_gratitude_at_work_and_frustration_elsewhere_are_not_venting(bundled_engine, post):
    assert "disparaging" not in _signals(bundled_engine, post)[1]


@pytest.mark.parametrize("post", [
    "I can't tell you who we're partnering with, but you'll like it 😏",
    "Long day in the boardroom. More when I can.",
    "Competitors have no idea what's coming this spring 😎",
    "Guess who's leaving the exec team 👀",
    "Big week ahead for our team, can't wait for everyone to find out 🤐",
])
def test_more_teasers_are_hints_at_unannounced_news(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert checked.verdict in ("caution", "escalate")
    assert "confidential" in {f.category for f in checked.findings}


@pytest.mark.parametrize("post", [
    "All I can say is wow, what a sunset on the walk home 🌅",
    "Guess who finally learned to make sourdough 🍞",
])
def test_emphasis_and_personal_guessing_games_are_not_teasers(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert "confidential" not in {f.category for f in checked.findings if f.source != "scorer"}


def test_sick_of_is_an_idiom_not_someones_health(bundled_engine):
    """'sick of it' beside 'my supervisor' was read as the supervisor's health (escalate, with a reason that made no sense)."""
    checked = bundled_engine.check("My line manager cancelled my leave again. Honestly sick and tired of it.", safer=False)
    assert not any(f.category == "colleague_privacy" and f.severity == "escalate" for f in checked.findings)
    assert _signals(bundled_engine, "My line manager has been off sick for a month, hope she's ok")[0] == "escalate"


def test_a_political_call_gets_no_official_announcement_as_its_safer_version(bundled_engine):
    """There is no official announcement to link instead of a political call; no safer version beats that one."""
    checked = bundled_engine.check("(for our Instagram) Call your senator and vote NO on the arts funding cut!")
    assert checked.verdict == "escalate"
    assert checked.safer_version is None or "official announcement" not in checked.safer_version
    news = bundled_engine.check("We're launching our new pricing next Tuesday!")
    assert news.safer_version is not None and "official announcement" in news.safer_version
