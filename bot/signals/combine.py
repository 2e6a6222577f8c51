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
| a judgement about competitors or the employer's management | disparaging | caution |
| praise of the employer's product without saying you work there | endorsement | caution |
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.signals.credentials import find_credentials
from bot.signals.features import MARKER, Features, Span


@dataclass(frozen=True)
class Signal:
    """A risky structure found in a draft."""

    category: str
    severity: str
    excerpt: str
    reason: str
    secret_spans: tuple[tuple[int, int], ...] = ()


def _official(features: Features, span: Span) -> bool:
    """Resharing an official release: the sentence (or the whole short post) points at it."""
    return features.near(span, "official", window=200) is not None


def _financial(features: Features) -> Signal | None:
    for kind in ("money", "percent", "change"):
        for amount in features.of(kind):
            business = features.near(amount, "business", window=45)
            if not business or _official(features, amount):
                continue
            weak = kind == "change" and amount.text.lower() in {"up", "down", "higher", "lower", "record", "beat"}
            if weak and not (features.near(amount, "business", window=12) and (
                    features.near(amount, "number", window=40) or features.near(amount, "percent", window=40))):
                continue  # weak change words need a number and a business word right beside them
            if kind == "percent" and features.near(amount, "praise", window=30) and "off" in features.text.lower():
                continue  # "20% off" promo codes: endorsement, not results
            what = {"money": "an amount", "percent": "a percentage", "change": "a change"}[kind]
            return Signal("financial", "escalate", features.excerpt(amount, business),
                          f"Gives {what} ({amount.text.strip()}) next to “{business.text}”: business figures "
                          "come only from official company channels.")
    for claim in features.of("forward"):
        if not _official(features, claim):
            return Signal("financial", "escalate", features.excerpt(claim),
                          "Makes a forward-looking claim about the business's performance.")
    return None


def _clients(features: Features) -> Signal | None:
    for org in features.of("org"):
        other = (features.near(org, "business", window=60) or features.near(org, "money", window=60)
                 or features.near(org, "announce", window=40))
        if other and not _official(features, org):
            return Signal("clients", "escalate", features.excerpt(org, other),
                          f"Names {org.text} next to “{other.text.strip()}”: naming a client, partner or deal needs "
                          "their approval and the relationship owner's.")
    return None


def _unannounced(features: Features) -> Signal | None:
    for date in features.of("future"):
        verb = features.near(date, "announce", window=50)
        if not verb or _official(features, date):
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
        marker = MARKER.fullmatch(photo.text)
        inside = [s for s in features.of("screen") if photo.start <= s.start and s.end <= photo.end] if marker else []
        screen = inside[0] if inside else features.near(photo, "screen", window=60)
        if not screen:
            continue
        badge = screen.text.lower() in {"badge", "badges", "lanyard", "access card", "id card"}
        return Signal("confidential", "caution" if badge else "escalate", features.excerpt(photo, screen),
                      "Shows a badge: access badges can be copied and show where you work." if badge else
                      f"Shows a {screen.text.lower()}: screens, whiteboards and documents in photos expose internal information.")
    return None


def _colleague_health(features: Features) -> Signal | None:
    for kind in ("health", "hr"):
        for matter in features.of(kind):
            person = features.near(matter, "role", window=70) or features.near(matter, "person", window=70)
            if not person or features.near(matter, "family", window=40):
                continue
            if person.text.lower() in {"he", "she", "his", "her", "him"} and not (
                    features.of("person") or any(features.of(k) for k in ("business", "management"))):
                continue  # a pronoun alone, in a post with nobody from work in it
            what = "health" if kind == "health" else "personnel or pay"
            return Signal("colleague_privacy", "escalate", features.excerpt(person, matter),
                          f"Shares {what} details about {person.text.strip()}: someone else's health, pay and "
                          "personnel matters are never yours to share.")
    return None


def _company_voice(features: Features) -> Signal | None:
    for claim in features.of("voice"):
        if not _official(features, claim):
            return Signal("company_voice", "escalate", features.excerpt(claim),
                          "Speaks for the company: only authorised spokespeople do that.")
    return None


def _judgements(features: Features) -> Signal | None:
    for negative in features.of("negative"):
        target = (features.near(negative, "competitor", window=60) or features.near(negative, "org", window=60)
                  or features.near(negative, "management", window=60) or features.near(negative, "own", window=60))
        if target:
            return Signal("disparaging", "caution", features.excerpt(target, negative),
                          f"Judges {target.text.strip()} (“{negative.text}”): criticise ideas, not companies or people.")
    return None


def _undisclosed_praise(features: Features) -> Signal | None:
    if features.of("disclosed"):
        return None
    for own in features.of("own"):
        praise = features.near(own, "praise", window=80)
        if praise:
            return Signal("endorsement", "caution", features.excerpt(own, praise),
                          "Praises the company's product without saying you work there.")
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
                _judgements, _undisclosed_praise)


def combine(features: Features) -> list[Signal]:
    """Every risky structure in the draft, at most one per category."""
    out: dict[str, Signal] = {}
    for rule in COMBINATIONS:
        signal = rule(features)
        if signal and (signal.category not in out or signal.severity == "escalate"):
            out[signal.category] = signal
    return list(out.values())
