"""Structures from wild23's drafts and questions (seventeenth session), in new words: an accusation aimed at a role
("the CEO of X is a fraud"), people kept off a team for where they come from, pride in work already shipped (not an
unannounced release), a figure stated by the closest passage even when it ranks third, and a question about the least
a text must carry (not a figure)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bot.answer_type import asks_quantity
from bot.engine import Engine
from tests.conftest import escalated_saying, findings_saying


@pytest.mark.parametrize("post", [
    "Reply: the founder of QuickLedger is a crook and a thief, don't give them your money.",
    "That vendor's director is a liar, plain and simple.",
])
def test_an_accusation_aimed_at_a_role_isescalated_saying(bundled_engine, post):
    assert escalated_saying(bundled_engine, post, "Accuses")


def test_a_role_beside_a_story_about_a_thief_is_not_an_accusation_of_the_role(bundled_engine):
    post = "Our office manager organised a great quiz night, the theme was famous art thieves in history."
    assert not findings_saying(bundled_engine, post, "Accuses")


@pytest.mark.parametrize("post", [
    "Between us, people from that part of the country don't belong on a sales team.",
    "Folks from that region shouldn't work in finance, they always slow everyone down.",
])
def test_keeping_people_off_a_team_for_where_they_come_from_isescalated_saying(bundled_engine, post):
    assert escalated_saying(bundled_engine, post, "Demeans people for who they are")


@pytest.mark.parametrize("post", [
    "Hats off to the mobile team for launching the redesigned app this week. Brilliant job!",
    "Kudos to everyone on releasing version 4 this month, what a sprint.",
])
def test_pride_in_work_already_out_is_not_unannounced(bundled_engine, post):
    assert not findings_saying(bundled_engine, post, "This looks like unannounced or internal information")


def test_thanks_for_a_launch_still_to_come_is_still_unannounced(bundled_engine):
    post = "Thanks to the team for launching the new pricing next month, keep it secret till then!"
    assert findings_saying(bundled_engine, post, "This looks like unannounced or internal information")


def _hit(text: str, dense: float) -> SimpleNamespace:
    return SimpleNamespace(passage=SimpleNamespace(text=text, section="Posting"), dense=dense)


def test_a_value_in_the_closest_passage_answers_even_when_it_ranks_third():
    hits = [_hit("Include no more than one link per post, close to the end.", 0.48),
            _hit("Social media is a great way to build relationships with customers.", 0.31),
            _hit("Posts on X: 125 characters or less, to leave room for comments.", 0.59)]
    assert not Engine._no_figure("how long should a post on X from the company account be?", hits)


def test_a_value_in_no_passage_still_abstains():
    hits = [_hit("Include no more than one link per post, close to the end.", 0.48),
            _hit("Social media is a great way to build relationships with customers.", 0.31),
            _hit("Write in a friendly voice and answer questions quickly.", 0.59)]
    assert Engine._no_figure("how long should a post on X from the company account be?", hits)


@pytest.mark.parametrize("question", ["What's the minimum copyright line we need to put on our reports?",
                                      "what's the least I have to add to a reused photo's caption?"])
def test_the_least_a_text_must_carry_is_not_a_figure(question):
    assert not asks_quantity(question)
