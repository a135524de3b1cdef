"""`desdesk assemblies list FILE.des [--json]`: the district's assemblies, oldest first."""

from __future__ import annotations

import argparse
import json

from desdesk.cli.district import district_location
from desdesk.domain.enums import AssemblyKind, AssemblyStatus
from desdesk.i18n import _, format_date
from desdesk.schemas import AssemblyRead
from desdesk.services.workspace import open_workspace

NAME = "assemblies"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(NAME, help=_("elenca le assemblee del distretto"))
    actions = parser.add_subparsers(dest="action", metavar=_("AZIONE"), required=True)
    listing = actions.add_parser(
        "list", help=_("scrive l'elenco delle assemblee: numero, data, stato, tipo, titolo")
    )
    listing.add_argument("file", type=district_location, metavar=_("FILE.des"))
    listing.add_argument(
        "--json", action="store_true", help=_("scrive l'elenco in JSON, con le date ISO")
    )


def run(args: argparse.Namespace) -> int:
    with open_workspace(args.file) as workspace:
        assemblies = workspace.assemblies.list()
    if args.json:
        print(json.dumps([_as_json(a) for a in assemblies], ensure_ascii=False, indent=2))
    elif not assemblies:
        print(_("Nessuna assemblea registrata."))
    else:
        for assembly in assemblies:
            print("\t".join(_as_text(assembly)))
    return 0


def status_label(assembly: AssemblyRead) -> str:
    if assembly.minutes_approved:
        return _("Verbale approvato")
    return AssemblyStatus(assembly.status).label()


def _as_text(assembly: AssemblyRead) -> list[str]:
    data = assembly.data
    when = format_date(data.first_call_date)
    if data.first_call_time is not None:
        when += " " + data.first_call_time.strftime("%H:%M")
    return [
        str(assembly.id),
        when,
        status_label(assembly),
        AssemblyKind(data.kind).label(),
        data.title,
    ]


def _as_json(assembly: AssemblyRead) -> dict[str, object]:
    data = assembly.data
    return {
        "id": assembly.id,
        "date": data.first_call_date.isoformat(),
        "time": data.first_call_time.strftime("%H:%M") if data.first_call_time else None,
        "second_call_date": data.second_call_date.isoformat() if data.second_call_date else None,
        "status": assembly.status,
        "minutes_approved": assembly.minutes_approved,
        "kind": data.kind,
        "title": data.title,
        "place": data.place,
    }
