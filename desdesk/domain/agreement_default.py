"""The default text of the constitution agreement (Accordo volontario di costituzione).

Written for a Trentino DES under L.P. 17 giugno 2010, n. 13 and the requirements of
Delibera della Giunta provinciale n. 1949 del 27/11/2020, in the vocabulary of the
Centro per l'Economia Solidale's toolkit (Parte 2). The language of the template is
described in `desdesk.domain.agreement_template`; the user edits a copy of this text,
stored in the district file.
"""

from __future__ import annotations

from desdesk.i18n import N_

DEFAULT_TEMPLATE = N_(
    """Le organizzazioni elencate nella sezione «Le parti», ciascuna rappresentata dal proprio legale rappresentante o da persona munita dei necessari poteri (di seguito «gli aderenti»), stipulano il presente accordo volontario di costituzione del distretto {{nome_distretto}}.

# Premesse

Gli aderenti premettono che:
- la legge provinciale 17 giugno 2010, n. 13 («Promozione e sviluppo dell'economia solidale e della responsabilità sociale delle imprese») promuove i Distretti di Economia Solidale (DES), circuiti economici a base locale capaci di valorizzare le risorse territoriali secondo criteri di equità sociale e di sostenibilità socioeconomica e ambientale, per la creazione di filiere di finanziamento, produzione, distribuzione e consumo di beni e servizi;
- la deliberazione della Giunta provinciale n. 1949 del 27 novembre 2020 («I Distretti dell'economia solidale e sociale in Provincia di Trento») indica i requisiti essenziali per la costituzione di un DES, tra i quali la presenza di almeno tre aderenti di natura diversa, di almeno un aderente iscritto ai disciplinari dell'economia solidale e di un accordo di partenariato di durata non inferiore a tre anni;
- il distretto non adotta una forma giuridica propria: è una rete di organizzazioni che condividono e utilizzano in modo coordinato le risorse materiali e immateriali presenti nel proprio territorio o settore per raggiungere un obiettivo comune, stabilito congiuntamente da tutti gli aderenti;
- gli aderenti intendono creare valore pubblico attraverso la collaborazione tra soggetti pubblici, privati profit e privati non profit, radicando il distretto nella vita sociale ed economica della comunità;
- le premesse costituiscono parte integrante del presente accordo.

# Art. 1 — Oggetto

Con il presente accordo gli aderenti costituiscono il Distretto di Economia Solidale «{{nome_distretto}}» (di seguito «il distretto»), DES {{tipo_distretto}}, con sede presso {{sede}}.
- Ambito territoriale: {{territorio}}
- Settore di riferimento (per i DES tematici): {{settore}}
- Data di costituzione: {{data_costituzione}}

Il distretto è una rete di collaborazione tra organizzazioni autonome: non costituisce un nuovo ente, non ha personalità giuridica né patrimonio proprio e non crea vincoli di subordinazione tra gli aderenti, ciascuno dei quali resta responsabile delle proprie attività e delle obbligazioni che assume.

# Art. 2 — Finalità e obiettivi

Il distretto persegue la seguente missione: {{missione}}

Per la durata dell'accordo gli aderenti condividono i seguenti obiettivi, formulati in modo chiaro e misurabile:
- {{obiettivi}}

L'assemblea verifica ogni anno il raggiungimento degli obiettivi e può aggiornarli, indicando per ciascuno gli strumenti, il metodo, il ruolo di ciascun aderente, il risultato atteso e la scadenza.

# Art. 3 — Filiera

Gli aderenti collaborano alla costruzione di una filiera di finanziamento, produzione, distribuzione e consumo di beni e servizi. Alla sottoscrizione gli aderenti ne coprono le seguenti fasi: {{filiera}}.
- {{aderenti_per_filiera}}

Ciascun aderente svolge nella filiera il ruolo che l'assemblea gli riconosce e favorisce lo scambio di beni e servizi con gli altri aderenti, con preferenza per quelli conformi ai disciplinari dell'economia solidale. Il modello economico, le alleanze, il pubblico di riferimento, i canali di vendita e le strategie di sostenibilità sono descritti nel piano d'impresa del distretto, approvato e aggiornato dall'assemblea.

# Art. 4 — Governance e assemblea

L'assemblea dei membri è la sede in cui il distretto prende le proprie decisioni. È composta dai referenti nominati da ciascun aderente; in caso di impedimento del referente partecipa il supplente nominato dallo stesso aderente.

L'assemblea:
- condivide e struttura le progettualità e le azioni del distretto e approva il programma annuale delle attività;
- definisce il ruolo di ciascun aderente nell'attuazione delle azioni del distretto;
- definisce gli obiettivi da raggiungere, i tempi e le modalità, e ne verifica l'attuazione;
- nomina il coordinatore, il referente esterno e il tesoriere;
- approva il preventivo, il rendiconto e la rendicontazione annuale;
- delibera sull'adesione di nuovi membri e sull'esclusione degli aderenti.

L'assemblea si riunisce almeno ogni sei mesi, secondo un calendario annuale concordato tra gli aderenti. È convocata dal coordinatore con avviso inviato almeno {{preavviso_convocazione}} giorni prima, che indica il luogo, la data e l'ora della prima e della seconda convocazione e l'ordine del giorno; la seconda convocazione non può tenersi nello stesso giorno della prima.

In prima convocazione l'assemblea è valida con la presenza, diretta o per delega, di {{quorum_prima_convocazione}}; in seconda convocazione con la presenza di {{quorum_seconda_convocazione}}. Ciascun aderente può ricevere al massimo {{deleghe_per_aderente}} deleghe. Le decisioni sono prese a maggioranza dei votanti, salvo maggioranze più ampie previste dal presente accordo. Di ogni assemblea è redatto un verbale, firmato dal presidente e dal segretario della seduta e conservato agli atti del distretto.

L'assemblea può essere aperta alla cittadinanza e a soggetti non aderenti, che partecipano senza diritto di voto.

# Art. 5 — Coordinatore e referente esterno

Il coordinatore anima e organizza la vita interna del distretto: convoca l'assemblea e cura l'attuazione delle sue decisioni, segue il monitoraggio delle attività e facilita la collaborazione tra gli aderenti. Il referente esterno rappresenta il distretto nei rapporti con le istituzioni, con il Centro per l'Economia Solidale e con gli altri distretti. I due ruoli possono essere svolti dalla stessa persona.

Alla sottoscrizione del presente accordo gli incarichi sono così assegnati:
- Coordinatore: {{coordinatore}}
- Referente esterno: {{referente_esterno}}
- Tesoriere: {{tesoriere}}

Gli incarichi durano fino a sostituzione o revoca deliberata dall'assemblea, che ne verifica ogni anno lo svolgimento.

# Art. 6 — Impegni degli aderenti

Ciascun aderente si impegna a:
- nominare un referente e un supplente e comunicare senza ritardo ogni loro variazione;
- partecipare alle assemblee e alle attività del distretto tramite il referente o il supplente;
- svolgere con diligenza, nei tempi stabiliti, i compiti che l'assemblea gli assegna;
- fornire le informazioni necessarie al monitoraggio delle attività e alla rendicontazione annuale;
- operare secondo i principi dell'economia solidale e della responsabilità sociale e promuovere il distretto e le sue attività;
- versare la quota annua di adesione stabilita dall'assemblea.

# Art. 7 — Risorse e quote

Le attività del distretto sono sostenute dalle quote degli aderenti, da contributi pubblici e privati, da erogazioni liberali, da iniziative di raccolta fondi e dai proventi delle attività svolte, oltre che dalle risorse umane e strumentali che gli aderenti mettono a disposizione.

Per l'anno {{anno}} la quota annua di adesione è {{quota_annua}}. L'assemblea stabilisce ogni anno l'importo della quota e la scadenza del versamento.

Il tesoriere tiene il rendiconto per cassa delle entrate e delle uscite del distretto e presenta all'assemblea il preventivo e il consuntivo di ogni anno. Nessun aderente risponde delle obbligazioni assunte da un altro aderente.

# Art. 8 — Durata

Il presente accordo ha la durata di {{durata_anni}} anni dalla sottoscrizione, nel rispetto della durata minima di tre anni richiesta dalla deliberazione della Giunta provinciale n. 1949/2020. Alla scadenza si rinnova per un periodo uguale se l'assemblea non delibera diversamente almeno sei mesi prima.

# Art. 9 — Adesione di nuovi membri

Il distretto è aperto alle organizzazioni pubbliche e private, profit e non profit, che ne condividono le finalità e operano nel suo territorio o settore. La domanda di adesione è presentata per iscritto al coordinatore ed è deliberata dall'assemblea. Con l'adesione il nuovo membro sottoscrive il presente accordo, nomina il proprio referente e il supplente e ne diventa parte a tutti gli effetti.

Gli aderenti promuovono l'ingresso di nuovi membri, favorendo la varietà delle nature, delle forme giuridiche e dei ruoli nella filiera; le azioni svolte a questo fine sono riportate nella rendicontazione annuale.

# Art. 10 — Recesso ed esclusione

Ciascun aderente può recedere in qualsiasi momento con comunicazione scritta al coordinatore. Il recesso ha effetto dalla data di ricevimento e non dà diritto alla restituzione delle quote versate.

L'assemblea può deliberare l'esclusione dell'aderente che:
- risulti assente, senza farsi sostituire dal supplente né rappresentare per delega, a {{soglia_assenze}} assemblee consecutive;
- non svolga, senza giustificato motivo, i compiti che l'assemblea gli ha assegnato;
- agisca in contrasto con le finalità del distretto o con il presente accordo.

Prima della delibera l'aderente è invitato a esporre le proprie ragioni. L'uscita di un aderente non scioglie l'accordo tra gli altri.

# Art. 11 — Rendicontazione annuale

Entro il {{scadenza_rendicontazione}} di ogni anno il distretto redige la rendicontazione annuale dell'anno precedente: aderenti e loro variazioni, azioni svolte per l'ingresso di nuovi membri, governance e cariche, assemblee tenute e partecipazione, attività e obiettivi raggiunti, compiti, bilancio e fonti di finanziamento, indicatori di monitoraggio, criticità emerse e rimedi. La rendicontazione è approvata dall'assemblea, resa pubblica e trasmessa al Centro per l'Economia Solidale.

# Art. 12 — Trattamento dei dati personali

Gli aderenti trattano i dati personali dei referenti, dei supplenti e delle altre persone coinvolte nelle attività del distretto nel rispetto del Regolamento (UE) 2016/679 e del decreto legislativo 30 giugno 2003, n. 196, per le sole finalità del presente accordo e per il tempo necessario a perseguirle. A ogni interessato è fornita l'informativa prevista dagli articoli 13 e 14 del Regolamento; per i trattamenti svolti in comune gli aderenti definiscono le rispettive responsabilità ai sensi dell'articolo 26.

Alla cessazione del ruolo i contatti della persona sono cancellati o resi anonimi; i verbali e i documenti contabili conservano i nomi come atti del distretto. Gli interessati esercitano i diritti previsti dagli articoli da 15 a 22 del Regolamento rivolgendosi al coordinatore.

# Art. 13 — Disposizioni finali

Le modifiche al presente accordo sono deliberate dall'assemblea con il voto favorevole dei due terzi degli aderenti. Per quanto non previsto si applicano la legge provinciale n. 13/2010, la deliberazione della Giunta provinciale n. 1949/2020 e le norme del codice civile in materia di contratti.

Letto, approvato e sottoscritto a {{luogo}}, il {{data}}.
"""
)
