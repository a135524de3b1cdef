"""Personal data (GDPR): export everything about a person, erase a person whose roles
ended (contacts gone, pseudonym, legal records kept, log scrubbed), refuse otherwise."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest

from desdesk.domain.enums import ReferentKind
from desdesk.domain.errors import Conflict, ValidationFailed
from desdesk.services.history import HistoryService
from desdesk.services.personal_data import PersonalDataService, PersonalDataWriteError
from desdesk.services.workspace import Workspace
from tests.assembly_district import HELD, populate_assemblies
from tests.factories import referent_input
from tests.pdfs import read_pdf
from tests.raw_sql import raw_rows
from tests.report_district import ACCENTED

NICOLO = "Nicolò Dell'Antonio"
SECTIONS = {
    "format", "version", "exported_on", "district", "person", "referent_records",
    "legal_representative_of", "offices", "attendance", "tasks", "movements",
    "approved_minutes", "history", "possible_homonyms", "outbox_messages", "other_mentions",
    "logged_mentions",
}  # fmt: skip


def _service(workspace: Workspace) -> PersonalDataService:
    return PersonalDataService(workspace.sessions, workspace.path)


def _logged(workspace: Workspace, table: str, record_id: int) -> list[tuple[object, ...]]:
    """The change log's rows of one record, as stored."""
    return raw_rows(
        workspace,
        "SELECT id, before, after FROM change_log WHERE table_name = ? AND record_id = ?"
        " ORDER BY id",
        table,
        record_id,
    )


def _nicolo(workspace: Workspace, member_id: int) -> int:
    """Nicolò, primary referent of ACCENTED since 2024, with legal basis and notice, whose
    name is in the approved minutes of HELD (president) and the foglio presenze."""
    [current] = [r for r in workspace.referents.history(member_id) if r.kind == "titolare"]
    workspace.referents.correct(
        current.id,
        referent_input(
            "Nicolò",
            "Dell'Antonio",
            email="nicolo@example.it",
            role="Presidente",
            start_date=date(2024, 1, 1),
            legal_basis="contratto",
            notice_given_on=date(2024, 1, 10),
        ),
    )
    return current.id


def _ended_nicolo(workspace: Workspace) -> tuple[int, int]:
    district = populate_assemblies(workspace)
    member = district.members[ACCENTED]
    referent_id = _nicolo(workspace, member)
    workspace.minutes.approve(district.minutes, date(2026, 11, 20))
    workspace.referents.set_referent(member, ReferentKind.PRIMARY, referent_input("Anna", "Nuova"))
    return referent_id, district.minutes


def test_the_json_export_holds_every_section(workspace: Workspace, tmp_path: Path) -> None:
    district = populate_assemblies(workspace)
    referent_id = _nicolo(workspace, district.members[ACCENTED])
    workspace.minutes.approve(district.minutes, date(2026, 11, 20))
    target = tmp_path / "nicolo.json"

    _service(workspace).export_json(referent_id, target)

    data = json.loads(target.read_text(encoding="utf-8"))
    assert set(data) == SECTIONS
    assert data["person"]["emails"] == ["nicolo@example.it"]
    assert data["person"]["legal_basis"] == "contratto"
    assert data["person"]["notice_given_on"] == "2024-01-10"
    [record] = data["referent_records"]
    assert (record["member_name"], record["kind"], record["start_date"]) == (
        ACCENTED, "titolare", "2024-01-01",
    )  # fmt: skip
    assert [(a["date"], a["status"]) for a in data["attendance"]] == [
        (HELD.isoformat(), "presente_titolare")
    ]
    [minutes] = data["approved_minutes"]
    assert minutes["id"] == district.minutes and "president" in minutes["fields"]
    assert "snapshot" in minutes["fields"]
    actions = [row["action"] for row in data["history"]]
    assert actions[-1] == "insert" and "update" in actions  # the correction is logged
    correction = data["history"][actions.index("update")]
    assert correction["after"]["notice_given_on"] == "2024-01-10"  # raw, ISO
    assert {c["name"] for c in correction["changes"]} >= {"legal_basis", "notice_given_on"}
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_other_records_of_the_same_person_are_exported_with_offices_and_tasks(
    workspace: Workspace,
) -> None:
    district = populate_assemblies(workspace)
    first = _nicolo(workspace, district.members[ACCENTED])
    other = district.members["Cooperativa Sociale La Rete"]
    # The same e-mail (another case) at another member: the same person.
    workspace.referents.add_referent(
        other,
        ReferentKind.SUBSTITUTE,
        referent_input("Nicolò", "Dell'Antonio", email="NICOLO@example.it"),
    )
    from desdesk.domain.enums import OfficeKind
    from desdesk.schemas import OfficeInput, TaskInput

    workspace.offices.assign(OfficeInput(OfficeKind.TREASURER.value, NICOLO, date(2025, 1, 1)))
    workspace.tasks.add(TaskInput(other, f"Chiamare {NICOLO} per la festa", None))

    data = _service(workspace).export(first)

    assert [r["member_id"] for r in data["referent_records"]] == [
        district.members[ACCENTED],
        other,
    ]
    assert [o["kind"] for o in data["offices"]] == ["tesoriere"]
    assert [t["description"] for t in data["tasks"]] == [f"Chiamare {NICOLO} per la festa"]
    assert data["movements"] == []


