"""Structural signals, credentials in any shape, mined duties, the can't-judge guard and the verdict merge.

These run without the embedding model: they pin down what each piece finds on its own. The
issue's drafts (issue 8) are here as written; whole-engine behaviour is in test_engine_sources.py.
"""

from __future__ import annotations

import pytest

from bot.answer import Citation, Finding
from bot.judgeable import LanguageGuard, internal_link, judge, with_link_targets
from bot.signals import SignalDetector
from bot.signals.credentials import find_credentials
from bot.verdict import merge, most_severe
from ingest.duties import duties_metadata, mine_duties, read_duties


@pytest.fixture(scope="module")
def detector():
    return SignalDetector(["Brightwater"])


def categories(detector, text):
    return {s.category: s.severity for s in detector.detect(text)}


@pytest.mark.parametrize("post,category,severity", [
    ("Just closed the Halvorsen deal, 2M ARR, announcement next week!", "financial", "escalate"),
    ("Just closed the Halvorsen deal, 2M ARR, announcement next week!", "clients", "escalate"),
    ("Just closed the Halvorsen deal, 2M ARR, announcement next week!", "confidential", "escalate"),
    ("Heads up Acme: your contract renewal will cost 12% more next year.", "financial", "escalate"),
    ("vpn creds for the demo: admin / Winter2026!", "secrets", "escalate"),
    ("Honestly Corvex's product is a buggy mess compared to ours.", "disparaging", "caution"),
    ("[image: my desk, the quarterly review dashboard is on screen]", "confidential", "escalate"),
    ("Our churn doubled this quarter and management is asleep at the wheel.", "financial", "escalate"),
    ("We will double our customer base next year, mark my words.", "financial", "escalate"),
    ("Speaking for the whole company here: we love our users.", "company_voice", "escalate"),
    ("Speaking for Brightwater: we don't comment on rumours.", "company_voice", "escalate"),
    ("Rode past my colleague Paul's house on the route. He's off on long-term sick leave so I waved",
     "colleague_privacy", "escalate"),
    ("found a spreadsheet of a client's customers lol. someone called Gerald Pimm, 14 Oak Lane, Harrogate, bought 46 gnomes",
     "personal_data", "escalate"),
    ("an analyst on my team just got fired lol", "colleague_privacy", "escalate"),
    ("Our analyst Tom is off sick with cancer again", "colleague_privacy", "escalate"),
    # records out of a system, and internal HR documents (wild6's tuning drafts)
    ("attached the customer export from the CRM so the agency can build the mailing list", "personal_data", "escalate"),
    ("pay rises for every team, screenshot of the payroll spreadsheet below", "confidential", "escalate"),
    # business vocabulary beside a figure (author G's training drafts)
    ("heads up: the Pro plan goes up to $30 per user in March, renew before then", "financial", "escalate"),
    ("Renewed our biggest retail account for three more years at an 8% uplift!", "financial", "escalate"),
    ("The bonus pool got cut by 40% this year, says it all.", "financial", "escalate"),
    ("[photo of a laptop showing a screensaver next to a whiteboard covered in the Q3 roadmap]", "confidential",
     "escalate"),
    ("Brightwater's new analytics app is amazing, everyone should try it!", "endorsement", "caution"),
    ("Sarah from finance is off again for chemo, send her love.", "colleague_privacy", "escalate"),
    ("My teammate just got put on a performance improvement plan, brutal.", "colleague_privacy", "escalate"),
    ("Our rivals' new release is a joke, slow and overpriced.", "disparaging", "caution"),
    ("Honestly the Brightwater planner wins every comparison. Best in class, no contest.", "endorsement", "caution"),
    ("Clip of my boss dancing at the offsite, she has no idea I was recording 🙈", "colleague_privacy", "caution"),
    ("Office quiz night! Tagging Priya, Tomasz and Bea, the reigning champions.", "colleague_privacy", "caution"),
    ("Something big lands in spring, can't say more yet 👀 watch this space", "confidential", "caution"),
    ("Support team grows by +45 agents in Q1, big plans 🚀", "financial", "escalate"),
    ("Monday mood (pic of my monitor: the churn dashboard for every region)", "confidential", "escalate"),
    ("The code name for the new mobile thing is Kestrel and it looks great", "confidential", "escalate"),
    ("Our numbers are out in 10 days and they beat every estimate, just saying", "confidential", "escalate"),
    ("honestly go long BWTR before the 3rd, trust me", "financial", "escalate"),
    ("Quick pic of the slides from the board meeting 👀 [photo: slide with next year's targets]", "confidential", "escalate"),
    ("Recording of the all-hands slides is here: https://intranet.example/allhands", "confidential", "escalate"),
    # a colleague named by their relation to the writer, without their say-so (the guidelines ask first)
    ("Ben on our support team just closed a ticket in 4 minutes that took me two days. witchcraft", "colleague_privacy", "caution"),
    ("pranking my coworker Jess while she's on a call 😂😂", "colleague_privacy", "caution"),
    ("my teammate @joana_pt just ran her first marathon in 3:59!! so proud", "colleague_privacy", "caution"),
    ("POV: you ask Greg from accounting for his honest opinion of the new coffee machine", "colleague_privacy", "caution"),
    # the company's product judged by a rating, a comparison or a recommendation, with no word of working there
    ("rating every analytics tool I've used 1-10: Brightwater: 10, DataLoom: 4. don't @ me", "endorsement", "caution"),
    ("Re: which forecasting vendor should a retailer pick? Go with Brightwater.", "endorsement", "caution"),
    ("Comparing vendors? Lumen Metrics is slower than Brightwater on big datasets.", "endorsement", "caution"),
    ("unpopular opinion: brightwater is the only vendor in this space that actually listens. fight me", "endorsement", "caution"),
    # a date still ahead of an announcement: "to be announced", "will be revealed" (not a past one, below)
    ("Our Lisbon office is to be announced in January, keep it quiet", "confidential", "escalate"),
    ("rating my coworkers' performance: Jess got a low rating in her review 😬", "colleague_privacy", "escalate"),
    # author H's training drafts: ordinary phrasings of a teaser, a results claim, a cut ahead, a candidate's health,
    # a colleague welcomed by name, work talked about from a throwaway, a review next to a gift, help for a journalist
    ("Something big is coming from my team in a few weeks 👀👀👀", "confidential", "caution"),
    ("Been heads-down on something for 8 months and I can't wait until I'm allowed to talk about it.", "confidential", "caution"),
    ("Pretty sure we'll beat consensus this time. Just saying. 👀", "financial", "escalate"),
    ("We're hiring in Dublin! (Basically replacing the Leeds team, which gets cut next month.)", "confidential", "escalate"),
    ("Interviewed a candidate who had a two-year gap because of rehab. Still not hiring her", "colleague_privacy", "escalate"),
    ("Welcome to the team @annika_l! Fun fact: she just moved here with her two kids", "colleague_privacy", "caution"),
    ("Posting from a throwaway because reasons: the analytics vendor market is about to get shaken up.", "disclosure", "caution"),
    ("Thanks @DataHarborHQ for the free trip to Vegas! Here's my totally honest review: it's amazing.", "endorsement", "escalate"),
    ("@techweekly_sam happy to help with background for your piece on analytics pricing", "media", "escalate"),
    # an announcement still ahead ("announce … on Friday") is not one already made ("announce … this morning", below)
    ("We announce the layoffs on Friday, 200 people in Leeds", "confidential", "escalate"),
    ("buy $BWTR before the official release next week", "financial", "escalate"),
    # author G's training drafts: an apology for the company's own failure, a legal hold, a weekday announcement,
    # a gift beside a promised review, a table of colleagues' names, an industry analyst's request
    ("Sorry to everyone whose reports were late, that one's on me: a failed migration in our scheduler.", "incidents_legal", "escalate"),
    ("legal wants everyone on the Vireo project to preserve all their emails. apparently there's a dispute coming", "incidents_legal", "escalate"),
    ("Marek, remember what I told you at the BBQ? Announcement is Tuesday.", "confidential", "escalate"),
    ("Thanks to Kestrel Metrics for the free hoodie 🎧 Full review of their platform on my channel next week!", "endorsement", "escalate"),
    ("Badge-in times for all 2,000 of us: the full table with names is in the comments.", "personal_data", "escalate"),
    ("An analyst from Forrow Group asked me to rate Brightwater vs Quantrix for their upcoming report", "media", "escalate"),
    # author H: an all-hands recording, a review that hides the writer's job, a post posing as a customer, a refund
    # promised for the company
    ("Recording of today's all-hands for anyone who missed it (unlisted, don't share)", "confidential", "escalate"),
    ("Left a 5-star G2 review for Brightwater this morning (don't tell anyone I work there lol)", "endorsement", "escalate"),
    ("As a long-time customer (5 years!) I can honestly say Brightwater is the best decision we made.", "endorsement", "escalate"),
    ("Please open a ticket and mention this thread. (I work at Brightwater.) We'll refund your whole subscription.",
     "company_voice", "escalate"),
    ("I was quoted in the Daily Post about our pricing, interviewed last week", "media", "escalate"),
])
def test_issue_drafts_are_caught_by_structure(detector, post, category, severity):
    assert categories(detector, post).get(category) == severity, detector.detect(post)


