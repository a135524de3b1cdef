"""Preferenze › Posta: the fields, well-formed addresses only, forgetting the password."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QDialog

from desdesk import settings
from desdesk.services import mail_secrets
from desdesk.ui.dialogs.preferences import PreferencesDialog
from tests.gui.mail_fixtures import memory_keyring
from tests.smtp_servers import MemoryKeyring


@pytest.fixture(autouse=True)
def keyring_backend() -> Iterator[MemoryKeyring]:
    with memory_keyring() as backend:
        yield backend


def test_mail_fields_are_written_into_the_preferences_on_ok(qtbot) -> None:  # type: ignore[no-untyped-def]
    prefs = settings.Preferences()
    dialog = PreferencesDialog(prefs)
    qtbot.addWidget(dialog)
    assert dialog.tabs.tabText(1) == "Posta"
    assert dialog.port_spin.value() == 587
    assert dialog.security_combo.currentData() == "starttls"
    dialog.centro_edit.setText(" Centro@Provincia.tn.it ")
    dialog.sender_edit.setText("segreteria@des.it")
    dialog.host_edit.setText(" smtp.des.it ")
    dialog.security_combo.setCurrentIndex(dialog.security_combo.findData("ssl"))
    assert dialog.port_spin.value() == 465  # the usual port follows the security
    dialog.user_edit.setText("segreteria")
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert prefs.centro_email == "Centro@provincia.tn.it"  # the domain is normalised
    assert (prefs.sender_email, prefs.smtp_host) == ("segreteria@des.it", "smtp.des.it")
    assert (prefs.smtp_port, prefs.smtp_security, prefs.smtp_user) == (465, "ssl", "segreteria")


def test_a_wrong_address_keeps_the_dialog_open(qtbot) -> None:  # type: ignore[no-untyped-def]
    prefs = settings.Preferences(centro_email="centro@provincia.tn.it")
    dialog = PreferencesDialog(prefs)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.centro_edit.setText("centro@")
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.tabs.currentIndex() == 1
    assert dialog.mail_form.error_text("centro_email") == "Indirizzo e-mail “centro@” non valido."
    assert prefs.centro_email == "centro@provincia.tn.it"


def test_forget_the_kept_password(qtbot, keyring_backend: MemoryKeyring) -> None:  # type: ignore[no-untyped-def]
    prefs = settings.Preferences(smtp_host="smtp.des.it", smtp_user="segreteria")
    empty = PreferencesDialog(prefs)
    qtbot.addWidget(empty)
    assert not empty.forget_button.isEnabled()
    mail_secrets.store_password("smtp.des.it", "segreteria", "segreta")
    dialog = PreferencesDialog(prefs)
    qtbot.addWidget(dialog)
    assert dialog.forget_button.isEnabled()
    dialog.forget_button.click()
    assert keyring_backend.store == {}
    assert not dialog.forget_button.isEnabled()