def test_the_pdf_export_reads_back_in_italian(workspace: Workspace, tmp_path: Path) -> None:
    district = populate_assemblies(workspace)
    referent_id = _nicolo(workspace, district.members[ACCENTED])
    workspace.minutes.approve(district.minutes, date(2026, 11, 20))
    target = tmp_path / "nicolo.pdf"

    _service(workspace).export_pdf(referent_id, target)

    text = " ".join(read_pdf(target.read_bytes()).text.split())
    assert f"Dati personali di {NICOLO}" in text
    assert "nicolo@example.it" in text
    assert "Esecuzione dell'accordo di adesione" in text
    assert "10/01/2024" in text and "Assemblea d'autunno" in text
    assert "Verbali approvati in cui compare il nome" in text
    assert "Cronologia delle modifiche" in text


@pytest.mark.district_file
def test_an_export_never_replaces_the_district_file(workspace: Workspace) -> None:
    district = populate_assemblies(workspace)
    referent_id = _nicolo(workspace, district.members[ACCENTED])
    path = workspace.path
    assert path is not None
    before = path.read_bytes()[:100]
    with pytest.raises(PersonalDataWriteError, match="file del distretto"):
        _service(workspace).export_json(referent_id, path)
    assert path.read_bytes()[:100] == before


def test_erasing_an_ended_person_keeps_the_legal_records(workspace: Workspace) -> None:
    referent_id, minutes_id = _ended_nicolo(workspace)
    service = _service(workspace)
    assert service.refusal(referent_id) is None

    result = service.erase(referent_id)

    [record] = [r for r in workspace.referents.list_all(include_past=True) if r.id == referent_id]
    assert record.full_name == f"Referente cessato n. {referent_id}"
    assert (record.email, record.phone, record.role) == ("", "", "")
    assert record.erased_on == date.today() and record.legal_basis == "contratto"
    assert result.pseudonym == record.full_name and result.referent_ids == (referent_id,)
    assert any("verbale approvato di «Assemblea d'autunno»" in line for line in result.kept)
    assert "resta" in result.message() and "Assemblea d'autunno" in result.message()
    [(president, snapshot)] = raw_rows(
        workspace, "SELECT president, snapshot FROM minutes WHERE id = ?", minutes_id
    )
    snapshot = snapshot if isinstance(snapshot, str) else json.dumps(snapshot, ensure_ascii=False)
    assert president == NICOLO and "Dell'Antonio" in snapshot  # legal records unchanged
    logged = raw_rows(
        workspace,
        "SELECT coalesce(before, '') || coalesce(after, '') FROM change_log"
        " WHERE table_name = 'referent' AND record_id = ?",
        referent_id,
    )
    assert logged and result.history_rows > 0
    assert not any("nicolo@example.it" in row[0] or "Dell'Antonio" in row[0] for row in logged)
    history = HistoryService(workspace.sessions).rows("referent", referent_id)
    assert history[0].action == "update"  # the erasure itself is in the log


