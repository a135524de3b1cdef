"""The legal representative typed in the member dialog signs for the member in the agreement."""

from __future__ import annotations

from desdesk.services.workspace import Workspace
from desdesk.ui.dialogs.agreement_template import AgreementTemplateDialog
from desdesk.ui.dialogs.member_dialog import MemberDialog
from desdesk.ui.widgets.forms import select_data
from tests.factories import VALID_ORG_CODES
from tests.gui.test_agreement_template_dialog import preview_text


def test_a_new_members_legal_representative_is_stored(qtbot, workspace: Workspace) -> None:  # type: ignore[no-untyped-def]
    dialog = MemberDialog(workspace)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.name_edit, "Associazione Il Ponte")
    select_data(dialog.legal_form, "associazione")
    qtbot.keyClicks(dialog.tax_code, VALID_ORG_CODES[0])
    qtbot.keyClicks(dialog.legal_representative, "  Chiara Pedrotti ")
    dialog.save()
    assert dialog.result() == 1
    assert dialog.saved_id is not None
    stored = workspace.members.get(dialog.saved_id).data
    assert stored.legal_representative == "Chiara Pedrotti"


def test_an_edited_legal_representative_reaches_the_agreement_preview(
    qtbot,  # type: ignore[no-untyped-def]
    populated: Workspace,
) -> None:
    (rete,) = [row for row in populated.members.list_rows() if row.name.endswith("La Rete")]
    dialog = MemberDialog(populated, rete.id)
    qtbot.addWidget(dialog)
    assert dialog.legal_representative.text() == ""
    qtbot.keyClicks(dialog.legal_representative, "Giulia Bertolini")
    dialog.save()
    assert dialog.result() == 1
    reopened = MemberDialog(populated, rete.id)
    qtbot.addWidget(reopened)
    assert reopened.legal_representative.text() == "Giulia Bertolini"

    editor = AgreementTemplateDialog(populated)
    qtbot.addWidget(editor)
    qtbot.waitUntil(lambda: not editor.building, timeout=5000)  # built on a pool thread
    shown = preview_text(editor)
    assert shown.count("Giulia Bertolini") == 2  # the parties' table and the signature block
    assert shown.count("Il legale rappresentante") == 4
