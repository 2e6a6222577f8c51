"""MDX pages saved as Markdown read as the page would (sixteenth session): imports are not text, a component written
over several lines keeps its section and its words, a component with only JavaScript attributes is not quoted."""

from __future__ import annotations

from ingest.loaders.mdx import strip_mdx
from ingest.loaders.text_loader import load_markdown

PAGE = '''import Swatch from "../../components/Swatch";
import { Note } from "@site/components";

# Harbourlight brand

## Logo files

<DownloadLink
  title="Download the Harbourlight logo pack"
  href="/brand/logo.zip"
  icon="download"
  download
/>

## Colours

<Swatch colors={["harbourBlue", "harbourNavy"]} />

Use Harbour Blue for buttons.

```js
import notText from "kept-in-code";
```
'''


def test_an_mdx_page_reads_as_its_words():
    sections, title, _ = load_markdown(PAGE.encode())
    assert title == "Harbourlight brand"
    by_heading = {s.headings[-1]: s.text for s in sections}
    assert by_heading["Logo files"] == "Download the Harbourlight logo pack"
    assert "Use Harbour Blue for buttons." in by_heading["Colours"]
    text = " ".join(s.text for s in sections)
    assert "import Swatch" not in text and "colors={" not in text
    assert 'import notText from "kept-in-code";' in text  # code is code


def test_plain_markdown_is_untouched():
    text = "# Policy\n\nImport duties are paid by the buyer.\n\n<b>Bold</b> words stay.\n"
    assert strip_mdx(text) == text


def test_a_multi_line_export_is_dropped_whole():
    text = "import Layout from '../layouts/Layout'\n\nexport const meta = {\n  title: 'Terms',\n  description: 'x',\n}\n\n# Terms\n\nBe kind.\n"
    sections, title, _ = load_markdown(text.encode())
    assert title == "Terms"
    assert [s.text for s in sections] == ["Be kind."]
