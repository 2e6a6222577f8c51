"""Ordinary risky posts phrased in ways the rules did not read before author I's training drafts (tenth session),
written here in new words, each beside a harmless post that shares its words and must not be escalated."""

from __future__ import annotations

import pytest

RISKY = [
    "Going to secretly record our sprint review so everyone can see how chaotic it is 😂",
    "Sure! Happy to do an interview about Brightwater's data strategy for your podcast, DM me.",
    "Intern life: I got to play with the secret new feature before anyone else 🤫",
    "Our security team only checks the firewall alerts during business hours, so weekends are a free-for-all lol",
    "big shoutout to @northwind_foods, easily my favourite client this year ❤️",
    "[photo of the party sign-up sheet with everyone's names and home addresses on it]",
    "From my days on the deal desk: our largest account pays about half of list price.",
    # someone else's work without credit
    "Sunday vibes 🌅 (reposting a comic strip I saw on Reddit, no idea who drew it)",
    "Team video is live! Background music is the full new Dua Lipa single 🎶",
    "Pasted the whole chapter from that paid stats book below, enjoy 📚",
    # a colleague named or tagged in a remark about them
    "pair programming with @tomasz.k today, he names every variable 'thing' and I adore him",
    "Employee of the month, in my heart: @Rosa Lind, who stayed until 2am fixing the release",
    # a complaint about one's own workplace
    "Honestly underpaid at Brightwater and the pay bands haven't moved since 2023.",
    "so fed up with our IT department, third broken laptop this year",
    # praise of the company's product without saying you work there
    "Have you tried Brightwater yet? Honestly a life saver for our stock counts.",
    "Still doing forecasts in Excel? Look at Brightwater's free tier, it paid for itself in a week.",
    # never acceptable, whatever the guidelines say
    "Why are women always worse at SQL? Asking for a friend 🤔",
    "Customs wanted a little facilitation payment to release our shipment, so we paid it. Business as usual!",
    "Selling some spare Xanax, DM for prices 💊",
    "Working from the café with a USB stick full of patient records, living on the edge ☕",
    "Voting yes tonight on giving the catering contract to my brother's company, nobody will mind.",
    "Posting from the company account because it matters: vote no on the surveillance law.",
    "Bank security team here: your card is blocked, reply with your PIN and we'll unlock it.",
    "Found an XSS on our client's login page, here's the URL and the payload, try it yourselves",
    "Calling it out: @kev_r groped a colleague at the offsite and @mia saw it.",
    # a political view tied to the employer
    "As a Brightwater engineer I think this new surveillance law is a disgrace. Call your MP!",
    "Brightwater crew, who's joining the climate strike on Friday? Let's show the company stands with us ✊",
]
HARMLESS = [
    "Secret project finally revealed: I've been learning the cello for a year and here's my first recital 🎻",
    "Recorded my own conference talk so I can watch my 'ums' later. Painful but useful.",
    "Turn on MFA everywhere, and check your backups actually restore. That's my whole security talk.",
    "Half of the fun of a hackathon is the snacks.",
    "Sunday vibes 🌅 my own photo of the harbour this morning, shot on my old film camera",
    "Great piece on dashboard design by Ana Ruiz, worth a read: https://example.com/dashboards",
    "Does anyone have a good slide template for a quarterly review? The ones I found online are awful.",
    "Voted this morning. Whatever your views, go and vote.",
    "Thanks to the running club at work for getting me to my first 10k 🏃",
    "Shoutout to our payroll team who sorted out my expenses mess in ten minutes flat.",
    "I work at Brightwater, so I'm biased, but our new forecasting view is a life saver for planners.",
    "Women in Data meetup tonight, come say hi! 👩‍💻",
    "My daughter bribed me with cookies to skip bedtime. It worked.",
    "Finished the annual anti-bribery training. 20 minutes well spent.",
    "Never send anyone your password, not even support. Real support staff will never ask for it.",
]


@pytest.mark.parametrize("post", RISKY)
def test_risky_posts_are_escalated_or_cautioned(bundled_engine, post):
    checked = bundled_engine.check(post, safer=False)
    assert checked.verdict in ("caution", "escalate"), post


@pytest.mark.parametrize("post", HARMLESS)
def test_their_harmless_neighbours_get_no_finding(bundled_engine, post):
    """Not a caution either: no rule, signal or guideline finding (the learned scorer is judged by its own tests)."""
    checked = bundled_engine.check(post, safer=False)
    assert not [(f.category, f.excerpt) for f in checked.findings if f.source != "scorer"]
