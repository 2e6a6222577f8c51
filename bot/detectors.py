"""Built-in detectors for what patterns cannot judge alone: secrets, phone numbers, emails.

Secrets come from Yelp's detect-secrets (its token-format plugins: AWS, GitHub, Slack,
Stripe, private keys, JWTs...; its entropy plugins are left out because every ordinary
word trips them in prose). Phone numbers come from Google's libphonenumber port, which
validates numbers rather than matching digit runs. All work offline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}\b")
_NOISY_SECRET_TYPES = ("High Entropy", "Keyword")


@dataclass(frozen=True)
class Detection:
    """Where a detector fired: the span in the text and what it found (never logged)."""

    start: int
    end: int
    kind: str


# Every token format detect-secrets knows is a long unbroken run (keys, tokens, JWTs), a private-key
# header or a URL with a password; text with none of those is skipped (the scan costs ~1 ms a line).
_TOKEN_LIKE = re.compile(r"[\w+/=.-]{16,}|BEGIN|://[^\s/@]*:[^\s/@]*@")


def find_secrets(text: str) -> list[Detection]:
    """Token-shaped secrets (cloud keys, API tokens, private keys)."""
    if not _TOKEN_LIKE.search(text):
        return []
    from detect_secrets.core.scan import scan_line
    from detect_secrets.settings import default_settings

    found: list[Detection] = []
    with default_settings():
        for line_start, line in _lines(text):
            for secret in scan_line(line):
                if any(noisy in secret.type for noisy in _NOISY_SECRET_TYPES):
                    continue
                value = secret.secret_value or ""
                at = line.find(value) if value else -1
                if at >= 0:
                    found.append(Detection(line_start + at, line_start + at + len(value), secret.type))
                else:
                    found.append(Detection(line_start, line_start + len(line), secret.type))
    return found


PHONE_REGIONS = ("US", "GB", "CA", "AU", "IE", "IN", "DE", "FR", "NL", "ES", "IT", "SG")
_PHONE_SEPARATOR = re.compile(r"[\s().-]")
_PHONE_LIKE = re.compile(r"\d(?:[\s().-]?\d){6,}")


def find_phone_numbers(text: str, regions: tuple[str, ...] = PHONE_REGIONS) -> list[Detection]:
    """Phone numbers: valid in one of the common regions' formats, or any plausible +international one.

    A number must be written like a phone number (with separators or a leading +), so order
    numbers and invoice ids are not mistaken for one; toll-free lines are business numbers, not
    personal data, and are left alone.
    """
    if not _PHONE_LIKE.search(text):
        return []  # no run of 7+ digits: skip the (slow) per-region matchers
    import phonenumbers
    from phonenumbers import PhoneNumberType

    found: dict[int, Detection] = {}
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID):
            raw = match.raw_string
            if match.start in found or not (raw.startswith("+") or _PHONE_SEPARATOR.search(raw)):
                continue
            if phonenumbers.number_type(match.number) == PhoneNumberType.TOLL_FREE:
                continue
            found[match.start] = Detection(match.start, match.end, "phone number")
    for match in phonenumbers.PhoneNumberMatcher(text, "US", leniency=phonenumbers.Leniency.POSSIBLE):
        if match.raw_string.startswith("+") and match.start not in found:
            found[match.start] = Detection(match.start, match.end, "phone number")
    return sorted(found.values(), key=lambda d: d.start)


def find_emails(text: str) -> list[Detection]:
    """Email addresses."""
    return [Detection(m.start(), m.end(), "email address") for m in _EMAIL.finditer(text)]


DETECTORS = {"secrets": find_secrets, "phone": find_phone_numbers, "email": find_emails}


def _lines(text: str):
    start = 0
    for line in text.split("\n"):
        yield start, line
        start += len(line) + 1


# "password is x", "token: x": a value after a key word, masked even when no detector took it
KEYWORD_SECRET = re.compile(r"(?i)\b(password|passwd|pwd|passcode|api[ _-]?key|secret key|access key|token|key)\b"
                            r"(\s*(?:is|was|=|:)\s*)(\S{4,})")


def masked(value: str) -> str:
    """A secret value cut to its first two characters and asterisks."""
    return value[:2] + "*" * max(len(value) - 2, 4)


def mask_values(text: str, values: list[str]) -> str:
    """`text` with each of the secret `values` masked wherever it occurs."""
    for value in values:
        if value:
            text = text.replace(value, masked(value))
    return text


def mask(text: str, detections: list[Detection]) -> str:
    """Replace detected secret values with their first 4 characters and asterisks."""
    out = text
    for det in sorted(detections, key=lambda d: -d.start):
        value = out[det.start:det.end]
        out = out[:det.start] + value[:4] + "*" * max(len(value) - 4, 4) + out[det.end:]
    return out
