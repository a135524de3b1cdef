"""Tests of districts on a server: collected only under `make test-postgres`, which
starts the server they need (tests/postgres/server.py); `make test` has no server."""

from __future__ import annotations

from tests.postgres.databases import server_under_test

collect_ignore_glob = [] if server_under_test() else ["test_*.py"]