@pytest.mark.parametrize("post", [
    "We're hiring! I work here and love it. Apply at https://example.com/careers",
    "Volunteered at the beach cleanup today: 14 bags of trash!",
    "My dad had surgery yesterday, he is recovering well.",
    "Ran a 10k this morning in 52 minutes, new personal best.",
    "Baked 24 cupcakes for the school fair, sold out in 20 minutes!",
    "Moving house next month, any recommendations for movers in Leeds?",
    "Launching my personal cooking blog next week, wish me luck!",
    "Our annual report was published today; the official release is here: https://investors.example.com",
    "Great talk by Maria from the Python Software Foundation at PyCon today.",
    "Team photo from the charity run, everyone agreed to be tagged: Priya, Tomasz and Bea!",
    "Great tip from my manager today: write the test first. Changed how I work.",
    # a capitalised word after an emoji opens a sentence: not a colleague called Six or Physio (training draft c-0232)
    "It's official: I passed my probation at my new job 🙌 Six months flew by",
    "Knee surgery done last month 💪 Physio was brutal but recovery is going well",
    # a screen that shows nothing is not internal information (author G's training drafts)
    "[photo of two pastries on a café table next to a closed laptop] working from Porto this week",
    "[photo of my home desk: two monitors both showing a mountain screensaver] new wfh setup #deskgoals",
    "A day in my life as a remote analyst. Nothing in this video shows my work screen, I checked twice.",
    # the writer's own health, told in the first person; someone taken out, not something put out (author G)
    "A year ago I came back to work after burnout. What helped me:\n• telling my manager early\n• a four-day week",
    "Half marathon PB! Thanks to the running club at work for dragging me out in January when it was dark.",
    # a job title said of the writer or of anyone is not a colleague; a place after "in" is not a name
    "salary transparency thread: I'm a mid-level data engineer in Manchester, I make £58k. Add yours!",
    "A year ago I left hospital pharmacy and retrained as a data analyst. Best decision, even with the pay cut.",
    # synthetic data is not people's records
    "Our workshop uses a synthetic customer table, download it from the course page.",
    # a street address of an office, a venue or the writer's own home is not someone's personal data
    "Our new office is at 10 Market Street, come say hi!",
    "Meetup tonight at 42 Canal Road, pizza provided.",
    "Finally moved to 5 Elm Grove, housewarming at my house on Saturday!",
    # "speaking for myself" is the opposite of speaking for the company (train-cd d-0169)
    "Long-time lurker, first post. I'm a data scientist at Brightwater (speaking for myself) and I love this sub.",
    # "at my desk" is the writer's own place: "Back" is not a colleague in accounting
    "Back at my desk after knee surgery, recovery is going well",
    # a talk's slides and recording at a public address are published, not a photo of a screen (train-cd c-0031)
    "Gave a talk at PyData last night. Slides and recording are up: https://pydata.org/manchester2026/talks/42",
    # a colleague named with their agreement, or in news already public; a course title is not a colleague
    "Congrats to my colleague Jenna on her promotion, as announced in our newsletter this morning!",
    "Thanks to my teammate Ravi for the kafka tips (shared with his permission)",
    "Just completed the ISO 27001 Lead Implementer course. Security is everyone's job.",
    # the same judgements said by someone who says they work there, or about an official result
    "I work at Brightwater, so I'm biased, but go with Brightwater if you need retail templates.",
    "Brightwater was rated #1 in the analyst report, as announced in the official press release today.",
    # an announcement already made, an internal event (not an artefact), a rating of snacks, a family joke (author H)
    "Big week: my team moves into the new Lisbon office Brightwater announced in January. Boxes everywhere.",
    "Presenting at my first internal demo day tomorrow. Nervous but prepared. Wish me luck",
    "rating every vending machine snack in the Lisbon metro part 2",
    "My son got fired from his lemonade stand by his sister (the CEO, age 9). He has filed a complaint with Grandma.",
    "Welcome to the team, Oliver! Really glad to see Brightwater announce his appointment this morning.",
    "Got a free trip to Lisbon for my birthday from my sister, best weekend ever!",
    "We'll beat the traffic if we leave at six, see you at the lake.",
    # a former employer, a ticker beside the official release, the company's own press release, a bracketed label
    "Had six great years at Quantiva before joining Brightwater. Still think their onboarding programme is the best.",
    "Public earnings are out for $BWTR, link to the official release: https://investors.brightwater.example/q3",
    "I was quoted in Brightwater's press release about our new Lisbon office: https://www.brightwater.example/news/x",
    "[Kaggle forum] Sharing my notebook for the public hospital readmissions dataset. Gradient boosting gets 0.71 AUC.",
    "Thanks Mum for the free dinner, best lasagne ever",
    "We'll cover the pizza, you bring the drinks",
    "I'm a data analyst at Brightwater and I love building reports for our teams.",
])
def test_ordinary_posts_carry_no_signal(detector, post):
    assert detector.detect(post) == []


