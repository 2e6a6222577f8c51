"""Structures from wild19's drafts (sixteenth session), in new words: asking people for their credentials, and
people's data passed on, sold or copied out in bulk. Each risky reading sits beside a harmless one that shares
its words."""

from __future__ import annotations

import pytest

from tests.conftest import findings_saying


@pytest.mark.parametrize("post", [
    "Having trouble logging in? Just reply with your username and password and I'll sort it out for you.",
    "To get into the beta, DM me your API key and I'll add you to the list.",
    "Send us the 6-digit code we just texted you and we'll verify your account.",
])
def test_asking_people_for_their_credentials_is_escalated(bundled_engine, post):
    found = findings_saying(bundled_engine, post, "Asks people for their password")
    assert found and found[0].severity == "escalate"


@pytest.mark.parametrize("post", [
    "Never share your password or token with anyone, including us.",
    "Reset your password from the settings page if you forgot it.",
    "Tip: keep your API key in an environment variable, not in the repo.",
])
def test_advice_about_credentials_is_not_a_request_for_them(bundled_engine, post):
    assert not findings_saying(bundled_engine, post, "Asks people for their password")


@pytest.mark.parametrize("post", [
    "We scraped 2 million public forum posts for our model - the full dataset is now for sale, DM for pricing.",
    "Our support bot logs members' health questions and we pass the insights on to insurance partners.",
    "We pulled the email addresses of everyone who signed up through the integration, so expect our newsletter soon!",
])
def test_peoples_data_passed_on_or_sold_is_escalated(bundled_engine, post):
    found = findings_saying(bundled_engine, post, "Passes on, sells or copies out people's data")
    assert found and found[0].severity == "escalate"


@pytest.mark.parametrize("post", [
    "We published an anonymised dataset of weather readings under CC0.",
    "Sign up for our newsletter with your email address and we'll send the monthly roundup.",
    "We will never share members' data with advertisers or any third party.",
])
def test_a_promise_not_to_share_or_data_that_is_no_ones_is_not(bundled_engine, post):
    assert not findings_saying(bundled_engine, post, "Passes on, sells or copies out people's data")
