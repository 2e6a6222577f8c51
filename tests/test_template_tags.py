"""Guideline pages saved as a site's template source read as the page would (sixteenth session): heading
shortcodes are headings, translated strings keep their words, other template tags are not text."""

from __future__ import annotations

from ingest.loaders.html_loader import load_html

PAGE = """{% extends "base.html" %}
{% block content %}
<h1>{% translate "Naming guide" %}</h1>
{% header "h2", "Product names" %}
<p>{% blocktranslate trimmed %}Write the product name as two words.{% endblocktranslate %}</p>
<table><thead><th>{% icon "Clear", "mtn1" %} Don't</th><th>{% icon "Checkmark" %} Do</th></thead>
<tbody><tr><td>Harbourlight</td><td>Harbour Light</td></tr></tbody></table>
{% header 'h3', 'Plans' %}
{% if show_plans %}<p>Plans are written in lower case.</p>{% endif %}
{# a comment for translators #}
{% endblock %}
"""


def test_template_source_reads_as_the_page():
    sections, title, _ = load_html(PAGE.encode())
    assert title == "Naming guide"
    paths = [s.headings for s in sections]
    assert ("Naming guide", "Product names") in paths
    assert ("Naming guide", "Product names", "Plans") in paths
    text = " ".join(s.text for s in sections)
    assert "two words" in text and "lower case" in text
    assert "{%" not in text and "{#" not in text and "icon" not in text


def test_a_page_without_template_tags_is_unchanged():
    sections, title, _ = load_html(b"<h1>Policy</h1><h2>Press</h2><p>Send press questions to the press office {here}.</p>")
    assert title == "Policy"
    assert sections[-1].headings == ("Policy", "Press") and "{here}" in sections[-1].text
