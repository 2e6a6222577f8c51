"""A question asking for a figure is answered only by a passage that states one (bot/answer_type.py)."""

from __future__ import annotations

import pytest

from bot.answer_type import asks_quantity, missing_value, states_quantity


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


@pytest.mark.parametrize("question,passages,kind", [
    # a passage on the topic with another figure in it does not state the value asked for (wild7)
    ("What is the GDS emergency phone number?",
     ["The co-ordinator in the lead agency needs to call the GDS emergency phone number. It takes 30 minutes to deploy."],
     "a phone number"),
    ("What is the exact hex colour code of the green in the logo?", ["Use the logo in green or in black only."],
     "a colour code"),
    ("How many vacation days do employees get per year?", ["All staff are required to follow the code for 2 years."],
     "a number of vacation"),
    ("On what date does the pre-election period start?", ["Ask your lead if you're not sure about the period."],
     "a date"),
])
def test_a_value_of_another_kind_is_not_an_answer(question, passages, kind):
    assert missing_value(question, passages) == kind


@pytest.mark.parametrize("question,passages", [
    ("How long can the headline on the banner be?", ["The banner has a headline - 30 characters or less."]),
    ("How long do I have to appeal a decision?", ["Individuals have thirty (30) days to appeal a decision."]),
    ("how many hashtags is too many?", ["Do not use too many hashtags in any tweet."]),
    ("What share of board members must vote yes?", ["Statements need a two-thirds majority of the Board."]),
    # the second passage may be the one that answers
    ("What is the support phone number?", ["Call support when in doubt.", "Support: +44 20 7946 0958, weekdays."]),
    # asked for a number, the guidelines give an address to write to: that is the way to reach them
    ("What is the phone number of the Communications team?", ["Refer them to Communications at press@acme.example."]),
    ("Can I post a photo of my desk?", ["Never show screens in photos."]),  # not a value question at all
])
def test_a_passage_that_states_the_value_may_answer(question, passages):
    assert missing_value(question, passages) is None


@pytest.mark.parametrize("question", ["Can I tell my team how much the bonus pool is?",
                                      "Could we share how many users signed up last week?",
                                      "How much are we allowed to say about the outage before the report is out?"])
def test_asking_whether_a_figure_may_be_shared_is_not_asking_for_one(question):
    """Found on wild9 (eleventh session): these were abstained on because no passage states a figure."""
    assert not asks_quantity(question)


def test_a_figure_asked_for_inside_a_permission_question_is_still_asked():
    assert asks_quantity("How many hashtags can I use on a post?")


@pytest.mark.parametrize("text", ["Reviews should be done in days, not months.", "Keep the embargo measured in weeks."])
def test_an_order_of_time_answers_how_long(text):
    assert states_quantity(text)
    assert missing_value("How long should the review take?", [text]) is None


def test_an_unrelated_plural_unit_is_not_an_order_of_time():
    assert missing_value("How long should the review take?", ["Reviewers meet on weekdays to read the days' reports."])
