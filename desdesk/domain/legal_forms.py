"""Legal forms of member organisations and the nature each one implies (domain.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from desdesk.domain.enums import Nature
from desdesk.domain.text import match_key
from desdesk.i18n import N_, _


@dataclass(frozen=True, slots=True)
class LegalForm:
    code: str
    _label: str
    nature: Nature

    @property
    def label(self) -> str:
        return _(self._label)

    def match_keys(self) -> set[str]:
        """Code, full label, each alternative of a `/` label, and each abbreviation in ( )."""
        keys = {match_key(self.code), match_key(self._label)}
        head, _sep, tail = self._label.partition("(")
        keys.add(match_key(head))
        keys.update(match_key(part) for part in head.split("/"))
        for abbreviation in re.split(r"[,+]", tail.rstrip(")")):
            if abbreviation.strip():
                keys.add(match_key(abbreviation))
        return keys


_P, _PROFIT, _NP = Nature.PUBLIC, Nature.PRIVATE_PROFIT, Nature.PRIVATE_NON_PROFIT

LEGAL_FORMS: tuple[LegalForm, ...] = (
    LegalForm("comune", N_("Comune"), _P),
    LegalForm("comunita_di_valle", N_("Comunità di valle / Comunità territoriale"), _P),
    LegalForm("provincia", N_("Provincia"), _P),
    LegalForm("apsp", N_("Azienda pubblica di servizi alla persona (APSP)"), _P),
    LegalForm("ente_pubblico", N_("Altro ente pubblico"), _P),
    LegalForm("impresa_individuale", N_("Impresa individuale"), _PROFIT),
    LegalForm("societa_di_persone", N_("Società di persone (SNC, SAS)"), _PROFIT),
    LegalForm("societa_di_capitali", N_("Società di capitali (SRL, SPA)"), _PROFIT),
    LegalForm("societa_benefit", N_("Società benefit"), _PROFIT),
    LegalForm("cooperativa", N_("Cooperativa"), _PROFIT),
    LegalForm("consorzio", N_("Consorzio"), _PROFIT),
    LegalForm("azienda_agricola", N_("Azienda agricola"), _PROFIT),
    LegalForm("associazione", N_("Associazione"), _NP),
    LegalForm("aps", N_("Associazione di promozione sociale (APS)"), _NP),
    LegalForm("odv", N_("Organizzazione di volontariato (ODV)"), _NP),
    LegalForm("fondazione", N_("Fondazione"), _NP),
    LegalForm("impresa_sociale", N_("Impresa sociale"), _NP),
    LegalForm("cooperativa_sociale_a", N_("Cooperativa sociale di tipo A"), _NP),
    LegalForm("cooperativa_sociale_b", N_("Cooperativa sociale di tipo B"), _NP),
    LegalForm("cooperativa_sociale_ab", N_("Cooperativa sociale di tipo A+B"), _NP),
    LegalForm("consorzio_sociale", N_("Consorzio sociale"), _NP),
    LegalForm("rete_associativa", N_("Rete associativa"), _NP),
    LegalForm("societa_mutuo_soccorso", N_("Società di mutuo soccorso"), _NP),
    LegalForm("gas", N_("Gruppo di acquisto solidale (GAS)"), _NP),
    LegalForm("ente_filantropico", N_("Ente filantropico"), _NP),
)

_BY_CODE = {form.code: form for form in LEGAL_FORMS}
_BY_KEY = {key: form for form in LEGAL_FORMS for key in form.match_keys()}


def by_code(code: str) -> LegalForm:
    return _BY_CODE[code]


def parse_legal_form(text: str) -> LegalForm:
    """Find a legal form by code, label or abbreviation; raises ValueError if none matches."""
    form = _BY_KEY.get(match_key(text))
    if form is None:
        raise ValueError(text)
    return form


def nature_of(code: str, override: Nature | None = None) -> Nature:
    """The member's nature: the one its legal form implies unless the user overrode it."""
    return override if override is not None else _BY_CODE[code].nature
