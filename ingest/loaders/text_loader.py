"""Markdown and plain-text files.

Markdown keeps its own headings (and may carry YAML front matter with a title and url);
plain text gets headings recovered from heading-like lines.
"""

from __future__ import annotations

import re

import yaml
from charset_normalizer import from_bytes

from ingest.errors import LoadError

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.MULTILINE)


def decode_text(data: bytes) -> str:
    """Decode bytes as UTF-8, falling back to charset detection; refuse binary data."""
    if b"\x00" in data[:4096]:
        raise LoadError("not a text file (binary content)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise LoadError("cannot decode the text (unknown encoding)") from None
        return str(best)


def split_front_matter(text: str) -> tuple[str, dict]:
    """Separate YAML front matter (title, url) from the body; bad YAML is left as text."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text, {}
    try:
        meta = yaml.safe_load(match.group(1)) or {}
    except yaml.YAMLError:
        return text, {}
    if not isinstance(meta, dict):
        return text, {}
    return text[match.end():], meta


def first_heading(markdown: str) -> str | None:
    """The first level-1 heading, else the first heading of any level."""
    headings = _HEADING.findall(markdown)
    for hashes, text in headings:
        if len(hashes) == 1:
            return text.strip()
    return headings[0][1].strip() if headings else None


def load_markdown(data: bytes) -> tuple[str, str | None, str | None]:
    """Markdown as-is; title from front matter or the first heading."""
    body, meta = split_front_matter(decode_text(data))
    title = str(meta.get("title") or first_heading(body) or "") or None
    url = str(meta["url"]) if meta.get("url") else None
    return body, title, url


_NUMBERED = re.compile(r"^(\d+(\.\d+)*\.?|[IVX]+\.|[A-Z]\.)\s+\S")


def looks_like_heading(line: str, next_line: str | None) -> bool:
    """A short line without closing punctuation that introduces a paragraph.

    Shared by the text and PDF loaders when there is no markup to say what a heading is.
    """
    stripped = line.strip()
    if not stripped or len(stripped) > 80 or len(stripped.split()) > 12:
        return False
    if stripped[-1] in ".,;:!?)\"'" or stripped.startswith(("-", "*", "•", "(")):
        return False
    if next_line is None or not next_line.strip():
        return stripped.isupper() and len(stripped) > 3
    if not (stripped[0].isupper() or stripped[0].isdigit()):
        return False
    return stripped.isupper() or bool(_NUMBERED.match(stripped)) or stripped.istitle() or len(stripped.split()) <= 8


def promote_heading_lines(text: str) -> str:
    """Turn heading-like lines of plain text into Markdown headings.

    A line counts when it stands alone (blank line before it) and looks like a heading; a
    numbered heading's depth ('2.1 Scope') sets its level, others are level 2, and the very
    first one, if nothing precedes it, becomes the level-1 title.
    """
    lines = text.splitlines()
    out: list[str] = []
    seen_text = False
    for i, line in enumerate(lines):
        prev_blank = i == 0 or not lines[i - 1].strip()
        nxt = next((candidate for candidate in lines[i + 1:] if candidate.strip()), None)
        if prev_blank and looks_like_heading(line, nxt):
            stripped = line.strip()
            number = _NUMBERED.match(stripped)
            level = 2
            if number and number.group(1)[0].isdigit():
                level = min(2 + number.group(1).rstrip(".").count("."), 6)
            if not seen_text and not out:
                level = 1
            out.append("#" * level + " " + stripped)
            out.append("")
        else:
            out.append(line)
            if line.strip():
                seen_text = True
    return "\n".join(out)


def load_text(data: bytes) -> tuple[str, str | None, str | None]:
    """Plain text with heading-like lines promoted to headings."""
    markdown = promote_heading_lines(decode_text(data))
    return markdown, first_heading(markdown), None
