"""Section anchors: a citation links to the passage's section, not just to the top of the document.

A loader records the anchor a source gives each heading (an HTML element's id, a Markdown
heading's explicit `{#id}` or its GitHub-style slug, a PDF page); the chunker stores it with
every passage of that section, and the citation's link becomes `url#anchor`. An anchor is only
ever metadata: nothing here changes a passage's text, heading path or what retrieval sees.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urldefrag

# `## Title {#custom-id}`, also with classes or attributes (`{#id .class key=value}`), as kramdown,
# Pandoc and Python-Markdown's attr_list write it; only the id is kept.
_EXPLICIT_ID = re.compile(r"\s*\{\s*(?:[.\w-]+(?:=[^\s{}]+)?\s+)*#([^\s{}#]+)(?:\s+[^{}]*)?\}\s*$")
# `<a id="x">`, `<a name='x'>`, `<a name=x>`: an HTML anchor written inside Markdown.
_HTML_ANCHOR = re.compile(r"<a\s(?:[^>]*?\s)?(?:id|name)\s*=\s*(?:\"([^\"]+)\"|'([^']+)'|([^\s\"'>]+))[^>]*>",
                          re.IGNORECASE)
_ANCHOR_TAGS = re.compile(r"^\s*(?:<a\s[^>]*>\s*(?:</a>)?\s*)+$", re.IGNORECASE)
# What may stay unescaped in a URL fragment (RFC 3986 fragment characters, without '%').
_FRAGMENT_SAFE = "-._~!$&'()*+,;=:@/?"


def split_explicit_id(label: str, alone: bool = False) -> tuple[str, str | None]:
    """'Title {#custom-id}' -> ('Title', 'custom-id'); a label without one is returned as it is.

    `{#id}` with nothing before it is an id only when `alone` (the last piece of a heading whose
    other words are emphasised); a whole label of '{#id}' is text.
    """
    match = _EXPLICIT_ID.search(label)
    if not match or not (alone or label[:match.start()].strip()):
        return label, None
    return label[:match.start()].rstrip(), match.group(1)


def html_anchor(html: str) -> str | None:
    """The id (or name) of the first `<a id|name>` in a piece of HTML, else None."""
    match = _HTML_ANCHOR.search(html)
    if not match:
        return None
    value = next(group for group in match.groups() if group is not None).strip()
    return value or None


def only_anchor_tags(html: str) -> bool:
    """True for HTML that is nothing but `<a id|name>` tags (an anchor set just before a heading)."""
    return bool(_ANCHOR_TAGS.match(html)) and html_anchor(html) is not None


def page_anchor(pages: str) -> str:
    """'page=12' for a passage on pages '12' or '12-13' (PDF viewers open that page); '' unpaged."""
    first = pages.split("-", 1)[0].strip()
    return f"page={first}" if first.isdigit() else ""


def anchored_url(url: str | None, anchor: str | None) -> str | None:
    """`url#anchor` (replacing any fragment the url had); the url alone when there is no anchor."""
    if not url or not anchor:
        return url or None
    base = urldefrag(url).url
    return f"{base}#{quote(anchor, safe=_FRAGMENT_SAFE)}"