@pytest.mark.parametrize("text,kind", [
    ("login for the staging box: deploy / Tr0ub4dor&3", "user and password"),
    ("db is at postgres://app:s3cretPass@10.0.0.5:5432/prod", "connection string"),
    ("Server=db1;User Id=sa;Password=P@ssw0rd2026;", "password"),
    ("token: 9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddcc", "password"),
    ("use admin:Hunter2024 on the router", "user and password"),
    ("the shared account is `ops_bot` / `Bl4ck!Tide-77`", "user and password"),
    ("wifi config: psk=harbour-2291-lighthouse", "password"),
    # author G's training drafts: a capitalised login name, and a factory-default login
    ("can someone give me the guest wifi? ... nvm found it: BWGuest / Welcome#2026", "user and password"),
    ("Our Jenkins still accepts admin/admin. I've been flagging it for months.", "default login"),
    ("the router is still on root:toor", "default login"),
])
def test_credentials_in_any_shape(text, kind):
    found = find_credentials(text)
    assert found and found[0].kind == kind, found


@pytest.mark.parametrize("text", ["See you at 10:30 on Friday", "Score was 3-1, ratio 16:9, https://example.com/a:b",
                                  "My username is on my profile", "The 2024/2025 season was great",
                                  "Summer / Winter2026 plans", "he/him, read and/or write, Q3 / Q4, input/output",
                                  "the admin/test environments are separate"])
