"""`desdesk check FILE.des [--phase costituzione|consolidamento] [--json]`: the district
check (C1–C12, H1–H10), readable or as JSON.

Exit code 0 when no finding is at level «errore», 1 otherwise (and when the file cannot
be read: then the reason is on stderr and nothing on stdout), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json

from desdesk.check_schemas import CheckReport
from desdesk.cli.district import district_location
from desdesk.domain.check_types import Finding, Level, Phase
from desdesk.i18n import _, format_date, ngettext
from desdesk.services.workspace import open_workspace

NAME = "check"
EXIT_CLEAN, EXIT_ERRORS = 0, 1
# A level's mark in the readable output (the word follows it).
_MARKS = {Level.OK: "✓", Level.WARNING: "!", Level.ERROR: "✗"}


def _phase(text: str) -> Phase:
    try:
        return Phase(text.strip().lower())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("fase non valida: {value} (scrivi costituzione o consolidamento)").format(value=text)
        ) from None


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        NAME,
        help=_("verifica i requisiti di costituzione e la salute del distretto"),
        description=_(
            "Verifica il distretto: i requisiti per la costituzione (C1–C12) e i segnali "
            "della salute del distretto (H1–H10). Esce con 0 se nessuna verifica è in "
            "errore, con 1 altrimenti."
        ),
    )
    parser.add_argument("file", type=district_location, metavar=_("FILE.des"))
    parser.add_argument(
        "--phase",
        type=_phase,
        metavar="costituzione|consolidamento",
        help=_("solo i requisiti di costituzione o solo la salute del distretto"),
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help=_("scrive le verifiche in JSON: un elenco di oggetti (rule, level, message, …)"),
    )


def run(args: argparse.Namespace) -> int:
    with open_workspace(args.file) as workspace:
        report = workspace.check.report(phase=args.phase)
    if args.json:
        print(json.dumps([f.as_json() for f in report.findings], ensure_ascii=False, indent=2))
    else:
        print(render(report, args.phase))
    return EXIT_ERRORS if report.count(Level.ERROR) else EXIT_CLEAN


def render(report: CheckReport, phase: Phase | None = None) -> str:
    """The findings as text: a heading, each phase's findings, the verdict."""
    lines = [
        _("Verifica del distretto «{name}» al {date}").format(
            name=report.district_name, date=format_date(report.today)
        )
    ]
    for current in (Phase.CONSTITUTION, Phase.CONSOLIDATION):
        if phase is not None and current is not phase:
            continue
        lines += ["", current.label(), *(_line(f) for f in report.of_phase(current))]
        if current is Phase.CONSTITUTION:
            lines.append(constitution_verdict(report))
    lines += ["", totals(report)]
    return "\n".join(lines)


def _line(finding: Finding) -> str:
    text = f"  {_MARKS[finding.level]} {finding.rule:<4}{finding.level.label()}: {finding.message}"
    if finding.level is not Level.OK and finding.source:
        text += "\n        " + _("Fonte: {source}").format(source=finding.source)
    return text


def constitution_verdict(report: CheckReport) -> str:
    errors = report.count(Level.ERROR, Phase.CONSTITUTION)
    if not errors:
        return _("Esito: il distretto ha i requisiti per costituirsi.")
    rules = sorted(
        {f.rule for f in report.of_phase(Phase.CONSTITUTION) if f.level is Level.ERROR},
        key=lambda rule: int(rule[1:]),
    )
    return ngettext(
        "Esito: non ancora pronto per costituirsi, {n} requisito in errore ({rules}).",
        "Esito: non ancora pronto per costituirsi, {n} requisiti in errore ({rules}).",
        errors,
    ).format(n=errors, rules=", ".join(rules))


def totals(report: CheckReport) -> str:
    errors, warnings = report.count(Level.ERROR), report.count(Level.WARNING)
    return "{errors}, {warnings}.".format(
        errors=ngettext("{n} errore", "{n} errori", errors).format(n=errors),
        warnings=ngettext("{n} avviso", "{n} avvisi", warnings).format(n=warnings),
    )
