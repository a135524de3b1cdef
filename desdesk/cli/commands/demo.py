"""`desdesk demo FILE.des [--members N] [--years Y] [--seed S]`: a fictional demo district.

Given a `postgresql://` address instead of FILE.des, the demo is made in that database,
which must be empty (and is emptied again if the demo cannot be written whole).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from desdesk.cli.district import DistrictLocation, district_location, shown
from desdesk.i18n import _, ngettext
from desdesk.services.demo import build_plan, create_demo, write_plan
from desdesk.services.workspace import create_district

NAME = "demo"
MAX_MEMBERS = 100_000
MAX_YEARS = 50


def _bounded_int(low: int, high: int) -> Callable[[str], int]:
    """An argparse `type` accepting whole numbers from `low` to `high`."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                _("“{value}” non è un numero intero.").format(value=text)
            ) from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                _("{value} non va bene: scegli un numero da {low} a {high}.").format(
                    value=value, low=low, high=high
                )
            )
        return value

    return parse


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME, help=_("crea un distretto dimostrativo con dati inventati ma realistici")
    )
    parser.add_argument("file", type=district_location, metavar=_("FILE.des"))
    parser.add_argument(
        "--members",
        type=_bounded_int(1, MAX_MEMBERS),
        default=60,
        metavar="N",
        help=_("numero di aderenti (predefinito: 60)"),
    )
    parser.add_argument(
        "--years",
        type=_bounded_int(1, MAX_YEARS),
        default=5,
        metavar="Y",
        help=_("anni di vita del distretto (predefinito: 5)"),
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=1,
        metavar="S",
        help=_("seme: lo stesso seme dà lo stesso distretto (predefinito: 1)"),
    )


def run(args: argparse.Namespace) -> int:
    _create(args.file, members=args.members, years=args.years, seed=args.seed)
    print(
        ngettext(
            "Creato {path}: distretto dimostrativo con {n} aderente.",
            "Creato {path}: distretto dimostrativo con {n} aderenti.",
            args.members,
        ).format(path=shown(args.file), n=args.members)
    )
    return 0


def _create(location: DistrictLocation, members: int, years: int, seed: int) -> None:
    """A demo file (`create_demo`), or a demo district in an empty server database."""
    if isinstance(location, Path):
        create_demo(location, members=members, years=years, seed=seed)
        return
    plan = build_plan(members, years, seed)
    create_district(location, plan.profile, populate=lambda workspace: write_plan(workspace, plan))
