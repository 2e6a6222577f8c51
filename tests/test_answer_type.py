"""A question asking for a figure is answered only by a passage that states one (bot/answer_type.py)."""

from __future__ import annotations

import pytest

from bot.answer_type import asks_quantity, states_quantity


@pytest.mark.parametrize("question", ["how many hashtags should I use?", "How much does membership cost?",
                                      "What's the minimum size of the logo on a banner?", "how often do I sign it?",
                                      "How long can a committer be inactive?"])
def test_quantity_questions(question):
    assert asks_quantity(question)


@pytest.mark.parametrize("question", ["Can I mention a client on LinkedIn?", "Who do I ask about a press call?",
                                      "Is it ok to post a photo of my desk?"])
def test_other_questions(question):
    assert not asks_quantity(question)


@pytest.mark.parametrize("text", ["Gifts worth more than $50 must be declared.", "Report it within two days.",
                                  "Sign the statement annually.", "Accept nothing beyond a modest value."])
def test_passages_that_state_a_figure_or_a_bound(text):
    assert states_quantity(text)


def test_a_passage_on_the_topic_without_a_figure():
    assert not states_quantity("Use the logo as provided; do not stretch or recolour it.")


def test_a_figure_question_the_guidelines_do_not_settle_abstains(bundled_engine):
    """The bundled guidelines speak of posts being permanent, not of headline lengths: before, the bot
    quoted 'Assume that anything you publish will be public' as the answer."""
    answer = bundled_engine.ask("How long should my LinkedIn headline be?")
    assert answer.abstained and not answer.citations


def test_a_qualitative_bound_answers_a_figure_question(bundled_engine):
    answer = bundled_engine.ask("What is the maximum value of a gift I can accept?")
    assert not answer.abstained
    assert any("Conflicts of interest" in c.section for c in answer.citations[:3])
