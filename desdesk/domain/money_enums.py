"""The closed vocabularies of money and monitoring (issue 4): codes stored in files and
the CLI, labels shown to the user. They share `_Labelled` and its label table with
`desdesk.domain.enums`."""

from __future__ import annotations

from desdesk.domain.enums import _LABELS, _Labelled
from desdesk.i18n import N_


class Flow(_Labelled):
    """Which side of the cash statement a category is on."""

    EXPENSE = "uscita"
    INCOME = "entrata"


class BudgetSection(_Labelled):
    """The sections of the rendiconto per cassa (Modello D, DM 5/3/2020).

    A–E are the operating sections ("gestione"), each with uscite and entrate; taxes
    are an outflow only; investments (uscite) and divestments (entrate) are kept apart
    from the operating result, as the official layout does.
    """

    GENERAL_INTEREST = "A"
    OTHER_ACTIVITIES = "B"
    FUNDRAISING = "C"
    FINANCIAL = "D"
    GENERAL_SUPPORT = "E"
    TAXES = "IMP"
    INVESTMENTS = "INV"

    @property
    def is_operating(self) -> bool:
        return self not in (BudgetSection.TAXES, BudgetSection.INVESTMENTS)


class FundingSource(_Labelled):
    """Where an income comes from (H5 is the share of PUBLIC)."""

    PUBLIC = "ente_pubblico"
    PRIVATE = "soggetti_privati"
    MEMBER_FEES = "quote_membri"
    CROWDFUNDING = "crowdfunding"
    SPONSORSHIP = "sponsorizzazioni"
    DONATIONS = "erogazioni_liberali"
    SALES = "ricavi_vendite"
    OTHER = "altro"


class Account(_Labelled):
    """Where the money sits: the two lines of "cassa e banca"."""

    CASH = "cassa"
    BANK = "banca"


class Frequency(_Labelled):
    """How often an indicator is measured; a year has this many periods."""

    QUARTERLY = "trimestrale"
    HALF_YEARLY = "semestrale"
    YEARLY = "annuale"

    @property
    def periods_per_year(self) -> int:
        return {"trimestrale": 4, "semestrale": 2, "annuale": 1}[self.value]


class IndicatorUnit(_Labelled):
    PERCENT = "percentuale"
    EURO = "euro"
    NUMBER = "numero"
    SCORE = "punteggio"


class Metric(_Labelled):
    """Indicators desdesk computes from its own data instead of asking for a value."""

    STRUCTURE_COST_SHARE = "costi_struttura"
    FUNDS_RAISED = "fondi_raccolti"
    ACTIVE_AGREEMENTS = "accordi_attivi"
    ACTIVE_OBJECTIVES = "obiettivi_attivi"
    ATTENDANCE_RATE = "tasso_presenza"
    DOCUMENTS_APPROVED = "documenti_approvati"

    @property
    def unit(self) -> IndicatorUnit:
        return {
            "costi_struttura": IndicatorUnit.PERCENT,
            "fondi_raccolti": IndicatorUnit.EURO,
            "accordi_attivi": IndicatorUnit.NUMBER,
            "obiettivi_attivi": IndicatorUnit.NUMBER,
            "tasso_presenza": IndicatorUnit.PERCENT,
            "documenti_approvati": IndicatorUnit.PERCENT,
        }[self.value]


_LABELS.update(
    {
        Flow.EXPENSE: N_("Uscite"),
        Flow.INCOME: N_("Entrate"),
        BudgetSection.GENERAL_INTEREST: N_("A) Attività di interesse generale"),
        BudgetSection.OTHER_ACTIVITIES: N_("B) Attività diverse"),
        BudgetSection.FUNDRAISING: N_("C) Attività di raccolta fondi"),
        BudgetSection.FINANCIAL: N_("D) Attività finanziarie e patrimoniali"),
        BudgetSection.GENERAL_SUPPORT: N_("E) Supporto generale"),
        BudgetSection.TAXES: N_("Imposte"),
        BudgetSection.INVESTMENTS: N_("Investimenti e disinvestimenti"),
        FundingSource.PUBLIC: N_("Ente pubblico"),
        FundingSource.PRIVATE: N_("Soggetti privati"),
        FundingSource.MEMBER_FEES: N_("Quote dei membri"),
        FundingSource.CROWDFUNDING: N_("Crowdfunding"),
        FundingSource.SPONSORSHIP: N_("Sponsorizzazioni"),
        FundingSource.DONATIONS: N_("Erogazioni liberali"),
        FundingSource.SALES: N_("Ricavi da vendite"),
        FundingSource.OTHER: N_("Altro"),
        Account.CASH: N_("Cassa"),
        Account.BANK: N_("Banca"),
        Frequency.QUARTERLY: N_("Trimestrale"),
        Frequency.HALF_YEARLY: N_("Semestrale"),
        Frequency.YEARLY: N_("Annuale"),
        IndicatorUnit.PERCENT: N_("Percentuale"),
        IndicatorUnit.EURO: N_("Euro"),
        IndicatorUnit.NUMBER: N_("Numero"),
        IndicatorUnit.SCORE: N_("Punteggio"),
        Metric.STRUCTURE_COST_SHARE: N_("% costi di struttura sul totale delle uscite"),
        Metric.FUNDS_RAISED: N_("€ raccolti da inizio anno (raccolta fondi, erogazioni, sponsor)"),
        Metric.ACTIVE_AGREEMENTS: N_("N. accordi di partenariato in vigore"),
        Metric.ACTIVE_OBJECTIVES: N_("N. obiettivi attivi"),
        Metric.ATTENDANCE_RATE: N_("% presenza media alle assemblee"),
        Metric.DOCUMENTS_APPROVED: N_("% verbali approvati delle assemblee svolte"),
    }
)
