"""The demo district's governance text (C8) and business plan (C10).

The business plan is mostly written: one or two of its sections are still empty, as in
a real district that is still working on it, so the check has something to point at.
"""

from __future__ import annotations

from dataclasses import replace

from desdesk.domain.check_types import BUSINESS_PLAN_SECTIONS
from desdesk.schemas import DistrictProfile
from desdesk.services.demo.plan import Context

_GOVERNANCE = (
    "L'assemblea dei membri è l'organo che decide: vi partecipa ogni aderente con il "
    "proprio referente o, in sua assenza, con il supplente. Si riunisce almeno ogni sei "
    "mesi (in primavera per il rendiconto, in autunno per il programma e il preventivo "
    "dell'anno dopo) e approva l'adesione di nuovi membri, il bilancio, la relazione "
    "annuale e gli obiettivi del distretto.\n\n"
    "L'assemblea nomina un coordinatore, che cura l'attività ordinaria e convoca le "
    "assemblee, e un referente esterno, che tiene i rapporti con il Centro per "
    "l'Economia Solidale, la Provincia e gli altri distretti; possono coincidere. Un "
    "tesoriere tiene la cassa e il conto del distretto, un segretario redige i verbali.\n\n"
    "Gruppi di lavoro aperti a tutti gli aderenti ({groups}) preparano le proposte che "
    "l'assemblea discute e vota a maggioranza dei presenti."
)

_GROUPS = (
    "filiera agroalimentare",
    "mense e ristorazione collettiva",
    "comunicazione ed eventi",
    "energia e beni comuni",
    "inclusione lavorativa",
    "finanza etica",
)

# Section code → the text of a district in `{territory}` with its main town `{town}`.
_SECTIONS: dict[str, str] = {
    "model": (
        "Il distretto non vende in proprio: mette in rete produttori, distributori, "
        "consumatori e finanziatori del territorio {territory} e ne coordina l'offerta "
        "(listino comune, ordini collettivi, forniture alle mense). Si sostiene con le "
        "quote degli aderenti, con un piccolo contributo sugli ordini collettivi e con "
        "i progetti finanziati."
    ),
    "alliances": (
        "Centro per l'Economia Solidale della Provincia, Comunità di valle, Comuni "
        "aderenti, la cassa rurale del territorio per la finanza etica, gli altri DES "
        "del Trentino e le reti dei gruppi di acquisto solidale."
    ),
    "target": (
        "Famiglie e gruppi di acquisto del territorio {territory}; mense scolastiche e "
        "case di riposo; turisti e seconde case d'estate; le imprese che cercano "
        "fornitori locali per i propri dipendenti."
    ),
    "communication": (
        "Sito e notiziario mensile degli aderenti; presenza ai mercati contadini di "
        "{town}; una serata pubblica a stagione; il marchio del distretto sui prodotti "
        "e nei punti vendita aderenti."
    ),
    "channels": (
        "Ordini collettivi dei GAS con consegna settimanale a {town}; spaccio della "
        "cooperativa sociale; mercato contadino; forniture dirette alle mense pubbliche "
        "con accordo quadro."
    ),
    "sustainability": (
        "Le quote coprono la segreteria; i progetti pubblici finanziano l'avvio e "
        "calano negli anni; l'obiettivo è coprire con le entrate proprie almeno metà "
        "delle spese entro il quinto anno."
    ),
}


def with_governance(ctx: Context, profile: DistrictProfile) -> DistrictProfile:
    """`profile` with how the district decides and a business plan missing a section or two."""
    rng = ctx.rng
    fill = {"territory": profile.territory or profile.name, "town": ctx.territory.main_town.name}
    groups = sorted(rng.sample(range(len(_GROUPS)), 3))
    governance = _GOVERNANCE.format(groups=", ".join(_GROUPS[i] for i in groups))
    codes = [code for code, _label in BUSINESS_PLAN_SECTIONS]
    # The first section is always written; the later ones are the ones a new district skips.
    missing = set(rng.sample(codes[1:], rng.choice((1, 1, 2))))
    plan = {code: _SECTIONS[code].format(**fill) for code in codes if code not in missing}
    return replace(profile, governance=governance, business_plan=plan)
