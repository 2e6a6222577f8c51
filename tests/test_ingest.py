"""The ingest pipeline end to end: real files, the real model, the real chromadb."""

from __future__ import annotations

import threading

import pytest

from ingest.errors import IndexBusyError
from ingest.pipeline import Ingestor
from ingest.store import LocalStore, read_all
from tests.conftest import write_docx, write_pdf


def _sections(store) -> dict[str, set[str]]:
    rows = read_all(store.require_current(), ["metadatas"], where={"kind": "passage"})
    out: dict[str, set[str]] = {}
    for meta in rows["metadatas"]:
        out.setdefault(meta["doc"], set()).add(meta["section"])
    return out


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "docs"
    (folder / "sub").mkdir(parents=True)
    (folder / "social.md").write_text(
        "# Social Media Policy\n\nIntro text about posting.\n\n## Confidential information\n\n"
        "Never post unreleased products.\n\n### Codenames\n\nProject codenames stay internal.\n")
    (folder / "sub" / "conduct.html").write_text(
        "<html><body><nav>Menu</nav><main><h1>Code of Conduct</h1><h2>Gifts</h2><p>Declare gifts over 50 euros.</p>"
        "</main><footer>Footer</footer></body></html>")
    write_pdf(folder / "travel.pdf", [("Travel Policy", 20), ("Flights", 14), ("Economy class only.", 10)])
    write_docx(folder / "privacy.docx", "Privacy Policy", [(1, "Personal data", "Protect customer data.")])
    (folder / "cases.yaml").write_text("questions: []\n")  # not a document: skipped quietly in folders
    return folder


def test_every_format_with_heading_paths(settings, embeddings, corpus):
    store = LocalStore(settings.resolved_index_dir)
    report = Ingestor(settings, embeddings).run([corpus], store=store)
    assert report.ok, report.failures
    assert (report.added, report.updated, report.removed, report.unchanged) == (4, 0, 0, 0)
    assert report.skipped_files == 1
    sections = _sections(store)
    assert "Social Media Policy > Confidential information > Codenames" in sections["social.md"]
    assert sections["conduct.html"] == {"Code of Conduct > Gifts"}
    assert "Travel Policy > Flights" in sections["travel.pdf"]
    assert "Privacy Policy > Personal data" in sections["privacy.docx"]
    metas = read_all(store.require_current(), ["metadatas"], where={"kind": "passage"})["metadatas"]
    for key in ("doc", "title", "section", "position", "content_hash", "path", "url", "pages"):
        assert key in metas[0]
    pages = {meta["doc"]: meta["pages"] for meta in metas}
    assert pages["travel.pdf"] == "1" and pages["social.md"] == ""  # only paged formats have pages


def test_second_run_embeds_nothing_then_update_and_remove(settings, embeddings, corpus):
    store = LocalStore(settings.resolved_index_dir)
    ingestor = Ingestor(settings, embeddings)
    first = ingestor.run([corpus], store=store)
    before = embeddings.embedded_count
    second = ingestor.run([corpus], store=store)
    assert embeddings.embedded_count == before  # nothing re-embedded
    assert (second.unchanged, second.added, second.updated, second.removed) == (4, 0, 0, 0)
    assert second.build == first.build  # no new build when nothing changed

    (corpus / "social.md").write_text("# Social Media Policy\n\n## Clients\n\nAsk before naming a client.\n")
    (corpus / "travel.pdf").unlink()
    before = embeddings.embedded_count
    third = ingestor.run([corpus], store=store)
    assert (third.added, third.updated, third.removed, third.unchanged) == (0, 1, 1, 2)
    assert third.embedded == 1  # exactly the changed document's one passage
    sections = _sections(store)
    assert sections["social.md"] == {"Social Media Policy > Clients"}
    assert "travel.pdf" not in sections
    assert "privacy.docx" in sections
    assert embeddings.embedded_count - before == third.vectors


