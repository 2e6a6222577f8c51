"""PDF files: lines with their size, weight and place, then structure.

pypdf opens the file (refusing encrypted or damaged files with a reason, reading the
metadata title, and the address the PDF says it is published at: a `/URL` entry in its document
information, else the catalog's base URI, `/URI /Base`, so citations can link to `url#page=N`); pdfminer.six lays out the text (`ingest.pdf_lines`); `ingest.pdf_furniture` drops running headers and footers, page numbers, the contents and
the cover; `ingest.pdf_structure` finds the headings and re-joins paragraphs, keeping pages.
"""

from __future__ import annotations

import io
import logging

from ingest.errors import LoadError
from ingest.pdf_furniture import body_size, remove_furniture
from ingest.pdf_lines import PdfLine, read_lines
from ingest.pdf_structure import build_sections, first_big_line, plain_title
from ingest.sections import Section

logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on damaged files become our one-line reason

_JUNK_TITLES = ("untitled", "microsoft word", "document", "slide 1")


def _published_url(reader) -> str | None:
    """The http(s) address the PDF names for itself, when it names one (an odd entry is no address)."""
    candidates = []
    try:
        info = reader.metadata or {}
        candidates += [value for key, value in info.items() if str(key).lower() in ("/url", "/uri")]
        uri = reader.trailer["/Root"].get("/URI")
        uri = uri.get_object() if uri is not None else None
        if hasattr(uri, "get"):
            candidates.append(uri.get("/Base"))
    except Exception:  # noqa: BLE001 - metadata is optional; the text is what matters
        return None
    for candidate in candidates:
        text = str(candidate.get_object() if hasattr(candidate, "get_object") else candidate or "").strip()
        if text.lower().startswith(("http://", "https://")) and not any(ch.isspace() for ch in text):
            return text
    return None


def _read(data: bytes) -> tuple[list[list[PdfLine]], str | None, str | None]:
    from pdfminer.pdfparser import PDFException
    from pdfminer.psexceptions import PSException
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise LoadError("encrypted PDF (password protected); save an unprotected copy to ingest it")
            except LoadError:
                raise
            except Exception:
                raise LoadError("encrypted PDF (password protected); save an unprotected copy to ingest it") from None
        meta_title = (reader.metadata.title if reader.metadata else None) or None
        len(reader.pages)  # a damaged page tree fails here, with pypdf's reason
        url = _published_url(reader)
        pages = read_lines(data)
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, PDFException, PSException) as err:
        raise LoadError(f"corrupt or unreadable PDF ({type(err).__name__}: {str(err)[:120]})") from None
    meta = str(meta_title).strip() if meta_title else ""
    return pages, (meta if meta and not meta.casefold().startswith(_JUNK_TITLES) else None), url


def load_pdf(data: bytes) -> tuple[list[Section], str | None, str | None]:
    """Sections with page numbers; the title from the cover, the largest heading, or metadata."""
    pages, meta_title, url = _read(data)
    cleaned = remove_furniture(pages)
    body = body_size(cleaned.pages)
    title = cleaned.cover_title or first_big_line(cleaned.pages, body) or meta_title or plain_title(cleaned.pages)
    sections, headings = build_sections(cleaned.pages, body)
    if not title and headings and headings[0].rank <= min(h.rank for h in headings):
        title = headings[0].text.rstrip(" .:")
    return sections, title, url
