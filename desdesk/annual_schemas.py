"""Read-models of the annual report (issue 6) — being written; see /tmp/briefs/annual.md."""
