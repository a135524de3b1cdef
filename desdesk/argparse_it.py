"""Italian for argparse's own words (usage, errors, help), which Python ships in English."""

from __future__ import annotations

import argparse

from desdesk.i18n import current_language

_ITALIAN = {
    "usage: ": "uso: ",
    "positional arguments": "argomenti",
    "options": "opzioni",
    "show this help message and exit": "mostra questo aiuto ed esci",
    "show program's version number and exit": "mostra la versione ed esci",
    "%(prog)s: error: %(message)s\n": "%(prog)s: errore: %(message)s\n",
    "the following arguments are required: %s": "mancano questi argomenti: %s",
    "unrecognized arguments: %s": "argomenti non riconosciuti: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "scelta non valida: %(value)r (scegli tra %(choices)s)",
    "invalid %(type)s value: %(value)r": "valore non valido: %(value)r",
    "expected one argument": "serve un valore",
    "argument %(argument_name)s: %(message)s": "argomento %(argument_name)s: %(message)s",
    "one of the arguments %s is required": "serve uno di questi argomenti: %s",
    "not allowed with argument %s": "non ammesso insieme a %s",
}


def _translate(message: str) -> str:
    if current_language() == "it":
        return _ITALIAN.get(message, message)
    return message


def _ntranslate(singular: str, plural: str, n: int) -> str:
    return _translate(singular if n == 1 else plural)


def install() -> None:
    """Route argparse's messages through `_translate` (idempotent)."""
    argparse._ = _translate  # type: ignore[attr-defined]
    argparse.ngettext = _ntranslate  # type: ignore[attr-defined]
