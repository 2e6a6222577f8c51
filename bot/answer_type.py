"""What kind of answer a question asks for, and whether a passage could give it.

A question that asks for a quantity ("how many hashtags", "how much does membership cost", "what's the
minimum size of the logo") is answered only by a passage that states one. Real guidelines are full of
passages on the question's topic that state no figure at all (a branding page with no sizes, a social
media policy with no hashtag count); their similarity to the question is as high as a real answer's,
so similarity alone answers them. Found on the blind sets' near-miss questions (wild4, wild5, wild6).

Some questions ask for a value of a particular kind: a date, a phone number, a colour code, a share of
votes, a length of time or text, a count of something named ("how many vacation days"). A passage on the
topic with some other figure in it ("It takes 30 minutes to deploy the emergency homepage") does not
answer "what is the emergency phone number?". Found on wild7's near-miss questions.
"""

from __future__ import annotations

import re

_QUANTITY_QUESTION = re.compile(
    r"\b(?:how (?:much|many|long|big|often|old|large|small)|"
    r"what(?:'s|’s| is| are)? the (?:minimum|maximum|max|min|limit|size|price|cost|fee|number|deadline)|"
    # "what font size", "what's the registration number" (wild11)
    r"what (?:[\w-]+ ){0,2}(?:size|length|width|height|dimensions|resolution)|"
    r"what(?:'s|’s| is| are)? (?:the |our |its |their )?(?:[\w-]+ ){0,2}(?:registration|account|reference|serial|"
    r"licen[cs]e|tax|vat|company|case|ticket|version) number|"
    r"cost|fee|price)\b", re.IGNORECASE)
# Number words both readings know; each adds its own (a bound may be "a hundred", a count "sixty days").
_NUMBER_WORDS = r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
_QUANTITY = re.compile(
    rf"\d|\b(?:{_NUMBER_WORDS}|"
    r"hundred|thousand|once|twice|half|dozen|single|annual(?:ly)?|yearly|monthly|weekly|daily|every|each|"
    r"immediately|promptly|no later than|within|at least|at most|no more than|up to|minimum|maximum|few|several|"
    r"modest|nominal|de minimis|lavish|excessive)\b|"
    r"\b(?:in|for|within|over) (?:hours|days|weeks|months|years)\b",  # an order of time: "measured in days and weeks"
    re.IGNORECASE)


# "can I tell people how much each got?", "how much are we allowed to say?": asking whether something may be
# said, about a quantity or of it, is a question of permission, not a request for a figure (wild9).
_PERMISSION = re.compile(r"\b(?:can|may|could|should) (?:i|we|you) (?:\w+ly |also |still |just )?(?:tell|share|post|say|"
                         r"mention|reveal|disclose|publish)\b|\bhow much (?:are|am|is) (?:we|i|you|one) (?:allowed|permitted|able) to "
                         r"(?:say|share|tell|reveal|disclose)\b", re.IGNORECASE)


# "what's the minimum the README has to say?": the least content required, not a figure (wild13).
_LEAST_CONTENT = re.compile(r"\b(?:minimum|least)\s+(?:that\s+)?(?:the\s+|a\s+|an\s+|our\s+|my\s+|your\s+|i\s+|we\s+|you\s+)?"
                            r"(?:[\w.-]+\s+){0,2}(?:i\s+|we\s+|you\s+)?(?:has|have|needs?|must|should)\s+(?:to\s+)?(?:say|include|contain|"
                            # "what's the minimum copyright line we need to put on stuff we publish?" (wild23)
                            r"cover|mention|list|state|explain|do|put|add|write|show|display|carry)\b", re.IGNORECASE)


def asks_quantity(question: str) -> bool:
    """Whether the question asks how much, how many, how long or how often (not whether a figure may be shared,
    nor the least a text has to say)."""
    return (bool(_QUANTITY_QUESTION.search(question)) and not _PERMISSION.search(question)
            and not _LEAST_CONTENT.search(question))


def states_quantity(text: str) -> bool:
    """Whether a passage states a figure, an amount, a frequency or a bound."""
    return bool(_QUANTITY.search(text))


_UNIT = (r"(?:characters?|chars?|words?|lines?|pages?|sentences?|seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|"
         r"months?|years?|business[ -]days?|working[ -]days?)")
_COUNT = rf"(?:\d[\d,.]*|{_NUMBER_WORDS}|sixty|ninety|a|an|a few|several)"
# Capitalised words of a group's or an office's name, not a person's ("Project Stewards", "Marketing Committee")
_ORG_WORDS = (r"(?:The|Project|Projects|Board|Committee|Team|Group|Office|Foundation|Council|Stewards?|Directors?|"
              r"Members?|Officers?|Working|Steering|Marketing|Security|Technical|Governing|Core|Community|Open|Source|"
              r"Code|Conduct|Policy|Public|Our|This|These|All|Any|Each|If|When)")
