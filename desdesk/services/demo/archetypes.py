"""Kinds of organisation that join a DES, one or more per legal form.

An archetype gives the legal form, how often it appears, how its name is built, its
roles in the supply chain, the sectors whose disciplinari it may subscribe to and the
roles its referents hold. Name templates use the fields `core`, `surname`, `surname2`,
`first`, `comune`, `territory`, `community`, `trade`, `company` and `quarter`.
The archetypes themselves are in `catalogue`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

FIN, PROD, DISTR, CONS = "finanziamento", "produzione", "distribuzione", "consumo"


class IdScheme(Enum):
    """How an organisation's codice fiscale and partita IVA look."""

    COMPANY = "company"  # codice fiscale = partita IVA
    NON_PROFIT = "non_profit"  # codice fiscale starting with 9, sometimes a P.IVA too
    PUBLIC = "public"  # codice fiscale starting with 00, usually also the P.IVA


Role = tuple[str, str]  # (male, female) title of a referent's role in the organisation

PRESIDENT: Role = ("Presidente", "Presidente")
VICE: Role = ("Vicepresidente", "Vicepresidente")
COOP_ROLES = (
    PRESIDENT,
    ("Socio lavoratore", "Socia lavoratrice"),
    VICE,
    ("Consigliere di amministrazione", "Consigliera di amministrazione"),
    ("Direttore", "Direttrice"),
)
ASSOCIATION_ROLES = (
    PRESIDENT,
    VICE,
    ("Segretario", "Segretaria"),
    ("Tesoriere", "Tesoriera"),
    ("Socio volontario", "Socia volontaria"),
)
COMPANY_ROLES = (
    ("Titolare", "Titolare"),
    ("Amministratore unico", "Amministratrice unica"),
    ("Socio", "Socia"),
    ("Responsabile commerciale", "Responsabile commerciale"),
)
FARM_ROLES = (
    ("Titolare", "Titolare"),
    ("Coadiuvante familiare", "Coadiuvante familiare"),
    ("Socio", "Socia"),
)
MUNICIPAL_ROLES = (
    ("Assessore all'ambiente", "Assessora all'ambiente"),
    ("Sindaco", "Sindaca"),
    ("Assessore alle attività economiche", "Assessora alle attività economiche"),
    ("Consigliere comunale delegato", "Consigliera comunale delegata"),
    (
        "Funzionario dell'ufficio attività economiche",
        "Funzionaria dell'ufficio attività economiche",
    ),
)
PUBLIC_BODY_ROLES = (
    ("Direttore", "Direttrice"),
    PRESIDENT,
    ("Responsabile di progetto", "Responsabile di progetto"),
    ("Funzionario", "Funzionaria"),
)
GAS_ROLES = (
    ("Referente del gruppo", "Referente del gruppo"),
    ("Coordinatore degli ordini", "Coordinatrice degli ordini"),
    ("Socio", "Socia"),
)
BANK_ROLES = (
    ("Responsabile finanza etica", "Responsabile finanza etica"),
    ("Vicedirettore", "Vicedirettrice"),
    ("Consigliere di amministrazione", "Consigliera di amministrazione"),
)


@dataclass(frozen=True, slots=True)
class Archetype:
    legal_form: str
    weight: float
    names: tuple[str, ...]
    role_sets: tuple[tuple[str, ...], ...]
    sectors: tuple[int, ...]
    referent_roles: tuple[Role, ...]
    ids: IdScheme
    finite: bool = False  # its names run out (one Comune per comune): never repeat them