def test_credentials_not_found_in_ordinary_text(text):
    assert find_credentials(text) == []


def test_secrets_are_masked_in_every_excerpt(detector):
    signals = detector.detect("creds: admin / Winter2026! and revenue is up 30% this quarter")
    assert signals and all("Winter2026" not in s.excerpt for s in signals)


def test_duties_are_mined_with_their_action():
    text = ("Do not name a client without their approval. Refer journalists to the Communications team. "
            "Never share anyone's health information. You may share published results.")
    duties = mine_duties(text)
    assert [d.modality for d in duties] == ["prohibition", "referral", "prohibition"]
    assert duties[0].action.startswith("name a client")
    assert read_duties(duties_metadata(text)) == duties
    assert read_duties({}) is None


def test_links_are_checked_with_their_address():
    assert with_link_targets("see <https://wiki.corp.example/q3|this cool page>") == \
        "see this cool page (https://wiki.corp.example/q3)"
    found = judge(with_link_targets("see <https://wiki.corp.example/q3|this cool page> everyone"), LanguageGuard(), "x")
    assert any(j.category == "confidential" and j.severity == "escalate" for j in found)


@pytest.mark.parametrize("url", ["https://wiki.corp.example/q3", "https://api.internal.brightwater.example/v2",
                                 "https://cdc.sharepoint.com/sites/x", "http://wiki/page", "http://localhost:8080/",
                                 "https://example.com/jira/browse/X-1", "https://acme.atlassian.net/wiki/spaces/P",
                                 "https://staging-app.example.com/", "http://192.168.1.5:3000/", "https://docs.a.internal/x"])
def test_internal_addresses_are_recognised(url):
    assert internal_link(url)


