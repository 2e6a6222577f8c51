"""The organisation's own names are not someone's new business: a former name given as history ("back when it
was still called HeronDB Services") and the full company name the guidelines themselves use ("HeronDB Labs Ltd")
are read as the organisation's own, while a company the writer launches under the mark still escalates."""

from __future__ import annotations

import pytest

from tests.conftest import engine_over, findings_saying

GUIDELINES = """HeronDB Brand Guidelines
========================

HeronDB and the HeronDB logo are trademarks of HeronDB Labs Ltd. You may use the HeronDB name to refer to the
HeronDB project, in talks about HeronDB, and in articles or books about HeronDB.

You may not use the HeronDB marks in or as part of your company name, product name or domain. Ask the brand
team at brand@herondb.example before you use the HeronDB logo anywhere.
"""


@pytest.fixture(scope="module")
def herondb(tmp_path_factory, embeddings):
    return engine_over(tmp_path_factory.mktemp("own-names"), {"brand.txt": GUIDELINES}, embeddings)


def _built_name(engine, post: str) -> list[str]:
    return [f.severity for f in findings_saying(engine, post, "Builds the name")]


@pytest.mark.parametrize("post", [
    "Twelve years ago today I joined HeronDB, back when it was still called HeronDB Services and fit in one room.",
    "Cleaning my desk, I found a mug from when we were named HeronDB Technologies. Feeling old.",
    "My first job was at HeronDB, which was then called HeronDB Systems Inc. Still love the work.",
    "Originally named HeronDB Consulting, the company I joined in 2011 had six people.",
])
def test_a_former_name_told_as_history_is_the_organisations_own(herondb, post):
    assert _built_name(herondb, post) == []


def test_the_full_company_name_the_guidelines_use_is_the_organisations_own(herondb):
    post = "Today HeronDB Labs Ltd is launching its new office in Leeds, and I get to help open it!"
    assert _built_name(herondb, post) == []


@pytest.mark.parametrize("post", [
    "My new company is called HeronDB Partners and we open for business in March.",
    "Registered HeronDB Solutions Ltd today for my freelance database work.",
    "Launching HeronDB Academy, my weekend course on query tuning. Sign up via my bio!",
])
def test_a_company_the_writer_names_after_the_mark_still_escalates(herondb, post):
    assert _built_name(herondb, post) == ["escalate"]
