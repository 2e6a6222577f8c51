"""Combinations of features that make a post risky, whatever its wording.

Each rule names the structure it looks for and the category of the rules file it belongs to (so
the finding carries that category's label and cites that category's passages):

| structure | category | severity |
| --- | --- | --- |
| a credential in any shape | secrets | escalate |
| an amount, percentage or change next to a business word | financial | escalate |
| a forward-looking growth promise for the company | financial | escalate |
| another organisation next to a business word or an amount | clients | escalate |
| a future date next to announce / launch / ship / close / sign | confidential | escalate |
| an image of a screen, whiteboard, document or badge | confidential | escalate (badge: caution) |
| a colleague next to health, family, HR or performance words | colleague_privacy | escalate |
| a first-person-plural claim made for the company | company_voice | escalate |
| an absolute guarantee ("100%", "every time") for our product | company_voice | escalate |
| a judgement about competitors or the employer's management | disparaging | caution |
| praise of the employer's product without saying you work there | endorsement | caution |
| a hint at news that isn't public ("watch this space", "can't say what yet") | confidential | caution |
| a photo, video or tag of people who didn't agree (or named without saying they did) | colleague_privacy | caution |
| a credential said to be exposed, value or not ("still has the live password in it") | secrets | escalate |
| people's records out of a system, or real people's details in bulk | personal_data | escalate |
| a required approval skipped or self-signed | confidential | escalate |
| one's own product or account presented as the organisation's official one | company_voice | escalate |
| a protected name built into a new product, domain, company or account name (`name_with_mark`) | copyright | escalate |
| goods carrying a name or logo, sold (a protected name on goods: `name_with_mark`) | copyright | escalate |
| applying to register a trademark | copyright | escalate |
| a protected name split apart ("Blazing-MQ") (`mark_spelling`) | copyright | caution |
| a logo put beside another organisation's | copyright | escalate |
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.marks import uses_mark
from bot.signals.credentials import find_credentials
from bot.signals.features import (
    GOODS,
    GROUP_SENTENCE,
    HANDLE,
    MARKER,
    PERSONAL_SENTENCE,
    SELL,
    URL,
    WEAK_BUSINESS,
    Features,
    Span,
)

FORWARD_OWN = re.compile(r"(?:['’]s \w+ )?\s*(?:will|is going to|is gonna|is set to|is on track to|is about to)\s+(?:\w+\s+)?"
                         r"(?:double|triple|grow|hit|reach|exceed|beat|surpass|be profitable|go public|ipo|overtake|crush)\b",
                         re.IGNORECASE)


@dataclass(frozen=True)
class Signal:
    """A risky structure found in a draft."""

    category: str
    severity: str
    excerpt: str
    reason: str
    secret_spans: tuple[tuple[int, int], ...] = ()
    source: str = "signals"  # "hints" for word cues as loose as phrase lists (the scorer may weigh those)
    excusable: bool = True  # False: no reading of context (an official release, a story...) takes it back


def _official(features: Features, span: Span) -> bool:
    """Resharing an official release: the post points at it within a couple of sentences."""
    return features.near(span, "official", window=200, same_sentence=False) is not None


def _unofficial(features: Features, kind: str) -> Span | None:
    """The first span of `kind` not in an official release's own words (what one-finding structures report)."""
    return next((span for span in features.of(kind) if not _official(features, span)), None)


def _escalate_unofficial(features: Features, kind: str, category: str, reason: str) -> Signal | None:
    """An escalation at the first span of `kind` outside an official release's words, if there is one."""
    found = _unofficial(features, kind)
    return Signal(category, "escalate", features.excerpt(found), reason) if found else None


def _personal(features: Features, span: Span) -> bool:
    """A sentence about oneself ("got one for £189", "forecast for my garden"), not about a business."""
    sentence = features.text[slice(*features.sentence_of(span))]
    return bool(PERSONAL_SENTENCE.search(sentence)) and not GROUP_SENTENCE.search(sentence)


def _financial(features: Features) -> Signal | None:
    for kind in ("money", "percent", "change", "signed"):
        for amount in features.of(kind):
            business = features.near(amount, "business", window=45)
            if not business or _official(features, amount) or features.near(amount, "charity", window=80):
                continue
            if business.text.lower() in WEAK_BUSINESS and (_personal(features, amount) or not features.of("org") and
                                                           not GROUP_SENTENCE.search(features.text)):
                continue  # "black friday deals", "forecast for my garden: 80%"
            weak = kind == "change" and amount.text.lower() in {"up", "down", "higher", "lower", "record", "beat"}
            if weak and not (features.near(amount, "business", window=12) and (
                    features.near(amount, "number", window=40) or features.near(amount, "percent", window=40))):
                continue  # weak change words need a number and a business word right beside them
            if kind == "percent" and features.near(amount, "praise", window=30) and "off" in features.text.lower():
                continue  # "20% off" promo codes: endorsement, not results
            what = {"money": "an amount", "percent": "a percentage", "change": "a change", "signed": "a change"}[kind]
            return Signal("financial", "escalate", features.excerpt(amount, business),
                          f"Gives {what} ({amount.text.strip()}) next to “{business.text}”: business figures "
                          "come only from official company channels.")
    for claim in features.of("forward") + features.of("result_state"):
        if not _official(features, claim):
            return Signal("financial", "escalate", features.excerpt(claim),
                          "Makes a claim about the business's results or prospects.")
    for own in features.of("own"):
        text = features.text[own.end:own.end + 50]
        if FORWARD_OWN.match(text) and not _official(features, own):
            return Signal("financial", "escalate", features.excerpt(own),
                          "Makes a forward-looking claim about the company's performance.")
    for trade in features.of("trade") + features.of("ticker_trade"):
        if trade.text.startswith("$") and _official(features, trade):
            continue  # "Public earnings are out for $BWTR, link to the official release": a ticker, no trade
        return Signal("financial", "escalate", features.excerpt(trade),
                      "Talks about trading shares: with inside knowledge that is insider dealing, and share tips are never ok.")
    return None


_WORKED_AT = re.compile(r"\b(?:years?|months?|time|stint|career|worked|working|was|interned)\s+(?:\w+\s+)?at\s+$|"
                        r"\b(?:left|leaving|alumni of|ex-)\s*$", re.IGNORECASE)


def _clients(features: Features) -> Signal | None:
    for org in features.of("org"):
        if _WORKED_AT.search(features.text[max(0, org.start - 30):org.start]):
            continue  # "Had six great years at Quantiva before joining Brightwater": a former employer
        other = (features.near(org, "client_business", window=60) or features.near(org, "money", window=60)
                 or features.near(org, "client_business", window=60, same_sentence=False))
        if other and not _official(features, org) and not features.near(org, "charity", window=80):
            return Signal("clients", "escalate", features.excerpt(org, other),
                          f"Names {org.text} next to “{other.text.strip()}”: naming a client, partner or deal needs "
                          "their approval and the relationship owner's.")
    return _escalate_unofficial(features, "client_list", "clients",
                                "Lists the company's clients or what each pays: who the clients are and their rates are "
                                "confidential business.")


