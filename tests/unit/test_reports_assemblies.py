"""Convocazione, Verbale and Registro presenze built from hand-made read-models, read back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time, timedelta

from desdesk.assembly_schemas import (
    AttendanceRegister,
    AttendanceRegisterRow,
    ConvocationRecipient,
    MinutesDocument,
)
from desdesk.reports.attendance_register import attendance_register_pdf
from desdesk.reports.convocation import convocation_letters_pdf, convocation_notice_pdf
from desdesk.reports.minutes import minutes_pdf
from desdesk.schemas import (
    AgendaItemInput,
    AssemblyInput,
    AssemblyRead,
    DistrictProfile,
    GuestRead,
    MinutesInput,
    MinutesItemInput,
    MinutesRead,
    RollCallRow,
    TaskInput,
    TaskRead,
)
from tests.pdfs import A4_POINTS, flat, read_pdf

DAY = date(2026, 11, 26)
PROFILE = DistrictProfile(name="DES Vallagarina", kind="territoriale", territory="Vallagarina")
SIGNER = "Anna Rossi, coordinatrice"
RETE = "Cooperativa Sociale La Rete"
COTE = "Società Agricola Côté"


def assembly(**changes: object) -> AssemblyRead:
    data = AssemblyInput(
        first_call_date=date(2026, 12, 10),
        first_call_time=time(6, 0),
        second_call_date=date(2026, 12, 11),
        second_call_time=time(20, 30),
        place="Sala civica, Via Roma 5, Rovereto",
        remote_link="https://meet.example.it/des",
    )
    base = AssemblyRead(
        id=1,
        data=data,
        status="convocata",
        convened_on=date(2026, 11, 25),
        convened_via="email",
        call_held=None,
        started_at=None,
        ended_at=None,
        minutes_approved=False,
        agenda=(
            AgendaItemInput("Approvazione del bilancio", "Consuntivo 2025 e preventivo 2026."),
            AgendaItemInput("Verifica dei compiti assegnati"),
            AgendaItemInput("Varie ed eventuali"),
        ),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


RECIPIENTS = [
    ConvocationRecipient(
        1, RETE, "Giulia Bertolini", "Via Dante 3\n38068 Rovereto (TN)", "giulia@example.it"
    ),
    ConvocationRecipient(2, COTE, "Nicolò Dell'Antonio"),
]


def test_one_convocation_letter_per_recipient_addressed_to_its_referent() -> None:
    pdf = read_pdf(convocation_letters_pdf(PROFILE, assembly(), RECIPIENTS, SIGNER, DAY))

    assert len(pdf.pages) == 2
    assert pdf.page_sizes() == [A4_POINTS] * 2
    first, second = (flat(page) for page in pdf.pages)
    assert f"Spett.le {RETE} alla c.a. di Giulia Bertolini Via Dante 3 38068 Rovereto (TN)" in first
    assert COTE not in first
    assert f"Spett.le {COTE} alla c.a. di Nicolò Dell'Antonio" in second
    for page in (first, second):
        assert "DES Vallagarina" in page
        assert "Convocazione dell'assemblea" in page
        assert "Prima convocazione 10/12/2026 alle 06:00" in page
        assert "Seconda convocazione 11/12/2026 alle 20:30" in page
        assert "Sala civica, Via Roma 5, Rovereto" in page
        assert "https://meet.example.it/des" in page
        assert "1. Approvazione del bilancio Consuntivo 2025 e preventivo 2026." in page
        assert "3. Varie ed eventuali" in page
        assert "Data: 25/11/2026" in page
        assert SIGNER in page
    assert "Pagina 2 di 2" in second
    assert "Generato il 26/11/2026" in second


def test_the_general_notice_has_the_same_content_and_no_addressee() -> None:
    pdf = read_pdf(convocation_notice_pdf(PROFILE, assembly(convened_on=None), SIGNER, DAY))

    text = flat(pdf.text)
    assert len(pdf.pages) == 1
    assert "Avviso di convocazione" in text
    assert "A tutti gli aderenti del distretto" in text
    assert "Spett.le" not in text
    assert "Data: 26/11/2026" in text  # not sent yet: the day it is printed
    assert "2. Verifica dei compiti assegnati" in text
    assert SIGNER in text


ROLL_CALL = (
    RollCallRow(1, RETE, "Giulia Bertolini", "Marco Zanon", "presente_titolare", None),
    RollCallRow(2, COTE, "Nicolò Dell'Antonio", "", "delega", 1),
    RollCallRow(3, "Bottega Equa", "Pia Pedrotti", "Luca Bianchi", "presente_supplente", None),
    RollCallRow(4, "Associazione Più", "Ugo Tait", "", "assente", None),
    RollCallRow(5, "Forno Sociale", "Eva Stedile", "", "assente_giustificato", None),
)
ITEMS = [
    MinutesItemInput(
        "Bilancio 2025",
        "Il tesoriere illustra il bilancio.",
        "Si approva il bilancio consuntivo 2025.",
        12,
        1,
        2,
    ),
    MinutesItemInput(
        "Festa di primavera", "Proposte per la festa.", "La festa si terrà il 12 aprile.", 3, 0, 0
    ),
    MinutesItemInput("Nuova sede", "", "Si acquista la sede.", 1, 2, 0),
]


def minutes_document(**changes: object) -> MinutesDocument:
    minutes = MinutesRead(
        id=7,
        assembly_id=1,
        revision=1,
        previous_id=None,
        correction_reason="",
        call_held="prima",
        deserted=False,
        approved_on=None,
        data=MinutesInput(president="Anna Rossi", secretary="Luca Bianchi", items=list(ITEMS)),
        item_ids=(11, 12, 13),
    )
    task = TaskRead(1, TaskInput(1, "Prenotare la sala", date(2027, 3, 1), 1, 12), RETE,
                    "aperto", None, None, False)  # fmt: skip
    document = MinutesDocument(
        assembly=assembly(
            status="svolta", call_held="prima", started_at=time(20, 40), ended_at=time(22, 45)
        ),
        minutes=minutes,
        roll_call=ROLL_CALL,
        guests=(GuestRead(1, "Mario Verdi", "Comune di Rovereto"),),
        tasks=(task,),
        quorum_required=3,
    )
    return replace(document, **changes)  # type: ignore[arg-type]


def test_minutes_show_header_attendance_quorum_votes_and_tasks() -> None:
    pdf = read_pdf(minutes_pdf(PROFILE, minutes_document(), DAY))

    text = flat(pdf.text)
    assert all(size == A4_POINTS for size in pdf.page_sizes())
    assert "Verbale di assemblea" in text
    assert "deserta" not in text
    assert "Convocazione Prima convocazione" in text
    assert "Data 10/12/2026" in text
    assert "Ora di inizio 20:40" in text
    assert "Ora di fine 22:45" in text
    assert "Presidente Anna Rossi" in text
    assert "Segretario Luca Bianchi" in text
    assert "Aderenti convocati 5" in text
    assert "Presenti con il referente titolare 1" in text
    assert "Presenti con il supplente 1" in text
    assert "Rappresentati per delega 1" in text
    assert "Assenti giustificati 1" in text
    assert "Presenti o rappresentati 3" in text
    assert "Quorum raggiunto: 3 presenti o rappresentati su 3 richiesti." in text
    assert "Votazione: favorevoli 12, contrari 1, astenuti 2: la proposta è approvata." in text
    assert "Approvata all'unanimità (3 voti favorevoli)." in text
    assert "Votazione: favorevoli 1, contrari 2, astenuti 0: la proposta è respinta." in text
    # the task sits under its item (the second), not elsewhere
    task = text.index(f"{RETE}: Prenotare la sala (entro il 01/03/2027)")
    assert text.index("2. Festa di primavera") < task < text.index("3. Nuova sede")
    assert "Il presidente" in text
    assert "Il segretario" in text
    assert "Revisione" not in text


def test_the_annex_lists_every_member_and_guest_with_a_signature_column() -> None:
    pdf = read_pdf(minutes_pdf(PROFILE, minutes_document(), DAY))

    annex = flat(pdf.pages[-1])
    assert "Allegato: foglio presenze" in annex
    assert "Firma" in annex
    assert f"{RETE} Giulia Bertolini supplente: Marco Zanon titolare presente" in annex
    assert f"{COTE} Nicolò Dell'Antonio delega a {RETE}" in annex
    assert "Bottega Equa Pia Pedrotti supplente: Luca Bianchi supplente presente" in annex
    assert "Associazione Più Ugo Tait assente" in annex
    assert "Forno Sociale Eva Stedile assente giustificato" in annex
    assert "1 Mario Verdi Comune di Rovereto" in annex


def test_a_revision_cites_the_one_it_corrects() -> None:
    document = minutes_document(previous_approved_on=date(2026, 12, 20))
    document = replace(
        document,
        minutes=replace(
            document.minutes,
            revision=2,
            previous_id=6,
            correction_reason="corretto il numero dei contrari",
        ),
    )

    text = flat(read_pdf(minutes_pdf(PROFILE, document, DAY)).text)

    assert (
        "Revisione 2, che corregge la revisione 1 approvata il 20/12/2026: "
        "corretto il numero dei contrari"
    ) in text


def test_a_deserted_assembly_gets_its_own_minutes() -> None:
    document = minutes_document(quorum_required=4)
    document = replace(document, minutes=replace(document.minutes, deserted=True))

    pdf = read_pdf(minutes_pdf(PROFILE, document, DAY))

    text = flat(pdf.text)
    assert "Verbale di assemblea deserta" in text
    assert "Quorum non raggiunto: manca 1 (3 presenti o rappresentati su 4 richiesti)." in text
    assert "il presidente dichiara l'assemblea deserta" in text
    assert "L'assemblea si terrà in seconda convocazione il 11/12/2026 alle 20:30." in text
    assert "Bilancio 2025" not in text
    assert "Allegato: foglio presenze" in text


def test_minutes_held_at_second_call_carry_its_date() -> None:
    document = minutes_document()
    document = replace(document, minutes=replace(document.minutes, call_held="seconda"))

    text = flat(read_pdf(minutes_pdf(PROFILE, document, DAY)).text)

    assert "Convocazione Seconda convocazione" in text
    assert "Data 11/12/2026" in text


def held(number: int, day: date) -> AssemblyRead:
    return assembly(id=number, data=AssemblyInput(first_call_date=day), status="svolta")


def test_attendance_register_matrix_rates_and_flags() -> None:
    assemblies = tuple(held(i, date(2026, 1, 10) + timedelta(days=60 * i)) for i in range(1, 5))
    rows = (
        AttendanceRegisterRow(
            1,
            RETE,
            {
                1: "presente_titolare",
                2: "presente_supplente",
                3: "delega",
                4: "assente_giustificato",
            },
        ),
        AttendanceRegisterRow(
            2, "Bottega Assente", {1: "presente_titolare", 2: "assente", 3: "assente", 4: "assente"}
        ),
        AttendanceRegisterRow(3, "Nuovo Aderente", {3: "presente_titolare", 4: None}),
    )
    register = AttendanceRegister(date(2026, 1, 1), date(2026, 12, 31), assemblies, rows, 3)

    pdf = read_pdf(attendance_register_pdf(PROFILE, register, DAY))

    text = flat(pdf.text)
    assert pdf.page_sizes() == [A4_POINTS[::-1]] * len(pdf.pages)
    assert "Registro presenze" in text
    assert "Dal 01/01/2026 al 31/12/2026" in text
    assert "11/03 2026" in text  # first assembly's column heading
    assert "1 Bottega Assente ≥ 3 assenze consecutive P A A A 25% 3" in text
    assert "2 Cooperativa Sociale La Rete P S D G 75% 1" in text
    assert "3 Nuovo Aderente – – P 100% 0" in text
    assert "Aderenti oltre la soglia di esclusione 1" in text
    assert "P presente il titolare" in text
    assert "G assente giustificato" in text


def test_many_assemblies_are_split_into_even_sections() -> None:
    assemblies = tuple(held(i, date(2020, 1, 10) + timedelta(days=40 * i)) for i in range(1, 18))
    rows = (AttendanceRegisterRow(1, RETE, {a.id: "presente_titolare" for a in assemblies}),)
    register = AttendanceRegister(None, None, assemblies, rows, 3)

    pdf = read_pdf(attendance_register_pdf(PROFILE, register, DAY))

    text = flat(pdf.text)
    assert len(pdf.pages) == 2
    assert "parte 1 di 2" in flat(pdf.pages[0])
    assert "parte 2 di 2" in flat(pdf.pages[1])
    assert f"1 {RETE} " + "P " * 9 + "100% 0" in flat(pdf.pages[0])
    assert f"1 {RETE} " + "P " * 8 + "100% 0" in flat(pdf.pages[1])
    assert "Tutte le assemblee svolte" in text


def test_an_empty_period_says_so() -> None:
    register = AttendanceRegister(date(2030, 1, 1), None, (), (), 3)

    text = flat(read_pdf(attendance_register_pdf(PROFILE, register, DAY)).text)

    assert "Nessuna assemblea svolta nel periodo." in text
    assert "Dal 01/01/2030" in text
