"""The agreement's template language: placeholders known, problems named, filling."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desdesk.domain.agreement_template import (
    BLANK,
    PLACEHOLDERS,
    Block,
    BlockKind,
    check_template,
    default_template,
    fill,
    template_problems,
    used_placeholders,
)
from desdesk.domain.errors import ValidationFailed

ARTICLES = (
    "Oggetto",
    "Finalità e obiettivi",
    "Filiera",
    "Governance e assemblea",
    "Coordinatore e referente esterno",
    "Impegni degli aderenti",
    "Risorse e quote",
    "Durata",
    "Adesione di nuovi membri",
    "Recesso ed esclusione",
    "Rendicontazione annuale",
    "Trattamento dei dati personali",
)


def test_every_placeholder_of_the_default_text_is_known() -> None:
    text = default_template()
    assert template_problems(text) == []
    assert used_placeholders(text) <= set(PLACEHOLDERS)
    check_template(text)  # does not raise


def test_the_default_text_has_premises_and_every_article_in_order() -> None:
    headings = [b.text for b in fill(default_template(), {}) if b.kind is BlockKind.HEADING]
    assert headings[0] == "Premesse"
    titles = [heading.split(" — ", 1)[1] for heading in headings[1:]]
    assert titles[: len(ARTICLES)] == list(ARTICLES)
    numbers = [heading.split(" — ", 1)[0] for heading in headings[1:]]
    assert numbers == [f"Art. {n}" for n in range(1, len(numbers) + 1)]


def test_the_default_text_cites_the_law_the_delibera_and_the_threshold() -> None:
    text = default_template()
    assert "legge provinciale 17 giugno 2010, n. 13" in text
    assert "n. 1949 del 27 novembre 2020" in text
    assert "a {{soglia_assenze}} assemblee consecutive" in text
    assert "{{durata_anni}} anni" in text


def test_an_unknown_placeholder_is_named_with_its_line_and_a_suggestion() -> None:
    text = "# Art. 1 — Oggetto\n\nIl distretto {{nome_distrettto}} nasce.\nAltro {{ boh }}."
    problems = template_problems(text)
    assert problems == [
        "Segnaposto sconosciuto {{nome_distrettto}} alla riga 3: forse {{nome_distretto}}?",
        "Segnaposto sconosciuto {{boh}} alla riga 4: scegli uno di quelli dell'elenco.",
    ]


def test_a_refused_template_raises_one_problem_per_mistake_on_the_template_field() -> None:
    with pytest.raises(ValidationFailed) as raised:
        check_template("Primo {{nome_distrettto}}\nSecondo {{anno")
    fields = [problem.field for problem in raised.value.problems]
    assert fields == ["template", "template"]
    assert "{{nome_distrettto}} alla riga 1" in raised.value.problems[0].message
    assert raised.value.problems[1].message == (
        "Alla riga 2 c'è «{{» senza «}}»: chiudi il segnaposto."
    )


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Aperto {{anno e mai chiuso", "Alla riga 1 c'è «{{» senza «}}»: chiudi il segnaposto."),
        ("Chiuso anno}} senza aprire", "Alla riga 1 c'è «}}» senza «{{» prima."),
        ("Vuoto {{ }} qui", "Alla riga 1 c'è un segnaposto vuoto «{{}}»."),
        ("Doppio {{ {{anno}}", "Alla riga 1 c'è «{{» senza «}}»: chiudi il segnaposto."),
    ],
)
def test_malformed_braces_are_refused(line: str, expected: str) -> None:
    assert template_problems(line) == [expected]


def test_a_placeholder_cannot_span_two_lines() -> None:
    problems = template_problems("Il {{nome_\ndistretto}}")
    assert problems == [
        "Alla riga 1 c'è «{{» senza «}}»: chiudi il segnaposto.",
        "Alla riga 2 c'è «}}» senza «{{» prima.",
    ]


def test_an_empty_text_is_refused() -> None:
    assert template_problems("  \n\n") == ["Il testo dell'accordo è vuoto."]


def test_spaces_inside_the_braces_are_allowed() -> None:
    assert template_problems("Anno {{ anno }} e {{anno}}") == []
    assert fill("Anno {{ anno }}.", {"anno": "2026"}) == [Block(BlockKind.PARAGRAPH, "Anno 2026.")]


def test_filling_headings_paragraphs_and_bullets() -> None:
    text = (
        "Premessa del {{nome_distretto}}\ncontinua qui.\n\n"
        "# Art. 1 — Oggetto\n- Territorio: {{territorio}}\n- Sede: {{sede}}\n"
        "Dopo l'elenco."
    )
    values = {"nome_distretto": "DES Vallagarina", "territorio": "Vallagarina", "sede": ""}
    assert fill(text, values) == [
        Block(BlockKind.PARAGRAPH, "Premessa del DES Vallagarina continua qui."),
        Block(BlockKind.HEADING, "Art. 1 — Oggetto"),
        Block(BlockKind.BULLET, "Territorio: Vallagarina"),
        Block(BlockKind.BULLET, f"Sede: {BLANK}"),
        Block(BlockKind.PARAGRAPH, "Dopo l'elenco."),
    ]


def test_a_list_value_alone_on_its_line_becomes_bullets_and_inline_is_joined() -> None:
    values = {"obiettivi": "Primo obiettivo\nSecondo obiettivo"}
    assert fill("- {{obiettivi}}", values) == [
        Block(BlockKind.BULLET, "Primo obiettivo"),
        Block(BlockKind.BULLET, "Secondo obiettivo"),
    ]
    assert fill("{{obiettivi}}", values) == [
        Block(BlockKind.BULLET, "Primo obiettivo"),
        Block(BlockKind.BULLET, "Secondo obiettivo"),
    ]
    assert fill("Obiettivi: {{obiettivi}}.", values) == [
        Block(BlockKind.PARAGRAPH, "Obiettivi: Primo obiettivo; Secondo obiettivo.")
    ]


def test_missing_values_print_as_a_blank_line_never_an_error() -> None:
    blocks = fill("Coordinatore: {{coordinatore}}\n- {{obiettivi}}", {"coordinatore": "  "})
    assert blocks == [
        Block(BlockKind.PARAGRAPH, f"Coordinatore: {BLANK}"),
        Block(BlockKind.BULLET, BLANK),
    ]


def test_every_placeholder_has_an_italian_description() -> None:
    assert all(description.strip() for description in PLACEHOLDERS.values())
    assert {"nome_distretto", "soglia_assenze", "quota_annua", "obiettivi"} <= set(PLACEHOLDERS)


@given(st.text(alphabet=st.sampled_from(list("{}#- \nab_xé{}")), max_size=200))
def test_arbitrary_text_never_crashes_the_check_or_the_filling(text: str) -> None:
    problems = template_problems(text)
    assert all(isinstance(problem, str) and problem for problem in problems)
    if not problems:
        assert all(block.text is not None for block in fill(text, {}))


@given(st.text(max_size=300))
def test_any_unicode_text_is_checked_without_crashing(text: str) -> None:
    problems = template_problems(text)
    assert isinstance(problems, list)
    assert (not text.strip()) == (problems == ["Il testo dell'accordo è vuoto."])
