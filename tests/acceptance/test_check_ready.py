"""A district built through the services to meet every constitution requirement
(C1–C12) is reported ready by `desdesk check --phase costituzione --json`; take one
requirement away and the check names it, at level errore, with exit 1."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from desdesk.domain.assembly_calendar import add_months
from desdesk.domain.check_types import BUSINESS_PLAN_SECTIONS
from desdesk.domain.enums import OfficeKind, ReferentKind
from desdesk.main import main
from desdesk.money_schemas import InvestmentInput
from desdesk.schemas import (
    AgendaItemInput,
    AssemblyInput,
    DistrictProfile,
    FoundingDocumentInput,
    ObjectiveInput,
    OfficeInput,
)
from desdesk.services.workspace import Workspace, create_workspace, open_workspace
from tests.factories import VALID_ORG_CODES, member_input, referent_input

CONSTITUTION_RULES = [f"C{n}" for n in range(1, 13)]
FORECAST_YEARS = 3


def run_check(path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, Any]]]:
    code = main(["check", str(path), "--phase", "costituzione", "--json"])
    out, err = capsys.readouterr()
    assert err == ""
    return code, json.loads(out)


def by_rule(findings: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        grouped.setdefault(finding["rule"], []).append(finding)
    return grouped


# -- a district that meets C1–C12, built as a secretary would ------------------------


def add_members(ws: Workspace, today: date) -> dict[str, int]:
    """Three members of three natures and legal forms covering the whole supply chain,
    each with a primary referent (with contacts) and a substitute (C1–C4, C9)."""
    joined = today - timedelta(days=200)
    specs = {
        "coop": member_input(
            "Cooperativa Sociale La Rete",
            tax_code=VALID_ORG_CODES[1],
            supply_chain_roles=["produzione", "distribuzione"],
            joined_on=joined,
        ),
        "comune": member_input(
            "Comune di Rovereto",
            legal_form="comune",
            tax_code=VALID_ORG_CODES[0],
            email="ambiente@comune.rovereto.example.it",
            aes_subscriber=False,
            disciplinari=[],
            supply_chain_roles=["consumo"],
            joined_on=joined,
        ),
        "bank": member_input(
            "Cassa Rurale Vallagarina",
            legal_form="cooperativa",
            tax_code=VALID_ORG_CODES[2],
            email="info@crvallagarina.example.it",
            aes_subscriber=False,
            disciplinari=[],
            supply_chain_roles=["finanziamento"],
            joined_on=joined,
        ),
    }
    people = {
        "coop": (("Giulia", "Bertolini"), ("Sara", "Tomasi")),
        "comune": (("Marco", "Pilati"), ("Anna", "Zandonai")),
        "bank": (("Luca", "Festi"), ("Elena", "Cont")),
    }
    ids = {}
    for key, data in specs.items():
        (first, last), (sub_first, sub_last) = people[key]
        member_id = ws.members.add(data, referent_input(first, last, start_date=joined))
        ws.referents.set_referent(
            member_id,
            ReferentKind.SUBSTITUTE,
            referent_input(sub_first, sub_last, role="Vicepresidente"),
            since=joined,
        )
        ids[key] = member_id
    return ids


def build_ready_district(path: Path, today: date) -> dict[str, int]:
    """Every constitution requirement met, through the services; returns the ids the
    tests take requirements away from."""
    founded = today - timedelta(days=200)
    profile = DistrictProfile(
        name="DES Vallagarina",
        kind="territoriale",
        territory="Vallagarina",
        founding_date=founded,
        mission="Una rete di economia solidale che unisce chi produce, distribuisce, "
        "consuma e finanzia in Vallagarina.",
    )
    with create_workspace(path, profile) as ws:
        ws.district.update_profile(
            replace(
                ws.district.profile(),
                governance="L'assemblea dei membri decide; nomina un coordinatore e un "
                "referente esterno e si riunisce almeno ogni sei mesi.",
                business_plan={
                    code: f"Testo della sezione «{code}» del piano."
                    for code, _ in BUSINESS_PLAN_SECTIONS
                },
            )
        )
        ids = add_members(ws, today)
        start = today - timedelta(days=100)
        coordinator = ws.offices.assign(
            OfficeInput(OfficeKind.COORDINATOR.value, "Giulia Bertolini", start, ids["coop"])
        )
        external = ws.offices.assign(
            OfficeInput(OfficeKind.EXTERNAL_REFERENT.value, "Marco Pilati", start, ids["comune"])
        )
        ws.district.add_objective(
            ObjectiveInput(
                "Prodotti locali nelle mense",
                target_value=Decimal(30),
                target_unit="% della spesa alimentare",
                deadline=add_months(today, 24),
            )
        )
        agreement = ws.district.add_document(
            FoundingDocumentInput(
                kind="accordo",
                title="Accordo di partenariato",
                document_date=founded,
                approved=True,
                valid_until=add_months(founded, 36),
            )
        )
        ws.assemblies.plan(
            AssemblyInput(
                first_call_date=min(today + timedelta(days=7), date(today.year, 12, 31)),
                first_call_time=time(20, 30),
                title="Assemblea dei membri",
                place="Sala civica, Rovereto",
            ),
            [AgendaItemInput("Programma dell'anno")],
        )
        add_financial_plan(ws, today)
    return {"coordinator": coordinator, "external": external, "agreement": agreement, **ids}


def add_financial_plan(ws: Workspace, today: date) -> None:
    """An initial investment and the next three years' plan with private and public
    funding (C11)."""
    ws.budget.add_investment(
        InvestmentInput("Cella frigorifera per la logistica", Decimal("4800.00"), today.year)
    )
    leaves = {node.code: node.id for node in ws.budget.category_nodes()}
    for ahead in range(1, FORECAST_YEARS + 1):
        ws.budget.set_plan(
            today.year + ahead,
            {
                leaves["EA1"]: Decimal("3000.00"),  # membership fees
                leaves["EA8"]: Decimal("2000.00"),  # contributions from public bodies
                leaves["UE2"]: Decimal("4500.00"),
            },
        )


# -- the tests ---------------------------------------------------------------------------


def test_a_district_meeting_every_requirement_is_ready(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "pronto.des"
    build_ready_district(path, date.today())
    code, findings = run_check(path, capsys)
    rules = by_rule(findings)
    assert sorted(rules, key=lambda r: int(r[1:])) == CONSTITUTION_RULES
    not_ok = [(f["rule"], f["level"], f["message"]) for f in findings if f["level"] != "ok"]
    assert not_ok == []
    assert code == 0
    for finding in findings:
        assert finding["message"] and finding["source"]
        assert finding["target"] is None or finding["target"]["section"]


def test_ending_the_coordinators_term_fails_c5(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "pronto.des"
    today = date.today()
    ids = build_ready_district(path, today)
    with open_workspace(path) as ws:
        ws.offices.end_term(ids["coordinator"], today - timedelta(days=1))
    code, findings = run_check(path, capsys)
    assert code == 1
    errors = [f for f in findings if f["level"] == "errore"]
    assert [f["rule"] for f in errors] == ["C5"]
    assert "coordinat" in errors[0]["message"].lower()
    assert errors[0]["target"]["section"] == "offices"
    others = [f for f in findings if f["rule"] != "C5"]
    assert {f["level"] for f in others} == {"ok"}


def test_an_agreement_shorter_than_three_years_fails_c12(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "pronto.des"
    today = date.today()
    ids = build_ready_district(path, today)
    with open_workspace(path) as ws:
        (document,) = ws.district.documents()
        ws.district.update_document(
            ids["agreement"],
            FoundingDocumentInput(
                kind=document.kind,
                title=document.title,
                document_date=document.document_date,
                approved=True,
                valid_until=add_months(document.document_date or today, 36) - timedelta(days=1),
            ),
        )
    code, findings = run_check(path, capsys)
    assert code == 1
    errors = [f for f in findings if f["level"] == "errore"]
    assert [f["rule"] for f in errors] == ["C12"]
    assert "meno di 3 anni" in errors[0]["message"]
    assert errors[0]["target"] == {
        "section": "district",
        "record": "document",
        "id": ids["agreement"],
    }


def test_a_member_leaving_drops_the_district_below_three_members(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "pronto.des"
    today = date.today()
    ids = build_ready_district(path, today)
    with open_workspace(path) as ws:
        ws.members.withdraw(ids["bank"], today - timedelta(days=1), "Recesso")
    code, findings = run_check(path, capsys)
    assert code == 1
    rules = by_rule(findings)
    assert [f["level"] for f in rules["C1"]] == ["errore"]
    assert rules["C1"][0]["message"].startswith("2 aderenti attivi")
    # The bank was the only one financing the chain: C9 now warns about it.
    assert any(f["level"] == "avviso" and "finanz" in f["message"].lower() for f in rules["C9"])
