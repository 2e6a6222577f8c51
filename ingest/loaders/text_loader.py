"""Markdown and plain-text files.

Markdown is parsed by `ingest.markdown_sections` (its own headings, setext and bold-line
headings, YAML front matter with a title and url); plain text gets headings recovered from
heading-like lines first.
"""

from __future__ import annotations

import re

from charset_normalizer import from_bytes

from ingest.errors import LoadError
from ingest.loaders.mdx import strip_mdx
from ingest.loaders.rst_titles import is_link_target, rst_titles
from ingest.loaders.template_tags import drop_tag_lines
from ingest.markdown_sections import escape_markdown, parse_markdown
from ingest.sections import Section


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


def load_markdown(data: bytes) -> tuple[list[Section], str | None, str | None]:
    """Markdown sections; title from front matter or the first heading, url from front matter.

    Sections keep their heading's anchor (explicit, else its slug) for links to the section.
    """
    parsed = parse_markdown(drop_tag_lines(strip_mdx(decode_text(data))), anchors="slugs")
    meta = parsed.meta
    title = str(meta.get("title") or parsed.title or "") or None
    url = str(meta["url"]) if meta.get("url") else None
    return parsed.sections, title, url


_NUMBERED = re.compile(r"^(\d+(\.\d+)*\.?|[IVX]+\.|[A-Z]\.)\s+\S")
# AsciiDoc section titles ("= Document title", "== Section", ... up to level 6): plain-text files of many
# projects' handbooks are AsciiDoc sources (FreeBSD's code of conduct pages, tests/data/wild5)
_ASCIIDOC_TITLE = re.compile(r"^(={1,6})\s+(\S.*?)\s*=*\s*$")
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?\n)---[ \t]*\n", re.DOTALL)


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


_UNDERLINE = re.compile(r"^\s*(?:={3,}|-{3,})\s*$")  # a setext title's underline


def promote_heading_lines(text: str) -> str:
    """Turn heading-like lines of plain text into Markdown headings.

    A line counts when it stands alone (blank line before it) and looks like a heading; a
    numbered heading's depth ('2.1 Scope') sets its level, others are level 2, and the very
    first one, if nothing precedes it, becomes the level-1 title. A title underlined with `===` or `---` (setext,
    reStructuredText) is a heading, its underline dropped.
    """
    lines = [line for line in text.splitlines() if not is_link_target(line)]
    rst = rst_titles(lines)
    out: list[str] = []
    seen_text = False
    for i, line in enumerate(lines):
        if i in rst.adornments:
            continue
        if i in rst.levels:
            out += ["#" * rst.levels[i] + " " + line.strip(), ""]
            continue
        prev_blank = i == 0 or not lines[i - 1].strip()
        nxt = next((candidate for candidate in lines[i + 1:] if candidate.strip()), None)
        asciidoc = _ASCIIDOC_TITLE.match(line)
        if line.strip() and _UNDERLINE.match(line) and i > 0 and lines[i - 1].strip() and out and out[-1] == "":
            continue  # the underline of a title promoted just above ("Trademark Guidelines" over "=====")
        if prev_blank and line.strip() and i + 1 < len(lines) and _UNDERLINE.match(lines[i + 1]) \
                and not _UNDERLINE.match(line):
            level = 1 if not seen_text and not any(o.startswith("#") for o in out) else 2
            out += ["#" * level + " " + line.strip(), ""]
        elif asciidoc and prev_blank:
            out += ["#" * len(asciidoc.group(1)) + " " + asciidoc.group(2), ""]
        elif prev_blank and looks_like_heading(line, nxt) and not _wrapped(lines, i) and not rst.levels:
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


def _wrapped(lines: list[str], i: int) -> bool:
    """A hard-wrapped sentence's first line: the line right below goes on in lower case ("The code of conduct is a
    general document meant to" / "provide a set of rules …"), which no heading's first body line does."""
    below = lines[i + 1].lstrip() if i + 1 < len(lines) else ""
    return bool(below) and below[0].islower()


_PROMOTED = re.compile(r"^(#{1,6} )(.*)$")


def load_text(data: bytes) -> tuple[list[Section], str | None, str | None]:
    """Plain text with heading-like lines promoted to headings; the rest kept literally.

    A YAML front matter block at the top (static-site sources saved as .txt) gives the title
    and url, and is not read as text.
    """
    text = decode_text(data)
    front = _FRONT_MATTER.match(text)
    lines = [f"---\n{front.group(1)}---", ""] if front else []
    for line in promote_heading_lines(text[front.end():] if front else text).splitlines():
        heading = _PROMOTED.match(line)
        lines.append(heading.group(1) + escape_markdown(heading.group(2)) if heading else escape_markdown(line))
    parsed = parse_markdown("\n".join(lines))
    meta = parsed.meta
    title = str(meta.get("title") or parsed.title or "") or None
    return parsed.sections, title, str(meta["url"]) if meta.get("url") else None
