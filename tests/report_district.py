"""A small district with accents, a former member, a replaced and a missing referent."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desdesk.domain.enums import ReferentKind
from desdesk.i18n import format_money
from desdesk.services.documents import DocumentsService
from desdesk.services.workspace import Workspace
from tests.factories import VALID_ORG_CODES, member_input, referent_input

DAY = date(2026, 11, 26)

ACCENTED = "Società Agricola Côté Ĕ Ùmbria"
COOPERATIVE = "Cooperativa Sociale La Rete"
NO_REFERENT = "Associazione Più Però Perché"
FORMER = "Bottega Equa Caffè"
LEAVE_REASON = f"Quota di {format_money(Decimal('1234.56'))} non versata: così è stato deciso"


def populate(workspace: Workspace) -> dict[str, int]:
    """Four members (one former); returns their ids by name."""
    members, referents = workspace.members, workspace.referents
    ids = {
        ACCENTED: members.add(
            member_input(
                ACCENTED,
                legal_form="azienda_agricola",
                tax_code=VALID_ORG_CODES[0],
                vat_number=VALID_ORG_CODES[4],
                comune="Mori",
                joined_on=date(2023, 5, 2),
            )
        ),
        COOPERATIVE: members.add(
            member_input(COOPERATIVE, tax_code=VALID_ORG_CODES[1], joined_on=date(2024, 3, 15))
        ),
        NO_REFERENT: members.add(
            member_input(
                NO_REFERENT,
                legal_form="aps",
                tax_code=VALID_ORG_CODES[2],
                comune="Ala",
                joined_on=date(2022, 1, 10),
            )
        ),
        FORMER: members.add(
            member_input(
                FORMER,
                legal_form="cooperativa",
                tax_code=VALID_ORG_CODES[3],
                comune="Trento",
                joined_on=date(2021, 9, 1),
            )
        ),
    }
    referents.set_referent(
        ids[ACCENTED],
        ReferentKind.PRIMARY,
        referent_input("Nicolò", "Dell'Antonio", email="nicolo@example.it", role="Presidente"),
    )
    referents.set_referent(
        ids[ACCENTED],
        ReferentKind.SUBSTITUTE,
        referent_input(
            "Élodie",
            "Zanetti",
            email="elodie@example.it",
            phone="0461 987654",
            role="Socia lavoratrice",
        ),
    )
    referents.set_referent(
        ids[COOPERATIVE],
        ReferentKind.PRIMARY,
        referent_input("Marco", "Zanon"),
        since=date(2024, 3, 15),
    )
    referents.set_referent(
        ids[COOPERATIVE],
        ReferentKind.PRIMARY,
        referent_input("Giulia", "Bertolini"),
        since=date(2025, 1, 1),
    )
    referents.set_referent(ids[FORMER], ReferentKind.PRIMARY, referent_input("Mattia", "Tomasi"))
    members.withdraw(ids[FORMER], date(2025, 6, 30), LEAVE_REASON)
    return ids


def documents(workspace: Workspace) -> DocumentsService:
    """The workspace's documents, dated DAY."""
    return DocumentsService(
        workspace.district, workspace.members, workspace.referents, today=lambda: DAY
    )
