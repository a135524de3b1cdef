"""The catalogue of archetypes the demo draws its members from, with their weights."""

from __future__ import annotations

from desdesk.services.demo.archetypes import (
    ASSOCIATION_ROLES,
    BANK_ROLES,
    COMPANY_ROLES,
    CONS,
    COOP_ROLES,
    DISTR,
    FARM_ROLES,
    FIN,
    GAS_ROLES,
    MUNICIPAL_ROLES,
    PRESIDENT,
    PROD,
    PUBLIC_BODY_ROLES,
    Archetype,
    IdScheme,
)

_C, _N, _P = IdScheme.COMPANY, IdScheme.NON_PROFIT, IdScheme.PUBLIC
_SOCIAL_COOP_NAMES = (
    "Cooperativa Sociale {core}",
    "{core} Cooperativa Sociale",
    "Cooperativa Sociale {core} onlus",
)

# Public bodies.
COMUNE = Archetype(
    "comune",
    3,
    ("Comune di {comune}",),
    ((CONS,), (FIN, CONS), (FIN,)),
    (3, 6, 8, 9),
    MUNICIPAL_ROLES,
    _P,
    finite=True,
)
COMMUNITY = Archetype(
    "comunita_di_valle",
    0.5,
    ("{community}",),
    ((FIN, CONS),),
    (3, 4, 12),
    (
        ("Assessore alle politiche sociali", "Assessora alle politiche sociali"),
        PRESIDENT,
        ("Funzionario del servizio sviluppo locale", "Funzionaria del servizio sviluppo locale"),
    ),
    _P,
    finite=True,
)
PUBLIC_BODIES: tuple[Archetype, ...] = (
    COMUNE,
    COMMUNITY,
    Archetype(
        "provincia",
        0.1,
        ("Provincia autonoma di Trento",),
        ((FIN,),),
        (7,),
        (
            (
                "Funzionario dell'ufficio per l'economia solidale",
                "Funzionaria dell'ufficio per l'economia solidale",
            ),
            ("Dirigente", "Dirigente"),
        ),
        _P,
        finite=True,
    ),
    Archetype(
        "apsp",
        1,
        ("APSP Casa di Riposo di {comune}", "APSP Servizi alla Persona {comune}"),
        ((CONS,), (PROD, CONS)),
        (3, 4),
        PUBLIC_BODY_ROLES,
        _P,
        finite=True,
    ),
    Archetype(
        "ente_pubblico",
        1.5,
        (
            "Istituto Comprensivo di {comune}",
            "Biblioteca Intercomunale di {comune}",
            "Azienda per il Turismo {territory}",
            "Ecomuseo {core}",
        ),
        ((CONS,), (DISTR, CONS)),
        (4, 12, 13),
        PUBLIC_BODY_ROLES,
        _P,
        finite=True,
    ),
)

# Private, profit.
FARM = Archetype(
    "azienda_agricola",
    11,
    (
        "Azienda Agricola Maso {surname}",
        "Azienda Agricola {first} {surname}",
        "Azienda Agricola Biologica {surname}",
        "Azienda Agricola {core}",
        "Fattoria {surname}",
    ),
    ((PROD,), (PROD, DISTR)),
    (1, 4, 12),
    FARM_ROLES,
    _C,
)
SAVINGS_BANK = Archetype(
    "cooperativa",
    1.2,
    ("Cassa Rurale {territory}", "Cassa Rurale {comune}"),
    ((FIN,),),
    (7,),
    BANK_ROLES,
    _C,
)
PROFIT: tuple[Archetype, ...] = (
    FARM,
    SAVINGS_BANK,
    Archetype(
        "impresa_individuale",
        7,
        ("{trade} {surname}", "{trade} {first} {surname}", "{trade} di {first} {surname}"),
        ((PROD,), (PROD, DISTR), (DISTR,)),
        (1, 4, 5, 9, 12),
        COMPANY_ROLES,
        _C,
    ),
    Archetype(
        "societa_di_persone",
        4,
        (
            "{surname} & {surname2} snc",
            "{trade} {surname} & C. sas",
            "Fratelli {surname} snc",
            "{trade} {surname} snc",
        ),
        ((PROD, DISTR), (DISTR,), (PROD,)),
        (1, 4, 5, 12),
        COMPANY_ROLES,
        _C,
    ),
    Archetype(
        "societa_di_capitali",
        3,
        ("{company} srl", "{surname} Costruzioni srl", "{company} spa"),
        ((PROD,), (DISTR,), (PROD, DISTR)),
        (5, 6, 8, 11),
        COMPANY_ROLES,
        _C,
    ),
    Archetype(
        "societa_benefit",
        2,
        ("{company} srl Società Benefit", "{company} SB srl"),
        ((PROD, DISTR),),
        (5, 6, 9, 11),
        COMPANY_ROLES,
        _C,
    ),
    Archetype(
        "cooperativa",
        2,
        ("Famiglia Cooperativa {comune}",),
        ((DISTR,), (DISTR, CONS)),
        (4, 13),
        COOP_ROLES,
        _C,
    ),
    Archetype(
        "cooperativa",
        2.5,
        (
            "Cantina Sociale {comune}",
            "Caseificio Sociale {comune}",
            "Cooperativa Agricola {core}",
            "Cooperativa Frutticoltori {comune}",
        ),
        ((PROD,), (PROD, DISTR)),
        (1, 4),
        COOP_ROLES,
        _C,
    ),
    Archetype(
        "cooperativa",
        1.2,
        ("Bottega del Mondo {core}", "Cooperativa Commercio Equo {core}"),
        ((DISTR,), (DISTR, CONS)),
        (2, 13),
        COOP_ROLES,
        _C,
    ),
    Archetype(
        "consorzio",
        1.5,
        (
            "Consorzio {company}",
            "Consorzio Produttori {territory}",
            "Consorzio Piccoli Frutti {comune}",
            "Consorzio Forestale {comune}",
        ),
        ((PROD, DISTR), (DISTR,)),
        (1, 4, 6),
        COOP_ROLES,
        _C,
    ),
)

