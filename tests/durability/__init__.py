"""Durability: a child process editing a district is killed at random moments (issue 7)."""
