"""The mail preferences: saved and read back, tolerant of old and damaged files, and
never a password."""

from __future__ import annotations

import json

from desdesk import settings


def test_mail_preferences_round_trip_without_password() -> None:
    prefs = settings.Preferences(
        centro_email="centro@provincia.tn.it",
        sender_email="segreteria@des.it",
        smtp_host="smtp.des.it",
        smtp_port=465,
        smtp_security="ssl",
        smtp_user="segreteria",
    )
    settings.save(prefs)
    assert settings.load() == prefs
    stored = json.loads(settings.preferences_file().read_text(encoding="utf-8"))
    assert not any("password" in key for key in stored)


def test_a_file_written_before_the_mail_settings_gives_their_defaults() -> None:
    file = settings.preferences_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(json.dumps({"language": "en", "secretary_name": "Anna"}), encoding="utf-8")
    prefs = settings.load()
    assert (prefs.language, prefs.secretary_name) == ("en", "Anna")
    assert (prefs.centro_email, prefs.smtp_host, prefs.smtp_user) == ("", "", "")
    assert (prefs.smtp_port, prefs.smtp_security) == (587, "starttls")


def test_wrong_mail_values_fall_back_one_by_one() -> None:
    file = settings.preferences_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    raw = {
        "smtp_host": " smtp.des.it ",
        "smtp_port": 70000,
        "smtp_security": "tls1.0",
        "smtp_user": 42,
        "centro_email": ["not", "text"],
    }
    file.write_text(json.dumps(raw), encoding="utf-8")
    prefs = settings.load()
    assert prefs.smtp_host == "smtp.des.it"
    assert (prefs.smtp_port, prefs.smtp_security) == (587, "starttls")
    assert (prefs.smtp_user, prefs.centro_email) == ("", "")
    file.write_text(json.dumps({"smtp_port": True}), encoding="utf-8")
    assert settings.load().smtp_port == 587


def test_a_file_that_is_not_an_object_gives_the_defaults() -> None:
    file = settings.preferences_file()
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text("[1, 2]", encoding="utf-8")
    assert settings.load() == settings.Preferences()
