"""Notify-all mentions (@channel, @here) are a caution only where the guidelines speak of them (sixteenth session,
from wild17's Slack culture guide): the passage is cited; guidelines that never mention them give nothing."""

from __future__ import annotations

import pytest

from bot.mentions import mention_rules, mentions_in
from bot.passages import Passage
from tests.conftest import engine_over, findings_saying

CHAT = """# Chat etiquette

## Notifications

Keep `@channel` and `@here` for announcements that every member needs today, such as an outage. Everything else
goes in a thread.
"""


@pytest.fixture(scope="module")
def chat(tmp_path_factory, embeddings):
    return engine_over(tmp_path_factory.mktemp("chat"), {"chat.md": CHAT}, embeddings)


@pytest.mark.parametrize("post", ["@channel does anyone know a good lunch place near the office??",
                                  "Heads up <!here>: who took the red stapler?"])
def test_a_notify_all_mention_is_a_caution_citing_the_guideline(chat, post):
    found = findings_saying(chat, post, "Uses @")
    assert found and found[0].severity == "caution"
    assert "Keep @channel and @here for announcements" in found[0].message
    assert found[0].citations and "Notifications" in found[0].citations[0].section


@pytest.mark.parametrize("post", ["Lunch place recommendations welcome in the thread!",
                                  "Email me at alex@here.example.com about the channel topic."])
def test_no_mention_no_caution(chat, post):
    assert not findings_saying(chat, post, "Uses @")


def test_guidelines_that_never_mention_them_give_nothing(bundled_engine):
    assert not findings_saying(bundled_engine, "@channel does anyone know a good lunch place?", "Uses @")


def test_mentions_and_rules():
    assert mentions_in("ping @channel and <!here> but not team@here.org") == ["@channel", "@here"]
    passage = Passage(id="c:0", text="Use @everyone only for emergencies. Threads are for the rest.", doc="c.md",
                      title="Chat", section="Chat", position=0, url=None, path="c.md")
    assert mention_rules([passage])["@everyone"].sentence == "Use @everyone only for emergencies."
