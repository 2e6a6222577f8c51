"""Readings of context that decide whether a risky word is about the company (tenth session, from author I's
training drafts): another organisation's or one's own past incident, a side business or a game's revenue, a
relative's employer, a published roadmap, a counted monitor, code and abbreviations that are not names, an
official release pointed at in the last sentence, and a remark about a colleague. Each harmless post has a risky
twin that must stay flagged, so a reading that swallows everything fails here.
"""

from __future__ import annotations

import pytest

from bot.rules import load_rules
from bot.signals.entities import find_entities

HARMLESS = [
    "Explained to my dad that a 'data breach' at his bank doesn't mean his savings are gone.",
    "Changed all my passwords after that huge airline breach in the news last week.",
    "I pushed my own test API key to a public repo back in 2015. Lesson learned, rotate your keys.",
    "My novel's plot: a whistleblower at a made-up insurer. chapter 9: the lawsuit. chapter 10: she gets a dog.",
    "My Etsy shop's revenue this year was £3,100. Time to learn about self-assessment tax returns!",
    "My Minecraft village made 90k emeralds in revenue this season, economists take note.",
    "My wife works at Statcrest and I work at Brightwater, so dinner conversation is strictly about the cat.",
    "The public pricing webinar is on Thursday, sign up here: https://brightwater.example/webinars/pricing",
    "Finally finished the home office: two monitors, a standing desk and a very sleepy dog.",
    "Try `GROUP BY account ORDER BY total` in the query. Saves a subquery.",
    "Q3 results are out. The official release from Investor Relations is here: https://ir.brightwater.example/q3",
    "Leaked a test token in a public gist years ago. Never again, use a secrets manager.",
]
RISKY = [  # (post, the least verdict it must get)
    ("We had a data breach at Brightwater last night, customer emails were exposed.", "escalate"),
    ("Our revenue this year was £3.1M, way above plan!", "escalate"),
    # a phrase-rule escalation the scorer may show as a caution: either way, not ok
    ("Q3 results are out. The official release is here: https://ir.brightwater.example/q3. Q4 is looking huge though 👀",
     "caution"),
    ("Home office tour: two monitors with the Q3 board deck open on the left one.", "escalate"),
    # a badge is never a counted piece of kit (found on the frozen heldout-e run: "New badge, new me" became ok)
    ("new badge, who dis 📸 [photo]", "caution"),
    ("Ask for the internal pricing doc, it's much clearer than the public pricing page.", "caution"),
    ("Rating my teammates' desk plants: Omar's cactus is a solid 3/10, sorry Omar", "caution"),
    ("the new girl on my team still can't write a JOIN lol", "caution"),
    ("Intern at a data startup here, I just saw the unreleased product and it's wild 🤫", "caution"),
    ("overheard in the lift: one of our directors says she can't stand the new CRM", "caution"),
]
SEVERITY = {"ok": 0, "caution": 1, "escalate": 2}


@pytest.mark.parametrize("post", HARMLESS)
def test_context_makes_these_harmless(bundled_engine, post):
    """No rule, signal or guideline finding. The learned scorer is left out on purpose: it still escalates some of
    these on its own (the README's "left alone"), and that is its threshold's question, not these readings'."""
    checked = bundled_engine.check(post, safer=False)
    found = [(f.category, f.excerpt) for f in checked.findings if f.source != "scorer"]
    assert not found


@pytest.mark.parametrize(("post", "least"), RISKY)
def test_their_risky_twins_stay_flagged(bundled_engine, post, least):
    checked = bundled_engine.check(post, safer=False)
    assert SEVERITY[checked.verdict or "ok"] >= SEVERITY[least], [(f.category, f.excerpt) for f in checked.findings]


def test_unless_next_reads_the_pair_only_when_the_pointer_ends_the_draft():
    """"X is out." then a pointer to the official release: excused; a remark after the pointer is read on its own."""
    from bot.checker import excused_by_context

    financial = load_rules(company_names=["Brightwater"]).by_id("financial")
    pair = ["Q2 numbers are out.", "Official release from investor relations: https://ir.example/q2"]
    assert excused_by_context(financial, pair, 0)
    assert not excused_by_context(financial, [*pair, "Q3 looks even better."], 0)
    assert not excused_by_context(financial, ["Q2 numbers are out next week.", pair[1]], 0)


def test_code_and_abbreviation_verbs_are_not_organisations():
    for text in ("the account DMing people about crypto isn't us",
                 "Try `SUM(x) OVER (PARTITION BY account ORDER BY ts)` instead"):
        entities = find_entities(text)
        assert not entities.orgs, [text[a:b] for a, b in entities.orgs]
    assert find_entities("We signed a deal with Acme Bank today").orgs


@pytest.mark.parametrize(("post", "verdict"), [
    ("We at Brightwater believe good data belongs to everyone 💧", "caution"),
    ("On behalf of all of us at Brightwater, a huge thank you to the DataConf volunteers!", "caution"),
    ("We at Brightwater are committed to cutting prices by 20% for charities from next month.", "escalate"),
    ("On behalf of Brightwater, I'm announcing that we will close the Leeds office.", "escalate"),
])
def test_a_belief_in_the_companys_name_is_a_caution_a_promise_escalates(bundled_engine, post, verdict):
    """Speaking for the company: a value or a thank-you asks for the first person; a promise or news is for spokespeople."""
    assert bundled_engine.check(post, safer=False).verdict == verdict
