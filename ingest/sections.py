"""The common form every loader produces: sections with plain-text heading paths and pages.

Each format recovers structure its own way (Markdown syntax, HTML tags, PDF typography and
numbering); what they all hand the chunker is the same thing: a list of sections, each a
heading path in plain text (no `**` or `#` left in a citation label), the section's body as
paragraphs separated by blank lines, and, for paged formats, where each page begins in that
body, so a passage can be cited as "p. 12".
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    """One run of body text under one heading path."""

    headings: tuple[str, ...]
    text: str
    page_starts: tuple[tuple[int, int], ...] = ()  # (character offset in text, page number), ascending
    anchor: str = ""  # where the source lets a link land on this section (an id or slug); '' when none

    def pages_of(self, start: int, end: int) -> str:
        """The pages the characters text[start:end] lie on: '12', '12-13', or '' when unpaged."""
        if not self.page_starts:
            return ""
        first = last = self.page_starts[0][1]
        for offset, page in self.page_starts:
            if offset <= start:
                first = page
            if offset < max(end, start + 1):
                last = page
        return str(first) if first == last else f"{first}-{last}"


def full_path(title: str, headings: tuple[str, ...]) -> tuple[str, ...]:
    """Title first, then the section's headings, without repeating the title."""
    parts: list[str] = []
    for heading in (" ".join(h.split()) for h in headings):  # also no-break spaces
        if heading and (not parts or parts[-1].casefold() != heading.casefold()):  # a title repeated as its first heading
            parts.append(heading)
    title = " ".join(title.split())
    if not parts or parts[0].casefold() != title.casefold():
        parts.insert(0, title)
    return tuple(parts)


def render_markdown(sections: list[Section] | tuple[Section, ...], title: str | None = None) -> str:
    """The sections as Markdown (headings by depth): for people reading a dump, and for tests."""
    out: list[str] = []
    previous: tuple[str, ...] = ()
    for section in sections:
        path = full_path(title, section.headings) if title else section.headings
        common = 0
        while common < min(len(previous), len(path)) and previous[common] == path[common]:
            common += 1
        for depth in range(common, len(path)):
            out += ["#" * min(depth + 1, 6) + " " + path[depth], ""]
        out += [section.text, ""]
        previous = path
    return "\n".join(out).strip() + "\n"


@dataclass
class SectionBuilder:
    """Collects headings (with a rank: lower is more important) and paragraphs into sections.

    A heading closes every open heading of the same or a lower rank, so ranks need not be
    contiguous: Markdown uses 1-6 for `#`..`######` and higher ranks for pseudo-headings such
    as bold lines, and the PDF loader ranks font sizes and numbering styles.
    """

    sections: list[Section] = field(default_factory=list)
    _stack: list[tuple[float, str, str]] = field(default_factory=list)  # (rank, label, anchor)
    _paragraphs: list[str] = field(default_factory=list)
    _pages: list[tuple[int, int]] = field(default_factory=list)
    _length: int = 0

    def heading(self, text: str, rank: float, anchor: str | None = None) -> None:
        """Open a heading; text before it stays with the previous heading path.

        `anchor` is the heading's own anchor in its source; a heading without one (a bold
        pseudo-heading, say) lets its sections link to the nearest enclosing heading that has one.
        """
        text = " ".join(text.split())
        if not text:
            return
        self._flush()
        while self._stack and self._stack[-1][0] >= rank:
            self._stack.pop()
        self._stack.append((rank, text, anchor or ""))

    def close(self, rank: float) -> None:
        """Close open headings of `rank` and lower (the end of a <details> block, say)."""
        self._flush()
        while self._stack and self._stack[-1][0] >= rank:
            self._stack.pop()

    def paragraph(self, text: str, pages: list[tuple[int, int]] | None = None) -> None:
        """Add a paragraph; `pages` are (offset in this paragraph, page) where pages begin."""
        text = text.strip("\n")
        if not text.strip():
            return
        if self._paragraphs:
            self._length += 2  # the blank line between paragraphs
        for offset, page in pages or ():
            at = self._length + max(0, min(offset, len(text)))
            if not self._pages or self._pages[-1][1] != page:
                self._pages.append((at, page))
        self._paragraphs.append(text)
        self._length += len(text)

    @property
    def depth(self) -> int:
        return len(self._stack)

    def finish(self) -> list[Section]:
        """All sections, in reading order."""
        self._flush()
        return self.sections

    def _flush(self) -> None:
        if self._paragraphs:
            anchor = next((anchor for _, _, anchor in reversed(self._stack) if anchor), "")
            self.sections.append(Section(headings=tuple(text for _, text, _ in self._stack),
                                         text="\n\n".join(self._paragraphs), page_starts=tuple(self._pages),
                                         anchor=anchor))
        self._paragraphs = []
        self._pages = []
        self._length = 0