_TO_BE = re.compile(r"\b(?:will|to|'ll|’ll|gets?|getting|be|being|is|are|not|n't|n’t|yet)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _done(features: Features, verb: Span) -> bool:
    """An announcement already made ("the new office Brightwater announced in January"): a past-tense verb
    that is not "will be announced", "to be revealed" or "not announced"."""
    return (verb.text.lower().endswith("ed") and " " not in verb.text.strip()
            and not _TO_BE.search(features.text[max(0, verb.start - 20):verb.start]))


def _unannounced(features: Features) -> Signal | None:
    for date in features.of("future"):
        verb = features.near(date, "announce", window=50)
        if not verb or _official(features, date) or _done(features, verb):
            continue
        sentence = features.text[slice(*features.sentence_of(date))].lower()
        if ("my " in sentence or " i " in f" {sentence}") and not any(
                w in sentence for w in (" we ", "our ", "the company", "team")) and features.near(date, "org") is None:
            continue  # "I'm launching my podcast next week": a personal plan
        return Signal("confidential", "escalate", features.excerpt(date, verb),
                      f"Puts a date on something not yet announced (“{verb.text} … {date.text.strip()}”).")
    return None


def _images(features: Features) -> Signal | None:
    for photo in features.of("photo"):
        marker = MARKER.fullmatch(photo.text) or photo.text[:1] in "[("  # "(photo of my screen: ...)"
        inside = [s for s in features.of("screen") if photo.start <= s.start and s.end <= photo.end
                  and not _blank(features.text, s)] if marker else []
        screen = inside[0] if inside else features.near(photo, "screen", window=60)
        if not screen or (not marker and screen.start < photo.end and photo.start < screen.end):
            continue
        around = features.text[slice(*features.sentence_of(photo))].lower()
        if "my own" in around or "personal" in around:
            continue  # my own portfolio on my own screen
        if _published(screen, photo, around):
            continue  # "Slides and recording are up: https://pydata.org/…": a public talk's material, linked
        if _blank(features.text, screen):
            continue  # "next to a closed laptop", "monitors showing a mountain screensaver"
        badge = screen.text.lower() in _BADGES
        shown = screen.text.lower()
        shown = shown if shown.endswith("s") and not shown.endswith("ss") else f"a {shown}"  # "slides", "a slide"
        return Signal("confidential", "caution" if badge else "escalate", features.excerpt(photo, screen),
                      "Shows a badge: access badges can be copied and show where you work." if badge else
                      f"Shows {shown}: screens, whiteboards and documents in photos expose internal information.")
    return None


# A screen that shows nothing: closed or switched off, or on its screensaver; or said not to be in the picture.
_BLANK_BEFORE = re.compile(r"(?:\b(?:closed|shut|blank|switched-off|turned-off|no|without(?: any)?)\s+(?:\w+\s+)?|"
                           r"\bnothing\b(?:\s+\S+){0,4}?\s+(?:shows?|showing|visible on)\s+(?:\w+\s+){0,2})$", re.IGNORECASE)
_BLANK_AFTER = re.compile(r"^\W{0,2}(?:\w+\s+){0,2}?(?:(?:showing|shows|on|with)\s+(?:an?\s+|the\s+|my\s+|its\s+)?(?:\w+\s+)?"
                          r"(?:screensaver|screen saver|wallpaper|lock ?screen|desktop background|login screen)|"
                          r"(?:is|are)?\s*(?:closed|switched off|turned off|off|blank|dark)\b|"
                          # what is on it is home life, not work: "a home whiteboard covered in a child's crayon drawing"
                          r"(?:\w+\s+){0,3}?(?:covered in|with|showing|shows|full of)\s+(?:my\s+|a\s+|an\s+)?"
                          r"(?:\w+(?:'s|’s)?\s+){0,2}?(?:crayon|drawings?|doodles?|shopping list|grocery list|chore chart)\b)", re.IGNORECASE)


def _blank(text: str, screen: Span) -> bool:
    """Whether the screen in the picture shows nothing: found in author G's harmless desk and café photos;
    or it is counted as a piece of kit in a list ("two monitors, one plant and a clicky keyboard", author I)
    with nothing said to be on it."""
    return bool(_BLANK_BEFORE.search(text[max(0, screen.start - 60):screen.start])
                or _BLANK_AFTER.search(text[screen.end:screen.end + 60])
                or (screen.text.lower() not in _BADGES and _KIT_BEFORE.search(text[max(0, screen.start - 30):screen.start])
                    and _KIT_AFTER.match(text[screen.end:screen.end + 30])
                    and not _SHOWING.search(text[screen.end:screen.end + 80])))


# A badge shows who you are and where you work whether it is new or old: never read as a piece of kit.
_BADGES = frozenset({"badge", "badges", "lanyard", "access card", "id card"})
_KIT_BEFORE = re.compile(r"\b(?:two|three|four|dual|triple|twin|\d|extra|second|ultrawide|curved|vertical|new|big|old)\s+$",
                         re.IGNORECASE)
_KIT_AFTER = re.compile(r"\s*(?:,|\band\b|&|\+|[.!)\]]|$)")
_SHOWING = re.compile(r"\b(?:showing|shows|displaying|open(?:ed)? (?:on|to)|on (?:it|them|screen)|with (?:[\w-]+ ){1,4}(?:open|up))\b",
                      re.IGNORECASE)


_TALK_MATERIAL = {"slide", "slides", "deck"}


def _published(screen: Span, photo: Span, sentence: str) -> bool:
    """Slides, a deck or a talk's recording linked at a public address in the same sentence: material
    already published, not a photo of a screen. On the 1,690 training and tuning drafts every one of the
    nine posts of that shape was harmless (talks, webinars, an earnings call's public webcast)."""
    from bot.judgeable import internal_link  # here: bot.judgeable imports this package's features

    if screen.text.lower() not in _TALK_MATERIAL and not photo.text.lower().startswith("recording"):
        return False
    urls = [m.group(0) for m in URL.finditer(sentence)]
    return bool(urls) and not any(internal_link(u) for u in urls)


_PRONOUNS = {"he", "she", "his", "her", "him"}
# A capitalised word after an emoji starts a new sentence: social posts end sentences with pictographs
# ("🙌 Loved every minute"), not full stops.
# A capitalised word after "in", "at" or "near" is a place ("a data engineer in Manchester"), not a person; one
# right after a bracket is a label ("[Kaggle forum]"), and one after a closing bracket opens a sentence.
_NAME = re.compile(r"(?<![.!?\]\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\ufe0f]\s)(?<!^)"
                   r"(?<!\bin )(?<!\bat )(?<!\bnear )(?<![\[(])\b[A-Z][a-z]{2,14}\b")


def _names(features: Features) -> list[Span]:
    """Capitalised words inside a sentence that are not the company, an organisation, a street address
    ("14 Oak Lane") or a common word: names."""
    from bot.signals.entities import _NOT_NAMES

    taken = [(s.start, s.end) for s in features.of("org") + features.of("own") + features.of("street_address")]
    out = []
    for match in _NAME.finditer(features.text):
        a, b = features.sentence_of(Span(match.start(), match.end(), "", ""))
        if match.start() == a or match.group(0).lower() in _NOT_NAMES:
            continue
        if any(x <= match.start() < y for x, y in taken):
            continue
        out.append(Span(match.start(), match.end(), "name", match.group(0)))
    return out


def _find_names(features: Features) -> None:
    """Find the draft's names once: several combinations read them, and `_names` scans every word."""
    if "name" not in features.spans:
        features.spans["name"] = _names(features)


_FIRST_PERSON = re.compile(r"\b(?:i|i'm|i’m|i've|i’ve|my|me|myself)\b", re.IGNORECASE)
_THIRD_PERSON = re.compile(r"\b(?:" + "|".join(sorted(_PRONOUNS | {"hers"})) + r")\b", re.IGNORECASE)  # "he's" too


def _own_matter(features: Features, matter: Span) -> bool:
    """The writer's own health or HR matter: told in the first person, with nobody else in its sentence."""
    a, b = features.sentence_of(matter)
    sentence = features.text[a:b]
    if not _FIRST_PERSON.search(sentence) or _THIRD_PERSON.search(sentence):
        return False  # "He's off on long-term sick leave so I waved": his matter, not the writer's
    others = [s for kind in ("work_role", "person", "name") for s in features.of(kind)]
    return not any(a <= s.start < b for s in others)


_TITLES = {"engineer", "designer", "analyst", "accountant", "recruiter"}
_A_TITLE = re.compile(r"\b(?:a|an)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)
_ON_A_TEAM = re.compile(r"^\s+(?:on|in|from|at)\s+(?:my|our|the)\b", re.IGNORECASE)  # "an analyst on my team" is a colleague


def _job_title(features: Features, role: Span) -> bool:
    """A job title said of anyone or of the writer ("I'm a mid-level data engineer", "retrained as a data
    analyst", "a good salary for a junior analyst"), not a colleague ("our analyst", "the intern")."""
    a, _ = features.sentence_of(role)
    return (role.text.lower() in _TITLES and bool(_A_TITLE.search(features.text[max(a, role.start - 40):role.start]))
            and not _ON_A_TEAM.search(features.text[role.end:role.end + 20]))


def _colleague_health(features: Features) -> Signal | None:
    """Someone else's health, pay or personnel matter, unless they agreed or made it public themselves (a colleague
    who said yes to a post about their recovery, a family's public notice of a death)."""
    if features.of("consent") or features.of("made_public"):
        return None
    _find_names(features)
    roles = [r for r in features.of("role") if r.text.lower() not in _PRONOUNS and not _job_title(features, r)]
    features.spans["work_role"] = roles
    for kind in ("health", "hr"):
        for matter in features.of(kind):
            if features.near(matter, "family", window=40):
                continue
            if _own_matter(features, matter):
                continue  # "I came back to work after burnout. What helped: telling my manager early"
            person = (features.near(matter, "work_role", window=80) or features.near(matter, "person", window=80)
                      or features.near(matter, "work_role", window=80, same_sentence=False)
                      or features.near(matter, "person", window=60, same_sentence=False)
                      or features.near(matter, "name", window=60, same_sentence=False))
            if person is None and (roles or features.of("name")):
                person = features.near(matter, "role", window=40)  # "her breakdown", with Lou named elsewhere
            if not person:
                continue
            what = "health" if kind == "health" else "personnel or pay"
            return Signal("colleague_privacy", "escalate", features.excerpt(person, matter),
                          f"Shares {what} details about {person.text.strip()}: someone else's health, pay and "
                          "personnel matters are never yours to share.")
    return None


def _incidents(features: Features) -> Signal | None:
    for failure in features.of("failure"):
        ours = features.near(failure, "ours", window=120, same_sentence=False) or features.near(failure, "own", window=60)
        if ours and not _official(features, failure):
            return Signal("incidents_legal", "escalate", features.excerpt(failure, ours),
                          "Describes a failure of the company's own service: incidents are commented on only by the official teams.")
    for legal in features.of("legal"):
        return Signal("incidents_legal", "escalate", features.excerpt(legal),
                      "Mentions a legal case or investigation: legal matters are commented on only by Legal and Communications.")
    return None


def _media(features: Features) -> Signal | None:
    for media in features.of("media"):
        if features.text[media.end:media.end + 8].lower().startswith(" release"):
            continue  # "I was quoted in Brightwater's press release": the company's own announcement
        return Signal("media", "escalate", features.excerpt(media),
                      "Talking to the press about work: only authorised spokespeople do that.")
    return None


def _internal(features: Features) -> Signal | None:
    for artefact in features.of("internal"):
        if features.near(artefact, "fiction", window=80) and not features.near(artefact, "own", window=200, same_sentence=False):
            continue  # "A thriller about a leaked confidential memo at a pharma company": a story
        if not _official(features, artefact):
            return Signal("confidential", "escalate", features.excerpt(artefact),
                          f"Shares something internal (“{artefact.text.strip()}”): only share what the company has made public.")
    for shown in features.of("shown_personal"):
        return Signal("personal_data", "escalate", features.excerpt(shown),
                      "Shows someone's personal details: names, contact details and numbers of customers or colleagues are never yours to post.")
    return None


def _home_address(features: Features) -> Signal | None:
    """Someone's street address: an address beside a person or a home, and not a shop, an office or a venue
    ("Rode past my colleague Paul's house, 22 Birch Lane", "someone called Gerald Pimm, 14 Oak Lane")."""
    _find_names(features)
    for address in features.of("street_address"):
        if features.near(address, "place_of_business", window=60):
            continue
        whose = (features.near(address, "home", window=60) or features.near(address, "person", window=60)
                 or features.near(address, "name", window=60))
        if whose:
            return Signal("personal_data", "escalate", features.excerpt(whose, address),
                          "Gives someone's street address: where people live is never yours to post.")
    return None


_MONTHS = {"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
# what may stand between a person's name and their amount: "Dana Whitfield ($12k)", "our lead Jonas €91k",
# "Tom Reed, who received $5,000"
_OWN_AMOUNT = re.compile(r"[\s,(:–-]*(?:(?:who |has |have |had )?(?:received|got|gave|donated|earns?|earned|makes?|made|paid|"
                         r"pays|is paid|was paid|on|at)\s*)?[\s(]*")


def _personal_money(features: Features) -> Signal | None:
    """A named person beside an amount of money: what someone earns, gave or was awarded ("our lead Jonas €91k", "donors:
    Dana Whitfield ($12k)"). Someone's own finances are their personal information. On the 2,504 tuning drafts the
    shape occurs four times, every one risky."""
    if not features.of("money"):
        return None
    _find_names(features)
    text = features.text
    for person in features.of("name") + features.of("person"):
        if person.text.lower().strip(" .") in _MONTHS:
            continue
        for amount in features.of("money"):
            gap = text[person.end:amount.start]
            if amount.start >= person.end and len(gap) <= 25 and _OWN_AMOUNT.fullmatch(gap):
                return Signal("personal_data", "escalate", features.excerpt(person, amount),
                              "Gives a named person's pay, donation or award: someone's own finances are theirs to share, "
                              "not yours.")
    return None


_RECORDS = (
    ("data_export", "Shares records taken out of a system: customers', users' and colleagues' data is never yours to "
                    "post, even as test or sample data."),
    ("people_records", "Handles real people's personal details: publishing them, or putting them into an outside tool, "
                       "needs the data owner's approval first."),
)


def _data_export(features: Features) -> Signal | None:
    """People's records out of a system ("the full database export", "last year's applicant spreadsheet", a link to a
    .sql or .csv file), or real people's details handled in bulk ("the real patient names", "names, phone numbers,
    addresses"), unless the draft says the data is synthetic or anonymised."""
    if features.of("synthetic"):
        return None
    for kind, reason in _RECORDS:
        found = _escalate_unofficial(features, kind, "personal_data", reason)
        if found:
            return found
    return None


def _unless_refused(features: Features, kind: str, category: str, severity: str, reason: str) -> Signal | None:
    """A signal at the first span of `kind` whose sentence doesn't say it is not done."""
    # "we never share …", "don't send anyone your password": a sentence that says it is not done
    found = next((span for span in features.of(kind) if not features.in_sentence(span, "refusal")), None)
    return Signal(category, severity, features.excerpt(found), reason) if found else None


def _credential_request(features: Features) -> Signal | None:
    """Asking people for their password, token or one-time code (wild19): no post or DM should."""
    return _unless_refused(features, "credential_request", "secrets", "escalate",
                           "Asks people for their password, token or login code: no one should be asked to hand over "
                           "credentials in a post or message; it is how accounts are taken over.")


def _account_sharing(features: Features) -> Signal | None:
    """Someone else asked to use your account, or offered it: accounts and passwords are personal."""
    return _unless_refused(features, "account_sharing", "secrets", "caution",
                           "Lets someone else use your account: logins are personal, and what is done with them is done in "
                           "your name. Ask IT or an admin to give them their own access instead.")


def _vote_request(features: Features) -> Signal | None:
    """Asking people to upvote a post (wild11)."""
    return _unless_refused(features, "vote_request", "disclosure", "caution",
                           "Asks people to upvote: organised voting breaks the rules of most sites that rank by votes and "
                           "hides that the votes come from colleagues. Share it, and let people decide for themselves.")


def _people_data_passed(features: Features) -> Signal | None:
    """People's data passed on, sold or copied out in bulk (wild19), unless the data is said to be synthetic."""
    if features.of("synthetic"):
        return None
    return _unless_refused(features, "people_data_passed", "personal_data", "escalate",
                           "Passes on, sells or copies out people's data (messages, contact details, health questions): "
                           "users' and customers' data is never yours to share, and doing so needs the data owner's and "
                           "the privacy team's approval.")


def _exposed_secret(features: Features) -> Signal | None:
    """A credential said to sit somewhere public or in code ("the live database password is still in config.yml"),
    value or not; advice about keeping secrets out of repositories is not one."""
    for exposed in features.of("secret_exposed"):
        if features.in_sentence(exposed, "secret_advice"):
            continue  # advice, or a story from long ago, in its sentence
        return Signal("secrets", "escalate", features.excerpt(exposed),
                      "Says a live credential is exposed (in a public repository, a file or the code): revoke and rotate it "
                      "first, and don't advertise where it is.")
    return None


def _bypassed_approval(features: Features) -> Signal | None:
    """A required review or sign-off skipped, or given to oneself: the guidelines ask for someone else's approval."""
    for skipped in features.of("bypassed_approval"):
        return Signal("confidential", "escalate", features.excerpt(skipped),
                      "Says a required review or approval was skipped or self-signed: get the sign-off the guidelines ask "
                      "for before publishing, and don't post about going around it.",
                      excusable=False)  # a self-approved press statement is still unapproved
    return None


# The writer's own account: "our new account @x", "my handle", "Follow our new support page".
_OUR = re.compile(r"\b(?:our|we)\b", re.IGNORECASE)
_OWN_ACCOUNT = re.compile(r"\b(?:our|my)\s+(?:new\s+)?(?:[@\w-]+\s+)?(?:account|handle|page|profile|channel)\b", re.IGNORECASE)


def _official_claim(features: Features) -> Signal | None:
    """Your own product, account or edition presented as the organisation's official one, or as endorsed by it. A
    handle with "official" in it counts when it is the writer's own ("our new account @QGIS_Official_Support")."""
    for claim in features.of("official_claim"):
        if claim.text.startswith("@"):
            if not _OWN_ACCOUNT.search(features.text[slice(*features.sentence_of(claim))]):
                continue  # "follow @acme_official for updates": pointing at the organisation's own account
        elif _official(features, claim):
            continue
        return Signal("company_voice", "escalate", features.excerpt(claim),
                      "Presents something as the organisation's official product, account or endorsement: only the "
                      "organisation can say what is official. Describe it as your own, unofficial work.")
    return None


def _company_voice(features: Features) -> Signal | None:
    beliefs = features.of("company_belief")
    for claim in features.of("voice"):
        if any(b.start <= claim.start < b.end for b in beliefs):
            continue  # "On behalf of everyone at Brightwater, thank you": read below, as a caution
        if not _official(features, claim):
            return Signal("company_voice", "escalate", features.excerpt(claim),
                          "Speaks for the company: only authorised spokespeople do that.")
    for promise in features.of("commitment"):
        if features.of("own") or features.near(promise, "product", window=120, same_sentence=False):
            return Signal("company_voice", "escalate", features.excerpt(promise),
                          "Promises something on the company's behalf: refunds, credits and commitments come from "
                          "the teams that own them.")
    for promise in features.of("guarantee"):
        sentence = features.text[slice(*features.sentence_of(promise))]
        ours = features.of("own") or features.near(promise, "product", window=80) or _OUR.search(sentence)
        if ours and not _official(features, promise):
            return Signal("company_voice", "escalate", features.excerpt(promise),
                          "Guarantees a result for the company's product (“100%”, “every time”): only the company "
                          "makes promises about what its products do, and only what it can stand behind.")
    if beliefs:
        # filed under disclosure: the company_voice rule's own `belief_or_thanks` reading excuses its category
        return Signal("disclosure", "caution", features.excerpt(beliefs[0]),
                      "Speaks in the company's name: say “I believe” or “our team”, in the first person, unless you "
                      "are an authorised spokesperson.")
    return None


_CALLED = re.compile(r"^(?:\s+of\s+(?:the\s+)?[\w.&'’-]+(?:\s+[\w.&'’-]+)?)?\s+(?:is|are|was|were|'s|’s)\s+"
                     r"(?:(?:a|an|such a|just a|total|complete|basically|nothing but|a total|a complete|an outright)\s+)*$",
                     re.IGNORECASE)


def _role_called(features: Features, accusation: Span) -> Span | None:
    """A role the accusation is said of ("the CEO of X is a fraud", "that vendor's director is a liar"), not one that
    merely stands near it ("our office manager organised a quiz on famous art thieves")."""
    role = features.near(accusation, "role_noun", window=60)
    if role and role.end <= accusation.start and _CALLED.match(features.prose[role.end:accusation.start]):
        return role
    return None


def _judgements(features: Features) -> Signal | None:
    for accusation in features.of("accusation"):
        if features.near(accusation, "family", window=60, same_sentence=False):
            continue  # "My son got fired from his lemonade stand by his sister": a family joke, not an accusation
        target = (features.near(accusation, "org", window=120, same_sentence=False)
                  or features.near(accusation, "competitor", window=80) or features.near(accusation, "person", window=80)
                  # "The CEO of RivalChat is a fraud and a thief" (wild23): a role said to be one
                  or _role_called(features, accusation))
        if target:
            return Signal("disparaging", "escalate", features.excerpt(target, accusation),
                          f"Accuses {target.text.strip()} of wrongdoing (“{accusation.text}”): that can be defamation.")
    for negative in features.of("negative"):
        target = (features.near(negative, "competitor", window=60) or features.near(negative, "org", window=60)
                  or features.near(negative, "management", window=60) or features.near(negative, "own", window=60))
        if target:
            return Signal("disparaging", "caution", features.excerpt(target, negative),
                          f"Judges {target.text.strip()} (“{negative.text}”): criticise ideas, not companies or people.")
    return None


_PREDICATE = re.compile(r"^\s*(?:['’]s|is|are|was|were|seems?|looks?|acts? like)\s+(?:such\s+|just\s+|really\s+|so\s+)?"
                        r"(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"^\s*(?:[\w-]+\s+)?$")


def _name_calling(features: Features) -> Signal | None:
    """An insult said of someone identified by their role at work or their organisation ("this maintainer is an
    idiot", "incompetent engineers at Orbis"): harassment that names its target, whoever it is. Said of the writer
    ("I felt like an idiot as a new manager") or thrown at anonymous repliers, it is not this."""
    text = features.text
    for insult in features.of("insult"):
        for kind in ("role_noun", "org", "person"):
            target = features.near(insult, kind, window=40)
            if not target:
                continue
            between = text[target.end:insult.start] if target.end <= insult.start else text[insult.end:target.start]
            said_of = (_PREDICATE.match(between) if target.end <= insult.start else _ATTRIBUTE.match(between))
            if said_of:
                return Signal("disparaging", "escalate", features.excerpt(target, insult),
                              f"Calls {target.text.strip()} names (“{insult.text}”): insulting someone identified by "
                              "their role or organisation is harassment, and it reflects on the company.")
    return None


def _putdown(features: Features) -> Signal | None:
    """An insult, or a put-down of what someone knows, in a reply or a remark: whoever it is aimed at (a customer, a
    critic, a colleague), the guidelines ask to disagree with respect. Stronger readings (an accusation, a demeaning
    generalisation) escalate through their own combinations."""
    for putdown in features.of("putdown"):
        return Signal("disparaging", "caution", features.excerpt(putdown),
                      f"Talks down to someone (“{putdown.text}”): disagree with the point, respectfully, or don't reply.")
    return None


def _profanity(features: Features) -> Signal | None:
    """Swearing in a post about work: it reads as the company's tone as well as yours."""
    for word in features.of("profanity"):
        return Signal("disparaging", "caution", features.excerpt(word),
                      f"Swears (“{word.text}”): keep posts that touch on work respectful; leave the swearing out.")
    return None


def _merch_sale(features: Features) -> Signal | None:
    """Goods carrying a name or logo, sold: a commercial use of a trademark, whoever owns it."""
    return _escalate_unofficial(features, "merch_sale", "copyright",
                                "Sells goods with a name or logo on them: selling anything that carries a trademark needs "
                                "its owner's written permission first.")


def _trademark_filing(features: Features) -> Signal | None:
    """Registering a trademark on one's own: the owner's legal team does that, for its own marks only."""
    return _escalate_unofficial(features, "trademark_filing", "copyright",
                                "Applies to register a trademark: marks are registered only by their owner's legal team; "
                                "filing one that includes someone else's name, or the organisation's, is never yours to do.")


def _logo_pairing(features: Features) -> Signal | None:
    """A logo combined with another organisation's: it reads as a partnership or an endorsement."""
    return _escalate_unofficial(features, "logo_pairing", "copyright",
                                "Puts a logo beside another organisation's: a combined mark suggests a partnership or an "
                                "endorsement, so it needs the written permission of both owners.")


def _venting(features: Features) -> Signal | None:
    """Frustration with a person or process of the writer's own workplace, in public: raise it where it can be fixed
    (the manager, HR), not online, where it reads as the company's problem and a colleague's."""
    for ref in features.of("workplace_ref"):
        frustration = features.near(ref, "frustration", window=160, same_sentence=False)
        if frustration:
            return Signal("disparaging", "caution", features.excerpt(ref, frustration),
                          "Vents about your workplace or the people in it: raise it with your manager or HR rather than in public.")
    return None


def _undisclosed_praise(features: Features) -> Signal | None:
    judged = features.of("praise") + features.of("evaluation")
    # hiding that you work there while asking for reviews needs no company name: the request is for the employer
    if features.of("concealed") and features.of("review_request"):
        return Signal("endorsement", "escalate", features.excerpt(features.of("concealed")[0]),
                      "Asks for reviews while hiding that the reviewers work here: undisclosed endorsements mislead "
                      "readers; anyone who reviews or promotes the company's product must say they work here.")
    if features.of("own") and judged and (features.of("concealed") or (features.of("customer_pose") and not features.of("disclosed"))):
        hidden = (features.of("concealed") + features.of("customer_pose"))[0]
        return Signal("endorsement", "escalate", features.excerpt(hidden),
                      "Praises the company's product while hiding that you work there (or posing as a customer): "
                      "never pretend to be someone else.")
    if features.of("disclosed"):
        return None
    for own in features.of("own"):
        # praise in the company's own sentence ("Brightwater's planner wins, hands down"), or a sentence
        # away when a product is named ("the new Brightwater release. Best in class")
        praise = features.near(own, "praise", window=80) or features.near(own, "evaluation", window=100) or (
            features.near(own, "product", window=80) and features.near(own, "praise", window=60, same_sentence=False))
        if praise and not _official(features, own):
            return Signal("endorsement", "caution", features.excerpt(own, praise),
                          "Praises the company's product without saying you work there.")
    return None


def _teaser(features: Features) -> Signal | None:
    """Hinting at news that isn't public ("can't say what yet. soon 👀"): a hint tells people there is news."""
    hint = _unofficial(features, "teaser")
    if hint:
        return Signal("confidential", "caution", features.excerpt(hint),
                      "Hints at news that isn't public yet: even a teaser can start rumours; wait for the announcement.",
                      source="hints")
    return None


def _pictured(features: Features) -> Signal | None:
    """A colleague photographed, filmed or tagged without their agreement: ask first."""
    if features.of("consent"):
        return None
    _find_names(features)
    for shot in features.of("photo") + features.of("tagged"):
        person = (features.near(shot, "no_consent", window=120, same_sentence=False)
                  or features.near(shot, "people_ref", window=80, same_sentence=False)
                  or (features.near(shot, "name", window=80, same_sentence=False) if shot.kind == "tagged"
                      else _photographed_person(features, shot)))
        if person:
            return Signal("colleague_privacy", "caution", features.excerpt(shot, person),
                          "Shows or names people without saying they agreed: ask colleagues before posting their photos or names.")
    return None


# What a capitalised word near a photo is when it is not a person: a place ("from the Lisbon office", "PyData
# Berlin", after a word capitalised inside), a thing ("a Lego Saturn V", "the Quantiva logo", "a paid Gartner report") or a title in quotes.
_PLACE_OR_THING_BEFORE = re.compile(r"(?:\b(?:in|at|from|to|near|around|visiting|a|an|the)\s+|[\"“'‘]|"
                                    r"\b[A-Z][a-z]+[A-Z]\w*\s)$")
_PLACE_OR_THING_AFTER = re.compile(r"^(?:'s|’s)?\s*(?:office|HQ|headquarters|summit|conference|channel|youtube|lobby|"
                                   r"warehouse|team|logo|brand|report|book|blog|website|site|app|\d)\b", re.IGNORECASE)


def _photographed_person(features: Features, shot: Span) -> Span | None:
    """A person's name beside a photo or video ("[image: Deepa in costume]", "selfie with Ana and Rui", "Caught Jen
    napping under her desk [photo]"): a colleague shown by name. Names read as places, things or titles are not people."""
    _find_names(features)
    text = features.text
    # where a place, a thing or an organisation ends: a name right after one continues it ("a Lego Saturn V",
    # "Brightwater Pulse"), and is a thing too
    thing_ends = {s.end for s in features.of("org") + features.of("own")}
    for name in features.of("name"):
        if any(end <= name.start and not text[end:name.start].strip() for end in thing_ends) \
                or _PLACE_OR_THING_BEFORE.search(text[max(0, name.start - 12):name.start]) \
                or _PLACE_OR_THING_AFTER.search(text[name.end:name.end + 16]) or _quoted(text, name):
            thing_ends.add(name.end)
            continue
        if abs(name.start - shot.start) <= 100 or shot.start <= name.start <= shot.end:
            return name
    return None


def _quoted(text: str, span: Span) -> bool:
    """Whether the span sits inside a quotation on its line (an odd number of quote marks before it)."""
    before = text[max(0, text.rfind("\n", 0, span.start)):span.start]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


def _named_colleague(features: Features) -> Signal | None:
    """A colleague named by their relation to the writer ("my colleague Rita", "Ben on our support team"):
    the guidelines ask for their permission before their name is published, unless they gave it or the
    news is already public."""
    if features.of("consent"):
        return None
    for named in features.of("colleague_named"):
        if _official(features, named):
            continue  # "Congrats to my colleague Jenna on her promotion, announced in today's newsletter"
        return Signal("colleague_privacy", "caution", features.excerpt(named),
                      "Names a colleague without saying they agreed: ask colleagues before posting their names or photos.")
    return None


def _remark_on_colleague(features: Features) -> Signal | None:
    """A remark about a person among the writer's colleagues ("Jake's sad desk salad: 2/10", "the new guy on my team
    doesn't know what a JOIN is", "one of our VPs HATES Excel"): author I's posts a colleague would have to agree to.
    A company's own name or a public figure's is not pointed at: only names the other readings don't take."""
    if features.of("consent") or not features.of("team_context"):
        return None
    from bot.signals.entities import _NOT_NAMES

    taken = [(s.start, s.end) for s in features.of("org") + features.of("own")]
    for person in features.of("pointed_person"):
        word = person.text.strip(" ,.!?").split("'")[0].split("’")[0].lower()
        if word in _NOT_NAMES or any(x <= person.start + 1 < y for x, y in taken) or _official(features, person):
            continue
        return Signal("colleague_privacy", "caution", features.excerpt(person),
                      "Talks about a colleague without saying they agreed: ask colleagues before posting about them.")
    return None


def _uncredited_work(features: Features) -> Signal | None:
    """Someone else's work reused without credit (or in full, or credited to where it was found)."""
    if not features.of("no_credit"):
        return None
    for reuse in features.of("reuse"):
        work = features.near(reuse, "work", window=80, same_sentence=False)
        if work:
            return Signal("copyright", "caution", features.excerpt(reuse, work),
                          "Reuses someone else's work without credit: link to the original or credit its creator, "
                          "and don't post it in full.")
    return None


def _ai_unreviewed(features: Features) -> Signal | None:
    """Text an AI tool wrote, put in as it came: read and check it yourself, and say it was AI-assisted where the
    guidelines ask for that."""
    for used in features.of("ai_unreviewed"):
        return Signal("copyright", "caution", features.excerpt(used),
                      "Uses text an AI tool wrote without reading it through: check every line yourself and say it "
                      "was AI-assisted where the guidelines ask you to.")
    return None


def _political_with_employer(features: Features) -> Signal | None:
    """A political view or call to action tied to the employer ("As a Brightwater employee … vote Green"): the
    guidelines ask for care with politics and for speaking for yourself, not the company. From the company's own
    account, or from the desk at work, it speaks for the organisation: escalate."""
    for view in features.of("political"):
        account = (features.near(view, "company_account", window=200, same_sentence=False)
                   or features.near(view, "org_endorsement", window=200, same_sentence=False))
        if account:
            return Signal("company_voice", "escalate", features.excerpt(account, view),
                          "Takes a political position from the organisation's account or workplace: that speaks for the "
                          "organisation, which only authorised people do.")
        tie = (features.near(view, "own", window=200, same_sentence=False)
               or features.near(view, "as_employee", window=200, same_sentence=False))
        if tie:
            return Signal("disclosure", "caution", features.excerpt(tie, view),
                          "Ties a political view to the company: say it is your own view and leave the company out of it.")
    return None


_NEVER = (
    ("demeaning", "disparaging", "Demeans people for who they are, or is sexual innuendo: harassment and discrimination are never acceptable."),
    ("discriminatory_hiring", "disparaging", "Chooses people by sex, age or family plans: hiring for those traits is "
                                             "discrimination, never acceptable in a job post or anywhere else."),
    ("data_fraud", "incidents_legal", "Describes results or records made up or changed: that is misconduct to report "
                                      "through the proper channel, never to post."),
    ("classified", "confidential", "Carries a government protective marking (OFFICIAL-SENSITIVE, CUI, classified): "
                                   "marked material is never posted, whoever else has seen it."),
    ("health_claim", "incidents_legal", "Claims a product cures or replaces treatment: health claims need evidence and "
                                        "regulatory approval, and can hurt people who act on them."),
    ("medical_advice", "incidents_legal", "Tells someone to change their medication or dose: medical advice in a post "
                                          "can hurt people; point them to their doctor or pharmacist."),
    ("cover_up", "incidents_legal", "Describes a hazard or wrongdoing being kept from those who should hear of it: raise it "
                                    "through the reporting or whistleblowing channel, not in a post."),
    ("paid_review_offer", "endorsement", "Offers a review or promotion in exchange for a gift: content for gifts is never "
                                         "acceptable, and hiding it misleads readers."),
    ("safety_override", "incidents_legal", "Tells people to defeat a safety measure (alarms, fire doors, detectors): that "
                                           "puts lives at risk; never post it."),
    ("customer_named", "personal_data", "Names a customer in a complaint or ticket: what customers tell support is "
                                        "confidential, and naming them in public is never acceptable."),
    ("spread_before_deleted", "incidents_legal", "Urges people to spread a claim before it is taken down: that is how "
                                                 "rumours and misinformation travel; share only what you can source."),
    ("threat", "incidents_legal", "Threatens violence or damage against someone: never post it; if someone's behaviour is "
                                  "the problem, raise it with your manager or HR."),
    ("security_off", "confidential", "Switches off a security control (MFA, a firewall, encryption, backups) for everyone: "
                                     "that needs the security team's approval, and announcing it tells attackers."),
    ("coin_pump", "financial", "Tells people to buy a coin or token you work on before it rises: that is market "
                               "manipulation; share tips are never ok."),
    ("exam_leak", "incidents_legal", "Shares the answers to an exam or test: that is cheating, and it breaks the exam's "
                                     "confidentiality."),
    ("piracy", "incidents_legal", "Offers or points to pirated software: copyright infringement the company can be "
                                  "liable for; never post it."),
    ("bribe", "incidents_legal", "Describes a payment to win or speed up business (a bribe): that is illegal; report it, don't post it."),
    ("illegal_sale", "incidents_legal", "Offers illegal goods for sale."),
    ("carried_records", "personal_data", "Carries people's records out on removable media or a personal device: that is a data breach."),
    ("self_dealing", "disclosure", "Steers a contract to your own business: a conflict of interest to declare and step away from, not to post."),
    ("vuln_details", "confidential", "Gives the working details of a security hole that is not fixed yet: those go "
                                      "privately to the disclosure process until a fix is out, never into a post."),
    ("embargo_break", "confidential", "Shares something under embargo before the embargo lifts: nothing embargoed is "
                                      "posted, hinted at or shared until the agreed time."),
    ("private_chat_shot", "confidential", "Shares a screenshot of a private conversation: what people said in a "
                                           "private channel or message is not yours to publish."),
    ("harmful", "incidents_legal", "Could cause real harm (asks for credentials, publishes an attack, names people in an assault, "
                                   "or spreads an attacker's material): never post it; report it instead."),
)


def _vulnerable_pictured(features: Features) -> Signal | None:
    """A picture of a child, a patient or a study participant, with no consent said (wild21)."""
    if features.of("consent"):
        return None
    for shot in features.of("vulnerable_pictured"):
        return Signal("personal_data", "escalate", features.excerpt(shot),
                      "Shows a child, a patient or a study participant: their pictures need written consent (a parent's "
                      "for a child), and research and care settings usually forbid them outright.")
    return None


_OWN_CHILD = re.compile(r"\b(?:my|our)\s+(?:own\s+)?(?:little\s+)?(?:son|daughter|kid|child|baby|boy|girl|niece|nephew|grandson|"
                        r"granddaughter|toddler|twins?)\b[\s,]*$", re.IGNORECASE)


def _minor_identified(features: Features) -> Signal | None:
    """A child named with their age or school ("little Emma Rodriguez (8 months) from our study"); the writer's own
    child ("my son Leo Grant (6 years)") is theirs to share."""
    for child in features.of("minor_identified"):
        if _OWN_CHILD.search(features.prose[max(0, child.start - 30):child.start]):
            continue
        return Signal("personal_data", "escalate", features.excerpt(child),
                      "Identifies a child by name and age or school: a child's details are shared only with a parent's "
                      "written consent, and never together.")
    return None


def _never_acceptable(features: Features) -> Signal | None:
    """Conduct no set of guidelines allows, found by its shape rather than a company's own wording."""
    for kind, category, reason in _NEVER:
        for found in features.of(kind):
            return Signal(category, "escalate", features.excerpt(found), reason)
    return None


def _anonymous(features: Features) -> Signal | None:
    """Work talked about from an account that hides who you are: the guidelines ask for your real name."""
    for hidden in features.of("anonymous"):
        return Signal("disclosure", "caution", features.excerpt(hidden),
                      "Posts about work from an account that hides who you are: use your real name and say where you work.")
    return None


_HANDLE = re.compile(rf"(?<![\w.]){HANDLE}")
_GIVER = re.compile(r"\b(?:vendor|brand|supplier|partner|sponsor|agency|the company|their (?:team|company|pr))\b|"
                    r"\bthanks?(?: you)?(?: to)?\s+(?!(?:mum|mom|dad|mam|nan|nana|gran|granny|grandma|grandpa|auntie|uncle)\b)(?-i:[A-Z]\w+)",
                    re.IGNORECASE)


def _gift_for_content(features: Features) -> Signal | None:
    """A gift from a company next to praise or a review of it: content in exchange for gifts is never ok."""
    gifts = features.of("gift")
    giver = gifts and (features.of("org") or _HANDLE.search(features.text) or _GIVER.search(features.text))
    for gift in gifts:
        if not giver or features.near(gift, "family", window=60, same_sentence=False):
            continue  # "a free trip to Lisbon for my birthday from my sister"
        judged = (features.near(gift, "praise", window=160, same_sentence=False)
                  or features.near(gift, "evaluation", window=160, same_sentence=False))
        if judged:
            return Signal("endorsement", "escalate", features.excerpt(gift, judged),
                          "Praises or reviews something next to a gift received for it: never accept gifts for online content.")
    return None


def _business_gift(features: Features) -> Signal | None:
    """A gift or hospitality from a vendor, supplier, client or partner, posted about: beyond a modest value it is a
    conflict of interest to declare to your manager (filed with the other conflicts of interest, under disclosure)."""
    for gift in features.of("business_gift"):
        return Signal("disclosure", "caution", features.excerpt(gift),
                      "Mentions a gift from someone the company does business with: gifts beyond a modest value are a "
                      "conflict of interest; declare it to your manager before you post about it.")
    return None


def _credentials(features: Features) -> Signal | None:
    found = find_credentials(features.text)
    if not found:
        return None
    first = found[0]
    span = Span(first.start, first.end, "secret", "")
    return Signal("secrets", "escalate", features.excerpt(span), f"Contains a {first.kind}: credentials must never be posted.",
                  secret_spans=tuple((d.start, d.end) for d in found))


COMBINATIONS = (_credentials, _financial, _clients, _unannounced, _images, _colleague_health, _company_voice,
                _incidents, _media, _internal, _judgements, _name_calling, _putdown, _profanity, _merch_sale, _trademark_filing, _logo_pairing, _venting, _undisclosed_praise, _pictured, _teaser, _home_address,
                _data_export, _exposed_secret, _bypassed_approval, _official_claim, _personal_money, _business_gift, _named_colleague, _remark_on_colleague, _anonymous, _gift_for_content,
                _uncredited_work, _ai_unreviewed, _political_with_employer, _never_acceptable, _credential_request,
                _people_data_passed, _vote_request, _vulnerable_pictured, _minor_identified, _account_sharing)


_INTRODUCED = re.compile(r"\b(?:registered|bought|grabbed|launch\w*|announc\w+|introduc\w+|releas\w+|shipping|ships|"
                         r"calling it|called|named|rebrand\w*|our new|my new|new (?:app|product|site|website|domain|account|"
                         r"handle|company|business|consultancy|edition|fork|plugin|extension))\b", re.IGNORECASE)


# A name given in the past ("back when it was still called Brightwater Data Services", "formerly Brightwater
# Consulting", "when we were named …"): the organisation's own history, not a name the writer makes up now.
_FORMER = re.compile(r"\b(?:formerly|originally|previously|once|then|still|was|were|used to be|known as|née)"
                     r"(?:\s+(?:called|named|known as))?\s*[(\"“']?$", re.IGNORECASE)


_SITE = re.compile(r"(?:www\.)?([\w-]+)\.[a-z]{2,}(?:\.[a-z]{2})?")


def _not_new(name: str, marks: set[str], known: frozenset[str]) -> bool:
    """The mark itself, a name or (sub)domain the guidelines use, an email address, or the organisation's own
    site ("freebsd.org"): nothing the writer made up."""
    if name in marks or name.rstrip("s") in marks or name in known or "@" in name:
        return True
    if any("." in name[i + 1:] and name[i + 1:] in known for i, c in enumerate(name) if c == "."):
        return True  # "investors.brightwater.example": a subdomain of an address the guidelines give
    site = _SITE.fullmatch(name)
    return bool(site and site.group(1) in marks)


# A company's legal form or a trade word after a protected name makes a new business name ("BlazingMQ Solutions GmbH",
# "QGIS Experts Ltd"): the mark "in or as part of your company name" (wild15).
_COMPANY_WORDS = re.compile(r"(?:\s+[A-Z][\w&-]*){0,2}\s+(?:GmbH|Ltd|Limited|LLC|Inc|Corp|AG|SA|SAS|SARL|BV|NV|Oy|AB|ApS|Pty|"
                            r"PLC|Solutions|Consulting|Consultancy|Services|Labs|Academy|Experts|Partners|Group|Systems|"
                            r"Technologies|Studios?|Agency|Ventures)\b")
# A protected name on goods for sale ("Selling BlazingMQ hoodies", "QGIS mugs, $12 each"): a commercial use of the mark.
_MARK_GOODS = re.compile(rf"\s+(?:[\w-]+\s+)?(?:{GOODS}|bags?)\b", re.IGNORECASE)
_SELLING = re.compile(rf"\b{SELL}\b|[$€£]\s?\d|\d\s?(?:dollars|euros?|pounds|usd|eur|gbp)\b|\b(?:each|apiece)\b", re.IGNORECASE)


# Capitalised words after a protected name make a product name ("arXiv Pro Digest") when the sentence offers
# something: a product, a subscription, a sale (wild17).
_NAME_WORDS = re.compile(r"(?:[ \t]+[A-Z][\w&-]*){1,3}")
_OFFERING = re.compile(rf"\b(?:newsletter|subscri\w+|paid|premium|beta|waitlist|course|{SELL})\b", re.IGNORECASE)


def _offered_name(features: Features, prose: str, match: re.Match) -> re.Match | None:
    """The mark followed by capitalised words, in a sentence that introduces and offers something."""
    words = _NAME_WORDS.match(prose, match.end())
    if not words:
        return None
    span = Span(match.start(), words.end(), "mark", "")
    sentence = prose[slice(*features.sentence_of(span))]
    offered = _OFFERING.search(sentence) or features.in_sentence(span, "product")
    return words if offered and _INTRODUCED.search(sentence) else None


def name_with_mark(features: Features, marks: list[str], known: frozenset[str]) -> Signal | None:
    """A protected name built into a new name the writer introduces ("registered qgis-experts.com", "Announcing
    PuterPlus", "our new @QGIS_Help account", "launch BlazingMQ Solutions GmbH"), or put on goods for sale ("Selling
    BlazingMQ hoodies … $30 each") (wild11, wild13, wild15). `known`: the words the guidelines themselves use."""
    if not marks:
        return None
    prose = features.prose  # a link to a page is a reference, not a new name
    pattern = re.compile(r"[\w.@-]*(?:" + "|".join(re.escape(m) for m in marks) + r")[\w.@-]*", re.IGNORECASE)
    lowered = {m.lower() for m in marks}
    introduced = _INTRODUCED.search(features.text)  # a new name is only one the draft introduces
    for match in pattern.finditer(prose):
        name = match.group(0).strip(".-")
        if not uses_mark(name, marks):
            continue  # "onboarding" holds the letters of "Board", not the name
        span = Span(match.start(), match.end(), "mark", name)
        sentence = prose[slice(*features.sentence_of(span))]
        if _MARK_GOODS.match(prose, match.end()) and _SELLING.search(sentence) and not _official(features, span):
            return Signal("copyright", "escalate", features.excerpt(span),
                          f"Sells goods carrying the name “{name}”: selling anything that carries a trademark needs "
                          "its owner's written permission first.")
        if not introduced:
            continue
        if _FORMER.search(prose[max(0, match.start() - 40):match.start()]):
            continue
        whole = match.end() == match.start() + len(name)  # "Lantern." ends a sentence: no name goes on from there
        company = whole and (_COMPANY_WORDS.match(prose, match.end()) or _offered_name(features, prose, match))
        if company:
            name = prose[match.start():company.end()].strip()
            if _not_new(name.lower(), lowered, known):
                continue  # a full name the guidelines use: the organisation's own
            span = Span(match.start(), company.end(), "mark", name)
        elif _not_new(name.lstrip("@").lower(), lowered, known):
            continue
        if name.startswith("@") and not _OWN_ACCOUNT.search(features.excerpt(span)):
            continue  # "replying to @BrightwaterHQ": their account, not a new one of the writer's
        return Signal("copyright", "escalate", features.excerpt(span),
                      f"Builds the name “{name}” from a protected name: a product, domain or account named after "
                      "someone else's mark needs the owner's written permission.")
    return None


def mark_spelling(features: Features, marks: list[str]) -> Signal | None:
    """A protected name split by a hyphen, space or dot ("Blazing-MQ", "Bright Water"): trademark guidelines fix how
    the name is written (wild15). Names of five letters or more only: short acronyms are spelt out in many ways."""
    for mark in marks:
        letters = [c for c in mark if c.isalnum()]
        if len(letters) < 5 or len(letters) != len(mark):
            continue
        split = re.compile(r"(?<![\w.-])" + r"[-\s.]?".join(re.escape(c) for c in letters) + r"(?![\w-])", re.IGNORECASE)
        for match in split.finditer(features.prose):
            written = match.group(0)
            # "the bright water of the lake" is not the name: a variant counts when written as a name (a capital)
            if re.search(r"[-\s.]", written) and "\n" not in written and written != written.lower():
                span = Span(match.start(), match.end(), "mark", written)
                return Signal("copyright", "caution", features.excerpt(span),
                              f"Writes the name “{mark}” as “{written}”: trademark guidelines fix how a name is spelt; "
                              "write it the way the guidelines do.")
    return None


def combine(features: Features) -> list[Signal]:
    """Every risky structure in the draft, at most one per category."""
    out: dict[str, Signal] = {}
    for rule in COMBINATIONS:
        signal = rule(features)
        if signal and (signal.category not in out or signal.severity == "escalate"):
            out[signal.category] = signal
    return list(out.values())
