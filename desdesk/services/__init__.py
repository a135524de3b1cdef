"""Use cases: each call opens one session from the injected factory and commits once."""