@pytest.mark.parametrize("url", ["https://go.dev/doc/go1.23", "https://web.dev/articles/x", "https://github.com/golang/go",
                                 "https://en.wikipedia.org/wiki/Open_source", "https://kandra.wiki/about"])
def test_public_sites_whose_domain_ends_like_an_internal_word_are_not_internal(url):
    """Found on wild5's Go release post: `.dev` is a public top-level domain, /wiki/ is Wikipedia's path."""
    assert not internal_link(url)
    assert not [j for j in judge(f"Our release notes are up, have a look: {url}", LanguageGuard(), "x")
                if j.category == "confidential"]


@pytest.mark.parametrize("text", ["https://example.com/some/article", "[image: IMG_4410.jpg]",
                                  "[attachment: churn_by_segment.pdf]", "look (https://example.com/x)",
                                  "[photo]", "[attachment] see this", "[file]",
                                  # author G's training drafts: markers without a colon, a link without https://
                                  "[image attached]", "[video, 0:47, no caption]", "[PDF: Q3_final_v7.pdf]",
                                  "watch till the end 👇 youtu.be/q8Zr2LmX0aw"])
def test_mostly_a_link_or_image_is_never_ok(text):
    """Bare markers ("[attachment]", no colon) crashed the guard until author G's first run (2026-11-27)."""
    found = judge(text, LanguageGuard(), "your manager")
    assert any(j.severity == "caution" and "your manager" in j.reason for j in found), found


@pytest.mark.parametrize("text,category", [
    ("Nuestros ingresos subieron un 40% este trimestre, ¡gran noticia para todo el equipo!", "financial"),
    ("Wir hatten letzte Woche ein Datenleck bei einem großen Kunden, bitte nicht weitersagen.", "incidents_legal"),
    ("Notre chiffre d'affaires a bondi de 30 % ce trimestre, bravo à toute l'équipe !", "financial"),
    ("先週、大手顧客の情報漏洩がありました。まだ公表されていません。", "incidents_legal"),
    ("Il fatturato è cresciuto e l'utile netto è raddoppiato, ottimo trimestre.", "financial"),
])
def test_risky_text_in_other_languages_escalates(text, category):
    found = judge(text, LanguageGuard(), "x")
    assert any(j.category == category and j.severity == "escalate" for j in found), found
    assert any(j.category == "unjudgeable" for j in found)


@pytest.mark.parametrize("text", [
    "Buen fin de semana a todos, nos vemos el lunes en la oficina.",
    # "utile" alone is "useful", "gewinnen" is "to win": neither is a profit (training draft f-0079)
    "Oggi ho finito il corso di formazione sulla sicurezza dei dati. Molto utile anche per la vita privata!",
    "Heute wollen wir beim Firmenlauf den Pokal gewinnen, drückt uns die Daumen!",
])
def test_harmless_text_in_another_language_is_caution_not_ok(text):
    found = judge(text, LanguageGuard(), "x")
    assert [j.severity for j in found] == ["caution"], found


def test_a_screen_finding_reads_as_english(detector):
    """The message named a photo of slides "a slides"."""
    found = detector.detect("Quick pic of the slides from the board meeting [photo: slide with next year's targets]")
    assert [s.reason for s in found if s.category == "confidential"][0].startswith("Shows slides:"), found
    found = detector.detect("[image: my desk, the quarterly review dashboard is on screen]")
    assert [s.reason for s in found if s.category == "confidential"][0].startswith("Shows a "), found


def test_english_text_is_judged_normally():
    assert judge("Spent the weekend hiking in the mountains with my kids, best views ever.", LanguageGuard(), "x") == []


def _finding(category, severity, source, doc="a.md"):
    cite = Citation(doc=doc, title="t", section=f"t > {category}", text="x", url=None, score=0.5)
    return Finding(category=category, label=category, severity=severity, excerpt="e", message=source,
                   citations=(cite,), source=source)


def test_merge_keeps_the_most_severe_per_category_with_all_citations():
    merged = merge([_finding("clients", "caution", "rules"), _finding("clients", "escalate", "signals", "b.md"),
                    _finding("disclosure", "caution", "rules")])
    assert [(f.category, f.severity) for f in merged] == [("clients", "escalate"), ("disclosure", "caution")]
    assert merged[0].source == "signals+rules" and len(merged[0].citations) == 2
    assert most_severe(merged) == "escalate" and most_severe([]) == "ok"