# (what the question asks for, how a question asks it, how a passage states it)
_KINDS = (
    ("a date", re.compile(r"\b(?:what|which) (?:date|day)\b|\bon what (?:date|day)\b|\bwhen (?:exactly )?(?:does|do|will|is|are)"
                          r"\b[^?]{0,60}\b(?:start|begin|end|close|open|due)\b", re.IGNORECASE),
     re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b|\b\d{1,2}(?:st|nd|rd|th)\b|"
                r"\b\d{4}-\d{2}-\d{2}\b|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b|"
                rf"\b{_COUNT}\s+{_UNIT}\s+(?:before|after|prior|from|of)\b|\b(?:when|once|as soon as|until)\b", re.IGNORECASE)),
    ("a phone number", re.compile(r"\b(?:what|which)(?:'s|’s| is)? (?:the |our |their |its )?(?:[\w-]+ ){0,3}"
                                  r"(?:phone|telephone|hotline|mobile) number\b|\bnumber (?:to|i should|should i) (?:call|ring|dial)\b",
                                  re.IGNORECASE),
     # another way to reach them answers too: asked for the press office's number, "press@…" is the answer
     re.compile(r"(?:\+|\b0)\d[\d\s()-]{6,}\d|\b\d{3}[\s.-]\d{3,4}[\s.-]\d{3,4}\b|[\w.+-]+@[\w-]+\.[\w.-]+")),
    ("a colour code", re.compile(r"\b(?:hex|rgb|cmyk|pantone|colou?r code|colou?r value)s?\b", re.IGNORECASE),
     re.compile(r"#[0-9a-f]{3,8}\b|\brgb\s*\(|\bpantone\s+\w*\d|\bcmyk\b|\b[0-9a-f]{6}\b", re.IGNORECASE)),
    ("a share", re.compile(r"\b(?:what|which) (?:share|proportion|percentage|fraction|majority)\b|\bhow many (?:of the |of )?"
                           r"(?:members|votes|people|directors)\b[^?]{0,40}\b(?:vote|approve|agree|needed|required|must)\b",
                           re.IGNORECASE),
     re.compile(r"\d\s?%|\bpercent\b|\b(?:majority|unanimous\w*|two[- ]thirds|three[- ]quarters|half|quorum|"
                r"all (?:of the )?members|consensus)\b", re.IGNORECASE)),
    # "how much is the swag stipend per year?", "will PLOS pay me a fee for the interview?": a figure, or a passage
    # saying who pays, that it is free or unpaid, answers; a passage about a "Budget Committee" or a proposal's
    # "cost" does not (wild17).
    ("an amount of money", re.compile(r"\bhow much (?:is|are|was|were) (?:the |a |an |our |my |their |its )?(?:[\w-]+ ){0,3}"
                                      r"(?:stipend|grant|allowance|bonus|salary|honorari(?:um|a)|reimbursement|per diem|"
                                      r"fee|prize|award|payment|budget)s?\b|\b(?:will|would|do|does|can|could) (?:\w+ ){0,3}"
                                      r"(?:pay|reimburse|compensate)\b[^?]{0,40}\b(?:fee|me|us|for)\b", re.IGNORECASE),
     re.compile(r"[$€£¥]\s?\d|\d\s?(?:usd|eur|gbp|dollars?|euros?|pounds?|k)\b|\b(?:free|no cost|no charge|unpaid|not paid|"
                r"without pay|paid (?:for|by)|pays? (?:for|you|speakers|authors)|reimburs\w*|compensat\w*|honorari\w*)\b",
                re.IGNORECASE)),
    # "how much does the paid plan cost?", "what's the per diem?": only a passage that names money, or says who
    # pays or that it is free, answers; a branding page with a logo size does not (wild13).
    ("an amount of money", re.compile(r"\bhow much (?:does|do|is|are|will|would|did|can|should)\b[^?]{0,60}\b(?:cost|costs|"
                                      r"charge|charged|spend|spent)\b|\bwhat(?:'s|’s| is| are)? the (?:\w+ )?(?:cost|price|"
                                      r"fee|per diem|daily rate|budget|allowance)s?\b|\bhow much (?:money|budget)\b",
                                      re.IGNORECASE),
     re.compile(r"[$€£¥]\s?\d|\d\s?(?:usd|eur|gbp|dollars?|euros?|pounds?|k)\b|\b(?:free|no cost|no charge|at cost|"
                r"reimburs\w*|refund\w*|paid (?:for|by)|pays? for|covers? (?:the )?(?:cost|costs|expenses|fees?)|budget|"
                r"allowance|expenses|price[ds]?|pricing|fees?|costs?)\b", re.IGNORECASE)),
    # "who chairs the marketing group right now?": a named person (or "chaired by …") answers; "contact the
    # Marketing WG" does not (wild17).
    ("a person's name", re.compile(r"\bwho(?:'s|’s| is| are)? (?:currently |now )?(?:chairs?|leads?|heads?|runs?|"
                                   r"the (?:current )?(?:chair|chairperson|head|lead|director|president|ceo))\b|"
                                   r"\bwho(?:'s|’s| is| are) (?:on )?(?:the |our )?[^?]{0,50}\b(?:right now|at the moment|"
                                   r"currently|these days|this year)\b", re.IGNORECASE),
     re.compile(rf"(?-i:\b(?!{_ORG_WORDS}\b)[A-Z][a-z]+ (?!{_ORG_WORDS}\b)[A-Z][a-z]+\b)|"
                r"\b(?:chaired|led|headed|run) by\b", re.IGNORECASE)),
    ("a length of time or text", re.compile(r"\bhow long\b|\bhow many (?:days|weeks|months|years|hours|minutes)\b|"
                                            r"\bfor how (?:long|many days)\b|\b(?:word|character|page) (?:count|limit)s?\b",
                                            re.IGNORECASE),
     re.compile(rf"\b{_COUNT}(?:\s*\(\d+\))?[\s-]+{_UNIT}\b|\b(?:until|till|as long as|for the (?:whole|entire) |for all of|"
                r"indefinitely|permanently|at least|no longer than|within)\b|\b(?:in|for|over) (?:hours|days|weeks|months|years)\b",
                re.IGNORECASE)),
)
_HOW_MANY = re.compile(r"\bhow many ([a-z]+)", re.IGNORECASE)
# "what's the maximum number of characters for a button label?": only a count of that unit answers; a passage with
# "16 pages" in an example about numerals does not (wild15).
_LIMIT_OF = re.compile(r"\b(?:maximum|max|minimum|min|most|fewest)\b(?: number of| amount of)? "
                       r"(characters?|chars|words?|lines?|pages?|sentences?)\b", re.IGNORECASE)