def test_a_current_person_is_refused_and_nothing_changes(workspace: Workspace) -> None:
    district = populate_assemblies(workspace)
    referent_id = _nicolo(workspace, district.members[ACCENTED])
    service = _service(workspace)
    before = service.export(referent_id)

    reason = service.refusal(referent_id)
    with pytest.raises(Conflict, match="è ancora referente titolare di «Società Agricola"):
        service.erase(referent_id)

    assert reason is not None and "ancora referente titolare" in reason
    assert service.export(referent_id) == before


def test_a_person_still_in_office_is_refused(workspace: Workspace) -> None:
    from desdesk.domain.enums import OfficeKind
    from desdesk.schemas import OfficeInput

    referent_id, _minutes = _ended_nicolo(workspace)
    workspace.offices.assign(OfficeInput(OfficeKind.TREASURER.value, NICOLO, date(2025, 1, 1)))
    with pytest.raises(Conflict, match="ricopre ancora la carica di Tesoriere"):
        _service(workspace).erase(referent_id)
    assert workspace.referents.list_all(include_past=True)[0].erased_on is None


def test_a_person_is_erased_once(workspace: Workspace) -> None:
    referent_id, _minutes = _ended_nicolo(workspace)
    _service(workspace).erase(referent_id)
    with pytest.raises(Conflict, match="già stati cancellati"):
        _service(workspace).erase(referent_id)


def test_legal_basis_and_notice_are_checked(workspace: Workspace) -> None:
    district = populate_assemblies(workspace)
    [current] = [
        r for r in workspace.referents.history(district.members[ACCENTED]) if r.kind == "titolare"
    ]
    with pytest.raises(ValidationFailed) as failure:
        workspace.referents.correct(
            current.id,
            referent_input(legal_basis="simpatia", notice_given_on=date(2999, 1, 1)),
        )
    assert {p.field for p in failure.value.problems} == {"legal_basis", "notice_given_on"}