# Private, non profit.
SOCIAL_COOP_B = Archetype(
    "cooperativa_sociale_b",
    3.5,
    _SOCIAL_COOP_NAMES,
    ((PROD,), (PROD, DISTR)),
    (1, 4, 9),
    COOP_ROLES,
    _C,
)
GAS = Archetype(
    "gas",
    6,
    ("GAS {comune}", "GAS {comune} {quarter}", "Gruppo di Acquisto Solidale {core}", "GAS {core}"),
    ((CONS,),),
    (13, 4),
    GAS_ROLES,
    _N,
)
FAIR_TRADE_SHOP = Archetype(
    "associazione",
    0.8,
    ("Associazione Bottega del Mondo {core}",),
    ((DISTR, CONS),),
    (2, 13),
    ASSOCIATION_ROLES,
    _N,
)
NON_PROFIT: tuple[Archetype, ...] = (
    SOCIAL_COOP_B,
    GAS,
    FAIR_TRADE_SHOP,
    Archetype(
        "associazione",
        7,
        (
            "Associazione {core}",
            "Associazione Culturale {core}",
            "Associazione Amici di {comune}",
            "Associazione {core} {comune}",
        ),
        ((CONS,), (DISTR, CONS)),
        (3, 9, 10, 12, 13),
        ASSOCIATION_ROLES,
        _N,
    ),
    Archetype(
        "aps",
        7,
        ("Associazione di Promozione Sociale {core}", "APS {core}", "{core} APS"),
        ((CONS,), (DISTR,), (DISTR, CONS)),
        (3, 10, 11, 12, 13),
        ASSOCIATION_ROLES,
        _N,
    ),
    Archetype(
        "odv",
        4,
        ("{core} ODV", "Gruppo Volontari {comune}", "Organizzazione di Volontariato {core}"),
        ((CONS,), (DISTR,)),
        (3, 9),
        ASSOCIATION_ROLES,
        _N,
    ),
    Archetype(
        "fondazione",
        1.5,
        ("Fondazione {surname}", "Fondazione {core}", "Fondazione Comunità {territory}"),
        ((FIN,), (FIN, CONS)),
        (3, 7),
        ASSOCIATION_ROLES,
        _N,
    ),
    Archetype(
        "impresa_sociale",
        1.5,
        ("{core} Impresa Sociale srl", "Impresa Sociale {core}"),
        ((PROD, DISTR),),
        (3, 9),
        COOP_ROLES,
        _C,
    ),
    Archetype(
        "cooperativa_sociale_a",
        3.5,
        _SOCIAL_COOP_NAMES,
        ((PROD,), (PROD, CONS)),
        (3,),
        COOP_ROLES,
        _C,
    ),
    Archetype(
        "cooperativa_sociale_ab",
        1.5,
        _SOCIAL_COOP_NAMES,
        ((PROD, DISTR),),
        (3, 4, 9),
        COOP_ROLES,
        _C,
    ),
    Archetype(
        "consorzio_sociale",
        0.8,
        ("Consorzio Sociale {core}", "Consorzio di Cooperative Sociali {territory}"),
        ((DISTR,), (PROD, DISTR)),
        (3,),
        COOP_ROLES,
        _C,
    ),
    Archetype(
        "rete_associativa",
        1,
        ("Rete delle Associazioni {territory}", "Rete {core}", "Rete Economia Solidale {comune}"),
        ((CONS,), (DISTR,)),
        (10, 13),
        ASSOCIATION_ROLES,
        _N,
    ),
    Archetype(
        "societa_mutuo_soccorso",
        0.8,
        ("Società di Mutuo Soccorso {comune}", "Società Operaia di Mutuo Soccorso di {comune}"),
        ((FIN,), (CONS,)),
        (3, 7),
        ASSOCIATION_ROLES,
        _N,
    ),
    Archetype(
        "ente_filantropico",
        0.8,
        ("Ente Filantropico {core}", "{core} ETS Ente Filantropico"),
        ((FIN,),),
        (7, 3),
        ASSOCIATION_ROLES,
        _N,
    ),
)

ARCHETYPES: tuple[Archetype, ...] = PUBLIC_BODIES + PROFIT + NON_PROFIT

# The first members, in this order: every nature and every supply-chain stage is
# present as soon as there are three members, and each is a typical DES founder.
FOUNDERS: tuple[Archetype, ...] = (
    COMMUNITY,
    SAVINGS_BANK,
    SOCIAL_COOP_B,
    GAS,
    FARM,
    FAIR_TRADE_SHOP,
    COMUNE,
)
