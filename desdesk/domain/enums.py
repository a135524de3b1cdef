"""The domain's closed vocabularies. Values are the codes stored in files and the CLI;
`label()` gives the text a user sees, in the current language."""

from __future__ import annotations

from enum import IntEnum, StrEnum

from desdesk.i18n import N_, _


class _Labelled(StrEnum):
    """A StrEnum whose members have a translatable label in `_LABELS`."""

    def label(self) -> str:
        return _(_LABELS[self])

    @classmethod
    def parse(cls, text: str) -> _Labelled:
        """Accept a code or a label (any case, accents ignored)."""
        from desdesk.domain.text import match_key

        key = match_key(text)
        for member in cls:
            if key in (match_key(member.value), match_key(_LABELS[member])):
                return member
        raise ValueError(text)


class DistrictKind(_Labelled):
    TERRITORIAL = "territoriale"
    THEMATIC = "tematico"


class Nature(_Labelled):
    PUBLIC = "pubblico"
    PRIVATE_PROFIT = "privato_profit"
    PRIVATE_NON_PROFIT = "privato_non_profit"


class SupplyChainRole(_Labelled):
    FINANCING = "finanziamento"
    PRODUCTION = "produzione"
    DISTRIBUTION = "distribuzione"
    CONSUMPTION = "consumo"


class ReferentKind(_Labelled):
    PRIMARY = "titolare"
    SUBSTITUTE = "supplente"


class OfficeKind(_Labelled):
    COORDINATOR = "coordinatore"
    EXTERNAL_REFERENT = "referente_esterno"
    TREASURER = "tesoriere"
    SECRETARY = "segretario"
    COMMUNICATION = "comunicazione"
    OTHER = "altro"


class ObjectiveStatus(_Labelled):
    PLANNED = "da_avviare"
    IN_PROGRESS = "in_corso"
    ACHIEVED = "raggiunto"
    NOT_ACHIEVED = "non_raggiunto"
    SUSPENDED = "sospeso"


class FoundingDocumentKind(_Labelled):
    STATUTE = "statuto"
    CHARTER = "carta_dei_principi"
    REGULATION = "regolamento"
    AGREEMENT = "accordo"
    OTHER = "altro"


_LABELS: dict[StrEnum, str] = {
    DistrictKind.TERRITORIAL: N_("DES territoriale"),
    DistrictKind.THEMATIC: N_("DES tematico"),
    Nature.PUBLIC: N_("Pubblico"),
    Nature.PRIVATE_PROFIT: N_("Privato profit"),
    Nature.PRIVATE_NON_PROFIT: N_("Privato non profit"),
    SupplyChainRole.FINANCING: N_("Finanziamento"),
    SupplyChainRole.PRODUCTION: N_("Produzione"),
    SupplyChainRole.DISTRIBUTION: N_("Distribuzione"),
    SupplyChainRole.CONSUMPTION: N_("Consumo"),
    ReferentKind.PRIMARY: N_("Referente titolare"),
    ReferentKind.SUBSTITUTE: N_("Supplente"),
    OfficeKind.COORDINATOR: N_("Coordinatore"),
    OfficeKind.EXTERNAL_REFERENT: N_("Referente esterno"),
    OfficeKind.TREASURER: N_("Tesoriere"),
    OfficeKind.SECRETARY: N_("Segretario"),
    OfficeKind.COMMUNICATION: N_("Responsabile comunicazione"),
    OfficeKind.OTHER: N_("Altra carica"),
    ObjectiveStatus.PLANNED: N_("Da avviare"),
    ObjectiveStatus.IN_PROGRESS: N_("In corso"),
    ObjectiveStatus.ACHIEVED: N_("Raggiunto"),
    ObjectiveStatus.NOT_ACHIEVED: N_("Non raggiunto"),
    ObjectiveStatus.SUSPENDED: N_("Sospeso"),
    FoundingDocumentKind.STATUTE: N_("Statuto"),
    FoundingDocumentKind.CHARTER: N_("Carta dei principi"),
    FoundingDocumentKind.REGULATION: N_("Regolamento"),
    FoundingDocumentKind.AGREEMENT: N_("Accordo di partenariato"),
    FoundingDocumentKind.OTHER: N_("Altro documento"),
}


