"""Objectives a DES in Trentino typically sets itself, measurable and with a deadline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from desdesk.domain.enums import ObjectiveStatus
from desdesk.schemas import ObjectiveInput
from desdesk.services.demo.plan import Context


@dataclass(frozen=True, slots=True)
class _Template:
    title: str
    description: str
    tools: str
    method: str
    member_roles: str
    target: int
    unit: str


# `{territory}` and `{town}` (the main town) are filled in for the district.
_TEMPLATES: tuple[_Template, ...] = (
    _Template(
        "Prodotti locali nelle mense pubbliche",
        "Portare frutta, verdura, latticini e carne delle aziende agricole del distretto "
        "nelle mense scolastiche e nelle case di riposo del territorio {territory}.",
        "Accordi quadro con i Comuni e le APSP; calendario condiviso delle produzioni; "
        "listino unico del distretto.",
        "Un tavolo mensile tra produttori e cucine; prova di fornitura in due mense pilota, "
        "poi estensione alle altre dopo la verifica di prezzi e volumi.",
        "Le aziende agricole garantiscono volumi e calendario; la cooperativa sociale cura "
        "la logistica delle consegne; i Comuni inseriscono il criterio della filiera corta "
        "nei capitolati.",
        30,
        "% della spesa alimentare delle mense",
    ),
    _Template(
        "Rete dei gruppi di acquisto solidale",
        "Far crescere i GAS del distretto e unirne gli ordini per dare ai produttori locali "
        "una domanda stabile e programmata.",
        "Gestionale degli ordini condiviso; punto di consegna settimanale a {town}; "
        "serate di presentazione nei paesi.",
        "Ordini collettivi quindicinali; ogni GAS indica un referente per gli ordini; "
        "verifica semestrale in assemblea.",
        "I GAS raccolgono gli ordini delle famiglie; le aziende agricole e la bottega del "
        "mondo preparano le consegne; le associazioni promuovono le serate.",
        400,
        "famiglie iscritte ai GAS",
    ),
    _Template(
        "Comunità energetica rinnovabile",
        "Costituire una comunità energetica rinnovabile che metta in comune l'energia "
        "prodotta sui tetti pubblici e su quelli delle aziende aderenti.",
        "Studio di fattibilità; mappatura dei tetti disponibili; sportello informativo "
        "per le famiglie.",
        "Gruppo di lavoro tecnico con i Comuni; adesioni raccolte per cabina primaria; "
        "impianti realizzati per lotti successivi.",
        "I Comuni mettono a disposizione i tetti degli edifici pubblici; la Cassa Rurale "
        "finanzia gli impianti; le imprese aderenti installano e curano la manutenzione.",
        200,
        "kW di fotovoltaico condiviso",
    ),
    _Template(
        "Lavoro per persone svantaggiate nella filiera",
        "Creare posti di lavoro per persone svantaggiate nella raccolta, trasformazione e "
        "consegna dei prodotti del distretto.",
        "Tirocini di inclusione; convenzioni con il servizio sociale della Comunità; "
        "laboratorio di trasformazione condiviso.",
        "Percorsi di sei mesi con un tutor; valutazione a metà percorso; assunzione nelle "
        "cooperative sociali di tipo B o nelle aziende agricole aderenti.",
        "Le cooperative sociali seguono i percorsi; le aziende agricole offrono i tirocini; "
        "la Comunità di valle segnala le persone e cofinanzia le borse lavoro.",
        8,
        "persone inserite con contratto",
    ),
    _Template(
        "Fondo di garanzia per la filiera",
        "Offrire credito a condizioni agevolate ai piccoli produttori che investono in "
        "pratiche biologiche e nella vendita diretta.",
        "Fondo di garanzia alimentato dalle quote del distretto; convenzione con la Cassa "
        "Rurale; modulo di richiesta semplificato.",
        "Le domande sono esaminate da un comitato di tre aderenti; i prestiti sono seguiti "
        "con un incontro annuale di verifica.",
        "La Cassa Rurale istruisce e concede i prestiti; la fondazione conferisce una "
        "parte del fondo; il coordinamento raccoglie le domande.",
        150_000,
        "€ di prestiti concessi",
    ),
    _Template(
        "Mercato contadino del distretto",
        "Un mercato settimanale dei produttori del distretto a {town}, con prodotti di "
        "stagione, laboratori per le scuole e una bancarella del commercio equo.",
        "Regolamento del mercato; gazebo e bilance comuni; pagina web con il calendario.",
        "Turni dei produttori decisi ogni trimestre; ogni mercato ha un aderente "
        "responsabile della piazza.",
        "Il Comune concede la piazza; le aziende agricole vendono; le associazioni curano "
        "i laboratori e l'animazione.",
        40,
        "mercati all'anno",
    ),
    _Template(
        "Meno imballaggi nelle consegne",
        "Ridurre gli imballaggi monouso nelle consegne di filiera corta con contenitori "
        "a rendere e cassette riutilizzabili.",
        "Cassette standard del distretto; cauzione sui vasetti; punto di raccolta presso "
        "la bottega del mondo.",
        "Prova di tre mesi con due GAS, poi estensione; conteggio mensile delle cassette "
        "rientrate.",
        "Le aziende agricole usano le cassette comuni; i GAS gestiscono il rientro; la "
        "cooperativa sociale di tipo B lava e ridistribuisce i contenitori.",
        60,
        "% di consegne con contenitori a rendere",
    ),
    _Template(
        "Nuovi aderenti dalle valli laterali",
        "Allargare il distretto alle realtà dei paesi più piccoli del territorio "
        "{territory}, oggi poco rappresentati.",
        "Incontri itineranti nei paesi; scheda di adesione semplificata; "
        "accompagnamento dei nuovi aderenti per il primo anno.",
        "Un incontro pubblico a trimestre in un paese diverso; ogni nuovo aderente ha un "
        "aderente “tutor”.",
        "Il coordinamento organizza gli incontri; i Comuni offrono le sale; gli aderenti "
        "già presenti fanno da tutor.",
        10,
        "nuove organizzazioni aderenti",
    ),
)


def build_objectives(ctx: Context) -> list[ObjectiveInput]:
    """3 to 5 objectives: older ones with their outcome, newer ones in progress or planned."""
    rng = ctx.rng
    chosen = rng.sample(_TEMPLATES, rng.randint(3, 5))
    fill = {"territory": ctx.territory.name, "town": ctx.territory.main_town.name}
    objectives = []
    for template in chosen:
        deadline = ctx.day_between(ctx.today - timedelta(days=400), ctx.today + timedelta(days=900))
        deadline = max(deadline, ctx.founded + timedelta(days=180))
        objectives.append(
            ObjectiveInput(
                title=template.title,
                description=template.description.format(**fill),
                tools=template.tools.format(**fill),
                method=template.method,
                member_roles=template.member_roles,
                target_value=Decimal(template.target),
                target_unit=template.unit,
                deadline=deadline,
                status=_status(ctx, deadline).value,
            )
        )
    return objectives


def _status(ctx: Context, deadline: date) -> ObjectiveStatus:
    rng = ctx.rng
    if deadline < ctx.today:
        return ObjectiveStatus.ACHIEVED if rng.random() < 0.7 else ObjectiveStatus.NOT_ACHIEVED
    return ObjectiveStatus.IN_PROGRESS if rng.random() < 0.7 else ObjectiveStatus.PLANNED
