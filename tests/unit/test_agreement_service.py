"""The agreement service on a real district file: the stored template and the values."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from desdesk.domain.agreement_template import BLANK, default_template
from desdesk.domain.errors import ValidationFailed
from desdesk.money_schemas import FinancialYearInput
from desdesk.schemas import DistrictProfile, FoundingDocumentInput, ObjectiveInput, OfficeInput
from desdesk.services.workspace import Workspace, create_workspace, open_workspace
from tests.factories import VALID_ORG_CODES, member_input

TODAY = date.today()
EDITED = default_template().replace(
    "Il distretto è una rete di collaborazione",
    "Gli aderenti si incontrano ogni mese. Il distretto è una rete di collaborazione",
)


def test_without_a_saved_text_the_template_is_the_default(workspace: Workspace) -> None:
    assert workspace.agreement.template() == default_template()
    assert workspace.agreement.is_default()


def test_a_saved_template_is_kept_in_the_district_file(
    workspace: Workspace, district_path: Path
) -> None:
    assert default_template() != EDITED
    workspace.agreement.save_template(EDITED)
    assert workspace.agreement.template() == EDITED
    assert not workspace.agreement.is_default()
    where = workspace.file.url or district_path  # a server district is reopened by address
    workspace.close()
    with open_workspace(where) as reopened:
        assert reopened.agreement.template() == EDITED
        reopened.agreement.save_template(EDITED + "\nUltima riga.")
        assert reopened.agreement.template().endswith("Ultima riga.")


def test_a_template_with_an_unknown_placeholder_is_refused_and_nothing_changes(
    workspace: Workspace,
) -> None:
    workspace.agreement.save_template(EDITED)
    bad = EDITED + "\n\nFirmato a {{luogo_firma}}."
    with pytest.raises(ValidationFailed) as raised:
        workspace.agreement.save_template(bad)
    problem = raised.value.problems[0]
    assert problem.field == "template"
    assert "Segnaposto sconosciuto {{luogo_firma}} alla riga" in problem.message
    assert workspace.agreement.template() == EDITED
    with pytest.raises(ValidationFailed, match=r"\{\{luogo_firma\}\}"):
        workspace.agreement.pdf(bad)


def test_reset_goes_back_to_the_default_text(workspace: Workspace) -> None:
    workspace.agreement.save_template(EDITED)
    workspace.agreement.reset_template()
    assert workspace.agreement.template() == default_template()
    assert workspace.agreement.is_default()
    workspace.agreement.reset_template()  # nothing saved: still fine
    assert workspace.agreement.is_default()


def test_placeholders_come_with_descriptions(workspace: Workspace) -> None:
    placeholders = workspace.agreement.placeholders()
    assert placeholders["soglia_assenze"].startswith("Assenze consecutive")
    assert set(placeholders) >= {"coordinatore", "referente_esterno", "tesoriere"}


def _populated(workspace: Workspace) -> dict[str, int]:
    members = workspace.members
    ids = {
        "rete": members.add(
            member_input(
                "Cooperativa Sociale La Rete",
                legal_representative="Anna Zeni",
                supply_chain_roles=["produzione", "consumo"],
            )
        ),
        "cassa": members.add(
            member_input(
                "Cassa Rurale Alta Vallagarina",
                legal_form="cooperativa",
                tax_code=VALID_ORG_CODES[1],
                supply_chain_roles=["finanziamento"],
            )
        ),
        "ex": members.add(
            member_input("Associazione Uscita", legal_form="associazione", tax_code="")
        ),
    }
    members.withdraw(ids["ex"], TODAY, "Recesso")
    workspace.offices.assign(
        OfficeInput("coordinatore", "Marco Tomasi", date(2024, 1, 1), member_id=ids["rete"])
    )
    workspace.offices.assign(OfficeInput("referente_esterno", "Lucia Broll", date(2024, 1, 1)))
    workspace.assemblies.update_rules(
        replace(workspace.assemblies.rules(), exclusion_threshold=4, notice_days=12)
    )
    workspace.budget.open_year(FinancialYearInput(2026, default_fee=Decimal("1250.50")))
    workspace.district.add_objective(
        ObjectiveInput(
            "Cento famiglie nei GAS",
            target_value=Decimal(100),
            target_unit="famiglie",
            deadline=date(2028, 12, 31),
        )
    )
    workspace.district.add_objective(ObjectiveInput("Mercato contadino mensile"))
    return ids


def test_values_come_from_the_district_data(workspace: Workspace) -> None:
    _populated(workspace)
    values = workspace.agreement.values(today=date(2027, 3, 1))
    assert values["nome_distretto"] == "DES Vallagarina"
    assert values["tipo_distretto"] == "territoriale"
    assert values["territorio"] == "Vallagarina"
    assert values["coordinatore"] == "Marco Tomasi (Cooperativa Sociale La Rete)"
    assert values["referente_esterno"] == "Lucia Broll"
    assert values["tesoriere"] == "da nominare"
    assert values["soglia_assenze"] == "4"
    assert values["preavviso_convocazione"] == "12"
    assert values["quota_annua"] == "da stabilire"  # 2027 is not open: no fee yet
    assert values["numero_aderenti"] == "2"
    assert values["elenco_aderenti"] == "Cassa Rurale Alta Vallagarina, Cooperativa Sociale La Rete"
    assert values["filiera"] == "finanziamento, produzione e consumo"
    assert values["aderenti_per_filiera"].splitlines() == [
        "Finanziamento: Cassa Rurale Alta Vallagarina",
        "Produzione: Cooperativa Sociale La Rete",
        "Consumo: Cooperativa Sociale La Rete",
    ]
    assert values["obiettivi"].splitlines() == [
        "Cento famiglie nei GAS — traguardo: 100 famiglie — entro il 31/12/2028",
        "Mercato contadino mensile",
    ]
    assert values["durata_anni"] == "3"
    assert values["data"] == "01/03/2027"
    assert values["anno"] == "2027"
    assert values["scadenza_rendicontazione"] == "30 giugno"
    assert values["quorum_prima_convocazione"] == "più della metà degli aderenti"


def test_the_current_years_fee_is_printed_as_money(workspace: Workspace) -> None:
    _populated(workspace)
    fee = workspace.agreement.values(today=date(2026, 5, 1))["quota_annua"]
    assert fee == "1.250,50\u00a0€"


def test_the_duration_follows_the_recorded_agreement_and_is_never_below_three(
    workspace: Workspace,
) -> None:
    district = workspace.district
    district.add_document(
        FoundingDocumentInput(
            "accordo", "Accordo 2025", date(2025, 1, 10), True, valid_until=date(2030, 1, 9)
        )
    )
    assert workspace.agreement.values()["durata_anni"] == "5"
    district.add_document(
        FoundingDocumentInput(
            "accordo", "Accordo breve", date(2026, 1, 10), True, valid_until=date(2027, 1, 9)
        )
    )
    assert workspace.agreement.values()["durata_anni"] == "3"


def test_missing_data_gives_blank_values_and_blank_lines_in_the_text(
    workspace: Workspace,
) -> None:
    values = workspace.agreement.values()
    for name in ("sede", "luogo", "missione", "obiettivi", "data_costituzione", "filiera"):
        assert values[name] == "", name
    assert values["coordinatore"] == values["tesoriere"] == "da nominare"
    assert values["numero_aderenti"] == "0"
    from desdesk.domain.agreement_template import fill

    texts = [block.text for block in fill(workspace.agreement.template(), values)]
    assert f"Data di costituzione: {BLANK}" in texts
    assert any(
        text.startswith(f"Il distretto persegue la seguente missione: {BLANK}") for text in texts
    )


def test_the_legal_representative_is_stored_with_the_member(workspace: Workspace) -> None:
    member_id = workspace.members.add(member_input(legal_representative="  Anna Zeni "))
    assert workspace.members.get(member_id).data.legal_representative == "Anna Zeni"
    data = replace(workspace.members.get(member_id).data, legal_representative="Paolo Bona")
    workspace.members.update(member_id, data)
    assert workspace.members.get(member_id).data.legal_representative == "Paolo Bona"


def test_a_thematic_district_covers_the_province_and_names_its_sector(tmp_path: Path) -> None:
    profile = DistrictProfile(name="DES Finanza Etica", kind="tematico", sector=7)
    with create_workspace(tmp_path / "tematico.des", profile) as thematic:
        values = thematic.agreement.values()
    assert values["tipo_distretto"] == "tematico"
    assert values["settore"] == "Finanza etica"
    assert values["territorio"] == "l'intero territorio della Provincia autonoma di Trento"


def test_a_territorial_district_has_no_sector_of_its_own(workspace: Workspace) -> None:
    assert workspace.agreement.values()["settore"] == "nessuno in particolare (DES territoriale)"