class Sector(IntEnum):
    """The 13 sectors of L.P. Trento 13/2010, art. 3 (one "disciplinare" each)."""

    ORGANIC_FOOD = 1
    FAIR_TRADE = 2
    COMMUNITY_WELFARE = 3
    SHORT_SUPPLY_CHAIN = 4
    SUSTAINABLE_BUILDING = 5
    ENERGY = 6
    ETHICAL_FINANCE = 7
    SUSTAINABLE_MOBILITY = 8
    REUSE_RECYCLING = 9
    LOCAL_EXCHANGE = 10
    FREE_SOFTWARE = 11
    RESPONSIBLE_TOURISM = 12
    CRITICAL_CONSUMPTION = 13

    def label(self) -> str:
        return _(_SECTOR_LABELS[self])

    @classmethod
    def parse(cls, text: str) -> Sector:
        """Accept the number 1-13 or the name (any case, accents ignored)."""
        from desdesk.domain.text import match_key

        stripped = text.strip()
        if stripped.isdigit():
            return cls(int(stripped))
        key = match_key(stripped)
        for member in cls:
            if key == match_key(_SECTOR_LABELS[member]):
                return member
        raise ValueError(text)


_SECTOR_LABELS: dict[Sector, str] = {
    Sector.ORGANIC_FOOD: N_("Prodotti agricoli e agroalimentari biologici e biodinamici"),
    Sector.FAIR_TRADE: N_("Commercio equo e solidale"),
    Sector.COMMUNITY_WELFARE: N_("Welfare di comunità"),
    Sector.SHORT_SUPPLY_CHAIN: N_("Filiera corta e garanzia della qualità alimentare"),
    Sector.SUSTAINABLE_BUILDING: N_("Edilizia sostenibile e bioedilizia"),
    Sector.ENERGY: N_("Risparmio energetico ed energie rinnovabili"),
    Sector.ETHICAL_FINANCE: N_("Finanza etica"),
    Sector.SUSTAINABLE_MOBILITY: N_("Mobilità sostenibile"),
    Sector.REUSE_RECYCLING: N_("Riuso e riciclo di materiali e beni"),
    Sector.LOCAL_EXCHANGE: N_("Sistemi di scambio locale"),
    Sector.FREE_SOFTWARE: N_("Software libero"),
    Sector.RESPONSIBLE_TOURISM: N_("Turismo responsabile e sostenibile"),
    Sector.CRITICAL_CONSUMPTION: N_("Consumo critico e gruppi di acquisto solidale"),
}


class AssemblyKind(_Labelled):
    ORDINARY = "ordinaria"
    EXTRAORDINARY = "straordinaria"


class AssemblyStatus(_Labelled):
    """Stored state of an assembly; "minutes approved" is read from its minutes."""

    PLANNED = "pianificata"
    CONVENED = "convocata"
    HELD = "svolta"
    CANCELLED = "annullata"


class Call(_Labelled):
    FIRST = "prima"
    SECOND = "seconda"


class ConvocationChannel(_Labelled):
    EMAIL = "email"
    PEC = "pec"
    HAND = "a_mano"


class AttendanceStatus(_Labelled):
    PRESENT_PRIMARY = "presente_titolare"
    PRESENT_SUBSTITUTE = "presente_supplente"
    PROXY = "delega"
    ABSENT_JUSTIFIED = "assente_giustificato"
    ABSENT = "assente"


class TaskStatus(_Labelled):
    """Stored state of a task; "in ritardo" is computed from the due date."""

    OPEN = "aperto"
    DONE = "fatto"


_LABELS.update(
    {
        AssemblyKind.ORDINARY: N_("Ordinaria"),
        AssemblyKind.EXTRAORDINARY: N_("Straordinaria"),
        AssemblyStatus.PLANNED: N_("Pianificata"),
        AssemblyStatus.CONVENED: N_("Convocata"),
        AssemblyStatus.HELD: N_("Svolta"),
        AssemblyStatus.CANCELLED: N_("Annullata"),
        Call.FIRST: N_("Prima convocazione"),
        Call.SECOND: N_("Seconda convocazione"),
        ConvocationChannel.EMAIL: N_("E-mail"),
        ConvocationChannel.PEC: N_("PEC"),
        ConvocationChannel.HAND: N_("Consegna a mano"),
        AttendanceStatus.PRESENT_PRIMARY: N_("Presente (titolare)"),
        AttendanceStatus.PRESENT_SUBSTITUTE: N_("Presente (supplente)"),
        AttendanceStatus.PROXY: N_("Delega"),
        AttendanceStatus.ABSENT_JUSTIFIED: N_("Assente giustificato"),
        AttendanceStatus.ABSENT: N_("Assente"),
        TaskStatus.OPEN: N_("Aperto"),
        TaskStatus.DONE: N_("Fatto"),
    }
)
