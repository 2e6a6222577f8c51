"""reStructuredText section titles in plain-text files (Sphinx handbooks saved as .txt).

rST marks a title by underlining it, or over- and underlining it, with a row of one punctuation character; the
level is not fixed by the character but by the order in which the document first uses each style ("#" over and
under, then "=", then "-"...). Reading only "===" and "---" underlines, as setext Markdown does, kept a "####"
title as body text and flattened a handbook's sections and subsections into one level, so "Threading" under
"Announcement Channels" and "Threading" under "Support Channels" became the same label. Hyperlink targets
(".. _label:") are markup, not text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ADORNMENT = re.compile(r"^([=\-~^\"'#*+_:.`])\1{2,}\s*$")
_LINK_TARGET = re.compile(r"^\.\. _[^:\n]+:(?:\s+\S+)?\s*$")


@dataclass
class RstTitles:
    """The title lines of a document (line index -> level) and the adornment lines to drop."""

    levels: dict[int, int] = field(default_factory=dict)
    adornments: set[int] = field(default_factory=set)


def is_link_target(line: str) -> bool:
    """An rST hyperlink target (".. _presenting-travel-requests:", ".. _Key Numbers: https://…")."""
    return bool(_LINK_TARGET.match(line.strip()))


def _adornment(line: str) -> str | None:
    match = _ADORNMENT.match(line.strip()) if line == line.lstrip() else None
    return match.group(1) if match else None


def rst_titles(lines: list[str]) -> RstTitles:
    """The document's rST titles, when it is written in rST: it over- and underlines a title, or underlines one
    with a character other than "=" and "-" at least as long as the title. Otherwise nothing (setext Markdown,
    handled by the caller)."""
    found: list[tuple[int, tuple[str, bool], set[int]]] = []
    rst_only = False
    marks = [_adornment(line) for line in lines]  # each line's adornment character, read once
    for i in range(len(lines) - 1):
        title = lines[i].strip()
        char = marks[i + 1]
        if not title or not char or marks[i] or (i > 0 and lines[i - 1].strip() and not marks[i - 1]):
            continue
        overlined = i > 0 and marks[i - 1] == char
        long_enough = len(lines[i + 1].strip()) >= len(title)
        if char not in "=-" and not long_enough:
            continue
        rst_only = rst_only or (overlined and long_enough) or char not in "=-"
        found.append((i, (char, overlined), {i + 1} | ({i - 1} if overlined else set())))
    if not rst_only:
        return RstTitles()
    styles = list(dict.fromkeys(style for _, style, _ in found))  # in the order the document first uses them
    # a document without one title of its own (its first style used again) starts at level 2, as other loaders do
    shift = 1 if sum(1 for _, style, _ in found if style == styles[0]) > 1 else 0
    titles = RstTitles()
    for i, style, drop in found:
        titles.levels[i] = min(styles.index(style) + 1 + shift, 6)
        titles.adornments |= drop
    return titles
