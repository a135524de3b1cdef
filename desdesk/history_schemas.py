"""Read-models of the change history (issue 7) — being written; see /tmp/briefs/history.md."""
