"""HTML pages: the readable content only, with the page's own headings.

Scripts, styles, navigation, headers, footers, sidebars and forms are removed with
BeautifulSoup; markdownify converts what is left and the Markdown parser builds the sections.
Pages that title their rules without <h1>-<h6> are common: a paragraph that is only bold
text, a definition list's terms, or a <details> summary are turned into bold lines first, so
the parser treats them as pseudo-headings like the same styles in Markdown.

Each heading keeps the anchor the page gives it, for links straight to the section: the id of
the heading (or of a `<dt>` term), of an `<a id|name>` inside it or just before it, or of the
`<section>` around it. It travels to the Markdown parser as an explicit `{#id}` on the heading.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from markdownify import markdownify

from ingest.errors import LoadError
from ingest.loaders.template_tags import render_template_tags
from ingest.loaders.text_loader import decode_text
from ingest.markdown_sections import parse_markdown
from ingest.sections import Section

_DROP_TAGS = ["script", "style", "noscript", "nav", "footer", "header", "aside", "form", "iframe", "svg",
              "template", "button", "input", "select"]
_DROP_ROLES = ["navigation", "banner", "contentinfo", "search", "complementary"]


def load_html(data: bytes) -> tuple[list[Section], str | None, str | None]:
    """Sections of the main content of an HTML page; title and canonical URL kept."""
    try:
        soup = BeautifulSoup(render_template_tags(decode_text(data)), "lxml")
    except LoadError:
        raise
    except Exception as err:  # lxml raises a handful of parser errors on garbage
        raise LoadError(f"cannot parse HTML: {err}") from None
    page_title = soup.title.get_text(" ", strip=True) if soup.title else None
    canonical = soup.find("link", rel="canonical")
    url = canonical.get("href") if canonical is not None and canonical.get("href") else None
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    for role in _DROP_ROLES:
        for tag in soup.find_all(attrs={"role": role}):
            tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    _mark_heading_anchors(root)
    _mark_pseudo_headings(soup, root)
    markdown = markdownify(str(root), heading_style="ATX", bullets="-", strip=["img", "a"])
    parsed = parse_markdown("\n".join(line.rstrip() for line in markdown.splitlines()), anchors="explicit")
    return parsed.sections, parsed.h1 or page_title or parsed.title, str(url) if url else None


_HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]


def _anchor_id(tag) -> str | None:
    """An element's id, or the id/name of an `<a>` that marks a place (not a link elsewhere)."""
    for key in ("id", "name") if tag.name == "a" else ("id",):
        value = tag.get(key)
        if isinstance(value, str) and value.strip() and not value.strip().startswith("#"):
            return value.strip()
    return None


def _heading_anchor(heading) -> str | None:
    """The anchor a link to this heading lands on (see the module docstring), or None."""
    own = _anchor_id(heading)
    if own:
        return own
    for inner in heading.find_all("a"):
        if _anchor_id(inner):
            return _anchor_id(inner)
    before = heading.find_previous_sibling()
    if before is not None and not before.get_text(strip=True):
        marks = [before] if before.name == "a" else before.find_all("a")
        found = next((_anchor_id(mark) for mark in marks if _anchor_id(mark)), None)
        if found:
            return found
    section = heading.find_parent("section")
    return _anchor_id(section) if section is not None else None


def _mark_heading_anchors(root) -> None:
    """Append ` {#id}` to every heading (and term) with an anchor; the Markdown parser takes it back out."""
    for heading in root.find_all(_HEADINGS + ["dt"]):
        anchor = _heading_anchor(heading)
        if anchor and heading.get_text(strip=True) and not any(ch.isspace() or ch in "{}#" for ch in anchor):
            heading.append(f" {{#{anchor}}}")


def _mark_pseudo_headings(soup: BeautifulSoup, root) -> None:
    """Definition terms and <summary> become bold paragraphs; <dd> and <details> plain blocks."""
    for term in root.find_all("dt"):
        paragraph = soup.new_tag("p")
        strong = soup.new_tag("strong")
        strong.string = term.get_text(" ", strip=True)
        paragraph.append(strong)
        term.replace_with(paragraph)
    for summary in root.find_all("summary"):
        paragraph = soup.new_tag("p")
        strong = soup.new_tag("strong")
        strong.string = summary.get_text(" ", strip=True)
        paragraph.append(strong)
        summary.replace_with(paragraph)
    for tag in root.find_all(["dd", "dl", "details"]):
        tag.name = "div"
