"""What a new district starts with: the Modello D categories and the toolkit's indicators.

The category names are the official ones of the rendiconto per cassa (Modello D,
DM 5/3/2020); they are written into the district file in Italian (they are the
district's data from then on, and the user can rename, add or remove them). Section
E's uscite are the structure costs of H6; an income category carries the funding
source a new movement in it starts with.
"""

from __future__ import annotations

from dataclasses import dataclass

from desdesk.domain.money_enums import (
    BudgetSection,
    Flow,
    Frequency,
    FundingSource,
    IndicatorUnit,
    Metric,
)

# The category that recording a membership fee writes to (its `role`).
MEMBERSHIP_FEES_ROLE = "quote_associative"


@dataclass(frozen=True, slots=True)
class DefaultCategory:
    code: str
    name: str
    source: FundingSource | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class DefaultSection:
    section: BudgetSection
    flow: Flow
    code: str
    name: str
    structure_cost: bool
    children: tuple[DefaultCategory, ...]


_C = DefaultCategory
_PUB, _PRIV, _FEES = FundingSource.PUBLIC, FundingSource.PRIVATE, FundingSource.MEMBER_FEES
_DON, _SALES, _OTHER = FundingSource.DONATIONS, FundingSource.SALES, FundingSource.OTHER


def _operating_expenses(prefix: str) -> tuple[DefaultCategory, ...]:
    return (
        _C(f"{prefix}1", "Materie prime, sussidiarie, di consumo e di merci"),
        _C(f"{prefix}2", "Servizi"),
        _C(f"{prefix}3", "Godimento beni di terzi"),
        _C(f"{prefix}4", "Personale"),
        _C(f"{prefix}5", "Uscite diverse di gestione"),
    )


MODELLO_D: tuple[DefaultSection, ...] = (
    DefaultSection(
        BudgetSection.GENERAL_INTEREST,
        Flow.EXPENSE,
        "UA",
        "A) Uscite da attività di interesse generale",
        False,
        _operating_expenses("UA"),
    ),
    DefaultSection(
        BudgetSection.OTHER_ACTIVITIES,
        Flow.EXPENSE,
        "UB",
        "B) Uscite da attività diverse",
        False,
        _operating_expenses("UB"),
    ),
    DefaultSection(
        BudgetSection.FUNDRAISING,
        Flow.EXPENSE,
        "UC",
        "C) Uscite da attività di raccolta fondi",
        False,
        (
            _C("UC1", "Uscite per raccolte fondi abituali"),
            _C("UC2", "Uscite per raccolte fondi occasionali"),
            _C("UC3", "Altre uscite"),
        ),
    ),
    DefaultSection(
        BudgetSection.FINANCIAL,
        Flow.EXPENSE,
        "UD",
        "D) Uscite da attività finanziarie e patrimoniali",
        False,
        (
            _C("UD1", "Su rapporti bancari"),
            _C("UD2", "Su investimenti finanziari"),
            _C("UD3", "Su patrimonio edilizio"),
            _C("UD4", "Su altri beni patrimoniali"),
            _C("UD5", "Altre uscite"),
        ),
    ),
    DefaultSection(
        BudgetSection.GENERAL_SUPPORT,
        Flow.EXPENSE,
        "UE",
        "E) Uscite di supporto generale",
        True,
        (
            _C("UE1", "Materie prime, sussidiarie, di consumo e di merci"),
            _C("UE2", "Servizi"),
            _C("UE3", "Godimento beni di terzi"),
            _C("UE4", "Personale"),
            _C("UE5", "Altre uscite"),
        ),
    ),
    DefaultSection(
        BudgetSection.GENERAL_INTEREST,
        Flow.INCOME,
        "EA",
        "A) Entrate da attività di interesse generale",
        False,
        (
            _C(
                "EA1",
                "Entrate da quote associative e apporti dei fondatori",
                _FEES,
                MEMBERSHIP_FEES_ROLE,
            ),
            _C("EA2", "Entrate dagli associati per attività mutuali", _FEES),
            _C("EA3", "Entrate per prestazioni e cessioni ad associati e fondatori", _SALES),
            _C("EA4", "Erogazioni liberali", _DON),
            _C("EA5", "Entrate del 5 per mille", _PUB),
            _C("EA6", "Contributi da soggetti privati", _PRIV),
            _C("EA7", "Entrate per prestazioni e cessioni a terzi", _SALES),
            _C("EA8", "Contributi da enti pubblici", _PUB),
            _C("EA9", "Entrate da contratti con enti pubblici", _PUB),
            _C("EA10", "Altre entrate", _OTHER),
        ),
    ),
    DefaultSection(
        BudgetSection.OTHER_ACTIVITIES,
        Flow.INCOME,
        "EB",
        "B) Entrate da attività diverse",
        False,
        (
            _C("EB1", "Entrate per prestazioni e cessioni ad associati e fondatori", _SALES),
            _C("EB2", "Contributi da soggetti privati", _PRIV),
            _C("EB3", "Entrate per prestazioni e cessioni a terzi", _SALES),
            _C("EB4", "Contributi da enti pubblici", _PUB),
            _C("EB5", "Entrate da contratti con enti pubblici", _PUB),
            _C("EB6", "Altre entrate", _OTHER),
        ),
    ),
    DefaultSection(
        BudgetSection.FUNDRAISING,
        Flow.INCOME,
        "EC",
        "C) Entrate da attività di raccolta fondi",
        False,
        (
            _C("EC1", "Entrate da raccolte fondi abituali", _DON),
            _C("EC2", "Entrate da raccolte fondi occasionali", FundingSource.CROWDFUNDING),
            _C("EC3", "Altre entrate", _OTHER),
        ),
    ),
    DefaultSection(
        BudgetSection.FINANCIAL,
        Flow.INCOME,
        "ED",
        "D) Entrate da attività finanziarie e patrimoniali",
        False,
        (
            _C("ED1", "Da rapporti bancari", _OTHER),
            _C("ED2", "Da altri investimenti finanziari", _OTHER),
            _C("ED3", "Da patrimonio edilizio", _OTHER),
            _C("ED4", "Da altri beni patrimoniali", _OTHER),
            _C("ED5", "Altre entrate", _OTHER),
        ),
    ),
    DefaultSection(
        BudgetSection.GENERAL_SUPPORT,
        Flow.INCOME,
        "EE",
        "E) Entrate di supporto generale",
        False,
        (
            _C("EE1", "Entrate da distacco del personale", _OTHER),
            _C("EE2", "Altre entrate di supporto generale", _OTHER),
        ),
    ),
    DefaultSection(
        BudgetSection.TAXES, Flow.EXPENSE, "IMP", "Imposte", False, (_C("IMP1", "Imposte"),)
    ),
    DefaultSection(
        BudgetSection.INVESTMENTS,
        Flow.EXPENSE,
        "UI",
        "Uscite da investimenti in immobilizzazioni o da deflussi di capitale di terzi",
        False,
        (
            _C(
                "UI1",
                "Investimenti in immobilizzazioni inerenti alle attività di interesse generale",
            ),
            _C("UI2", "Investimenti in immobilizzazioni inerenti alle attività diverse"),
            _C("UI3", "Investimenti in attività finanziarie e patrimoniali"),
            _C("UI4", "Rimborso di finanziamenti per quota capitale e di prestiti"),
        ),
    ),
    DefaultSection(
        BudgetSection.INVESTMENTS,
        Flow.INCOME,
        "EI",
        "Entrate da disinvestimenti in immobilizzazioni o da flussi di capitale di terzi",
        False,
        (
            _C(
                "EI1",
                "Disinvestimenti di immobilizzazioni inerenti alle attività di interesse generale",
                _OTHER,
            ),
            _C("EI2", "Disinvestimenti di immobilizzazioni inerenti alle attività diverse", _OTHER),
            _C("EI3", "Disinvestimenti di attività finanziarie e patrimoniali", _OTHER),
            _C("EI4", "Ricevimento di finanziamenti e di prestiti", _OTHER),
        ),
    ),
)


