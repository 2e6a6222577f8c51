"""HTML pages: the readable content only, with the page's own headings.

Scripts, styles, navigation, headers, footers, sidebars and forms are removed with
BeautifulSoup; markdownify converts what is left and the Markdown parser builds the sections.
Pages that title their rules without <h1>-<h6> are common: a paragraph that is only bold
text, a definition list's terms, or a <details> summary are turned into bold lines first, so
the parser treats them as pseudo-headings like the same styles in Markdown.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from markdownify import markdownify

from ingest.errors import LoadError
from ingest.loaders.text_loader import decode_text
from ingest.markdown_sections import parse_markdown
from ingest.sections import Section

_DROP_TAGS = ["script", "style", "noscript", "nav", "footer", "header", "aside", "form", "iframe", "svg",
              "template", "button", "input", "select"]
_DROP_ROLES = ["navigation", "banner", "contentinfo", "search", "complementary"]


def load_html(data: bytes) -> tuple[list[Section], str | None, str | None]:
    """Sections of the main content of an HTML page; title and canonical URL kept."""
    try:
        soup = BeautifulSoup(decode_text(data), "lxml")
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
    _mark_pseudo_headings(soup, root)
    markdown = markdownify(str(root), heading_style="ATX", bullets="-", strip=["img", "a"])
    parsed = parse_markdown("\n".join(line.rstrip() for line in markdown.splitlines()))
    return parsed.sections, parsed.h1 or page_title or parsed.title, str(url) if url else None


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
