"""Labels that say opposite things (WordNet antonyms, a negation on one side only), the soft
cosine of related words, and blocking on related words."""

from __future__ import annotations

import numpy as np
import pytest

import procmine.match as pm
from procmine.match import _scored_pairs, match_activities, match_models
from procmine.match._profile import from_models
from procmine.match._score import MatchWeights, Scorer, describe
from procmine.model import ProcessMap
from procmine.text.english import antonyms
from tests.conftest import chain_models, line_map


def matched(result: object) -> set[tuple[str, str]]:
    return {(r.activity_a, r.activity_b) for r in result.pairs.itertuples()}  # type: ignore[attr-defined]


def test_wordnet_gives_antonyms_of_words_in_use_and_of_the_words_they_derive_from() -> None:
    assert "reject" in antonyms("accept")
    assert "rejection" in antonyms("acceptance")
    assert "accept" in antonyms("rejected")  # an inflected form
    assert "disapprove" in antonyms("approval")  # approval derives from approve
    assert antonyms("send") == frozenset()


def _decision_maps(decision_b: str) -> dict[str, ProcessMap]:
    """Two departments whose last steps fill the same data after the same steps."""

    def pmap(dept: str, decision: str) -> ProcessMap:
        steps = [
            ("Take ticket", "system", ()),
            ("Fill in claim form", "resident", ("氏名", "住所")),
            (decision, "staff", ("氏名", "住所", "生年月日")),
        ]
        return line_map(
            dept,
            [(label, {"performer": p, "median_minutes": 4.0}, f) for label, p, f in steps],
        )

    return {"A": pmap("A", "Approve claim"), "B": pmap("B", decision_b)}


def _pair(maps: dict[str, ProcessMap], a: str, b: str, weights: MatchWeights) -> dict[str, float]:
    from procmine.match._profile import from_maps

    profiles = from_maps(maps, None)
    scorer = Scorer(profiles.items, weights)
    pairs = _scored_pairs(scorer, 0.001)
    names = [(it.department, it.name) for it in profiles.items]
    row = pairs.row(names.index(("A", a)), names.index(("B", b)))
    assert row is not None
    row["evidence"] = describe(  # type: ignore[assignment]
        profiles.items, names.index(("A", a)), names.index(("B", b)), row
    )
    return row


def test_antonyms_count_against_a_pair_but_strong_data_evidence_can_outweigh_them() -> None:
    maps = _decision_maps("Disapprove claim")
    row = _pair(maps, "Approve claim", "Disapprove claim", MatchWeights())
    assert row["opposite"] == 1.0 and row["label_similarity"] == 0.0
    assert "opposite words (approve vs disapprove)" in str(row["evidence"])
    without = _pair(maps, "Approve claim", "Disapprove claim", MatchWeights(antonym=0.0))
    assert row["score"] < without["score"]
    same = _pair(_decision_maps("Approve claim"), "Approve claim", "Approve claim", MatchWeights())
    assert same["opposite"] == 0.0 and same["score"] > row["score"]


def test_send_acceptance_and_send_rejection_stay_apart() -> None:
    steps = ["Receive application", "Check documents", "{}", "Archive file"]
    chains = [
        [s.format("Send acceptance") for s in steps],
        [s.format("Send rejection") for s in steps],
        [s.format("Send letter of acceptance") for s in steps],
    ]
    pairs = matched(match_models(chain_models(*chains)))
    assert ("Check documents", "Check documents") in pairs
    assert not {p for p in pairs if "Send rejection" in p}


def test_a_label_that_alone_negates_something_counts_against_the_pair() -> None:
    chains = (
        ["Receive application", "Conduct interview", "Send letter"],
        ["Check documents", "Not take interview", "Send decision"],
    )
    assert ("Conduct interview", "Not take interview") not in matched(
        match_models(chain_models(*chains))
    )
    loose = match_models(chain_models(*chains), weights=MatchWeights(lone_negation=0.0))
    assert ("Conduct interview", "Not take interview") in matched(loose)


def test_soft_cosine_is_normalised_by_the_soft_norms() -> None:
    """A label holding two related words (receive, accept) is not taken for the same as
    a label with one of them: without the soft norms its word cosine passes 1 (0.90)."""
    profiles = from_models(chain_models(["Receive acceptance"], ["Acceptance"]))
    scorer = Scorer(profiles.items, MatchWeights())
    assert scorer.soft_norm[0] > 1.0
    assert 0.5 < scorer.label(np.array([0]), np.array([1]))[0] < 0.8
    # the soft cosine of two labels with the same words stays 1
    same = Scorer(
        from_models(chain_models(["Receive acceptance"], ["acceptance received"])).items,
        MatchWeights(),
    )
    soft = same.words_soft[0].multiply(same.words[1]).sum() / (
        same.soft_norm[0] * same.soft_norm[1]
    )
    assert soft == pytest.approx(1.0)


def test_blocking_compares_labels_that_share_only_related_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above ALL_PAIRS_LIMIT candidate pairs come from blocking: Enrollment / Matriculate
    (related in WordNet, late in their models, no word in common) are still compared."""
    chains = (
        ["Open file", "Scan passport", "Weigh parcel", "Print label", "Enrollment", "Archive"],
        ["Start case", "Photograph visa", "Measure box", "Print label", "Matriculate", "Archive"],
    )
    assert ("Enrollment", "Matriculate") in matched(match_models(chain_models(*chains)))
    monkeypatch.setattr(pm, "ALL_PAIRS_LIMIT", 2)
    assert ("Enrollment", "Matriculate") in matched(match_models(chain_models(*chains)))


def test_negation_and_antonyms_leave_unrelated_event_logs_alone() -> None:
    result = match_activities(_decision_maps("Approve claim"))
    assert ("Approve claim", "Approve claim") in matched(result)
