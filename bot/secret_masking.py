"""One last pass over everything a check says back: no secret of the draft is shown in clear.

Each source masks the secrets it finds itself, but a finding from another source (the learned scorer, a
guideline's check, the "can't be fully checked" note) quotes the same sentence without knowing a password is in
it: a new user saw "Hunter2Secret" masked in one finding and in clear in the next. Every secret any detector finds
in the draft is masked in every excerpt, with "password is …" shapes masked even when no detector took the value.
"""

from __future__ import annotations

from dataclasses import replace

from bot.answer import Finding
from bot.detectors import KEYWORD_SECRET, find_secrets, mask_values, masked
from bot.signals.credentials import find_credentials


def secret_values(text: str) -> list[str]:
    """The secret strings of a draft, longest first (a longer secret may hold a shorter one)."""
    values = {text[d.start:d.end] for d in [*find_secrets(text), *find_credentials(text)]}
    return sorted((v for v in values if len(v) >= 3), key=len, reverse=True)


def mask_text(text: str, values: list[str]) -> str:
    """`text` with each secret value cut to its first two characters and asterisks."""
    return KEYWORD_SECRET.sub(lambda m: m.group(1) + m.group(2) + masked(m.group(3)) if "*" not in m.group(3) else m.group(0),
                              mask_values(text, values))


def mask_findings(findings: list[Finding], values: list[str]) -> list[Finding]:
    """The findings with every secret masked in their excerpts."""
    if not values:
        return findings
    return [replace(f, excerpt=mask_text(f.excerpt, values)) for f in findings]
