"""Thread follow-ups: what needs no answer, and what a short reply means in its thread.

After the bot answered in a thread, "what about Instagram?" only makes sense with the
thread's first question ("can I post photos of the office?"). A reply that leans on its
thread (short, or starting with "what about", "and", "also"...) is searched together with
that question; a self-contained new question is searched alone. "thanks", "ok", 👍 and the
like close a conversation and get no answer.
"""

from __future__ import annotations

import re

_ACK_WORDS = {
    "thanks", "thank", "you", "thx", "ty", "tyvm", "cheers", "ok", "okay", "k", "kk", "great", "cool", "perfect",
    "got", "it", "nice", "awesome", "super", "brilliant", "understood", "noted", "sure", "fine", "good", "so",
    "much", "very", "a", "lot", "many", "makes", "sense", "that", "helps", "helped", "helpful", "appreciated",
    "appreciate", "will", "do", "yes", "yep", "yeah", "no", "nope", "alright", "all", "right", "gotcha", "merci",
    "danke", "gracias", "lol", "haha", "again", "the", "for", "help", "bot", "guidebot", "wonderful", "excellent",
}
_EMOJI_ONLY = re.compile(r"^(?::[a-z0-9_+\-]+:|[\W_])*$", re.IGNORECASE)
_LEANS = re.compile(r"^\s*(what|how)\s+about\b|^\s*(and|also|but|or|same|what\s+if|and\s+if|even|then|so)\b"
                    r"|^\s*(is|does)\s+(it|that|this)\b|\b(it|that|this|there|them|those|these)\b", re.IGNORECASE)
_MENTION = re.compile(r"<[@#!][^>]*>")


def is_acknowledgement(text: str) -> bool:
    """True for "thanks!", "ok 👍", ":+1:", "got it, cheers": nothing to answer."""
    plain = _MENTION.sub(" ", text or "").strip()
    if _EMOJI_ONLY.match(plain):
        return True
    words = re.findall(r"[a-z']+", plain.lower().replace("'", ""))
    return bool(words) and len(words) <= 8 and all(w in _ACK_WORDS for w in words)


def leans_on_thread(text: str) -> bool:
    """A reply that needs its thread to be understood: short, or referring back."""
    words = re.findall(r"\w+", text)
    return len(words) <= 6 or bool(_LEANS.search(text))


def contextual_query(first_question: str | None, text: str) -> str:
    """What to search for a reply in a thread: the thread's question plus the reply when it leans on it."""
    if first_question and leans_on_thread(text) and first_question.strip() != text.strip():
        return f"{first_question.strip()} {text.strip()}"
    return text
