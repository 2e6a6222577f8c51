"""Documents in, search index out.

The ingest package turns guideline documents (md, txt, html, pdf, docx) into a chromadb
collection of passages that remember where they came from. It never imports `bot`.
"""
