"""Clean posts must not be escalated: false alarms teach people to ignore the bot.

A broad, varied list of ordinary posts (family, hobbies, sport, learning, public events,
official reshares, numbers and names in harmless contexts). None may be judged `escalate`;
the personal ones (no work at all) must be `ok`.
"""

from __future__ import annotations

import pytest

PERSONAL = [
    "Spent the weekend hiking in the Lake District with my kids. Best views ever!",
    "My sourdough finally came out right. Recipe in the comments.",
    "Ran my first half marathon today: 1:52:10 and a lot of blisters.",
    "Happy 10th birthday to my daughter, time flies!",
    "Just adopted a rescue cat called Pixel. Already owns the sofa.",
    "Finished reading a brilliant novel about the Antarctic; ten out of ten.",
    "Our local team won 3-1 last night, what a game.",
    "Planted 40 tulip bulbs this afternoon, see you in April.",
    "Anyone have tips for learning Spanish as an adult?",
    "Trying a new cycling route along the river this Sunday at 8:30, join me!",
    "Voted this morning. Whatever your views, make sure you vote too.",
    "Great concert at the Royal Albert Hall tonight, the encore was magic.",
    "Moving house next month, any recommendations for movers in Leeds?",
    "Our wedding anniversary today: 15 years and counting.",
    "Baked 24 cupcakes for the school fair, sold out in 20 minutes!",
    "Just finished an online course on Kubernetes networking. Highly recommend it to beginners.",
    "Learning to play the piano at 45. Week 3 and my neighbours are very patient.",
    "Visited the new science museum exhibition, worth the trip.",
    "Ten years since I climbed Kilimanjaro. Still my proudest moment.",
    "Picked up a second-hand road bike for a great price, can't wait to ride it.",
]
WORK_BUT_FINE = [
    "Proud to share our official press release about the new Seattle office: https://example.com/news/seattle",
    "Our annual report was published today; the official release is here: https://investors.example.com",
    "Great talk today on accessible data visualisation at PyCon. The speaker's slides are linked below.",
    "I work at Example Corp and these are my own views: open standards make analytics better for everyone.",
    "Excited to be speaking at DevConf next week about testing practices (views my own).",
    "We're hiring! Open roles are on our careers page: https://example.com/careers",
    "Congratulations to everyone who completed the charity bike ride for the children's hospital.",
    "Reading a great book on negotiation, recommended by a mentor years ago.",
    "Tip for new managers: block 30 minutes a week for one-to-ones and protect that time.",
    "Attending the public webinar on data protection law tomorrow at 2pm, link in the comments.",
    "Happy to have completed my cloud certification exam today!",
    "Sharing this public article about remote work trends, interesting read.",
]


@pytest.mark.parametrize("post", PERSONAL)
def test_personal_posts_are_ok(bundled_engine, post):
    answer = bundled_engine.check(post)
    assert answer.verdict == "ok", [(f.category, f.excerpt) for f in answer.findings]


@pytest.mark.parametrize("post", WORK_BUT_FINE)
def test_ordinary_work_posts_are_not_escalated(bundled_engine, post):
    answer = bundled_engine.check(post)
    assert answer.verdict != "escalate", [(f.category, f.excerpt) for f in answer.findings]
