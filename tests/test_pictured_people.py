"""A colleague shown by name in a photo or video (eleventh session): the guidelines ask people before their photo
is posted. Written here in new words, each risky post beside a harmless one with a capitalised word near a photo
that is a place, a thing, an organisation's product or a title, not a person."""

from __future__ import annotations

import pytest

SHOWN = [
    "Found Priyanka asleep on the beanbags after the release 😴 [photo]",
    "Happy birthday Tomas! 🎂 [picture of Tomas and the cake in the meeting room]",
    "Karaoke night highlights: our CFO Gemma doing Bohemian Rhapsody [video]",
    "Pizza Friday 🍕 selfie with Marta and Joel at the office",
]
NOT_PEOPLE = [
    "Morning view from the Oslo office [photo of the fjord, no people]",
    "Spent the weekend building a Lego Millennium Falcon with my son [photo]",
    "Loving the new Brightwater Pulse charts, here's mine [screenshot of my own public demo dashboard]",
    "Framed my favourite line: \"Simple Beats Clever\" [photo of the poster above my desk]",
    "Office plant update: Fernando the fern is thriving, and his owner approved this photo 🌿",
]


@pytest.mark.parametrize("post", SHOWN)
def test_a_named_person_in_a_photo_needs_their_agreement(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert "colleague_privacy" in {f.category for f in checked.findings}, post
    assert checked.verdict in ("caution", "escalate")


@pytest.mark.parametrize("post", NOT_PEOPLE)
def test_places_things_and_titles_near_a_photo_are_not_people(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert "colleague_privacy" not in {f.category for f in checked.findings if f.source != "scorer"}, post


def test_saying_they_agreed_lifts_it(bundled_engine):
    checked = bundled_engine.check("Happy birthday Tomas! 🎂 [picture of Tomas and the cake] (he said ok to posting it)",
                                   safer=False)
    assert "colleague_privacy" not in {f.category for f in checked.findings if f.source != "scorer"}


def test_home_life_on_a_whiteboard_is_not_internal_information(bundled_engine):
    checked = bundled_engine.check("[picture of the fridge whiteboard full of my son's doodles of dinosaurs] weekend mood",
                                   safer=False)
    assert "confidential" not in {f.category for f in checked.findings if f.source != "scorer"}


def test_a_whiteboard_with_work_on_it_still_is(bundled_engine):
    checked = bundled_engine.check("[picture of the team whiteboard with the migration plan] busy week ahead", safer=False)
    assert checked.verdict == "escalate"


@pytest.mark.parametrize("post", [
    "Welcome back Dara, after her surgery! She said yes to me sharing this 💐",
    "Rest in peace, Marco. His wife shared the news publicly and asked for donations to the hospice that cared for him.",
])
def test_someones_health_news_they_agreed_to_or_made_public_is_not_escalated(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert not any(f.category == "colleague_privacy" and f.severity == "escalate" and f.source != "scorer"
                   for f in checked.findings)


def test_someones_health_news_without_their_say_so_is_escalated(bundled_engine):
    checked = bundled_engine.check("Welcome back Dara, after her surgery! 💐", safer=False)
    assert checked.verdict == "escalate"
