"""Rules for the fields of a member record, shared by the dialog, the services and imports."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from desdesk.domain import values
from desdesk.domain.enums import Nature, Sector, SupplyChainRole
from desdesk.domain.errors import FieldProblem, InvalidValue
from desdesk.domain.legal_forms import by_code
from desdesk.i18n import N_, _

# Fields whose text is normalised (and so validated) by a function of `values`.
NORMALIZERS: dict[str, Callable[[str], str]] = {
    "tax_code": values.normalize_tax_code,
    "vat_number": values.normalize_vat_number,
    "email": values.normalize_email,
    "pec": values.normalize_email,
    "phone": values.normalize_phone,
    "cap": values.normalize_postcode,
    "provincia": values.normalize_province,
    "website": values.normalize_website,
}

FIELD_LABELS: dict[str, str] = {
    "name": N_("Denominazione"),
    "legal_form": N_("Forma giuridica"),
    "nature_override": N_("Natura"),
    "nature_override_reason": N_("Motivo della natura diversa"),
    "tax_code": N_("Codice fiscale"),
    "vat_number": N_("Partita IVA"),
    "address": N_("Indirizzo"),
    "comune": N_("Comune"),
    "provincia": N_("Provincia"),
    "cap": N_("CAP"),
    "email": N_("E-mail"),
    "pec": N_("PEC"),
    "phone": N_("Telefono"),
    "website": N_("Sito web"),
    "aes_subscriber": N_("Iscritto ai disciplinari"),
    "disciplinari": N_("Settori dei disciplinari"),
    "supply_chain_roles": N_("Ruoli nella filiera"),
    "joined_on": N_("Data di adesione"),
    "left_on": N_("Data di uscita"),
    "leave_reason": N_("Motivo dell'uscita"),
    "notes": N_("Note"),
}


def field_label(field: str) -> str:
    return _(FIELD_LABELS.get(field, field))


def normalize_field(field: str, text: str) -> str:
    """The stored form of one text field; empty stays empty. Raises InvalidValue."""
    stripped = text.strip()
    if not stripped:
        return ""
    normalizer = NORMALIZERS.get(field)
    return normalizer(stripped) if normalizer else stripped


def clean_text_fields(raw: Mapping[str, str]) -> tuple[dict[str, str], list[FieldProblem]]:
    """Normalise every text field, collecting one problem per invalid field."""
    cleaned: dict[str, str] = {}
    problems: list[FieldProblem] = []
    for field, text in raw.items():
        try:
            cleaned[field] = normalize_field(field, text)
        except InvalidValue as exc:
            problems.append(FieldProblem(field, exc.message))
    return cleaned, problems


def check_identity(
    name: str, legal_form: str, nature_override: str | None, override_reason: str
) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not name.strip():
        problems.append(FieldProblem("name", _("La denominazione è obbligatoria.")))
    try:
        form = by_code(legal_form)
    except KeyError:
        problems.append(FieldProblem("legal_form", _("Scegli una forma giuridica.")))
        return problems
    if nature_override and nature_override != form.nature.value:
        if nature_override not in {n.value for n in Nature}:
            problems.append(FieldProblem("nature_override", _("Natura non riconosciuta.")))
        elif not override_reason.strip():
            problems.append(
                FieldProblem(
                    "nature_override_reason",
                    _("Indica perché la natura è diversa da quella della forma giuridica."),
                )
            )
    return problems


def check_lists(disciplinari: list[int], roles: list[str]) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if any(s not in {sector.value for sector in Sector} for s in disciplinari):
        problems.append(FieldProblem("disciplinari", _("I settori vanno da 1 a 13.")))
    if any(r not in {role.value for role in SupplyChainRole} for r in roles):
        problems.append(FieldProblem("supply_chain_roles", _("Ruolo nella filiera sconosciuto.")))
    return problems


def check_dates(
    joined_on: date | None, left_on: date | None, today: date | None = None
) -> list[FieldProblem]:
    """Joining and leaving dates in order; a leave is recorded when it happens, not before."""
    if left_on and left_on > (today or date.today()):
        return [
            FieldProblem(
                "left_on",
                _("La data di uscita non può essere futura: registrala quando avviene."),
            )
        ]
    if joined_on and left_on and left_on < joined_on:
        return [FieldProblem("left_on", _("La data di uscita è precedente alla data di adesione."))]
    return []
