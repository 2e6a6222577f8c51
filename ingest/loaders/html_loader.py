"""HTML pages: the readable content only, with the page's own headings.

Scripts, styles, navigation, headers, footers, sidebars and forms are removed with
BeautifulSoup before markdownify converts what is left, so menus never become passages.
"""

from __future__ import annotations

from bs4 import BeautifulSoup
from markdownify import markdownify

from ingest.errors import LoadError
from ingest.loaders.text_loader import decode_text, first_heading

_DROP_TAGS = ["script", "style", "noscript", "nav", "footer", "header", "aside", "form", "iframe", "svg",
              "template", "button", "input", "select"]
_DROP_ROLES = ["navigation", "banner", "contentinfo", "search", "complementary"]


def load_html(data: bytes) -> tuple[str, str | None, str | None]:
    """Convert the main content of an HTML page to Markdown; title and canonical URL kept."""
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
    markdown = markdownify(str(root), heading_style="ATX", bullets="-", strip=["img", "a"])
    markdown = "\n".join(line.rstrip() for line in markdown.splitlines())
    title = first_heading(markdown) or page_title
    return markdown, title, str(url) if url else None