# A lower bound asked ("is there a minimum number of hours I need to log?") where the passages state only an upper
# one ("limited to a maximum of 20 hours a month"): the guidelines cap it and say nothing of a floor (wild11).
_ASKS_LOWER = re.compile(r"\b(?:minimum|at least|fewest|lower limit)\b|(?<!\d)(?<!\d )\bmin\b", re.IGNORECASE)  # not "5 min"
_STATES_LOWER = re.compile(r"\b(?:minimum|min|at least|no (?:fewer|less) than|or more|lower limit|floor)\b", re.IGNORECASE)
_STATES_UPPER = re.compile(r"\b(?:maximum|max|at most|no more than|up to|limited to|cap(?:ped)?|upper limit)\b", re.IGNORECASE)


def missing_value(question: str, passages: list[str]) -> str | None:
    """The kind of value the question asks for when none of `passages` states one (None: they may answer it).

    Checked against the best passages, not only the first: the one that answers is sometimes second.
    """
    if not passages:
        return None
    if (_ASKS_LOWER.search(question) and not any(_STATES_LOWER.search(p) for p in passages)
            and any(_STATES_UPPER.search(p) for p in passages)):
        return "a lower bound"
    limit = _LIMIT_OF.search(question)
    if limit:
        unit = limit.group(1).lower().rstrip("s")
        unit = "char(?:acter)?" if unit in {"char", "character"} else re.escape(unit)
        count = re.compile(rf"\b(?:\d[\d,.]*|{_NUMBER_WORDS}|sixty|ninety|a hundred)[\s-]+(?:[\w-]+\s+)?{unit}s?\b", re.IGNORECASE)
        return None if any(count.search(p) for p in passages) else f"a number of {limit.group(1).lower()}"
    for kind, asked, stated in _KINDS:
        if asked.search(question):
            return None if any(stated.search(p) for p in passages) else kind
    counted = _HOW_MANY.search(question)
    if counted and counted.group(1).lower() not in {"of", "times"}:
        word = counted.group(1).lower()
        stem = re.escape(word[:-1] if word.endswith("s") else word)
        count = re.compile(rf"\b(?:{_COUNT}|no|any|unlimited|as many|too many|many|few|several|only one|a single)\s+"
                           rf"(?:[\w-]+\s+){{0,2}}{stem}", re.IGNORECASE)
        return None if any(count.search(p) for p in passages) else f"a number of {word}"
    return None