def test_broken_file_named_and_rest_indexed_and_old_version_kept(settings, embeddings, corpus):
    store = LocalStore(settings.resolved_index_dir)
    ingestor = Ingestor(settings, embeddings)
    ingestor.run([corpus], store=store)
    (corpus / "privacy.docx").write_bytes(b"PK\x03\x04 broken now")
    (corpus / "empty.md").write_text("")
    (corpus / "new.md").write_text("# New Rules\n\n## Badges\n\nWear your badge.\n")
    report = ingestor.run([corpus, corpus / "missing.pdf"], store=store)
    reasons = dict(report.failures)
    assert "corrupt or unreadable Word document" in reasons[str(corpus / "privacy.docx")]
    assert reasons[str(corpus / "empty.md")] == "empty file"
    assert reasons[str(corpus / "missing.pdf")] == "no such file or folder"
    assert report.added == 1 and report.kept_after_failure == 1
    sections = _sections(store)
    assert "New Rules > Badges" in sections["new.md"]
    assert "Privacy Policy > Personal data" in sections["privacy.docx"]  # loses nothing


def test_ingesting_only_unreadable_files_keeps_the_index_and_says_so(settings, embeddings, corpus, tmp_path):
    """A run that finds nothing readable switches nothing: the report must not say the current documents were
    removed (it said "0 added, 0 updated, 4 removed" while all four were still served)."""
    store = LocalStore(settings.resolved_index_dir)
    ingestor = Ingestor(settings, embeddings)
    ingestor.run([corpus], store=store)
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"\x00\x01 not a pdf")
    report = ingestor.run([bad], store=store)
    assert "corrupt or unreadable PDF" in dict(report.failures)[str(bad)]
    assert report.removed == 0 and not report.switched
    assert "current index (4 document(s)) is kept unchanged" in report.summary()
    assert set(_sections(store)) == {"social.md", "conduct.html", "travel.pdf", "privacy.docx"}


def test_interrupted_ingest_leaves_previous_index(settings, embeddings, corpus):
    store = LocalStore(settings.resolved_index_dir)
    Ingestor(settings, embeddings).run([corpus], store=store)
    good_build = store.current_build()
    good_sections = _sections(store)

    class Exploding:
        model_path = embeddings.model_path
        embedded_count = 0

        def encode(self, texts):
            raise RuntimeError("power cut half way")

    (corpus / "social.md").write_text("# Social Media Policy\n\n## Changed\n\nNew text.\n")
    broken = Ingestor(settings, Exploding())  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="power cut"):
        broken.run([corpus], store=store)
    assert store.current_build() == good_build
    assert _sections(store) == good_sections
    assert sorted(p.name for p in (settings.resolved_index_dir / "builds").iterdir()) == [good_build]


def test_second_ingest_on_locked_index_is_refused(settings, embeddings, corpus):
    store = LocalStore(settings.resolved_index_dir)
    entered, release = threading.Event(), threading.Event()

    def hold():
        with store.lock():
            entered.set()
            release.wait(30)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert entered.wait(10)
        with pytest.raises(IndexBusyError, match="Another ingest is running"):
            Ingestor(settings, embeddings).run([corpus], store=LocalStore(settings.resolved_index_dir))
    finally:
        release.set()
        holder.join()
    assert Ingestor(settings, embeddings).run([corpus], store=store).ok


def test_chunks_fit_the_model(settings, embeddings, tmp_path):
    from ingest.chunking import token_counter

    long_section = " ".join(f"Sentence number {i} explains one more detail of the rule." for i in range(120))
    (tmp_path / "long.md").write_text(f"# Long Policy\n\n## Details\n\n{long_section}\n")
    store = LocalStore(settings.resolved_index_dir)
    report = Ingestor(settings, embeddings).run([tmp_path / "long.md"], store=store)
    assert report.chunks > 5
    count = token_counter(embeddings.model_path)
    rows = read_all(store.require_current(), ["documents", "metadatas"], where={"kind": "passage"})
    for text, meta in zip(rows["documents"], rows["metadatas"], strict=True):
        assert meta["section"] == "Long Policy > Details"
        assert count(meta["section"] + "\n" + text) <= 256
