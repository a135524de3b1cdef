"""Word lists the demo combines into fictional organisations and people.

People are random pairs of common Italian first names and surnames frequent in
Trentino: no list entry is a real person.
"""

from __future__ import annotations

FEMALE_NAMES: tuple[str, ...] = (
    "Giulia", "Chiara", "Francesca", "Sara", "Elena", "Anna", "Martina", "Valentina",
    "Silvia", "Paola", "Laura", "Federica", "Alessandra", "Monica", "Roberta", "Cristina",
    "Barbara", "Elisa", "Michela", "Daniela", "Marta", "Serena", "Ilaria", "Irene",
    "Lucia", "Giovanna", "Stefania", "Manuela", "Sabrina", "Caterina", "Beatrice",
    "Veronica", "Nadia", "Rita", "Luisa", "Teresa", "Emanuela", "Katia", "Erica", "Denise",
)  # fmt: skip

MALE_NAMES: tuple[str, ...] = (
    "Marco", "Andrea", "Luca", "Paolo", "Stefano", "Matteo", "Alessandro", "Giovanni",
    "Francesco", "Roberto", "Davide", "Simone", "Michele", "Lorenzo", "Fabio", "Mauro",
    "Giorgio", "Enrico", "Claudio", "Walter", "Renato", "Sergio", "Alberto", "Massimo",
    "Daniele", "Nicola", "Federico", "Riccardo", "Pietro", "Tommaso", "Gianni", "Flavio",
    "Diego", "Mirko", "Ivo", "Silvano", "Emanuele", "Franco", "Mattia", "Elia",
)  # fmt: skip

SURNAMES: tuple[str, ...] = (
    "Bertolini", "Pilati", "Zanetti", "Dallapiccola", "Moser", "Tomasi", "Leonardi",
    "Bonvecchio", "Cristofolini", "Gottardi", "Pedrotti", "Depaoli", "Dalpiaz", "Zeni",
    "Bonmassar", "Eccher", "Girardi", "Valentini", "Rossi", "Ferrari", "Fontana",
    "Sartori", "Marchi", "Pederzolli", "Giovanazzi", "Osti", "Postal", "Stenico",
    "Tonini", "Broll", "Demattè", "Fedrizzi", "Luchi", "Paoli", "Andreatta", "Chiogna",
    "Endrizzi", "Filippi", "Frizzera", "Gasperi", "Zanoni", "Pisetta", "Nicolini",
    "Gadotti", "Bortolotti", "Dalsasso", "Zambanini", "Righi", "Vettori", "Zanella",
    "Cainelli", "Bazzanella", "Chistè", "Dallago", "Martinelli", "Pedri", "Rigotti",
    "Tamanini", "Zadra", "Zucal", "Angeli", "Battisti", "Casagranda", "Decarli",
    "Fambri", "Gentilini", "Lorenzi", "Maistri", "Merler", "Oss", "Pellegrini",
    "Piffer", "Pojer", "Rizzoli", "Sandri", "Slomp", "Tabarelli", "Toller", "Valduga",
    "Vivaldelli", "Zamboni", "Defrancesco", "Mosna", "Conci", "Dallabona", "Bernardi",
    "Cagol", "Coser", "Emer", "Fruet", "Giacomoni", "Ioriatti", "Leveghi", "Marighetti",
    "Nardelli", "Orsingher", "Paternoster", "Ropelato", "Scalet", "Tessadri", "Zortea",
    "Agostini", "Benedetti", "Carli", "Dorigatti", "Fiorini", "Gerola", "Manica",
    "Miorandi", "Pedergnana", "Planchenstainer", "Stoffella", "Tait", "Varesco",
)  # fmt: skip

# Distinctive names of associations, cooperatives and the like ("Il Germoglio").
CORES: tuple[str, ...] = (
    "Il Germoglio", "La Rete", "Il Ponte", "L'Aquilone", "Il Sentiero", "La Sorgente",
    "Terre Alte", "Il Melograno", "La Bussola", "Il Girasole", "La Meridiana",
    "Il Castagno", "La Lanterna", "Il Mosaico", "L'Arcobaleno", "La Fonte",
    "Il Faggio", "La Radice", "Il Cerchio", "La Collina", "Il Larice", "Il Seme",
    "La Piazza", "Il Filo", "La Rondine", "L'Officina", "Il Granaio", "La Cordata",
    "Il Focolare", "La Vigna", "Il Mulino", "La Spiga", "Il Nido", "La Stella Alpina",
    "Il Bosco", "Le Api", "La Fucina", "Il Sole", "Il Campo Aperto", "Nuovi Orizzonti",
    "Passo dopo Passo", "Mani Aperte", "Orti in Comune", "Semi di Futuro", "Acqua Viva",
    "Altre Strade", "Il Quadrifoglio", "La Malga", "Il Vivaio", "Il Carro", "La Tela",
    "Il Pane Condiviso", "Montagna Viva", "Filo d'Erba", "Il Maso", "Il Tiglio",
)  # fmt: skip

# Crafts and shops of sole traders and partnerships ("Panificio Pilati").
TRADES: tuple[str, ...] = (
    "Panificio", "Falegnameria", "Forno", "Ciclofficina", "Erboristeria",
    "Apicoltura", "Ortofrutta", "Sartoria", "Macelleria", "Gelateria", "Birrificio",
    "Distilleria", "Libreria", "Legatoria", "Ceramiche", "Agriturismo", "Osteria",
    "Ferramenta", "Tipografia", "Studio tecnico", "Impianti termoidraulici",
    "Lavanderia ecologica", "Bottega alimentare", "Caseificio",
)  # fmt: skip

# Activities of companies ("Energie Alpine srl").
COMPANY_CORES: tuple[str, ...] = (
    "Energie Alpine", "Legno Vivo", "Bio Distribuzione", "Sole Trentino", "Casa Clima",
    "Filiera Corta", "Mobilità Dolce", "Terra e Tetto", "Acqua e Luce", "Naturabita",
    "Trasporti Leggeri", "Riuso Creativo", "Frutta delle Valli", "Latte di Montagna",
    "Tetti Verdi", "Bioedil", "Ecoservizi", "Valli Digitali", "Software Aperto",
    "Pedala", "Ortoverde", "Legna e Pellet", "Pietra Viva", "Lana di Malga",
)  # fmt: skip

# Neighbourhoods and parts of a comune, for GAS names ("GAS Rovereto Sud").
QUARTERS: tuple[str, ...] = (
    "Nord", "Sud", "Centro", "Est", "Ovest", "Alta", "Bassa", "Borgo", "Oltre",
)  # fmt: skip

LEAVE_REASONS: tuple[str, ...] = (
    "Cessazione dell'attività",
    "Recesso volontario comunicato per iscritto",
    "Trasferimento della sede fuori dal territorio del distretto",
    "Esclusione deliberata dall'assemblea per assenze ripetute",
    "Fusione con un'altra cooperativa già aderente",
    "Conclusione del progetto per cui aveva aderito",
    "Mancato rinnovo dell'adesione",
)