@dataclass(frozen=True, slots=True)
class DefaultIndicator:
    area: str
    name: str
    frequency: Frequency
    responsible: str
    data_source: str
    unit: IndicatorUnit
    metric: Metric | None = None


# The toolkit's "potenziale modello di base" (3.2), in its order.
DEFAULT_INDICATORS: tuple[DefaultIndicator, ...] = (
    DefaultIndicator(
        "Efficacia delle attività",
        "N./% progetti conclusi con obiettivi raggiunti",
        Frequency.QUARTERLY,
        "Responsabile progetti",
        "Report di progetto",
        IndicatorUnit.PERCENT,
    ),
    DefaultIndicator(
        "Soddisfazione beneficiari",
        "Punteggio medio questionari di gradimento",
        Frequency.YEARLY,
        "Ufficio monitoraggio",
        "Questionari/interviste",
        IndicatorUnit.SCORE,
    ),
    DefaultIndicator(
        "Efficienza economica",
        "% costi di struttura sul totale spese",
        Frequency.YEARLY,
        "Tesoriere",
        "Bilancio consuntivo",
        IndicatorUnit.PERCENT,
        Metric.STRUCTURE_COST_SHARE,
    ),
    DefaultIndicator(
        "Raccolta fondi",
        "€ raccolti vs obiettivo",
        Frequency.QUARTERLY,
        "Responsabile fundraising",
        "Report campagne",
        IndicatorUnit.EURO,
        Metric.FUNDS_RAISED,
    ),
    DefaultIndicator(
        "Trasparenza e governance",
        "% documenti pubblicati (bilanci, statuti, verbali)",
        Frequency.YEARLY,
        "Segretario",
        "Sito web / archivio",
        IndicatorUnit.PERCENT,
        Metric.DOCUMENTS_APPROVED,
    ),
    DefaultIndicator(
        "Coinvolgimento volontari",
        "N. volontari attivi e ore donate",
        Frequency.HALF_YEARLY,
        "Coordinatore volontari",
        "Registro presenze",
        IndicatorUnit.NUMBER,
    ),
    DefaultIndicator(
        "Partnership e rete",
        "N. accordi attivi con altre realtà",
        Frequency.YEARLY,
        "Direzione",
        "Archivio convenzioni",
        IndicatorUnit.NUMBER,
        Metric.ACTIVE_AGREEMENTS,
    ),
    DefaultIndicator(
        "Sostenibilità ambientale",
        "% rifiuti riciclati / CO2 risparmiata",
        Frequency.YEARLY,
        "Responsabile logistica",
        "Report fornitori / rilevazioni interne",
        IndicatorUnit.PERCENT,
    ),
)
