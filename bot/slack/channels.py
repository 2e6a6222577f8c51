"""Channel modes and privacy: how the bot behaves in each channel (`/guidebot mode`, `/guidebot private`).

`mentions` (the default) answers @-mentions only; `questions` also answers every top-level
message that is a question, in a thread, when the evidence is strong (otherwise it stays
silent: an unasked answer must be worth the noise); `off` ignores the channel, mentions
included, and tells whoever mentions the bot so, privately.
"""

from __future__ import annotations

import re

from bot.answer import Answer

_QUESTION_START = re.compile(
    r"^\s*(can|could|may|might|should|shall|is|are|am|was|were|do|does|did|have|has|how|what|when|where|who|whom|"
    r"whose|why|which|would|will|am\s+i|is\s+it|anyone|any\s+idea)\b", re.IGNORECASE)

OFF_NOTE = ("I'm switched off in this channel (`/guidebot mode off`), so I won't answer here. "
            "Ask me in a DM instead, or ask a channel manager to turn me back on with `/guidebot mode mentions`.")


def looks_like_question(text: str) -> bool:
    """A question mark, or a sentence that opens like a question ("Can I…", "How do we…")."""
    plain = (text or "").strip()
    return len(plain) >= 8 and ("?" in plain or bool(_QUESTION_START.match(plain)))


def strong_enough(answer: Answer, min_score: float) -> bool:
    """Whether an unasked answer is worth posting: a real answer with a well-matching passage."""
    if answer.error or answer.abstained or not answer.citations:
        return False
    top = answer.citations[0]
    return (top.similarity if top.similarity is not None else top.score) >= min_score