def test_an_erasure_that_fails_midway_changes_nothing(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desdesk.services import personal_data

    referent_id, _minutes = _ended_nicolo(workspace)
    before = _service(workspace).export(referent_id)

    def broken(*_args: object) -> int:
        raise RuntimeError("disco pieno")

    monkeypatch.setattr(personal_data, "scrub_history", broken)
    with pytest.raises(RuntimeError):
        _service(workspace).erase(referent_id)

    after = _service(workspace).export(referent_id)
    assert after["referent_records"] == before["referent_records"]
    assert after["history"] == before["history"]


def _homonyms(workspace: Workspace) -> tuple[int, int, int, int]:
    """Elena Pedrotti, ended primary of ACCENTED (with a second record there without
    e-mail), and another Elena Pedrotti, current substitute at another member with
    another e-mail."""
    members = populate_assemblies(workspace).members
    ours, theirs = members[ACCENTED], members["Cooperativa Sociale La Rete"]
    [current] = [r for r in workspace.referents.history(ours) if r.kind == "titolare"]
    workspace.referents.correct(
        current.id, referent_input("Elena", "Pedrotti", email="elena@example.it")
    )
    again = workspace.referents.set_referent(
        ours, ReferentKind.SUBSTITUTE, referent_input("ELENA", "pedrotti", email="")
    )
    workspace.referents.set_referent(ours, ReferentKind.PRIMARY, referent_input("Anna", "Nuova"))
    workspace.referents.end(ours, ReferentKind.SUBSTITUTE, date.today())
    other = workspace.referents.add_referent(
        theirs, ReferentKind.SUBSTITUTE, referent_input("Elena", "Pedrotti", email="ep@rete.it")
    )
    return current.id, again, other, theirs


def test_a_same_name_person_at_another_member_is_a_homonym_never_touched(
    workspace: Workspace, tmp_path: Path
) -> None:
    elena, again, other, theirs = _homonyms(workspace)
    service = _service(workspace)
    logged_before = _logged(workspace, "referent", other)

    data = service.export(elena)
    assert [r["id"] for r in data["referent_records"]] == [elena, again]
    assert data["person"]["emails"] == ["elena@example.it"]
    [homonym] = data["possible_homonyms"]
    assert (homonym["id"], homonym["email"], homonym["member_id"]) == (other, "ep@rete.it", theirs)
    [line] = service.homonyms(elena)
    assert "Elena Pedrotti" in line and "ep@rete.it" in line and "La Rete" in line
    assert service.refusal(elena) is None  # the other Elena's current role is hers
    target = tmp_path / "elena.pdf"
    service.export_pdf(elena, target)
    text = " ".join(read_pdf(target.read_bytes()).text.split())
    assert "Possibili omonimi" in text and "ep@rete.it" in text

    result = service.erase(elena)

    assert result.referent_ids == (elena, again)
    rows = {r.id: r for r in workspace.referents.list_all(include_past=True)}
    assert rows[again].full_name == f"Referente cessato n. {again}"
    untouched = rows[other]
    assert (untouched.full_name, untouched.email, untouched.erased_on) == (
        "Elena Pedrotti", "ep@rete.it", None,
    )  # fmt: skip
    logged_after = _logged(workspace, "referent", other)
    assert logged_after == logged_before


def _sent_message(workspace: Workspace, body: str) -> int:
    row = workspace.outbox.compose(
        "centro.economiasolidale@provincia.tn.it", "Cambio di referente", body, []
    )
    workspace.outbox.send(row.id, lambda _email: None, sender="segreteria@des.it")
    return row.id


def test_messages_to_the_centro_are_exported_kept_and_scrubbed_from_the_log(
    workspace: Workspace,
) -> None:
    referent_id, _minutes = _ended_nicolo(workspace)
    message = _sent_message(
        workspace, f"Il nuovo referente sostituisce {NICOLO} (nicolo@example.it).\n"
    )
    unrelated = _sent_message(workspace, "Buongiorno, nessun nome qui.\n")
    service = _service(workspace)

    [exported] = service.export(referent_id)["outbox_messages"]
    assert exported["id"] == message and exported["status"] == "sent"

    result = service.erase(referent_id)

    [line] = result.outbox
    assert "messaggio inviato al Centro il" in line and "«Cambio di referente»" in line
    assert line in result.kept and "Messaggi al Centro" in result.message()
    [(body,)] = raw_rows(workspace, "SELECT body FROM outbox_message WHERE id = ?", message)
    logged = raw_rows(
        workspace,
        "SELECT record_id, coalesce(before, '') || coalesce(after, '') FROM change_log"
        " WHERE table_name = 'outbox_message'",
    )
    assert "nicolo@example.it" in body  # what was sent stays as it was sent
    assert {record for record, _text in logged} == {message, unrelated}
    assert not any("nicolo@example.it" in text or "Dell'Antonio" in text for _r, text in logged)
    assert any("nessun nome" in text for record, text in logged if record == unrelated)


def test_free_text_naming_the_person_is_reported_with_where(
    workspace: Workspace, tmp_path: Path
) -> None:
    from desdesk.check_schemas import GrowthActionInput
    from desdesk.domain.enums import OfficeKind
    from desdesk.schemas import OfficeInput, TaskInput

    district = populate_assemblies(workspace)
    member = district.members[ACCENTED]
    referent_id = _nicolo(workspace, member)
    workspace.attendance.add_guest(district.held, "nicolo@example.it")
    workspace.minutes.approve(district.minutes, date(2026, 11, 20))
    other = district.members["Cooperativa Sociale La Rete"]
    workspace.growth.add(GrowthActionInput(date(2026, 5, 1), f"Presentazione con {NICOLO}"))
    workspace.offices.assign(
        OfficeInput(OfficeKind.TREASURER.value, "Maria Rossi", date(2025, 1, 1),
                    notes=f"Subentra a {NICOLO}")
    )  # fmt: skip
    workspace.tasks.add(TaskInput(other, "Chiamare dell'antonio nicolò per la festa", None))
    workspace.referents.set_referent(member, ReferentKind.PRIMARY, referent_input("Anna", "Nuova"))
    service = _service(workspace)

    mentions = service.export(referent_id)["other_mentions"]
    assert {(m["table"], tuple(m["fields"])) for m in mentions} == {
        ("growth_action", ("description",)), ("guest", ("name",)), ("office", ("notes",)),
        ("task", ("description",)),
    }  # fmt: skip
    target = tmp_path / "nicolo.pdf"
    service.export_pdf(referent_id, target)
    text = " ".join(read_pdf(target.read_bytes()).text.split())
    assert "Altri testi che nominano la persona" in text and "Subentra a" in text
    result = service.erase(referent_id)

    where = "\n".join(result.traces)
    for label in ("Azione di crescita", "Ospite", "Carica", "Compito"):
        assert label.casefold() in where.casefold(), label
    assert "cronologia delle modifiche" in where  # the growth action's log row names him
    assert "compaiono ancora, non modificati" in result.message()


def test_the_result_speaks_of_backups_and_counts_records_in_italian(
    workspace: Workspace,
) -> None:
    referent_id, _minutes = _ended_nicolo(workspace)
    message = _service(workspace).erase(referent_id).message()
    assert "in 1 scheda di referente" in message
    assert "Il nome resta, senza modifiche, in questi atti con valore legale:" in message
    assert "ripeti allora la cancellazione" in message
    if workspace.on_server:  # no desdesk backups; the server keeps old row versions
        assert "i backup del server fatti prima della cancellazione contengono" in message
        assert "VACUUM" in message and "amministratore" in message
        assert "al massimo circa" not in message
    else:
        assert "I backup fatti prima della cancellazione contengono ancora questi dati" in message
        assert "al massimo circa 12 mesi" in message


@pytest.mark.district_file
def test_connections_overwrite_deleted_content() -> None:
    """python.org's SQLite leaves secure_delete off: every connection turns it on."""
    from desdesk.db.engine import _on_connect

    conn = sqlite3.connect(":memory:")
    conn.execute("PRAGMA secure_delete = OFF")  # as a build without SQLITE_SECURE_DELETE
    _on_connect(conn, None)
    assert conn.execute("PRAGMA secure_delete").fetchone() == (1,)


@pytest.mark.district_file
def test_the_erased_email_is_nowhere_in_the_file(
    district_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desdesk.db import engine
    from desdesk.schemas import DistrictProfile
    from desdesk.services.workspace import create_workspace

    original = engine._on_connect

    def default_off(dbapi_connection: sqlite3.Connection, record: object) -> None:
        dbapi_connection.execute("PRAGMA secure_delete = OFF")  # python.org's default
        original(dbapi_connection, record)

    monkeypatch.setattr(engine, "_on_connect", default_off)
    email = b"nicolo@example.it"
    wal = district_path.with_name(district_path.name + "-wal")
    workspace = create_workspace(
        district_path,
        DistrictProfile(name="DES Vallagarina", kind="territoriale", territory="Vallagarina"),
    )
    try:
        referent_id, _minutes = _ended_nicolo(workspace)
        workspace.history.set_actor("Segreteria")  # more log rows, more pages
        assert email in district_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
        _service(workspace).erase(referent_id)
        # Right after the erasure: the WAL folded in and truncated, old pages zeroed.
        assert email not in district_path.read_bytes()
        assert not wal.exists() or email not in wal.read_bytes()
    finally:
        workspace.close()
    assert email not in district_path.read_bytes()
    assert not wal.exists() or email not in wal.read_bytes()


def test_a_member_added_with_its_referent_keeps_the_legal_basis_and_notice(
    workspace: Workspace,
) -> None:
    from desdesk.domain.enums import ReferentKind
    from tests.factories import member_input, referent_input

    notice = date(2026, 3, 1)
    member = workspace.members.add(
        member_input("GAS Primiero"),
        referent_input(legal_basis="contratto", notice_given_on=notice),
    )

    current = workspace.referents.current(member)[ReferentKind.PRIMARY]
    assert (current.legal_basis, current.notice_given_on) == ("contratto", notice)
