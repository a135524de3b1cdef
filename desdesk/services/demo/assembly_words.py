"""Italian words for the demo assemblies (fictional content, not translated)."""

OPENING_ITEM = "Approvazione del verbale della seduta precedente"
VERIFY_TASKS_ITEM = "Verifica dei compiti assegnati"

AGENDA_POOL = [
    "Rendiconto dell'anno e bilancio preventivo",
    "Ingresso di nuovi aderenti",
    "Calendario delle attività del semestre",
    "Progetto di filiera corta con i GAS del territorio",
    "Mercato contadino di primavera",
    "Quote di adesione per il prossimo anno",
    "Adesione ai disciplinari dell'economia solidale",
    "Rapporti con il Centro per l'Economia Solidale",
    "Comunicazione e sito del distretto",
    "Giornata dell'economia solidale in valle",
    "Acquisti collettivi di energia rinnovabile",
    "Rinnovo delle cariche",
]

DISCUSSIONS = [
    "Il coordinatore illustra la proposta; seguono interventi di diversi aderenti.",
    "Si apre un confronto sulle priorità: emergono posizioni diverse, poi una sintesi condivisa.",
    "La discussione si concentra sui tempi e sulle risorse necessarie.",
    "Il tesoriere presenta i dati; l'assemblea chiede alcuni chiarimenti.",
    "Gli aderenti riportano l'esperienza dei mesi scorsi e propongono miglioramenti.",
]

RESOLUTIONS = [
    "L'assemblea approva la proposta come presentata.",
    "L'assemblea approva la proposta con le modifiche emerse nella discussione.",
    "L'assemblea delibera di avviare l'attività e ne affida il coordinamento al gruppo di lavoro.",
    "L'assemblea approva il documento e ne dispone la pubblicazione sul sito del distretto.",
]

TASKS = [
    "Preparare la bozza del bilancio preventivo",
    "Contattare i GAS del territorio per il mercato di primavera",
    "Pubblicare sul sito i verbali approvati",
    "Organizzare la giornata dell'economia solidale",
    "Raccogliere le quote di adesione",
    "Verificare l'iscrizione ai disciplinari degli aderenti",
    "Preparare il calendario delle attività del semestre",
    "Incontrare i nuovi aderenti per presentare il distretto",
]

GUESTS = [
    ("Marta Dallabona", "Centro per l'Economia Solidale"),
    ("Franco Tait", "Cittadino"),
    ("Elena Sartori", "Associazione Consumatori"),
    ("Paolo Valentini", "Università di Trento"),
]
