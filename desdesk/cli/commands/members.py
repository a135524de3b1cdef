"""`desdesk members`: being written (see issue 2)."""

from __future__ import annotations

import argparse

NAME = "members"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    subparsers.add_parser(NAME)


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError
