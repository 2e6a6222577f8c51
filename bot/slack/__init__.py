"""The Slack app: Bolt listeners over the same engine the CLI uses."""
