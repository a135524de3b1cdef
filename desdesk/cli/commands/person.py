"""`desdesk person export FILE.des REFERENT_ID -o OUT.json|OUT.pdf` and `desdesk person
erase FILE.des REFERENT_ID [--yes]`: a person's personal data (GDPR).

`export` writes all the district holds about the person (their referent records, also
for other members, offices, roll calls, tasks, movements, approved minutes naming them,
the change log) as JSON or, for a name ending in .pdf, as a readable PDF; readable only
by the user. `erase` pseudonymises a person whose roles have all ended: contacts
removed, name replaced, change log scrubbed; names in approved minutes, offices and
accounts stay as legal records, as do messages sent to the Centro and other free text
naming the person, and the command lists where. Same-name referents at other members
with another e-mail are someone else (possible homonyms): listed, never touched. Both
the question and the result say that backups made before keep the data until their
rotation removes them. Without `--yes` it asks on
the terminal (and refuses when there is no terminal to ask). Exit 0 done, 1 refused
(reason on stderr, nothing changed), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desdesk.cli.district import district_location
from desdesk.domain.errors import DesdeskError
from desdesk.i18n import _
from desdesk.services.personal_data import PersonalDataService, backups_notice
from desdesk.services.workspace import Workspace, open_workspace

NAME = "person"


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME, help=_("i dati personali di un referente: esportazione e cancellazione (GDPR)")
    )
    actions = parser.add_subparsers(dest="action", metavar=_("AZIONE"), required=True)
    exporting = actions.add_parser(
        "export",
        help=_("scrive tutto ciò che il distretto conserva sulla persona (JSON o PDF)"),
    )
    exporting.add_argument("file", type=district_location, metavar=_("FILE.des"))
    exporting.add_argument("referent", type=int, metavar=_("ID_REFERENTE"))
    exporting.add_argument(
        "-o", "--output", type=Path, required=True, metavar=_("OUT.json|OUT.pdf")
    )
    erasing = actions.add_parser(
        "erase",
        help=_(
            "cancella i contatti e pseudonimizza il nome di una persona i cui ruoli sono terminati"
        ),
    )
    erasing.add_argument("file", type=district_location, metavar=_("FILE.des"))
    erasing.add_argument("referent", type=int, metavar=_("ID_REFERENTE"))
    erasing.add_argument("--yes", action="store_true", help=_("non chiedere conferma"))


def _service(workspace: Workspace) -> PersonalDataService:
    return PersonalDataService(workspace.sessions, workspace.path)


def run(args: argparse.Namespace) -> int:
    with open_workspace(args.file) as workspace:
        service = _service(workspace)
        if args.action == "export":
            return _export(service, args)
        return _erase(service, args)


def _export(service: PersonalDataService, args: argparse.Namespace) -> int:
    out = Path(args.output)
    if out.suffix.lower() == ".pdf":
        service.export_pdf(args.referent, out)
    else:
        service.export_json(args.referent, out)
    print(_("Creato {path}").format(path=out))
    return 0


def _erase(service: PersonalDataService, args: argparse.Namespace) -> int:
    refused = service.refusal(args.referent)
    if refused is not None:
        raise DesdeskError(refused)
    homonyms = service.homonyms(args.referent)
    if homonyms:
        print(_("Possibili omonimi (persone diverse: non saranno toccati):"))
        for line in homonyms:
            print(f"• {line}")
    if not args.yes:
        if not sys.stdin.isatty():
            raise DesdeskError(
                _(
                    "Per cancellare senza chiedere conferma aggiungi --yes. Nulla è stato modificato."
                )
            )
        print(
            _(
                "Contatti e nome saranno cancellati; i nomi nei verbali approvati, nelle "
                "cariche e nei conti restano come atti. L'operazione non si può annullare."
            )
        )
        print(backups_notice(service.on_server))
        answer = input(_("Confermi? [s/N] ")).strip().lower()
        if answer not in {"s", "si", "sì", "y", "yes"}:
            print(_("Nessuna modifica."))
            return 1
    result = service.erase(args.referent)
    print(result.message())
    return 0
