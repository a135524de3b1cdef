"""What the demo's movements are: the recurring costs and receipts of a DES, in Italian.

An `Item` is one kind of movement (a Modello D leaf by code, how often it happens in a
full year, its share of its group's money, its descriptions and counterparties). The
placeholders `{month}`, `{quarter}`, `{year}`, `{town}`, `{community}`, `{territory}`,
`{topic}` and `{member}` are filled in by the generator.
"""

from __future__ import annotations

from dataclasses import dataclass

MONTHS = (
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
    "settembre", "ottobre", "novembre", "dicembre",
)  # fmt: skip

MEMBER = "{member}"  # as a counterparty: one of the members active on the day


@dataclass(frozen=True, slots=True)
class Item:
    code: str
    weight: float  # share of its group's money, relative to the group's other items
    times: int  # movements in a full year
    texts: tuple[str, ...]
    counterparties: tuple[str, ...] = ("",)
    cash: float = 0.0  # probability of being paid in cash
    since: int = 0  # years after the founding year before it starts
    regular: bool = False  # same amount at the start of each period (rent, salary)
    source: str | None = None  # the funding source of an income, if not the category's


# Structure costs: section E uscite (H6).
STRUCTURE: tuple[Item, ...] = (
    Item(
        "UE3",
        30,
        12,
        ("Affitto sede di {town} – {month} {year}",),
        ("Immobiliare Valli Trentine srl",),
        since=1,
        regular=True,
    ),
    Item(
        "UE4",
        45,
        12,
        ("Compenso segreteria organizzativa – {month} {year}",),
        ("Collaboratrice di segreteria",),
        since=2,
        regular=True,
    ),
    Item(
        "UE2",
        8,
        2,
        (
            "Compenso commercialista – tenuta contabilità {year}",
            "Consulenza fiscale e dichiarazioni {year}",
        ),
        ("Studio associato Dallapiccola & Pedrotti",),
    ),
    Item(
        "UE2",
        4,
        1,
        ("Assicurazione RC e infortuni volontari {year}",),
        ("Assicurazioni Dolomiti agenzia di {town}",),
    ),
    Item(
        "UE2",
        5,
        6,
        ("Utenze sede – energia elettrica e riscaldamento, bolletta {month}",),
        ("Fornitore energia",),
        since=1,
    ),
    Item(
        "UE2",
        2,
        4,
        ("Telefono e connessione internet – {quarter} trimestre {year}",),
        ("Operatore telefonico",),
    ),
    Item("UE2", 1, 1, ("Canone hosting e dominio del sito web {year}",), ("Provider web",)),
    Item(
        "UE1",
        3,
        4,
        ("Cancelleria e materiale d'ufficio", "Toner e carta per la stampante della segreteria"),
        ("Cartoleria di {town}",),
        cash=0.7,
    ),
    Item(
        "UE5",
        2,
        1,
        ("Quota di adesione alla rete nazionale dei DES {year}",),
        ("Rete italiana di economia solidale",),
    ),
)

# Activities of general interest: section A uscite.
ACTIVITIES: tuple[Item, ...] = (
    Item(
        "UA2",
        14,
        5,
        (
            "Stampa volantini mercato contadino",
            "Stampa manifesti della festa del distretto",
            "Stampa opuscolo «I produttori del distretto»",
        ),
        ("Tipografia {town}", MEMBER),
    ),
    Item(
        "UA2",
        12,
        4,
        (
            "Compenso relatore serata «{topic}»",
            "Formazione per i referenti dei GAS: «{topic}»",
            "Laboratorio nelle scuole: «{topic}»",
        ),
        ("Relatore esterno", MEMBER),
    ),
    Item(
        "UA2",
        6,
        2,
        ("Grafica e impaginazione del materiale informativo", "Aggiornamento del sito web"),
        (MEMBER, "Studio grafico"),
    ),
    Item(
        "UA3",
        9,
        4,
        (
            "Noleggio gazebo e tavoli per il mercato contadino",
            "Affitto sala per la serata «{topic}»",
            "Noleggio impianto audio per la festa del distretto",
        ),
        ("Pro Loco di {town}", "Comune di {town}"),
    ),
    Item(
        "UA1",
        12,
        5,
        (
            "Acquisto prodotti per la merenda della festa del distretto",
            "Materiale per i laboratori nelle scuole",
            "Cassette riutilizzabili per le consegne dei GAS",
            "Sementi e piantine per l'orto didattico",
        ),
        (MEMBER,),
        cash=0.3,
    ),
    Item(
        "UA4",
        35,
        12,
        ("Compenso coordinatrice del progetto «{topic}» – {month} {year}",),
        ("Coordinatrice di progetto",),
        since=1,
        regular=True,
    ),
    Item(
        "UA5",
        5,
        6,
        ("Rimborsi spese dei volontari – {month} {year}", "Rimborso chilometrico ai volontari"),
        cash=0.8,
    ),
)

FUNDRAISING_COSTS: tuple[Item, ...] = (
    Item(
        "UC1",
        70,
        1,
        ("Spesa per la cena sociale di raccolta fondi", "Materie prime per la cena sociale"),
        (MEMBER,),
    ),
    Item("UC3", 30, 1, ("Stampa biglietti della lotteria di Natale",), ("Tipografia {town}",)),
)

BANK_COSTS = Item(
    "UD1",
    1,
    4,
    ("Canone conto corrente e commissioni – {quarter} trimestre {year}",),
    ("Cassa Rurale {territory}",),
)

