"""Topics a question can be about that the guidelines may simply never mention.

Near-miss questions ("can I accept a gift card?", "may I use ChatGPT to draft it?", "can I livestream my talk?",
"what's the official hashtag?", "which font for headings?", "how long are messages kept?") match passages on the
same general subject well enough that similarity alone answers them with something beside the point. These topics
recur in workplace questions and are named by a small, closed set of words; when the question is about one and none
of the best passages uses any of its words, the guidelines don't cover it. Each topic has the words that put a
question on it (strict) and the words that show a passage deals with it (broad: a passage on "hospitality" or
"anything of value" answers a question about a gift basket).
"""

from __future__ import annotations

import re

_TOPICS: tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...] = (
    ("gifts",
     re.compile(r"\bgifts?\b|\b(?:accept|keep|take|receive)\b[^?]{0,40}\b(?:presents?|baskets?|hampers?|vouchers?|"
                r"bottles? of|free trips?)\b", re.IGNORECASE),
     re.compile(r"\bgifts?\b|\bgifted\b|\bhospitality\b|\bpresents\b|\bentertainment\b|\bfavou?rs?\b|\bbrib\w+|"
                r"\binducements?\b|\banything of (?:value|worth)\b|\bfreebies?\b|\bswag\b|\btickets?\b|\bperks?\b|"
                r"\bconflicts? of interest\b|\bsponsor\w*", re.IGNORECASE)),
    ("AI tools",
     re.compile(r"\b(?:chat-?gpt|gpt-?\d\w*|llms?|large language models?|copilot|generative ai|gen-?ai|ai|claude|"
                r"gemini|midjourney|dall-?e)\b", re.IGNORECASE),
     re.compile(r"\b(?:ai|a\.i\.|llms?|chat-?gpt|gpt\w*|copilot|generative|artificial intelligence|language models?|"
                r"machine[- ]generated|auto-?generated|chatbots?|synthetic|manipulated|deepfakes?|digitally altered)\b",
                re.IGNORECASE)),
    ("livestreaming",
     re.compile(r"\blive-?stream\w*|\btwitch\b|\byoutube live\b", re.IGNORECASE),
     # "record" and "stream" as filming, not "a record of decisions" or "a stream of consciousness"
     re.compile(r"\bstream(?:s|ed|ing)?\b(?! of\b)|\brecord(?:s|ed|ings?)?\b(?= (?:your|the|a|an|it|them|talks?|"
                r"sessions?|meetings?|events?)\b)|\brecord(?:ed|ings?)\b|\bvideos?\b|\bbroadcast\w*|\byoutube\b|"
                r"\btwitch\b|\bfilm\w*|\bwebcast\w*", re.IGNORECASE)),
    ("politics",
     re.compile(r"\bpolitic(?:s|al|ally)\b|\b(?:candidates?|elections?|electoral|referendums?|lobbying|lobbyists?)\b", re.IGNORECASE),
     re.compile(r"\bpolitic(?:s|al|ally)\b|\b(?:candidates?|elections?|electoral|campaign\w*|lobby\w*|partisan|referend\w*|"
                r"voting|vote|government officials?)\b", re.IGNORECASE)),
    ("hashtags",
     re.compile(r"\bhashtags?\b", re.IGNORECASE),
     re.compile(r"\bhashtags?\b|(?<![\w&])#[a-z]\w+", re.IGNORECASE)),
    ("fonts",
     re.compile(r"\b(?:fonts?|typefaces?|typography)\b", re.IGNORECASE),
     re.compile(r"\b(?:fonts?|typefaces?|typograph\w*|serif|sans|point size|\d+ ?pt|bold|italics?)\b", re.IGNORECASE)),
    ("how long records are kept",
     re.compile(r"\bhow long (?:are|is|do|does|will|should) [^?]{0,50}\b(?:kept|retained|stored|saved|archived|deleted)\b|"
                r"\b(?:kept|retained|stored)\b[^?]{0,30}\bbefore (?:they|it)(?:'re|’re| are| is| get| gets)? (?:deleted|purged|"
                r"removed)\b", re.IGNORECASE),
     re.compile(r"\b(?:retention|retain\w*|delet\w*|purg\w*|archiv\w*|kept for|stored for|expire\w*)\b", re.IGNORECASE)),
)


# "… follow people's accounts, like a historian who mostly tweets politics?": an example described, not the ask
_EXAMPLE = re.compile(r",? (?:like|such as|e\.g\.,?) (?:a|an|the|my|our|some)? ?\w+ who\b.*|\bwho (?:mostly|often|usually|always) .*",
                      re.IGNORECASE | re.DOTALL)


def uncovered_topic(question: str, passages: list[str]) -> str | None:
    """The topic the question is about that none of `passages` mentions (None: they may answer it)."""
    if not passages:
        return None
    question = _EXAMPLE.sub("", question)
    for name, asked, covered in _TOPICS:
        if asked.search(question) and not any(covered.search(text) for text in passages):
            return name
    return None
