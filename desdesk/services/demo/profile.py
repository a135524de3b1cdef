"""The demo district's profile: name, territory, founding date, mission and description."""

from __future__ import annotations

from datetime import date

from desdesk.domain.enums import DistrictKind
from desdesk.schemas import DistrictProfile
from desdesk.services.demo.plan import Context

_MONTHS = (
    "gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
    "settembre", "ottobre", "novembre", "dicembre",
)  # fmt: skip

_MISSIONS = (
    "Costruire nel territorio {territory} una rete di economia solidale che unisca chi "
    "produce, chi distribuisce, chi consuma e chi finanzia, per una filiera corta, equa e "
    "sostenibile, radicata nella comunità e attenta all'ambiente.",
    "Far crescere in {territory} un'economia locale fondata sulla cooperazione tra "
    "produttori, consumatori, enti pubblici e finanza etica: cibo sano a prezzo giusto, "
    "lavoro dignitoso, energia pulita e cura dei beni comuni.",
    "Mettere in rete le realtà del territorio {territory} che credono in un'economia al servizio "
    "delle persone e del territorio, rafforzando la filiera corta, il consumo critico e "
    "l'inclusione lavorativa delle persone più fragili.",
)

_DESCRIPTION = (
    "Il Distretto di Economia Solidale {territory} è nato il {founded} con l'accordo "
    "volontario di costituzione firmato da aziende agricole, cooperative sociali, gruppi di "
    "acquisto solidale, associazioni, imprese ed enti locali del territorio, ai sensi "
    "dell'articolo 7 della legge provinciale 13/2010.\n\n"
    "La segreteria ha sede presso la {community}, a {town}; gli aderenti vengono "
    "soprattutto da {towns}. Le decisioni sono prese dall'assemblea dei membri, che si "
    "riunisce almeno ogni sei mesi; il coordinatore cura l'attività ordinaria e il "
    "referente esterno tiene i rapporti con il Centro per l'Economia Solidale e con gli "
    "altri distretti del Trentino."
)


def long_date(day: date) -> str:
    """`12 marzo 2021`: the data is Italian content, whatever the interface language."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def build_profile(ctx: Context) -> DistrictProfile:
    territory = ctx.territory
    towns = [c.name for c in territory.comuni[:4]]
    fill = {
        "territory": territory.name,
        "founded": long_date(ctx.founded),
        "community": territory.community,
        "town": territory.main_town.name,
        "towns": ", ".join(towns[:-1]) + " e " + towns[-1],
    }
    return DistrictProfile(
        name=f"DES {territory.name}",
        kind=DistrictKind.TERRITORIAL.value,
        territory=territory.name,
        founding_date=ctx.founded,
        seat=f"Piazza Municipio 1, {territory.main_town.cap}",
        comune=territory.main_town.name,
        mission=ctx.rng.choice(_MISSIONS).format(**fill),
        description=_DESCRIPTION.format(**fill),
    )
