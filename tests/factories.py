"""Valid records to build tests on: real check digits, Italian names."""

from __future__ import annotations

from datetime import date

from desdesk.schemas import MemberInput, ReferentInput

# Organisation codici fiscali / partite IVA with valid check digits.
VALID_ORG_CODES = ("00743110157", "01234560223", "02468130220", "01357910221", "09876540221")
# Valid check digit but an unusual office code (789): accepted with a warning.
UNUSUAL_OFFICE_VAT = "01234567897"
VALID_PERSON_CODE = "RSSMRA85T10A562S"


def member_input(name: str = "Cooperativa Sociale La Rete", **overrides: object) -> MemberInput:
    values: dict[str, object] = {
        "name": name,
        "legal_form": "cooperativa_sociale_a",
        "tax_code": VALID_ORG_CODES[0],
        "comune": "Rovereto",
        "provincia": "TN",
        "cap": "38068",
        "email": "info@larete.example.it",
        "aes_subscriber": True,
        "disciplinari": [3, 13],
        "supply_chain_roles": ["produzione", "consumo"],
        "joined_on": date(2024, 3, 15),
    }
    values.update(overrides)
    return MemberInput(**values)  # type: ignore[arg-type]


def referent_input(
    first: str = "Giulia", last: str = "Bertolini", **overrides: object
) -> ReferentInput:
    values: dict[str, object] = {
        "first_name": first,
        "last_name": last,
        "email": f"{first.lower()}.{last.lower()}@example.it",
        "phone": "0464 123456",
        "role": "Presidente",
    }
    values.update(overrides)
    return ReferentInput(**values)  # type: ignore[arg-type]
