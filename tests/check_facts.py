"""A district's facts that satisfy every constitution rule (C1–C12), for the rule tests.

`ready_facts(today)` gives three active members of different legal forms and natures
covering the whole supply chain, each with a reachable primary referent and a
substitute; a current coordinator and external referent; a mission with a measurable
objective; an approved three-year agreement; governance and an assembly this year; the
whole business plan and a three-year financial plan. Tests change one thing with
`dataclasses.replace`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desdesk.domain.check_types import (
    BUSINESS_PLAN_SECTIONS,
    AssemblyFact,
    CheckSettings,
    DistrictFacts,
    DocumentFact,
    MemberFact,
    MoneyFacts,
    ObjectiveFact,
    OfficeFact,
    PersonFact,
)
from desdesk.domain.enums import Nature, OfficeKind, SupplyChainRole


def member(
    member_id: int,
    name: str,
    *,
    legal_form: str = "Cooperativa",
    nature: Nature = Nature.PRIVATE_NON_PROFIT,
    aes: bool = False,
    roles: frozenset[SupplyChainRole] = frozenset(),
    joined_on: date | None = date(2020, 1, 1),
    left_on: date | None = None,
) -> MemberFact:
    """An active member with a reachable primary referent and a substitute."""
    return MemberFact(
        id=member_id,
        name=name,
        legal_form=legal_form,
        nature=nature,
        aes_subscriber=aes,
        roles=roles,
        joined_on=joined_on,
        left_on=left_on,
        primary=PersonFact(f"Titolare {name}", email=f"titolare{member_id}@example.org"),
        primary_id=100 + member_id,
        substitute=PersonFact(f"Supplente {name}", phone="0461 000000"),
    )


def ready_members() -> tuple[MemberFact, ...]:
    return (
        member(
            1,
            "Bio Valle",
            legal_form="Società agricola",
            nature=Nature.PRIVATE_PROFIT,
            aes=True,
            roles=frozenset({SupplyChainRole.PRODUCTION, SupplyChainRole.DISTRIBUTION}),
        ),
        member(
            2,
            "GAS Trento",
            legal_form="Associazione",
            roles=frozenset({SupplyChainRole.CONSUMPTION}),
        ),
        member(
            3,
            "Comune di Arco",
            legal_form="Ente locale",
            nature=Nature.PUBLIC,
            roles=frozenset({SupplyChainRole.FINANCING}),
        ),
    )


def agreement(
    doc_id: int = 7,
    *,
    start: date,
    end: date | None,
    approved: bool = True,
    kind: str = "accordo",
) -> DocumentFact:
    return DocumentFact(
        id=doc_id,
        kind=kind,
        title="Accordo di partenariato",
        document_date=start,
        valid_until=end,
        approved=approved,
    )


def ready_facts(today: date) -> DistrictFacts:
    start = date(today.year - 1, 3, 1)
    return DistrictFacts(
        today=today,
        name="DES Prova",
        mission="Un'economia solidale per la valle.",
        governance="L'assemblea degli aderenti decide; il coordinatore la convoca.",
        business_plan={code: f"Testo della sezione {code}." for code, _ in BUSINESS_PLAN_SECTIONS},
        settings=CheckSettings(),
        members=ready_members(),
        offices=(
            OfficeFact(1, OfficeKind.COORDINATOR, "Titolare Bio Valle", start, None, 1),
            OfficeFact(2, OfficeKind.EXTERNAL_REFERENT, "Titolare GAS Trento", start, None, 2),
        ),
        objectives=(
            ObjectiveFact(
                1, "Filiera corta", Decimal("10"), date(today.year + 1, 12, 31), "in_corso"
            ),
        ),
        documents=(agreement(start=start, end=start.replace(year=start.year + 3)),),
        assemblies=(AssemblyFact(1, date(today.year, 1, 15), "svolta", "Assemblea annuale"),),
        money=MoneyFacts(
            year=today.year,
            income_total=Decimal("1000.00"),
            investments=1,
            forecast_years=(today.year + 1, today.year + 2, today.year + 3),
            planned_sources=2,
        ),
    )
