"""The constitution agreement's template: its language, its placeholders, its checks.

The template is plain text, read line by line:

- `{{nome_segnaposto}}` is replaced by the district's data (spaces inside the braces
  are allowed: `{{ nome_distretto }}`);
- a line starting with `# ` is an article heading (`# Art. 1 — Oggetto`);
- a line starting with `- ` is a bullet;
- a blank line ends a paragraph; other consecutive lines make one paragraph.

A placeholder alone on its line (or alone after `- `) whose value has several lines
(the objectives) becomes one bullet per line; inside a sentence the lines are joined
with "; ". A value the district does not hold prints as a blank line to fill by hand.

Pure: no database, no Qt, no PDF.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from desdesk.domain.agreement_default import DEFAULT_TEMPLATE
from desdesk.domain.errors import FieldProblem, ValidationFailed
from desdesk.i18n import N_, _

BLANK = "________"
OPEN, CLOSE = "{{", "}}"
TEMPLATE_FIELD = "template"

_ALONE = re.compile(r"^(- )?\{\{\s*([^{}]*?)\s*\}\}$")

# Every placeholder and what it is filled with (the editor's list shows these).
PLACEHOLDERS: dict[str, str] = {
    "nome_distretto": N_("Nome del distretto"),
    "tipo_distretto": N_("Tipo di distretto: territoriale o tematico"),
    "territorio": N_("Territorio del distretto (la valle o la comunità)"),
    "sede": N_("Sede del distretto: indirizzo e comune (Distretto › Profilo)"),
    "settore": N_("Settore del distretto tematico (uno dei 13 della L.P. 13/2010)"),
    "filiera": N_("Fasi della filiera coperte dagli aderenti"),
    "aderenti_per_filiera": N_("Per ogni fase della filiera, gli aderenti che la svolgono"),
    "missione": N_("Missione del distretto"),
    "obiettivi": N_("Obiettivi del distretto, uno per punto, con traguardo e scadenza"),
    "data_costituzione": N_("Data di costituzione del distretto"),
    "numero_aderenti": N_("Numero degli aderenti attivi"),
    "elenco_aderenti": N_("Nomi degli aderenti attivi, separati da virgole"),
    "coordinatore": N_("Coordinatore in carica («da nominare» se manca)"),
    "referente_esterno": N_("Referente esterno in carica («da nominare» se manca)"),
    "tesoriere": N_("Tesoriere in carica («da nominare» se manca)"),
    "soglia_assenze": N_("Assenze consecutive alle assemblee che portano all'esclusione"),
    "preavviso_convocazione": N_("Giorni di preavviso della convocazione dell'assemblea"),
    "deleghe_per_aderente": N_("Deleghe che un aderente può ricevere in assemblea"),
    "quorum_prima_convocazione": N_("Presenze che rendono valida la prima convocazione"),
    "quorum_seconda_convocazione": N_("Presenze che rendono valida la seconda convocazione"),
    "scadenza_rendicontazione": N_("Giorno e mese entro cui fare la rendicontazione annuale"),
    "quota_annua": N_("Quota di adesione dell'anno in corso («da stabilire» se manca)"),
    "durata_anni": N_("Durata dell'accordo in anni (almeno 3)"),
    "luogo": N_("Luogo della firma: il comune della sede (riga da compilare se manca)"),
    "data": N_("Data di oggi"),
    "anno": N_("Anno in corso"),
}


def default_template() -> str:
    """The default Italian text (in the user's language when a translation exists)."""
    return _(DEFAULT_TEMPLATE)


def placeholder_descriptions() -> dict[str, str]:
    return {name: _(description) for name, description in PLACEHOLDERS.items()}


# -- checks ------------------------------------------------------------------------------


def token(name: str) -> str:
    """`{{name}}`, as the template writes a placeholder."""
    return f"{OPEN}{name}{CLOSE}"


def _unknown_message(name: str, line: int, known: Mapping[str, str]) -> str:
    close = difflib.get_close_matches(name.lower(), list(known), n=1, cutoff=0.6)
    if close:
        return _("Segnaposto sconosciuto {placeholder} alla riga {line}: forse {close}?").format(
            placeholder=token(name), line=line, close=token(close[0])
        )
    return _(
        "Segnaposto sconosciuto {placeholder} alla riga {line}: scegli uno di quelli dell'elenco."
    ).format(placeholder=token(name), line=line)


def _line_problems(text: str, line: int, known: Mapping[str, str]) -> list[str]:
    """The problems of one line: unknown placeholders, braces that do not pair up."""
    problems: list[str] = []
    position = 0
    while True:
        start, stray = text.find(OPEN, position), text.find(CLOSE, position)
        if stray != -1 and (start == -1 or stray < start):
            problems.append(
                _("Alla riga {line} c'è «{close}» senza «{open}» prima.").format(
                    line=line, open=OPEN, close=CLOSE
                )
            )
            position = stray + len(CLOSE)
            continue
        if start == -1:
            return problems
        end = text.find(CLOSE, start + len(OPEN))
        nested = text.find(OPEN, start + len(OPEN))
        if end == -1 or (nested != -1 and nested < end):
            problems.append(
                _("Alla riga {line} c'è «{open}» senza «{close}»: chiudi il segnaposto.").format(
                    line=line, open=OPEN, close=CLOSE
                )
            )
            if end == -1:
                return problems
            position = nested
            continue
        name = text[start + len(OPEN) : end].strip()
        if not name:
            problems.append(
                _("Alla riga {line} c'è un segnaposto vuoto «{empty}».").format(
                    line=line, empty=token("")
                )
            )
        elif name not in known:
            problems.append(_unknown_message(name, line, known))
        position = end + len(CLOSE)


def template_problems(template: str, known: Mapping[str, str] | None = None) -> list[str]:
    """Every problem of `template`, in line order (empty: the template can be used)."""
    names = PLACEHOLDERS if known is None else known
    problems: list[str] = []
    if not template.strip():
        return [_("Il testo dell'accordo è vuoto.")]
    for number, line in enumerate(template.splitlines(), start=1):
        if OPEN in line or CLOSE in line:
            problems += _line_problems(line, number, names)
    return problems


def check_template(template: str) -> None:
    """Raise ValidationFailed (field "template", one problem each) unless usable."""
    problems = template_problems(template)
    if problems:
        raise ValidationFailed([FieldProblem(TEMPLATE_FIELD, message) for message in problems])


# -- filling -----------------------------------------------------------------------------


class BlockKind(StrEnum):
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    BULLET = "bullet"


@dataclass(frozen=True, slots=True)
class Block:
    """A piece of the filled text: an article heading, a paragraph or a bullet."""

    kind: BlockKind
    text: str


def _value(values: Mapping[str, str], name: str) -> str:
    value = values.get(name, "").strip()
    return value if value else BLANK


def fill_line(line: str, values: Mapping[str, str]) -> str:
    """`line` with every placeholder replaced (several-line values joined with "; ")."""

    def replace(match: re.Match[str]) -> str:
        value = _value(values, match.group(1).strip())
        return "; ".join(part.strip() for part in value.splitlines() if part.strip())

    return re.sub(r"\{\{([^{}]*?)\}\}", replace, line)


def _expanded(line: str, values: Mapping[str, str]) -> list[str] | None:
    """The bullets of a list placeholder alone on its line, or None if it is not one."""
    match = _ALONE.match(line.strip())
    if match is None:
        return None
    items = [item.strip() for item in _value(values, match.group(2)).splitlines()]
    items = [item for item in items if item]
    if len(items) < 2 and not match.group(1):
        return None
    return items


def fill(template: str, values: Mapping[str, str]) -> list[Block]:
    """The template's blocks with the placeholders filled in (check it first)."""
    blocks: list[Block] = []
    paragraph: list[str] = []

    def end_paragraph() -> None:
        if paragraph:
            blocks.append(Block(BlockKind.PARAGRAPH, " ".join(paragraph)))
            paragraph.clear()

    for raw in template.splitlines():
        line = raw.strip()
        if not line:
            end_paragraph()
            continue
        items = _expanded(line, values)
        if items is not None:
            end_paragraph()
            blocks += [Block(BlockKind.BULLET, item) for item in items]
        elif line.startswith("# ") or line == "#":
            end_paragraph()
            blocks.append(Block(BlockKind.HEADING, fill_line(line[1:].strip(), values)))
        elif line.startswith("- ") or line == "-":
            end_paragraph()
            blocks.append(Block(BlockKind.BULLET, fill_line(line[1:].strip(), values)))
        else:
            paragraph.append(fill_line(line, values))
    end_paragraph()
    return blocks


def used_placeholders(template: str) -> set[str]:
    """The names the template uses (well-formed ones only)."""
    return {match.strip() for match in re.findall(r"\{\{([^{}]*?)\}\}", template)}


@dataclass(frozen=True, slots=True)
class AgreementParty:
    """An active member as the agreement lists it among the parties."""

    name: str
    legal_form: str  # the code; the PDF prints its label
    tax_code: str = ""
    vat_number: str = ""
    address: str = ""
    cap: str = ""
    comune: str = ""
    provincia: str = ""
    legal_representative: str = ""