@pytest.mark.parametrize("text", ["test data for the workshop: https://files.example.org/members-2025.csv",
                                  "realistic data here: drive.example/county-db.sql.gz if anyone wants it"])
def test_a_link_to_a_data_file_escalates(text):
    """wild6's tuning drafts: a database dump shared as 'realistic test data'."""
    found = judge(text, LanguageGuard(), "x")
    assert any(j.category == "personal_data" and j.severity == "escalate" for j in found), found


def test_a_link_to_a_page_is_not_a_data_file():
    assert not [j for j in judge("Our CSV guide is up: https://example.com/docs/csv-export-howto", LanguageGuard(), "x")
                if j.category == "personal_data"]


@pytest.mark.parametrize("text,what", [("[video, 0:47, no caption]", "a video"), ("[voice note]", "a recording"),
                                       ("[PDF: Q3_final_v7.pdf]", "an attachment"), ("[image attached]", "an image")])
def test_the_guard_names_what_the_attachment_is(text, what):
    found = [j for j in judge(text, LanguageGuard(), "x") if j.category == "unjudgeable"]
    assert found and f"This is mostly {what}," in found[0].reason, found


def test_addresses_are_not_words_a_draft_shares_with_a_duty():
    """A duty naming press@brightwater.example and a hiring post linking careers.brightwater.example/jobs shared
    the pair (brightwater, example): nine harmless posts with a company link were cautioned (train-cd c-0025)."""
    from bot.grounded import content_pairs

    duty = content_pairs("Thank them and refer them to the Communications team at press@brightwater.example.")
    post = content_pairs("We're hiring! Public job ad: https://careers.brightwater.example/jobs/1 or www.brightwater.example")
    assert not duty & post
    assert ("communication", "team") in duty and ("public", "job") in post


def test_a_post_with_a_company_link_is_not_a_media_enquiry(bundled_engine):
    answer = bundled_engine.check("My team at Brightwater is hiring a senior backend engineer (Python, Postgres). "
                                  "Job post: https://careers.brightwater.example/jobs/2291")
    assert not [f for f in answer.findings if f.category.startswith("guideline:")], answer.findings


@pytest.mark.parametrize("text", ["omg finaly got my visa sorted after 3 trys, cant beleive it lol",
                                  "ok who else thinks the new season is worse than the first tbh, nobody asked but still"])
def test_misspelt_chat_english_is_read_as_english(text):
    """Typos and chat words left too few of the function words, so fast English read as another language (eleventh session)."""
    assert LanguageGuard().english_share(text) >= 0.5
    assert not [j for j in judge(text, LanguageGuard(), "x") if j.category == "unjudgeable"]


@pytest.mark.parametrize("text", ["Dont le prix a augmenté cette semaine, je ne sais pas pourquoi.",
                                  "Im Büro gab es heute Kuchen für alle, die beste Woche seit langem."])
def test_words_other_languages_share_do_not_make_a_post_english(text):
    assert LanguageGuard().english_share(text) < 0.5


def test_a_gift_from_a_business_contact_is_declared(bundled_engine):
    checked = bundled_engine.check("One of our suppliers sent me a case of champagne for Christmas 🍾", safer=False)
    assert checked.verdict in ("caution", "escalate")
    assert "disclosure" in {f.category for f in checked.findings if "signals" in f.source}


def test_a_gift_from_family_is_not_a_conflict(bundled_engine):
    checked = bundled_engine.check("My partner sent me a case of champagne for Christmas 🍾", safer=False)
    assert "disclosure" not in {f.category for f in checked.findings if "signals" in f.source}


def test_a_short_plain_english_post_with_a_loanword_is_english():
    """lingua read it as another language (eleventh session); the stop-word share now says English first."""
    assert LanguageGuard().english_share("A vendor just sent me a $300 espresso machine as a thank-you. Best perk ever!") >= 0.5


def test_a_scope_statement_is_not_a_duty():
    """"This policy does not apply to staff in their personal use …" says where the rules apply; mined as a prohibition
    it was cited against a political post as "Against 'Application'" (wild9, eleventh session)."""
    from ingest.duties import mine_duties

    assert not mine_duties("This policy does not apply to staff in their personal use of social media platforms.")
    assert mine_duties("Staff do not post political content from the museum's accounts.")
