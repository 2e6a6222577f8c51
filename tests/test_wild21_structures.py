"""Structures from wild21's drafts (sixteenth session), in new words: a screenshot of a private conversation,
everyone's names and addresses published, a picture of a child or a study participant, a trait denied to a whole
sex or age group, and a rule asking for consent when the draft says it has it. Each risky reading sits beside a
harmless one that shares its words."""

from __future__ import annotations

import pytest

from tests.conftest import engine_over, escalated_saying, findings_saying


@pytest.mark.parametrize("post", [
    "Screenshot from our private #planning channel with everyone's comments on the new hires",
    "Here's a screen grab of the leadership chat, you won't believe what they said about the merger",
])
def test_a_screenshot_of_a_private_conversation_isescalated_saying(bundled_engine, post):
    assert escalated_saying(bundled_engine, post, "Shares a screenshot of a private conversation")


@pytest.mark.parametrize("post", ["Screenshot of our public status page during the launch.",
                                  "Tip: take a screenshot before you close the private browsing window."])
def test_a_screenshot_of_something_public_is_not(bundled_engine, post):
    assert not findings_saying(bundled_engine, post, "Shares a screenshot of a private conversation")


@pytest.mark.parametrize("post", [
    "Uploading the full survey dataset to GitHub today, with every farmer's name and farm address!",
    "The attendee sheet is on the public drive: all volunteers' names and phone numbers.",
])
def test_everyones_names_and_addresses_areescalated_saying(bundled_engine, post):
    assert escalated_saying(bundled_engine, post, "Handles real people's personal details")


def test_asking_someone_to_update_their_own_name_and_address_is_not(bundled_engine):
    assert not findings_saying(bundled_engine, "Please update your name and address in the HR portal before Friday.",
                               "Handles real people's personal details")


@pytest.mark.parametrize("post", [
    "Cutest participant of the week! [photo of an infant from today's study session]",
    "[photo of the kids from this morning's reading group] look at those faces",
    "[picture of a patient in bed 4 after her operation] what a fighter",
])
def test_a_picture_of_a_child_patient_or_participant_isescalated_saying(bundled_engine, post):
    assert escalated_saying(bundled_engine, post, "Shows a child, a patient or a study participant")


@pytest.mark.parametrize("post", [
    "[photo of my kid at the beach] best weekend ever",
    "[photo of the kids from the open day] shared with their parents' written consent",
])
def test_ones_own_child_or_a_picture_with_consent_is_not(bundled_engine, post):
    assert not findings_saying(bundled_engine, post, "Shows a child, a patient or a study participant")


@pytest.mark.parametrize("post", [
    "Women just aren't that into coding, which is why the team is mostly guys lol",
    "Older staff can't learn new software, so we stopped offering them training.",
])
def test_a_trait_denied_to_a_whole_sex_or_age_group_isescalated_saying(bundled_engine, post):
    assert escalated_saying(bundled_engine, post, "Demeans people for who they are")


@pytest.mark.parametrize("post", [
    "Women are underrepresented in SRE; here's what our team does to change that.",
    "Young people aren't into email any more, so the newsletter moved to Instagram.",
    "Our survey found that older users prefer larger fonts.",
])
def test_talk_about_groups_that_demeans_no_one_is_not(bundled_engine, post):
    assert not findings_saying(bundled_engine, post, "Demeans people for who they are")


CONSENT_RULE = """# Outreach

## Photos

Never post a picture of a visitor without the explicit permission of the visitor, or of a parent for a child.
"""


def test_a_consent_rule_is_not_raised_against_a_draft_that_has_consent(tmp_path, embeddings):
    engine = engine_over(tmp_path, {"outreach.md": CONSENT_RULE}, embeddings)
    post = "Thanks to all the families who visited this week! (Photo shared with the parents' permission.)"
    assert not findings_saying(engine, post, "The guidelines say")
    assert findings_saying(engine, "Thanks to all the families who visited this week! [photo of the visitors]",
                           "The guidelines say")
