"""Structures from wild19's drafts (sixteenth session), in new words: asking people for their credentials, and
people's data passed on, sold or copied out in bulk. Each risky reading sits beside a harmless one that shares
its words."""

from __future__ import annotations

import pytest

from ingest.duties import mine_duties
from tests.conftest import engine_over, findings_saying


@pytest.mark.parametrize("post", [
    "Having trouble logging in? Just reply with your username and password and I'll sort it out for you.",
    "To get into the beta, DM me your API key and I'll add you to the list.",
    "Send us the 6-digit code we just texted you and we'll verify your account.",
])
def test_asking_people_for_their_credentials_is_escalated(bundled_engine, post):
    found = findings_saying(bundled_engine, post, "Asks people for their password")
    assert found and found[0].severity == "escalate"


@pytest.mark.parametrize("post", [
    "Never share your password or token with anyone, including us.",
    "Reset your password from the settings page if you forgot it.",
    "Tip: keep your API key in an environment variable, not in the repo.",
])
def test_advice_about_credentials_is_not_a_request_for_them(bundled_engine, post):
    assert not findings_saying(bundled_engine, post, "Asks people for their password")


@pytest.mark.parametrize("post", [
    "We scraped 2 million public forum posts for our model - the full dataset is now for sale, DM for pricing.",
    "Our support bot logs members' health questions and we pass the insights on to insurance partners.",
    "We pulled the email addresses of everyone who signed up through the integration, so expect our newsletter soon!",
])
def test_peoples_data_passed_on_or_sold_is_escalated(bundled_engine, post):
    found = findings_saying(bundled_engine, post, "Passes on, sells or copies out people's data")
    assert found and found[0].severity == "escalate"


@pytest.mark.parametrize("post", [
    "We published an anonymised dataset of weather readings under CC0.",
    "Sign up for our newsletter with your email address and we'll send the monthly roundup.",
    "We will never share members' data with advertisers or any third party.",
])
def test_a_promise_not_to_share_or_data_that_is_no_ones_is_not(bundled_engine, post):
    assert not findings_saying(bundled_engine, post, "Passes on, sells or copies out people's data")


# Two-column word tables of style guides ("Inclusive | Non-inclusive", "Incorrect | Correct"): the avoided column's
# words are listed like a "Don't" block's, and the right forms that hold a listed word are not flagged.
WORDS = """# Writing for Harbourlight

## Product names

| Incorrect | Correct |
| --- | --- |
| Harbour-light | Harbourlight |
| Lighthouse | Harbourlight Lighthouse |

## Words to use instead

| Use | Avoid |
| --- | --- |
| everyone, folks | guys |
| they, them | he, she |
| primary | master |

## Headings

| Don't | Do |
| --- | --- |
| settings | Settings |
"""


@pytest.fixture(scope="module")
def words(tmp_path_factory, embeddings):
    return engine_over(tmp_path_factory.mktemp("words"), {"writing.md": WORDS}, embeddings)


@pytest.mark.parametrize(("post", "listed", "column"), [
    ("Hey guys, the new release notes are up!", "guys", "Avoid"),
    ("Lighthouse is the best feature we shipped this year.", "Lighthouse", "Incorrect"),
    ("Loving the new Harbour-light dashboard.", "Harbour-light", "Incorrect"),
])
def test_a_word_a_table_lists_to_avoid_is_a_caution_naming_its_column(words, post, listed, column):
    found = findings_saying(words, post, "The guidelines list")
    assert found and found[0].severity == "caution"
    assert f"“{listed}” under “{column}”" in found[0].message


@pytest.mark.parametrize("post", [
    "Hey everyone, the new release notes are up!",
    "Harbourlight Lighthouse now supports dark mode.",          # the right form holds the listed word
    "She said the new settings page is much clearer.",          # pronouns and case-only rules are not words to avoid
    "Our new Google Lighthouse audit scored 98.",               # another company's name
])
def test_right_forms_pronouns_and_other_names_are_not_flagged(words, post):
    assert not findings_saying(words, post, "The guidelines list")


def test_a_tables_column_heading_is_no_rule():
    assert not mine_duties("Don’t | Do || employees | Employees | | Recommended members | Recommended Members |")
    assert mine_duties("Don’t share your screen while the admin console is open.")


def test_an_instruction_in_a_dont_list_gives_no_words(tmp_path, embeddings):
    text = ("# Plans\n\n## Don't\n\n- Don't use “for” when naming a tier. It is simply Free, Basic, Business, and "
            "Enterprise.\n- Blacklist, whitelist\n")
    engine = engine_over(tmp_path, {"plans.md": text}, embeddings)
    assert not findings_saying(engine, "The Business tier now includes analytics.", "The guidelines list")
    assert findings_saying(engine, "Add the address to the whitelist.", "The guidelines list")


@pytest.mark.parametrize("post", [
    "Our launch post is on Hacker News - everyone please go upvote it!",
    "Upvote our answer on Stack Overflow so it climbs above the wrong one.",
    "Team, give it an upvote on Reddit when you get a sec.",
])
def test_asking_people_to_upvote_is_a_caution(bundled_engine, post):
    """Organised voting (a structure of wild11's drafts, met again on wild19's Discord policy)."""
    found = findings_saying(bundled_engine, post, "Asks people to upvote")
    assert found and found[0].severity == "caution"


@pytest.mark.parametrize("post", [
    "Thanks for all the upvotes on my talk recap!",
    "Please don't upvote your own team's posts, it breaks the rules.",
    "Upvoting is how the community decides which answers are best.",
])
def test_talk_about_upvotes_is_not_asking_for_them(bundled_engine, post):
    assert not findings_saying(bundled_engine, post, "Asks people to upvote")
