"""Districts on a PostgreSQL server: creating, opening, upgrading, several officers at once.

Collected only under `make test-postgres` (tests/postgres/conftest.py).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy.engine import make_url

from desdesk.db.district_file import DistrictFileError, NewerVersionFile, NotADistrictFile
from desdesk.db.models import Office
from desdesk.db.schema import HEAD_REVISION, MIGRATIONS_DIR
from desdesk.db.server import make_server_engine
from desdesk.domain.errors import ValidationFailed
from desdesk.schemas import DistrictProfile, OfficeInput
from desdesk.services.base import one_at_a_time
from desdesk.services.workspace import Workspace, create_district, open_workspace
from tests.factories import member_input
from tests.postgres.databases import drop_database, empty_database, server_under_test
from tests.raw_sql import raw_execute, raw_rows

PROFILE = DistrictProfile(name="DES Valsugana", kind="territoriale", territory="Valsugana")


@pytest.fixture
def empty_url() -> Iterator[str]:
    base = server_under_test()
    assert base is not None
    url = empty_database(base)
    yield url
    drop_database(url)


def _tables(url: str) -> int:
    engine, _actor = make_server_engine(url)
    try:
        with engine.connect() as connection:
            return int(
                connection.exec_driver_sql(
                    "SELECT count(*) FROM information_schema.tables"
                    " WHERE table_schema = current_schema()"
                ).scalar_one()
            )
    finally:
        engine.dispose()


def test_a_district_is_created_in_an_empty_database_and_opened(empty_url: str) -> None:
    create_district(empty_url, PROFILE)
    with open_workspace(empty_url, actor="Anna Rossi") as workspace:
        assert workspace.on_server and workspace.path is None
        assert workspace.district.profile().name == "DES Valsugana"
        assert "password" not in workspace.location
        revision = raw_rows(workspace, "SELECT version_num FROM alembic_version")
    assert revision == [(HEAD_REVISION,)]


def test_an_empty_database_is_not_a_district(empty_url: str) -> None:
    with pytest.raises(NotADistrictFile) as refused:
        open_workspace(empty_url)
    assert "non contiene un distretto" in refused.value.message
    assert _tables(empty_url) == 0  # nothing written to it


def test_a_district_is_created_only_in_an_empty_database(workspace: Workspace) -> None:
    assert workspace.file.url is not None
    with pytest.raises(DistrictFileError) as refused:
        create_district(workspace.file.url, PROFILE)
    assert "non è vuoto" in refused.value.message
    assert workspace.district.profile().name == "DES Vallagarina"


def test_a_failed_creation_leaves_the_database_empty(empty_url: str) -> None:
    def populate(workspace: Workspace) -> None:
        workspace.members.add(member_input("Bottega Equa"))
        raise RuntimeError("the demo generator broke")

    with pytest.raises(RuntimeError):
        create_district(empty_url, PROFILE, populate)
    assert _tables(empty_url) == 0
    create_district(empty_url, PROFILE)  # and it can be used again


def test_a_missing_database_is_named_in_plain_words() -> None:
    base = server_under_test()
    assert base is not None
    url = make_url(base).set(database="non_esiste").render_as_string(hide_password=False)
    with pytest.raises(DistrictFileError) as refused:
        open_workspace(url)
    assert "non esiste sul server" in refused.value.message


def test_a_database_of_a_newer_desdesk_is_left_alone(workspace: Workspace) -> None:
    assert workspace.file.url is not None
    raw_execute(workspace, "UPDATE alembic_version SET version_num = '0999_future'")
    with pytest.raises(NewerVersionFile):
        open_workspace(workspace.file.url)
    assert raw_rows(workspace, "SELECT version_num FROM alembic_version") == [("0999_future",)]


def test_an_older_database_is_upgraded_with_its_data(empty_url: str) -> None:
    engine, _actor = make_server_engine(empty_url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "0008_personal_data")
            connection.exec_driver_sql(
                "INSERT INTO district (name, kind, mission, description, uid, governance,"
                " business_plan, notice_days,"
                " first_call_quorum_percent, second_call_quorum_minimum, proxies_per_member,"
                " exclusion_threshold, updated_at)"
                " VALUES ('DES Valsugana', 'territoriale', '', '', 'u1', '{}', '{}', 8, 50, 3, 1, 3,"
                " now())"
            )
    finally:
        engine.dispose()
    with open_workspace(empty_url) as workspace:
        assert workspace.district.profile().name == "DES Valsugana"
        member_id = workspace.members.add(member_input("Bottega Equa"))
        assert workspace.members.get(member_id).version == 1
        assert raw_rows(workspace, "SELECT version_num FROM alembic_version") == [(HEAD_REVISION,)]


def test_each_officer_is_named_in_the_history(workspace: Workspace) -> None:
    assert workspace.file.url is not None
    workspace.file.actor.actor = "Anna Rossi"  # type: ignore[union-attr]
    with open_workspace(workspace.file.url, actor="Bruno Zeni") as other:
        first = workspace.members.add(member_input("Bottega Equa"))
        second = other.members.add(member_input("Gruppo d'Acquisto Solidale", tax_code=""))
        workspace.members.update(first, member_input("Bottega Equa e Solidale"))
    rows = raw_rows(
        workspace,
        "SELECT record_id, action, actor FROM change_log WHERE table_name = 'member' ORDER BY id",
    )
    assert rows == [
        (first, "insert", "Anna Rossi"),
        (second, "insert", "Bruno Zeni"),
        (first, "update", "Anna Rossi"),
    ]


def test_two_officers_appointing_a_coordinator_at_once_are_taken_in_turn(
    workspace: Workspace,
) -> None:
    """The rule «one coordinator at a time» is checked then written: on a server the
    second officer waits for the first and then sees her appointment."""
    assert workspace.file.url is not None
    term = OfficeInput(kind="coordinatore", person_name="Anna Rossi", start_date=date(2026, 1, 1))
    outcome: list[object] = []
    with open_workspace(workspace.file.url, actor="Bruno Zeni") as other:

        def bruno() -> None:
            try:
                outcome.append(other.offices.assign(replace(term, person_name="Bruno Zeni")))
            except ValidationFailed as exc:
                outcome.append(exc)

        with workspace.sessions() as session:  # Anna, inside her transaction
            one_at_a_time(session, "office:coordinatore")
            waiting = threading.Thread(target=bruno)
            waiting.start()
            waiting.join(0.5)
            assert waiting.is_alive()  # Bruno waits for Anna
            session.add(
                Office(kind="coordinatore", person_name="Anna Rossi", start_date=term.start_date)
            )
            session.commit()
        waiting.join(10)
    [refused] = outcome
    assert isinstance(refused, ValidationFailed)
    assert [t.person_name for t in workspace.offices.terms()] == ["Anna Rossi"]
