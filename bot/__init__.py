"""Questions in, answers out: retrieval, answers, the draft checker, the CLI and the Slack app."""
