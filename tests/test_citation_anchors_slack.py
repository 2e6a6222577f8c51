"""In Slack, a citation's link opens the guidelines at the section it quotes (issue 9).

Driven as Slack drives the app: a signed event to the Bolt app over HTTP, the reply recorded by
tests/fake_slack.py and validated with slack_sdk.models.
"""

from __future__ import annotations

import json

from tests import test_slack_app as base
from tests.blockkit import validate_message
from tests.test_slack_app import dm, post_event

fake, stack, _clean = base.fake, base.stack, base._clean

SECTION_LINK = "https://intranet.brightwater.example/policies/social-computing#clients-partners-and-suppliers"


def test_answer_in_slack_links_to_the_cited_section(stack, fake):
    post_event(stack, dm("Can I mention a client on LinkedIn?", ts="1700000301.000100"))
    call = fake.wait_for("chat.postMessage")[0]
    validate_message(call.params)
    blocks = json.dumps(call.params["blocks"])
    assert f"<{SECTION_LINK}|" in blocks  # Slack's <url|label>, with the section's anchor
    assert "Clients, partners and suppliers" in blocks
