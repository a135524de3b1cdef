"""The demo's founding documents: short Markdown texts attached to the district file."""

from __future__ import annotations

from datetime import date, timedelta

from desdesk.domain.enums import FoundingDocumentKind
from desdesk.schemas import FoundingDocumentInput, MemberEntry
from desdesk.services.demo.governance import add_years
from desdesk.services.demo.plan import Context, DocumentPlan
from desdesk.services.demo.profile import long_date

_AGREEMENT = """# Accordo di partenariato per la costituzione del DES {territory}

Firmato a {town} il {founded}.

## Premesse

Le organizzazioni sottoscritte, viste la legge provinciale 17 giugno 2010, n. 13
(Promozione e sviluppo dell'economia solidale e della responsabilità sociale delle
imprese), in particolare l'articolo 7, e la deliberazione della Giunta provinciale
n. 1949 del 27 novembre 2020, convengono quanto segue.

## Art. 1 – Oggetto

È costituito il Distretto di Economia Solidale {territory} (DES {territory}), rete
volontaria tra organizzazioni del territorio senza personalità giuridica propria.

## Art. 2 – Finalità e obiettivi

Il distretto promuove una filiera locale che unisce finanziamento, produzione,
distribuzione e consumo, secondo i principi della Carta dei principi allegata.

## Art. 3 – Governance

L'assemblea dei membri è l'organo che decide; si riunisce almeno ogni sei mesi. Ogni
aderente vi partecipa con il proprio referente o, in sua assenza, con il supplente.
L'assemblea nomina un coordinatore e un referente esterno, che possono coincidere.

## Art. 4 – Durata

Il presente accordo dura tre anni dalla firma, fino al {until}, e si rinnova
tacitamente di tre anni in tre anni salvo diversa decisione dell'assemblea.

## Art. 5 – Adesione, recesso ed esclusione

Nuove organizzazioni possono aderire con il voto favorevole dell'assemblea. Ogni
aderente può recedere con comunicazione scritta; l'assemblea può escludere chi manca a
tre assemblee consecutive senza giustificazione.

## Sottoscrivono

{signatories}
"""

_CHARTER = """# Carta dei principi del DES {territory}

Approvata dall'assemblea costitutiva il {founded}.

1. **Filiera corta.** Preferiamo ciò che è prodotto vicino, da chi conosciamo.
2. **Prezzo giusto.** Il prezzo riconosce il lavoro di chi produce ed è accessibile a
   chi acquista.
3. **Cura dell'ambiente.** Produzione biologica, meno imballaggi, energia rinnovabile.
4. **Inclusione.** Il lavoro del distretto apre spazi a chi è in difficoltà.
5. **Trasparenza.** Bilanci, verbali e decisioni sono pubblici per tutti gli aderenti.
6. **Partecipazione.** Ogni aderente ha voce in assemblea, qualunque sia la sua
   dimensione.
"""

_REGULATION = """# Regolamento dell'assemblea del DES {territory}

Approvato dall'assemblea il {date}.

- L'assemblea è convocata dal coordinatore almeno dieci giorni prima, con l'ordine del
  giorno, il luogo e l'orario della prima e della seconda convocazione.
- In prima convocazione è valida con più della metà degli aderenti; in seconda
  convocazione con qualunque numero di presenti.
- Ogni aderente può ricevere al massimo tre deleghe.
- Le delibere sono prese a maggioranza dei votanti; il verbale è firmato dal presidente
  e dal segretario dell'assemblea.
"""

_STATUTE = """# Statuto dell'associazione DES {territory}

Approvato dall'assemblea straordinaria il {date}.

## Art. 1 – Denominazione e sede

È costituita l'associazione di secondo livello "DES {territory}", con sede a {town}.

## Art. 2 – Scopo

L'associazione dà forma stabile al Distretto di Economia Solidale {territory} e ne
persegue le finalità senza scopo di lucro.

## Art. 3 – Soci

Sono soci le organizzazioni aderenti al distretto che ne fanno richiesta.
"""


def build_documents(ctx: Context, members: list[MemberEntry]) -> list[DocumentPlan]:
    """Partnership agreement and charter of principles; often a regulation or a statute."""
    territory = ctx.territory
    fill = {
        "territory": territory.name,
        "town": territory.main_town.name,
        "founded": long_date(ctx.founded),
        "until": long_date(add_years(ctx.founded, 3)),
        "signatories": "\n".join(f"- {e.member.name}" for e in members if e.member.notes),
    }
    documents = [
        _document(
            FoundingDocumentKind.AGREEMENT,
            f"Accordo di partenariato per la costituzione del DES {territory.name}",
            ctx.founded,
            "accordo-di-partenariato.md",
            _AGREEMENT.format(**fill),
            valid_until=agreement_end(ctx),
        ),
        _document(
            FoundingDocumentKind.CHARTER,
            f"Carta dei principi del DES {territory.name}",
            ctx.founded,
            "carta-dei-principi.md",
            _CHARTER.format(**fill),
        ),
    ]
    later = ctx.day_between(ctx.founded + timedelta(days=60), ctx.today)
    draw = ctx.rng.random()
    if draw < 0.45:
        text = _REGULATION.format(**fill, date=long_date(later))
        documents.append(
            _document(
                FoundingDocumentKind.REGULATION,
                f"Regolamento dell'assemblea del DES {territory.name}",
                later,
                "regolamento-assemblea.md",
                text,
            )
        )
    elif draw < 0.75:
        text = _STATUTE.format(**fill, date=long_date(later))
        documents.append(
            _document(
                FoundingDocumentKind.STATUTE,
                f"Statuto dell'associazione DES {territory.name}",
                later,
                "statuto.md",
                text,
            )
        )
    return documents


def agreement_end(ctx: Context) -> date:
    """The end of the agreement's current three-year period (C12): renewed tacitly every
    three years, so it is still in force today."""
    periods = 1
    while add_years(ctx.founded, 3 * periods) <= ctx.today:
        periods += 1
    return add_years(ctx.founded, 3 * periods)


def _document(
    kind: FoundingDocumentKind,
    title: str,
    day: date,
    filename: str,
    text: str,
    *,
    valid_until: date | None = None,
) -> DocumentPlan:
    data = FoundingDocumentInput(
        kind=kind.value, title=title, document_date=day, approved=True, valid_until=valid_until
    )
    return DocumentPlan(data=data, filename=filename, text=text)
