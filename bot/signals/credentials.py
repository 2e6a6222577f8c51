"""Credentials in any shape, not only "the password is ...".

detect-secrets (bot/detectors.py) knows token formats of well-known services; people also write
`admin / Winter2026!`, `login: ops pass: hunter22`, `postgres://app:s3cret@db:5432/prod`,
`Server=db;User Id=sa;Password=...` or paste a random 32-character key. Each shape is a structure:
a user-ish word and a password-ish string joined by a separator, a URL with a user and password, a
key=value list naming a password, or a long high-entropy token next to a key word.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from bot.detectors import Detection

_CRED_WORD = r"(?:log ?in|logon|user(?:name)?|usr|account|acct|creds?|credentials|admin|root|wifi|wi-fi|ssid|vpn|db|database|ssh|sftp|ftp)"
_PASS_WORD = r"(?:pass(?:word|wd|code|phrase)?|pw|pwd|pin|secret|key|token|api[ _-]?key|psk|pre-?shared[ _-]?key|shared[ _-]?secret)"
# "user / pass", "login: admin pass: x", "creds are admin / x", "admin:hunter22 for the vpn"
_PAIR = re.compile(
    rf"(?i)\b{_CRED_WORD}s?\b[^\n]{{0,25}}?[:=]?\s*(?P<user>[\w.@+-]{{2,40}})\s*(?:/|\||,|\s+and\s+|\s+pass(?:word)?\s*[:=]?)\s*"
    rf"(?P<secret>[^\s/|,]{{4,64}})")
_COLON_PAIR = re.compile(r"(?<![\w/:.])(?P<user>[A-Za-z][\w.-]{1,30}):(?P<secret>[^\s:/@]{6,64})(?=\s|$|[,;])")
# "ops-admin / Blu3Harbor!" with no word around it: a user-like name, a spaced slash, a strong-password shape
_SLASH_PAIR = re.compile(r"(?<![\w/.:])[`'\"]?(?P<user>[A-Za-z][\w.@-]{1,30})[`'\"]?\s+/\s+[`'\"]?(?P<secret>[^\s/`'\"]{6,64})")
# Factory-default logins ("admin/admin", "root / toor", "guest:guest"): weak, but a working login all the same.
_DEFAULT_PAIR = re.compile(r"(?i)(?<![\w/.])(?P<user>admin|administrator|root|guest|sa|pi|ubnt)\s?[/:]\s?"
                           r"(?P<secret>admin|administrator|root|toor|guest|password|passw0rd|pass|1234|12345|"
                           r"123456|changeme|default|raspberry|ubnt)(?![\w/])")
# door codes and PINs: "the door code for the 4th floor is 7319", "alarm pin 4471#"
_CODE = re.compile(r"(?i)\b(?:door|gate|alarm|access|entry|keypad|safe|lock|locker|building|server room|wifi|wi-fi)\s?"
                   r"(?:code|pin|combo|combination|password|passcode)\b[^\n]{0,40}?\b(?P<secret>\d{3,8}#?)(?!\d)")
# "temporary password Welcome-8842", "the admin password ... it's 'jenkins'"
_PASS_NEAR = re.compile(r"(?i)\b(?:password|passwd|passcode|pw|pin)\b\s+(?P<secret>(?=\S*\d)(?=\S*[A-Za-z])\S{6,64})")
_PASS_QUOTED = re.compile(r"(?i)\b(?:password|passwd|passcode)\b[^\n]{0,60}?['‘\"“](?P<secret>[^\s'’\"”]{3,40})['’\"”]")
# "the admin password for the dashboard is Hunter2!2024": a few words between the key word and "is" (a new user's
# draft, sixteenth session); the value must look like a password, not "strict" or "on the whiteboard"
_PASS_FOR = re.compile(r"(?i)\b(?:password|passwd|passcode|pin|token|api[ _-]?key|secret key)s?\b[^\n.!?]{1,50}?"
                       r"\b(?:is|was|are|:|=)\s*['\"`]?(?P<secret>[^\s'\"`;,]{4,128})")
_URL_CRED = re.compile(r"\b[a-z][a-z0-9+.-]{1,20}://(?P<user>[^\s:/@]{1,64}):(?P<secret>[^\s@/]{3,128})@[\w.-]+", re.I)
# "password = x", and an environment variable ending in one: "TAP_POSTGRES_PASSWORD=Xk29!pq", "API_TOKEN: ..."
_KV_CRED = re.compile(rf"(?i)(?:\b|(?<=_)){_PASS_WORD}\s*(?:=|:|\bis\b|\bwas\b|\bare\b|->|=>)\s*['\"`]?"
                      rf"(?P<secret>[^\s'\"`;,]{{4,128}})")
_TOKEN = re.compile(r"(?<![\w/.-])(?P<secret>[A-Za-z0-9_\-+/=]{20,200})(?![\w/.-])")
_KEY_CONTEXT = re.compile(rf"(?i)\b(?:{_PASS_WORD}|bearer|auth|authorization|credential|secret|private|access)s?\b")
_WORDY = re.compile(r"^[a-z]+$|^[A-Z][a-z]+$")


def _entropy(value: str) -> float:
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


_CHARACTER_CLASSES = (re.compile(r"[a-z]"), re.compile(r"[A-Z]"), re.compile(r"\d"), re.compile(r"[^\w]"))


def _classes(value: str) -> int:
    """How many of lower case, upper case, digits and symbols a value mixes."""
    return sum(bool(pattern.search(value)) for pattern in _CHARACTER_CLASSES)


def _looks_secret(value: str) -> bool:
    """A password or key, not an ordinary word: mixes classes of characters, or is long and random."""
    if _WORDY.match(value) and len(value) < 12:
        return False
    return _classes(value) >= 2 and not value.isdigit() and not re.fullmatch(r"\d+[a-z]{1,3}|\d+(?:[.,:]\d+)+%?", value)


def find_credentials(text: str) -> list[Detection]:
    """Spans of secrets written in the shapes people use (the secret part only, so it can be masked)."""
    found: list[Detection] = []
    for pattern, kind in ((_CODE, "door code or PIN"), (_PASS_QUOTED, "password")):
        for match in pattern.finditer(text):
            found.append(Detection(match.start("secret"), match.end("secret"), kind))
    for pattern, kind in ((_URL_CRED, "connection string"), (_KV_CRED, "password"), (_PASS_NEAR, "password"),
                          (_PAIR, "user and password")):
        for match in pattern.finditer(text):
            secret = match.group("secret").rstrip(".!?)")
            if _looks_secret(secret) or (pattern is _URL_CRED and len(secret) >= 3):
                at = match.start("secret")
                found.append(Detection(at, at + len(secret), kind))
    for match in _PASS_FOR.finditer(text):
        secret = match.group("secret").rstrip(".!?)")
        if _classes(secret) >= 3 and re.search(r"\d", secret) and not re.search(r"-[a-z]{4,}$", secret):
            found.append(Detection(match.start("secret"), match.start("secret") + len(secret), "password"))
    for match in _SLASH_PAIR.finditer(text):
        if _WORDY.match(match.group("user")) and match.group("user")[0].isupper():
            continue  # "Summer / Winter2026": a capitalised word is prose; "BWGuest" or "ops_bot" is a login
        secret = match.group("secret").rstrip(".,)")
        if _classes(secret) >= 3 and re.search(r"\d", secret) and re.search(r"[a-z]", secret):
            found.append(Detection(match.start("secret"), match.start("secret") + len(secret), "user and password"))
    for match in _DEFAULT_PAIR.finditer(text):
        found.append(Detection(match.start("secret"), match.end("secret"), "default login"))
    for match in _COLON_PAIR.finditer(text):
        user, secret = match.group("user"), match.group("secret")
        if user.lower() in {"http", "https", "note", "ps", "re", "fyi", "time", "eta"} or not _looks_secret(secret):
            continue
        if re.search(r"\d", secret) and re.search(r"[A-Za-z]", secret):
            found.append(Detection(match.start("secret"), match.end("secret"), "user and password"))
    for match in _TOKEN.finditer(text):
        value = match.group("secret")
        window = text[max(0, match.start() - 40):match.start()]
        if (_entropy(value) >= 3.8 and re.search(r"\d", value) and re.search(r"[A-Za-z]", value)
                and (_KEY_CONTEXT.search(window) or len(value) >= 32)):
            found.append(Detection(match.start(), match.end(), "token"))
    return _merge(found)


def _merge(found: list[Detection]) -> list[Detection]:
    out: list[Detection] = []
    for det in sorted(found, key=lambda d: (d.start, -d.end)):
        if out and det.start < out[-1].end:
            continue
        out.append(det)
    return out
