"""Real places of Trentino for the demo district: Comunità di valle and their comuni.

Postcodes (CAP) and telephone area codes are the real ones; everything attached to these
places by the demo (organisations, people, identifiers) is fictional.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Comune:
    name: str
    cap: str
    area_code: str  # telephone prefix of fixed lines, e.g. "0464"


@dataclass(frozen=True, slots=True)
class Territory:
    """A valley: the territory of a territorial DES and of its Comunità di valle."""

    name: str  # as in the district's name: "DES Vallagarina"
    community: str  # the public body: "Comunità della Vallagarina"
    comuni: tuple[Comune, ...]

    @property
    def main_town(self) -> Comune:
        return self.comuni[0]


def _comuni(area_code: str, *pairs: tuple[str, str]) -> tuple[Comune, ...]:
    return tuple(Comune(name, cap, area_code) for name, cap in pairs)


TERRITORIES: tuple[Territory, ...] = (
    Territory(
        "Vallagarina",
        "Comunità della Vallagarina",
        _comuni(
            "0464",
            ("Rovereto", "38068"), ("Ala", "38061"), ("Avio", "38063"), ("Mori", "38065"),
            ("Isera", "38060"), ("Villa Lagarina", "38060"), ("Nogaredo", "38060"),
            ("Pomarolo", "38060"), ("Volano", "38060"), ("Calliano", "38060"),
            ("Besenello", "38060"), ("Nomi", "38060"), ("Brentonico", "38060"),
            ("Trambileno", "38068"), ("Vallarsa", "38060"), ("Terragnolo", "38060"),
        ),
    ),
    Territory(
        "Val di Non",
        "Comunità della Val di Non",
        _comuni(
            "0463",
            ("Cles", "38023"), ("Predaia", "38012"), ("Ville d'Anaunia", "38019"),
            ("Denno", "38010"), ("Sanzeno", "38010"), ("Cavareno", "38011"),
            ("Sarnonico", "38011"), ("Romeno", "38010"), ("Livo", "38020"),
            ("Rumo", "38020"), ("Novella", "38028"), ("Borgo d'Anaunia", "38013"),
            ("Campodenno", "38010"), ("Ton", "38010"),
        ),
    ),
    Territory(
        "Val di Sole",
        "Comunità della Valle di Sole",
        _comuni(
            "0463",
            ("Malè", "38027"), ("Dimaro Folgarida", "38025"), ("Commezzadura", "38020"),
            ("Mezzana", "38020"), ("Pellizzano", "38020"), ("Vermiglio", "38029"),
            ("Peio", "38024"), ("Ossana", "38026"), ("Croviana", "38027"),
            ("Caldes", "38022"), ("Terzolas", "38027"), ("Rabbi", "38020"),
        ),
    ),
    Territory(
        "Valsugana e Tesino",
        "Comunità Valsugana e Tesino",
        _comuni(
            "0461",
            ("Borgo Valsugana", "38051"), ("Roncegno Terme", "38050"),
            ("Castel Ivano", "38059"), ("Grigno", "38055"), ("Castello Tesino", "38053"),
            ("Pieve Tesino", "38050"), ("Cinte Tesino", "38050"), ("Telve", "38050"),
            ("Scurelle", "38050"), ("Novaledo", "38050"), ("Ronchi Valsugana", "38050"),
            ("Torcegno", "38050"), ("Samone", "38059"), ("Ospedaletto", "38050"),
        ),
    ),
    Territory(
        "Alta Valsugana e Bersntol",
        "Comunità Alta Valsugana e Bersntol",
        _comuni(
            "0461",
            ("Pergine Valsugana", "38057"), ("Levico Terme", "38056"),
            ("Caldonazzo", "38052"), ("Calceranica al Lago", "38050"), ("Tenna", "38050"),
            ("Baselga di Piné", "38042"), ("Bedollo", "38043"), ("Civezzano", "38045"),
            ("Fornace", "38040"), ("Sant'Orsola Terme", "38050"), ("Frassilongo", "38050"),
        ),
    ),
    Territory(
        "Alto Garda e Ledro",
        "Comunità Alto Garda e Ledro",
        _comuni(
            "0464",
            ("Riva del Garda", "38066"), ("Arco", "38062"), ("Nago-Torbole", "38069"),
            ("Dro", "38074"), ("Drena", "38074"), ("Tenno", "38060"), ("Ledro", "38067"),
        ),
    ),
    Territory(
        "Val di Fiemme",
        "Comunità territoriale della Val di Fiemme",
        _comuni(
            "0462",
            ("Cavalese", "38033"), ("Predazzo", "38037"), ("Tesero", "38038"),
            ("Ziano di Fiemme", "38030"), ("Panchià", "38030"),
            ("Castello-Molina di Fiemme", "38030"), ("Capriana", "38030"),
            ("Valfloriana", "38040"),
        ),
    ),
    Territory(
        "Giudicarie",
        "Comunità delle Giudicarie",
        _comuni(
            "0465",
            ("Tione di Trento", "38079"), ("Storo", "38089"), ("Pinzolo", "38086"),
            ("Comano Terme", "38077"), ("Fiavé", "38075"), ("Borgo Chiese", "38083"),
            ("Pieve di Bono-Prezzo", "38085"), ("Sella Giudicarie", "38087"),
            ("Tre Ville", "38095"), ("Porte di Rendena", "38094"), ("Spiazzo", "38088"),
            ("Carisolo", "38080"), ("Stenico", "38070"), ("Bleggio Superiore", "38071"),
            ("San Lorenzo Dorsino", "38078"),
        ),
    ),
    Territory(
        "Primiero",
        "Comunità di Primiero",
        _comuni(
            "0439",
            ("Primiero San Martino di Castrozza", "38054"), ("Imer", "38050"),
            ("Mezzano", "38050"), ("Canal San Bovo", "38050"), ("Sagron Mis", "38050"),
        ),
    ),
    Territory(
        "Rotaliana-Königsberg",
        "Comunità Rotaliana-Königsberg",
        _comuni(
            "0461",
            ("Mezzolombardo", "38017"), ("Mezzocorona", "38016"),
            ("San Michele all'Adige", "38098"), ("Lavis", "38015"),
            ("Roverè della Luna", "38030"), ("Nave San Rocco", "38010"),
        ),
    ),
)  # fmt: skip

# Comuni outside the valley that members of any district may come from.
TRENTO = Comune("Trento", "38122", "0461")
NEIGHBOURS: tuple[Comune, ...] = (
    TRENTO,
    Comune("Trento", "38121", "0461"),
    Comune("Trento", "38123", "0461"),
    Comune("Lavis", "38015", "0461"),
    Comune("Aldeno", "38060", "0461"),
    Comune("Pergine Valsugana", "38057", "0461"),
)

STREETS: tuple[str, ...] = (
    "Via Roma", "Via Garibaldi", "Via Dante", "Via Mazzini", "Via Cesare Battisti",
    "Via San Giovanni", "Via dei Campi", "Via del Lavoro", "Via Nazionale",
    "Via della Chiesa", "Via Fontana", "Via dei Molini", "Via Damiano Chiesa",
    "Via Brennero", "Via Venezia", "Via IV Novembre", "Via XXV Aprile",
    "Via delle Scuole", "Via del Ponte", "Via Sottocastello", "Via alle Fornaci",
    "Via della Stazione", "Via dei Vigneti", "Via Belvedere", "Via Santa Maria",
    "Piazza del Municipio", "Piazza Italia", "Corso Europa", "Via Prati",
    "Via Fratelli Fontana", "Via Segantini", "Via Filzi", "Via Alcide Degasperi",
)  # fmt: skip