TAXES = Item(
    "IMP1",
    1,
    1,
    ("IRAP – saldo e acconto {year}", "Imposta di registro sul contratto di locazione"),
    ("Agenzia delle Entrate",),
)

# Income not from public bodies and not membership fees.
OTHER_INCOME: tuple[Item, ...] = (
    Item(
        "EA4",
        14,
        6,
        ("Erogazione liberale di {member}", "Donazione per il progetto «{topic}»"),
        (MEMBER, "Privato cittadino"),
    ),
    Item(
        "EA6",
        22,
        1,
        (
            "Contributo Fondazione Caritro – bando «Coesione sociale»",
            "Contributo Cassa Rurale {territory} per la festa del distretto",
        ),
        ("Fondazione Caritro", "Cassa Rurale {territory}"),
    ),
    Item(
        "EA6",
        8,
        2,
        ("Sponsorizzazione della festa del distretto – {member}",),
        (MEMBER,),
        source="sponsorizzazioni",
    ),
    Item(
        "EA7",
        15,
        6,
        (
            "Iscrizioni al corso «{topic}»",
            "Vendita borse in tela e calendari del distretto",
            "Vendita prodotti al banco del mercato contadino",
        ),
        cash=0.6,
    ),
    Item(
        "EA3",
        6,
        3,
        ("Rimborso cassette riutilizzabili da {member}", "Servizio consegne per {member}"),
        (MEMBER,),
    ),
    Item(
        "EC1",
        25,
        1,
        ("Cena sociale di raccolta fondi {year}", "Lotteria di Natale {year}"),
        cash=0.5,
    ),
    Item(
        "ED1",
        0.1,
        1,
        ("Interessi attivi sul conto corrente {year}",),
        ("Cassa Rurale {territory}",),
    ),
)

CROWDFUNDING = Item(
    "EC2",
    1,
    3,
    ("Campagna di crowdfunding «{topic}» – accredito donazioni",),
    ("Piattaforma di crowdfunding",),
)
CROWDFUNDING_COST = Item(
    "UC2",
    1,
    1,
    ("Commissioni piattaforma di crowdfunding «{topic}»",),
    ("Piattaforma di crowdfunding",),
)

# Public money (H5): (code, share of the year's public money, tranches, description, payer).
PUBLIC_GRANTS: tuple[tuple[str, float, int, str, str], ...] = (
    (
        "EA8",
        0.62,
        2,
        "Contributo Provincia autonoma di Trento – bando economia solidale {year}, {tranche}",
        "Provincia autonoma di Trento",
    ),
    (
        "EA8",
        0.2,
        1,
        "Contributo Comune di {town} – mercato contadino {year}",
        "Comune di {town}",
    ),
    (
        "EA9",
        0.14,
        1,
        "Convenzione con la {community} – educazione alimentare nelle scuole {year}",
        "{community}",
    ),
)
START_UP_GRANT = "Contributo Provincia autonoma di Trento – avvio del distretto e attrezzature"
EXTRA_GRANT = "Contributo straordinario Provincia autonoma di Trento – attrezzature {year}"
EXTRA_PRIVATE = "Contributo straordinario Cassa Rurale {territory} – attrezzature {year}"
EXTRA_PRIVATE_PARTY = "Cassa Rurale {territory}"
FOUNDER_CONTRIBUTION = "Apporto del socio fondatore per l'avvio del distretto"
FIVE_PER_THOUSAND = "Contributo del 5 per mille – anno finanziario {year}"
TRANCHES = ("acconto", "saldo")

TOPICS = (
    "Filiera corta e mense scolastiche",
    "Consumo critico in famiglia",
    "Il pane del Trentino: dal campo al forno",
    "Energia condivisa: le comunità energetiche",
    "Meno imballaggi, più relazioni",
    "Orti condivisi nei paesi",
    "Finanza etica per i piccoli produttori",
    "Biodiversità coltivata in montagna",
    "Turismo responsabile nelle valli",
    "Il commercio equo e il nostro territorio",
)

# Initial investments of the financial plan: (description, what the payment says,
# amount at size 1, source of the money).
INVESTMENTS: tuple[tuple[str, str, int, str], ...] = (
    (
        "Gazebo, tavoli e bilance per il mercato contadino",
        "Acquisto gazebo, tavoli e bilance per il mercato contadino",
        4800,
        "ente_pubblico",
    ),
    (
        "Computer portatile e stampante per la segreteria",
        "Acquisto computer portatile e stampante multifunzione",
        1350,
        "quote_membri",
    ),
    (
        "Sito web del distretto e gestionale degli ordini dei GAS",
        "Realizzazione sito web e gestionale degli ordini dei GAS",
        2600,
        "crowdfunding",
    ),
)
FUTURE_INVESTMENT = (
    "Furgone refrigerato per le consegne della filiera corta",
    "Acquisto furgone refrigerato",
    28000,
    "ente_pubblico",
)
INVESTMENT_NOTE = "Previsto nel piano finanziario: contributo provinciale richiesto per il 70%."

FEE_EXEMPT_REASON = "Ente pubblico aderente: partecipa mettendo a disposizione sale e servizi"
FEE_REDUCED_REASONS = (
    "Quota ridotta: adesione nel secondo semestre",
    "Quota ridotta deliberata dall'assemblea: piccola realtà di volontariato",
)
