"""The scoring core: evidence that two activities of different departments are one task.

Each piece of evidence adds to (or takes from) the log-odds that a pair is the same work;
the confidence of a pair is the logistic of the sum. A piece that is unknown for a pair
(no durations in a process model, no data fields, no resources) adds nothing, so models
are judged on labels and structure alone and event logs on everything they show.

label
    TF-IDF cosine of word terms plus Sudachi synonym groups, mixed with the cosine of
    character n-grams. Inverse document frequency is taken over all activities being
    matched, so a word that many activities share (確認, 受付, 交付, 通知, "send") weighs
    little. A term that only one department uses (its own procedure: 国保, 児童手当 …)
    cannot make two departments' work alike, so it weighs ``own_term_weight`` of its IDF.
    When one label negates a word the other states (非課税 vs 課税, 不許可 vs 許可, "Not
    take interview" vs "Take interview"; see :func:`procmine.text.normalize.negation`),
    the shared words say the opposite of sameness: the label similarity is 0, and the
    negation counts against the pair by itself (``negation``), so that shared data and
    neighbours (a permit and a refusal sent from the same record) do not make it one task.
    English words that WordNet relates (Enrollment / Matriculate,
    Check / Examine) count as ``synonym`` or ``hypernym`` of one word in a soft cosine
    (normalised by the soft norms of both labels). Words that WordNet gives as antonyms
    (Send acceptance / Send rejection) make the label similarity 0 and count against the
    pair (``antonym``, weaker than a negation); a label that negates something the other
    does not say at all ("Not take interview" vs "Conduct interview") counts against it
    a little (``lone_negation``). English words that a label says only in brackets (a
    qualifier or an abbreviation: "Picking (Lean WM)") weigh ``bracketed`` of their IDF.
states
    Process models that put states around their elements (the events of an EPC: "Invoice
    received" before "Verify invoice", "Invoice verified" after it): the TF-IDF cosine of
    the words of those states. Two functions between the same states are one step whatever
    their labels say ("Imputed Costs - Plan" / "Cost Accrual - Plan", both between "Cost
    Center Plan Data Exists" and "Planned Costs Accrued"); states that differ say nothing
    against a pair (a model of another granularity puts other states around one step).
fields
    IDF-weighted Jaccard index and containment of the common data fields filled (fields
    that several departments capture), scaled by how much information the smaller field
    set holds: two activities both capturing 氏名・住所・生年月日・電話番号 are strong
    evidence, different fields strong counter-evidence; only one capturing fields is
    weak counter-evidence.
performer
    Agreement of the performer mixes (resident / staff / system / external shares) counts
    in proportion to how rare the shared class is; a mismatch counts against, except that
    resident vs staff counts little (a form the resident fills at the counter is often
    recorded under the clerk who receives it).
role
    Where the step happens: the share done on the day the case began (counter work vs
    back office), the relative position in the case, the wait before it, and whether the
    data it captures was already captured earlier in the case (re-keying vs first capture).
    A difference counts in proportion to the support of the rarer step
    (:data:`ROLE_PSEUDO_EVENTS`): a statistic of one or two events is not a pattern.
duration
    Median handling minutes, where both maps measured them from an end column.
context
    Similarity flooding: predecessors and successors (with virtual start and end) are
    compared through the current confidences of their pairs, for ``context_rounds``
    rounds; a pair whose neighbours match (both right after a queue ticket, both before
    the same kind of step) gains.
record vs copy
    With the authoritative columns (the system of record of each field): a staff step
    that fills several fields of the record is the update itself, not a re-keying of it,
    so it is kept apart from the steps that copy the same data into other systems.
object
    Off-site steps (back office, batch, external bodies) that share no data must name the
    same object, not just the same verb: 納税通知書発送 and 入学通知書発送 share 通知書発送
    but not what is notified. Words that several departments use (通知書, 発送, 審査, 交付)
    are generic; the rest of a label is its object.
action
    The head action of a label (check, key into a register, take in a filing, issue a
    document, answer an inquiry): different kinds count against (学齢簿住所照合 vs
    手帳台帳住所更新; 課税状況照会 vs 課税状況照会回答); the same kind counts for steps that
    share their data (要介護認定申請の受付 and 国保資格届記入 both take in a filing).
cooccurrence
    Optional: the share of visits in which the same resident had both activities (as
    evidence for, only for counter work on the day).
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from procmine.match._profile import END, PERFORMERS, START, Item
from procmine.text.english import antonyms, english_words, related_words, stem
from procmine.text.normalize import LabelTerms, negation

#: Information (nats, of the smaller field set) at which the field evidence is full.
FIELD_INFO_FULL = 6.0
#: Largest difference of log waiting minutes that counts against a pair (beyond, the
#: difference is counter work vs back office, which ``same_day`` measures).
WAIT_CAP_NATS = 2.0
#: Pairs scored per vectorised chunk.
CHUNK = 400_000
#: Power of the inverse document frequency in label weights (2: generic words count less).
IDF_POWER = 1.0
#: Events added to the support of role statistics: the counter-evidence of a step's role
#: (same day, position, wait, re-keying) counts in proportion to ``n / (n + ROLE_PSEUDO_EVENTS)``
#: of the rarer step, so a statistic measured on a handful of events (one late claim) does
#: not count like one measured on hundreds.
ROLE_PSEUDO_EVENTS = 5.0


@dataclass(frozen=True)
class MatchWeights:
    """Weights of the evidence that two activities are the same work (log-odds units).

    The confidence of a pair is ``1 / (1 + exp(-z))`` with ``z = prior + Σ evidence``.
    Every term is documented with its value at the ends of its range.

    Attributes
    ----------
    prior : float, default -0.5
        Log-odds before any evidence for activities of event logs.
    prior_labels_only : float, default -2.5
        Log-odds before any evidence when one of the two activities has nothing but a label
        and neighbours (process models): the same label evidence must then carry more.
    label : float, default 6.0
        Label evidence per unit of label similarity (identical labels: ``+label``).
    label_floor : float, default 0.6
        Evidence of two labels that share nothing: ``-label_floor``.
    word_share : float, default 0.7
        Share of word terms (vs. character n-grams) in the label similarity.
    own_term_weight : float, default 0.3
        Weight of a term that only one department uses, relative to its IDF.
    fields : float, default 5.0
        Field evidence per unit of field similarity, at full information.
    fields_floor : float, default 2.0
        Field evidence of two informative field sets that share nothing: ``-fields_floor``.
    fields_one : float, default 1.0
        Counter-evidence when only one activity captures common fields.
    performer : float, default 0.8
        Evidence of a shared performer class per nat of its rarity.
    performer_cap : float, default 2.5
        Largest rarity (nats) a shared performer class counts for.
    performer_mismatch : float, default 2.0
        Counter-evidence of completely different performer mixes.
    resident_staff : float, default 0.3
        Share of ``performer_mismatch`` charged for resident vs staff.
    same_day : float, default 3.0
        Counter-evidence of counter work vs back office (same-day shares 1 vs 0).
    position : float, default 1.5
        Counter-evidence of opposite relative positions in the case (0 vs 1).
    recapture : float, default 1.5
        Counter-evidence of first capture vs re-keying of the same data (shares 0 vs 1).
    night : float, default 3.0
        Counter-evidence of a step done at night (a batch run, a mailing) vs one done in
        the day (shares of events between 22:00 and 06:00 of 1 vs 0): a ticket machine
        and a night batch are both the system, and both alone in their cases.
    wait : float, default 0.4
        Counter-evidence per nat of difference in log waiting minutes before the step.
    duration : float, default 0.6
        Counter-evidence per nat of difference in log median handling minutes.
    role_bonus : float, default 0.3
        Evidence of each role statistic that agrees closely.
    context : float, default 3.0
        Evidence per unit of neighbourhood similarity above ``context_neutral``.
    context_neutral : float, default 0.35
        Neighbourhood similarity that is neither evidence nor counter-evidence.
    context_rounds : int, default 2
        Rounds of similarity flooding.
    cooccurrence : float, default 2.0
        Evidence per unit of co-occurrence share above ``context_neutral``, when given;
        positive evidence counts in proportion to how much both steps are counter work
        on the day (co-occurrence of back-office or batch steps says little).
    authoritative : float, default 8.0
        Counter-evidence when one step fills the system of record of the data both fill
        (authoritative columns, staff or system work) and the other fills a department
        copy: the authoritative update is not a re-keying of itself (shares 1 vs 0).
    action : float, default 1.5
        Counter-evidence of labels whose head actions are of different kinds (checking
        data vs keying it into a register vs issuing a document; see
        :data:`procmine.text.normalize.ACTIONS`).
    action_same : float, default 1.0
        Evidence of labels whose head actions are of the same kind when both steps fill
        common data they share (taking in a filing, keying into a register), in
        proportion to the behaviour gate: receiving one procedure's application and
        another's notification is one kind of work, keying either into a ledger another.
    object : float, default 3.0
        Counter-evidence of off-site steps (back office, batch, external bodies: low
        ``same_day``), and of two steps taking in a filing, that share no data and whose
        labels name different objects: the words left after removing the generic ones
        (used by several departments: 通知書, 発送, 審査, 交付 …) do not agree (納税通知書
        vs 入学通知書, 資格取得届受付 vs 入居申込受付).
    negation : float, default 3.0
        Counter-evidence of labels of which exactly one negates a word the other states
        (非課税 vs 課税, "Not take interview" vs "Take interview"), besides their label
        similarity counting as 0.
    antonym : float, default 1.5
        Counter-evidence of labels of which one states an English word and the other a
        WordNet antonym of it (in a sense in use, or of the word it derives from: accept
        / reject, acceptance / rejection), besides their label similarity counting as 0.
        Smaller than ``negation``: strong data evidence can still outweigh it.
    lone_negation : float, default 1.5
        Counter-evidence of labels of which only one negates anything, and a word that the
        other does not say ("Not take interview" vs "Conduct interview"); their label
        similarity stands.
    synonym : float, default 0.7
        How much two different English words that WordNet gives one sense in use (or one
        derived from the other's: enrollment, enroll) count as the same word in the label
        similarity (1: as if spelled alike).
    hypernym : float, default 0.6
        The same for a word whose sense is directly broader than one of the other's
        (enroll, matriculate). Words under one broader sense (accept, reject) and
        antonyms are not related.
    bracketed : float, default 0.5
        Weight, relative to its IDF, of an English term that a label says only inside
        brackets while it says other English words outside them (1: like any other word;
        0: ignored).
    states : float, default 3.0
        Evidence per unit of similarity above ``context_neutral`` of the states that two
        model elements sit between (the events before and after an EPC function: like
        the neighbourhood, which they are); nothing below it.
    namesakes : float, default 6.0
        Counter-evidence of two different labels each of which the other's department also
        uses: each step has its counterpart there under its own name (BPIC 2015's
        municipalities share one vendor's step codes, HOOFD_010, HOOFD_020 …).
    """

    prior: float = -0.5
    prior_labels_only: float = -2.5
    label: float = 4.5
    label_floor: float = 1.5
    word_share: float = 0.7
    own_term_weight: float = 0.3
    fields: float = 5.0
    fields_floor: float = 2.0
    fields_one: float = 0.3
    performer: float = 0.8
    performer_cap: float = 2.5
    performer_mismatch: float = 2.0
    resident_staff: float = 0.3
    same_day: float = 3.0
    position: float = 1.5
    recapture: float = 1.5
    night: float = 3.0
    wait: float = 0.4
    duration: float = 0.6
    role_bonus: float = 0.3
    context: float = 3.0
    context_neutral: float = 0.35
    context_rounds: int = 2
    cooccurrence: float = 2.0
    authoritative: float = 8.0
    action: float = 1.5
    action_same: float = 1.0
    object: float = 3.0
    negation: float = 3.0
    antonym: float = 1.5
    lone_negation: float = 1.5
    synonym: float = 0.7
    hypernym: float = 0.6
    bracketed: float = 0.5
    states: float = 3.0
    namesakes: float = 6.0
    #: one step is about data (its label names it, it records it: an account registered)
    #: that the other, recording other data, neither names nor records
    focal: float = 3.0


#: Label similarity at least of two labels taking the same kind of action on one of these
#: concepts (the party's identity, income, guidance, a queue ticket), whatever their words.
CONCEPT_LABEL = 0.6
#: The same where one of the two is a model element (no behaviour to add evidence): enough
#: for a label-only pair to pass the threshold (see ``MatchWeights.prior_labels_only``).
CONCEPT_LABEL_MODEL = 0.7
_KIND_CONCEPTS = frozenset(
    {
        "con:party",
        "con:income",
        "con:guidance",
        "con:ticket",
        "con:register",
        "con:account",
        "con:mynumber",
        "con:writing",
        "con:rekey",
    }
)
#: Words of a bare step of a procedure, naming no object (Sudachi normalised forms, English
#: stems): two labels of nothing else say the same verb, not the same work.
BARE_STEPS = frozenset(
    {"受け付け", "審査", "決定", "通知", "交付", "入力", "登録", "処理", "完了", "認定", "決裁",
     "差し戻し", "取り下げ", "取り消し", "取消", "受理", "発送", "送付",
     "receiv", "review", "decis", "decid", "notif", "notic", "issu", "approv", "complet",
     "process", "regist", "enter", "input", "send", "sent"}
)  # fmt: skip
#: Label similarity at most of two bare steps.
BARE_LABEL = 0.3
#: Concepts of the data a step is about, with the type of the field that holds it: a step
#: whose label names the data and that records it (振込口座の登録 recording the account, 所得照会
#: the income) is about that data; a step that records other data but neither names nor
#: records it (母子台帳への登録: name, address, phone) is other work, whatever data the two share.
FOCAL_FIELDS = {"con:account": "bank_account", "con:income": "income"}
#: Label words of the resident writing a form (Sudachi normalised forms, English stems).
WRITING = frozenset({"記入", "fill", "form"})
#: A term used by at least this share of the departments (and at least
#: :data:`GENERIC_MIN_DEPARTMENTS`) is generic: an action or document word, not an object.
GENERIC_SHARE = 0.3
GENERIC_MIN_DEPARTMENTS = 3
#: Fields of the system of record a step must fill to be taken for the record update.
MIN_RECORD_FIELDS = 2


def _idf(df: np.ndarray, n: int) -> np.ndarray:
    out: np.ndarray = np.log((n + 1.0) / (df + 1.0)) + 0.2
    return out


def _matrix(
    docs: Sequence[Sequence[str]],
    dept: np.ndarray,
    own_weight: float,
    minor: Sequence[Collection[str]] = (),
    minor_weight: float = 1.0,
) -> tuple[object, np.ndarray, dict[str, int]]:
    """Row-normalised TF-IDF (binary tf) CSR matrix, document frequencies and the column
    of each term; terms used by one department only are down-weighted by ``own_weight``,
    and the terms ``minor[r]`` of document ``r`` by ``minor_weight``."""
    from scipy import sparse

    vocab: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    tf: list[float] = []
    for r, doc in enumerate(docs):
        lesser = minor[r] if r < len(minor) else ()
        for term in dict.fromkeys(doc):
            rows.append(r)
            cols.append(vocab.setdefault(term, len(vocab)))
            tf.append(minor_weight if term in lesser else 1.0)
    n = len(docs)
    r_arr = np.asarray(rows, dtype=np.int64)
    c_arr = np.asarray(cols, dtype=np.int64)
    df = np.bincount(c_arr, minlength=len(vocab)).astype(float)
    weight = _idf(df, n) ** IDF_POWER
    if len(c_arr) and len(np.unique(dept)) > 1:
        pairs = np.unique(np.stack([c_arr, dept[r_arr]], axis=1), axis=0)
        ndept = np.bincount(pairs[:, 0], minlength=len(vocab))
        weight = weight * np.where(ndept <= 1, own_weight, 1.0)
    data = weight[c_arr] * np.asarray(tf) if len(c_arr) else np.zeros(0)
    mat = sparse.csr_matrix((data, (r_arr, c_arr)), shape=(n, len(vocab)), dtype=float)
    norms = np.sqrt(np.asarray(mat.multiply(mat).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    normed = sparse.diags(1.0 / norms) @ mat
    return normed.tocsr(), df, vocab


def _synonymy(
    related: Sequence[tuple[str, str, str]], vocab: dict[str, int], weight: float, broader: float
) -> object | None:
    """Term × term matrix: 1 on the diagonal and ``weight`` between the stems of English
    words that WordNet relates (``related``, see :func:`procmine.text.english.related_words`);
    None when no two words of the labels are related (or no WordNet is installed)."""
    from scipy import sparse

    cells: dict[tuple[int, int], float] = {}
    for a, b, how in related:
        ca, cb = vocab.get(stem(a)), vocab.get(stem(b))
        if ca is not None and cb is not None and ca != cb:
            value = weight if how == "synonym" else broader
            for key in ((ca, cb), (cb, ca)):
                cells[key] = max(cells.get(key, 0.0), value)
    cells = {k: v for k, v in cells.items() if v > 0}
    if not cells:
        return None
    keys = sorted(cells)
    rows = [r for r, _ in keys]
    cols = [c for _, c in keys]
    n = len(vocab)
    related = sparse.csr_matrix(([cells[k] for k in keys], (rows, cols)), shape=(n, n))
    return (sparse.identity(n, format="csr") + related).tocsr()


def _against(terms: LabelTerms) -> tuple[set[str], set[str]]:
    """Words a label says the opposite of, as stems (or Sudachi forms), minus those it
    states: the words it only negates ("Not take interview": take); and the WordNet
    antonyms of the English words it states plainly ("Send rejection": accept,
    acceptance)."""
    stated = set(terms.stated)
    plain = stated - set(terms.negated)
    negated = set(terms.negated) - stated
    opposed = {
        stem(x) for w in english_words(terms.normalized) if stem(w) in plain for x in antonyms(w)
    }
    return negated, opposed - stated


def opposition(a: LabelTerms, b: LabelTerms) -> str:
    """What one of two labels says the opposite of in the other, for the evidence
    sentence: ``"take"`` (one label negates it), ``"reject vs accept"`` (antonyms);
    ``""`` when nothing."""
    word = negation(a, b)
    if word:
        return word
    for x, y in ((a, b), (b, a)):
        plain = set(y.stated) - set(y.negated)
        _, opposed = _against(x)
        if opposed & plain:
            mine = [
                w for w in english_words(x.normalized) if {stem(v) for v in antonyms(w)} & plain
            ]
            other = [w for w in english_words(y.normalized) if stem(w) in opposed]
            return f"{mine[0]} vs {other[0]}" if mine and other else ""
    return ""


def _soft_norm(soft: object, plain: object) -> np.ndarray:
    """Soft norm of each row (``sqrt(w S wᵀ)``, ``soft = w S``); 1 for empty rows."""
    out = np.sqrt(np.asarray(soft.multiply(plain).sum(axis=1)).ravel())  # type: ignore[attr-defined]
    return np.where(out > 0, out, 1.0)


def _rowdot(mat: object, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    if len(i) == 0:
        return np.zeros(0)
    prod = mat[i].multiply(mat[j])  # type: ignore[index]
    return np.asarray(prod.sum(axis=1)).ravel()


def _crossdot(left: object, right: object, i: np.ndarray, j: np.ndarray) -> np.ndarray:
    """Row ``i`` of ``left`` times row ``j`` of ``right``, per pair."""
    if len(i) == 0:
        return np.zeros(0)
    prod = left[i].multiply(right[j])  # type: ignore[index]
    return np.asarray(prod.sum(axis=1)).ravel()


def _mix(ws: float, plain: np.ndarray, soft: np.ndarray, gram: np.ndarray) -> np.ndarray:
    """Label similarity: the word cosine (``soft``: with related words counting as
    alike) and the character n-gram cosine mixed by ``ws``. What related words add to
    the word cosine (``soft - plain``) is added to the n-gram cosine too: related words
    are spelled differently, so their n-grams cannot agree (Enrollment / Matriculate)."""
    soft = np.minimum(1.0, soft)
    lift = np.maximum(0.0, soft - plain)
    out: np.ndarray = ws * soft + (1 - ws) * np.minimum(1.0, gram + lift)
    return out


def _logistic(z: np.ndarray) -> np.ndarray:
    out: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
    return out


class Scorer:
    """Vectorised evidence for item pairs; built once per matching run."""

    def __init__(
        self,
        items: list[Item],
        weights: MatchWeights,
        cooccurrence: dict[tuple[int, int], float] | None = None,
        *,
        branches: set[frozenset[str]] | None = None,
    ) -> None:
        from scipy import sparse

        self.items = items
        self.w = weights
        self.n = n = len(items)
        codes = {d: k for k, d in enumerate(sorted({it.department for it in items}))}
        self.dept = np.array([codes[it.department] for it in items], dtype=np.int64)
        # branches of one department (see procmine.match.branches): never listed as pairs
        self.branch = np.zeros((len(codes), len(codes)), dtype=bool)
        for pair in branches or ():
            if len(pair) == 2 and pair <= codes.keys():
                a, b = (codes[d] for d in sorted(pair))
                self.branch[a, b] = self.branch[b, a] = True
        own = weights.own_term_weight
        word_docs = [it.terms.words + it.terms.synonyms for it in items]
        gram_docs = [it.terms.grams for it in items]
        # English words said only in brackets (a qualifier) weigh less
        minor = [frozenset(it.terms.bracketed) for it in items]
        minor_grams = [frozenset(it.terms.bracketed_grams) for it in items]
        lesser = weights.bracketed
        self.words, self.word_df, vocab = _matrix(word_docs, self.dept, 1.0, minor, lesser)
        self.grams, self.gram_df, _ = _matrix(gram_docs, self.dept, 1.0, minor_grams, lesser)
        self.words_own, _, _ = _matrix(word_docs, self.dept, own, minor, lesser)
        self.grams_own, _, _ = _matrix(gram_docs, self.dept, own, minor_grams, lesser)
        # the states around model elements (EPC events), compared as word TF-IDF
        state_docs = [it.states for it in items]
        self.states, _, _ = _matrix(state_docs, self.dept, 1.0)
        self.has_states = np.array([bool(doc) for doc in state_docs], dtype=bool)
        # English words that WordNet relates count as the same word, ``synonym`` of it
        raw: set[str] = set()
        for it in items:
            raw.update(english_words(it.terms.normalized))
        related = related_words(raw)
        syn = _synonymy(related, vocab, weights.synonym, weights.hypernym)
        #: term × term matrix of related words (identity plus relations), or None
        self.synonymy = syn
        self.words_soft = (self.words @ syn).tocsr() if syn is not None else self.words  # type: ignore[operator]
        self.words_own_soft = (
            (self.words_own @ syn).tocsr() if syn is not None else self.words_own  # type: ignore[operator]
        )
        # soft norms (sqrt(w S wᵀ)): a label holding two related words (Receiving
        # acceptance letter: receive, accept) must not look more alike than it is
        self.soft_norm = _soft_norm(self.words_soft, self.words)
        self.soft_norm_own = _soft_norm(self.words_own_soft, self.words_own)
        self.norm = [it.terms.normalized for it in items]
        norm_codes = {t: k for k, t in enumerate(sorted(set(self.norm)))}
        self.norm_code = np.array([norm_codes[t] for t in self.norm], dtype=np.int64)
        # (department, label) of every item: a label's namesake in another department
        self.label_base = max(len(norm_codes), 1)
        self.named = np.unique(self.dept * self.label_base + self.norm_code)
        # fields: only fields that several departments capture can make two
        # departments' work the same; a department's own fields say nothing either way
        depts_of: dict[str, set[str]] = {}
        for it in items:
            for f in it.fields:
                depts_of.setdefault(f, set()).add(it.department)
        shared = sorted(f for f, ds in depts_of.items() if len(ds) > 1)
        fcode = {f: k for k, f in enumerate(shared)}
        rows = [r for r, it in enumerate(items) for f in sorted(it.fields) if f in fcode]
        cols = [fcode[f] for it in items for f in sorted(it.fields) if f in fcode]
        self.field_names = shared
        fmat = sparse.csr_matrix(
            (np.ones(len(rows)), (rows, cols)), shape=(n, len(shared)), dtype=float
        )
        self.field_df = np.asarray(fmat.sum(axis=0)).ravel()
        self.field_idf = _idf(self.field_df, n)
        self.fields = fmat
        self.fields_w = (
            (fmat @ sparse.diags(np.sqrt(self.field_idf))).tocsr() if len(shared) else fmat
        )
        self.field_info = np.asarray(fmat @ self.field_idf).ravel() if len(shared) else np.zeros(n)
        self.has_fields = self.field_info > 0
        # fields only one department captures: no evidence of sameness, but a step that
        # captures more than the other differs from it (施設住所 besides 住所)
        own_df: dict[str, int] = {}
        for it in items:
            for f in it.fields:
                if f not in fcode:
                    own_df[f] = own_df.get(f, 0) + 1
        own_names = sorted(own_df)
        own_idf = dict(
            zip(
                own_names,
                _idf(np.array([own_df[f] for f in own_names], dtype=float), n),
                strict=True,
            )
        )
        self.own_info = np.array(
            [sum(float(own_idf[f]) for f in it.fields if f in own_idf) for it in items]
        )
        # performer mixes and the rarity (nats) of each class
        self.shares = np.array(
            [it.shares if it.shares is not None else (np.nan,) * len(PERFORMERS) for it in items],
            dtype=float,
        ).reshape(n, len(PERFORMERS))
        known = ~np.isnan(self.shares[:, 0])
        mean = self.shares[known].mean(axis=0) if known.any() else np.ones(len(PERFORMERS))
        self.rarity = np.clip(-np.log(np.maximum(mean, 1e-3)), 0.1, 3.0)
        self.performer = np.array(
            [PERFORMERS.index(it.performer) if it.performer in PERFORMERS else -1 for it in items]
        )

        def role(key: str) -> np.ndarray:
            return np.array([it.role.get(key, np.nan) for it in items], dtype=float)

        events = np.array([max(float(it.events or 0.0), 0.0) for it in items], dtype=float)
        # support of the role statistics (1 where counts are unknown)
        self.support = np.where(events > 0, events / (events + ROLE_PSEUDO_EVENTS), 1.0)
        self.same_day = role("same_day")
        self.rel = role("relative_position")
        self.recap = role("recapture")
        self.night = role("night")
        self.wait = np.log1p(np.maximum(role("wait_minutes"), 0.0))
        self.median = np.log1p(
            np.maximum(
                np.array([it.median if it.median is not None else np.nan for it in items]), 0.0
            )
        )
        # fields each item fills in the system of record (authoritative columns)
        self.auth_known = np.array([it.authoritative is not None for it in items], dtype=bool)
        arows = [
            r for r, it in enumerate(items) for f in sorted(it.authoritative or ()) if f in fcode
        ]
        acols = [fcode[f] for it in items for f in sorted(it.authoritative or ()) if f in fcode]
        self.auth_fields = sparse.csr_matrix(
            (np.ones(len(arows)), (arows, acols)), shape=(n, len(shared)), dtype=float
        )
        self._objects(word_docs)
        self._polarity(items)
        kinds = {a: k for k, a in enumerate(sorted({it.terms.action for it in items} - {""}))}
        self.action = np.array([kinds.get(it.terms.action, -1) for it in items], dtype=np.int64)
        # concepts of the work (see CONCEPT_LABEL), as bits
        named = [{t for t in it.terms.synonyms if t in _KIND_CONCEPTS} for it in items]
        bit = {c: 1 << k for k, c in enumerate(sorted(_KIND_CONCEPTS))}
        self.concept_bits = np.array([sum(bit[c] for c in n) for n in named], dtype=np.int64)
        self.account = np.array(["con:account" in it.terms.synonyms for it in items], dtype=bool)
        self._focal(items)
        # a form the resident writes (記入, "fill in", "… form"), not a filing taken in
        self.writing = np.array([bool(WRITING.intersection(it.terms.words)) for it in items])
        # a label that is a bare step of a procedure (受付, 審査, 決定, 通知): no object named
        self.bare = np.array(
            [bool(it.terms.words) and set(it.terms.words) <= BARE_STEPS for it in items]
        )
        self.check = kinds.get("check", -2)
        # kinds of work a department may do on its own schedule (a check, a registration,
        # a filing taken in), not only at the counter: see :meth:`local`
        self.kinds_anywhere = np.array([kinds.get(k, -2) for k in ("check", "entry", "filing")])
        self.filing = kinds.get("filing", -2)
        self.issuing = kinds.get("issue", -2)
        # departments whose logs record data in some step
        self.dept_records = np.zeros(int(self.dept.max(initial=-1)) + 1, dtype=bool)
        np.logical_or.at(self.dept_records, self.dept, self.has_fields)
        self.cooc = cooccurrence or {}
        # items with evidence beyond label and structure (event logs)
        self.behaviour = (
            ~np.isnan(self.shares[:, 0])
            | self.has_fields
            | ~np.isnan(self.same_day)
            | ~np.isnan(self.median)
        )
        self._neighbour_arrays()

    def _focal(self, items: list[Item]) -> None:
        """Per item, as bits of :data:`FOCAL_FIELDS`: the data it is about (named in its
        label and recorded) and the data it is not about (neither named nor recorded, by a
        step recording other data)."""
        from procmine.fields._profile import header_type

        types = {f: header_type(f) for it in items for f in it.fields}
        about = np.zeros(len(items), dtype=np.int64)
        not_about = np.zeros(len(items), dtype=np.int64)
        for k, it in enumerate(items):
            held = {types[f] for f in it.fields}
            for bit, (concept, ftype) in enumerate(sorted(FOCAL_FIELDS.items())):
                named = concept in it.terms.synonyms
                if named and ftype in held:
                    about[k] |= 1 << bit
                elif not named and ftype not in held and it.fields:
                    not_about[k] |= 1 << bit
        self.about, self.not_about = about, not_about

    def focal_missing(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Whether one of two steps is about data the other neither names nor records."""
        return ((self.about[i] & self.not_about[j]) | (self.about[j] & self.not_about[i])) != 0

    def _objects(self, docs: Sequence[Sequence[str]]) -> None:
        """IDF-weighted and binary matrices of each label's object terms: the terms that
        fewer than the generic number of departments use."""
        from scipy import sparse

        n_dept = len(set(self.dept.tolist()))
        generic = max(GENERIC_MIN_DEPARTMENTS, math.ceil(GENERIC_SHARE * n_dept))
        users: dict[str, set[int]] = {}
        count: dict[str, int] = {}
        for r, doc in enumerate(docs):
            for term in set(doc):
                users.setdefault(term, set()).add(int(self.dept[r]))
                count[term] = count.get(term, 0) + 1
        vocab = {
            t: k for k, t in enumerate(sorted(t for t, ds in users.items() if len(ds) < generic))
        }
        terms = sorted(vocab)
        idf = dict(
            zip(terms, _idf(np.array([count[t] for t in terms], dtype=float), self.n), strict=True)
        )
        rows, cols, vals = [], [], []
        for r, doc in enumerate(docs):
            for term in sorted(set(doc)):
                if term in vocab:
                    rows.append(r)
                    cols.append(vocab[term])
                    vals.append(float(idf[term]))
        shape = (self.n, max(1, len(vocab)))
        self.obj = sparse.csr_matrix((vals, (rows, cols)), shape=shape, dtype=float)
        self.obj_bin = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape)
        self.obj_mass = np.asarray(self.obj.sum(axis=1)).ravel()

    def _polarity(self, items: list[Item]) -> None:
        """Binary matrices of the words each label says the opposite of (those it only
        negates, and the antonyms of those it states: see :func:`_against`) and of those
        it states plainly (see :func:`procmine.text.normalize.negation`)."""
        from scipy import sparse

        against = [_against(it.terms) for it in items]
        negated = [neg for neg, _ in against]
        opposed = [opp for _, opp in against]
        plain = [set(it.terms.stated) - set(it.terms.negated) for it in items]
        vocab = {t: k for k, t in enumerate(sorted(set().union(*negated, *opposed)))}
        shape = (self.n, max(1, len(vocab)))

        def matrix(docs: list[set[str]]) -> object:
            cells = [(r, vocab[t]) for r, doc in enumerate(docs) for t in sorted(doc) if t in vocab]
            rows = [r for r, _ in cells]
            cols = [c for _, c in cells]
            return sparse.csr_matrix((np.ones(len(cells)), (rows, cols)), shape=shape)

        self.neg_only = matrix(negated)
        self.opp_only = matrix(opposed)
        self.neg_plain = matrix(plain)
        self.has_negation = np.array([bool(doc) for doc in negated], dtype=bool)
        self.has_opposite = np.array([bool(doc) for doc in opposed], dtype=bool)

    def negation(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """1 where exactly one label of the pair negates a word the other states, else 0."""
        return self._says_opposite(i, j, self.neg_only, self.has_negation)

    def opposite(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """1 where one label states a word of which WordNet gives an antonym that the other
        states (accept / reject), else 0."""
        return self._says_opposite(i, j, self.opp_only, self.has_opposite)

    def _says_opposite(
        self, i: np.ndarray, j: np.ndarray, against: object, has: np.ndarray
    ) -> np.ndarray:
        out = np.zeros(len(i))
        live = has[i] | has[j]
        if not live.any():
            return out
        a, b = i[live], j[live]
        hits = _crossdot(against, self.neg_plain, a, b)
        hits += _crossdot(against, self.neg_plain, b, a)
        out[live] = (hits > 0).astype(float)
        return out

    def authority(self, i: np.ndarray, j: np.ndarray, shared: np.ndarray) -> np.ndarray:
        """Difference of the shares of the data two steps both fill that each fills in the
        system of record (0 where unknown, where the record side fills fewer than
        :data:`MIN_RECORD_FIELDS` fields of the record, is mostly the resident's own
        writing: a form, not the update, or when both steps are checks: an identity
        check at the system of record's counter reads the record like the others, it
        does not update it)."""
        out = np.zeros(len(i))
        live = shared & self.auth_known[i] & self.auth_known[j]
        if not live.any() or not len(self.field_names):
            return out
        a, b = i[live], j[live]
        fields, held = self.fields, self.auth_fields
        common = _rowdot(fields, a, b)
        held_a = np.asarray(held[a].multiply(fields[b]).sum(axis=1)).ravel()  # type: ignore[index]
        held_b = np.asarray(fields[a].multiply(held[b]).sum(axis=1)).ravel()  # type: ignore[index]
        with np.errstate(invalid="ignore", divide="ignore"):
            share_a = np.where(common > 0, held_a / common, 0.0)
            share_b = np.where(common > 0, held_b / common, 0.0)
        resident = np.nan_to_num(self.shares[:, 0])
        record_resident = np.where(share_a >= share_b, resident[a], resident[b])
        # a record update writes several fields of the record; a step filling one field that
        # its department happens to keep as the reference copy (an account) is not one
        held_all = np.asarray(held.sum(axis=1)).ravel()
        record_held = np.where(share_a >= share_b, held_all[a], held_all[b])
        several = record_held >= MIN_RECORD_FIELDS
        checks = (self.action[a] == self.check) & (self.action[b] == self.check)
        # nor does the resident writing a form (the update keys it later)
        writing = np.where(share_a >= share_b, self.writing[a], self.writing[b])
        update = (record_resident < 0.5) & several & ~checks & ~writing
        out[live] = np.where(update, np.abs(share_a - share_b), 0.0)
        return out

    def object_difference(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """1 − weighted Jaccard of the object terms of two labels; 0 when either label
        has none (nothing but generic words)."""
        if len(i) == 0:
            return np.zeros(0)
        inter = np.asarray(self.obj[i].multiply(self.obj_bin[j]).sum(axis=1)).ravel()
        mi, mj = self.obj_mass[i], self.obj_mass[j]
        union = mi + mj - inter
        with np.errstate(invalid="ignore", divide="ignore"):
            diff = np.where(union > 0, 1.0 - inter / union, 0.0)
        return np.where((mi > 0) & (mj > 0), diff, 0.0)

    # ------------------------------------------------------------------ pairs

    def all_pairs(self, chunk: int = CHUNK) -> Iterator[dict[str, np.ndarray]]:
        """Every pair ``i < j`` of different departments, in chunks of about ``chunk``,
        with their label similarities and shared field information computed by blocks
        of rows (sparse products instead of per-pair look-ups)."""
        n = self.n
        start = 0
        cols = np.arange(n)
        while start < n:
            width = max(1, chunk // max(1, n - start))
            stop = min(n, start + width)
            rows = np.arange(start, stop)
            mask = (cols[None, :] > rows[:, None]) & (
                self.dept[None, :] != self.dept[rows][:, None]
            )
            ri, cj = np.nonzero(mask)
            i, j = rows[ri], cj
            if len(i):
                block = {"i": i, "j": j}
                ws = self.w.word_share
                for key, (wm, sm, gm, sn) in (
                    ("label", (self.words, self.words_soft, self.grams, self.soft_norm)),
                    (
                        "label_own",
                        (self.words_own, self.words_own_soft, self.grams_own, self.soft_norm_own),
                    ),
                ):
                    plain = (wm[start:stop] @ wm.T).toarray()[ri, cj]  # type: ignore[index,attr-defined]
                    soft = (
                        (sm[start:stop] @ wm.T).toarray()[ri, cj] / (sn[i] * sn[j])  # type: ignore[index,attr-defined]
                        if sm is not wm
                        else plain
                    )
                    gram = (gm[start:stop] @ gm.T).toarray()[ri, cj]  # type: ignore[index,attr-defined]
                    block[key] = _mix(ws, plain, soft, gram)
                if len(self.field_names):
                    fw = self.fields_w
                    block["inter"] = (fw[start:stop] @ fw.T).toarray()[ri, cj]  # type: ignore[index]
                yield block
            start = stop

    # ------------------------------------------------------------------ signals

    def label(
        self, i: np.ndarray, j: np.ndarray, *, own: bool = False, raw: np.ndarray | None = None
    ) -> np.ndarray:
        """Label similarity; ``own``: with terms of one department down-weighted;
        ``raw``: the cosine mix when already computed."""
        ws = self.w.word_share
        words, grams = (self.words_own, self.grams_own) if own else (self.words, self.grams)
        soft = self.words_own_soft if own else self.words_soft
        if raw is None:
            plain = _rowdot(words, i, j)
            sn = self.soft_norm_own if own else self.soft_norm
            lifted = _crossdot(soft, words, i, j) / (sn[i] * sn[j]) if soft is not words else plain
            sim = _mix(ws, plain, lifted, _rowdot(grams, i, j))
        else:
            sim = raw
        sim = np.where(self.norm_code[i] == self.norm_code[j], 1.0, sim)
        return np.clip(sim, 0.0, 1.0)

    def one_records(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Only one of two steps captures data, and the other's department records data in
        some step (a department whose data is on every row of its export, or on none,
        does not say what its steps capture)."""
        hi, hj = self.has_fields[i], self.has_fields[j]
        return (hi & ~hj & self.dept_records[self.dept[j]]) | (
            hj & ~hi & self.dept_records[self.dept[i]]
        )

    def field(
        self, i: np.ndarray, j: np.ndarray, inter: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """Field similarity (NaN when neither captures common fields) and its strength."""
        n = len(i)
        if not len(self.field_names) or n == 0:
            return np.full(n, np.nan), np.zeros(n)
        if inter is None:
            inter = _rowdot(self.fields_w, i, j)  # Σ idf over the shared fields
        info_i, info_j = self.field_info[i], self.field_info[j]
        union = info_i + info_j - inter + self.own_info[i] + self.own_info[j]
        smaller = np.minimum(info_i, info_j)
        with np.errstate(invalid="ignore", divide="ignore"):
            jaccard = np.where(union > 0, inter / union, np.nan)
            contained = np.where(smaller > 0, inter / smaller, 0.0)
        sim = (jaccard + contained) / 2.0
        both = self.has_fields[i] & self.has_fields[j]
        one = self.one_records(i, j)
        strength = np.where(
            both,
            np.minimum(1.0, smaller / FIELD_INFO_FULL),
            np.where(one, np.minimum(1.0, np.maximum(info_i, info_j) / FIELD_INFO_FULL), 0.0),
        )
        sim = np.where(both, np.nan_to_num(sim), np.where(one, 0.0, np.nan))
        return sim, strength

    def head(
        self, i: np.ndarray, j: np.ndarray, pre: dict[str, np.ndarray] | None = None
    ) -> dict[str, np.ndarray]:
        """Prior, label and field evidence (``pre``: label and field products already
        computed by :meth:`all_pairs`), and an upper bound of what the rest can add."""
        w = self.w
        pre = pre or {}
        fsim, fstr = self.field(i, j, pre.get("inter"))
        both = self.has_fields[i] & self.has_fields[j]
        one = self.one_records(i, j)
        # when both capture the same data, what differs is the procedure each department
        # names (国保…, 児童手当…): compare labels without the departments' own terms
        lab = self.label(i, j, raw=pre.get("label"))
        if both.any():
            own = self.label(i, j, own=True, raw=pre.get("label_own"))
            lab = np.where(both, np.maximum(lab, own), lab)
        # the same kind of action on the same thing (a check of the party in front of the
        # clerk: 本人確認, 来庁者確認, 保護者の確認) is one kind of work however worded
        kind = (self.action[i] >= 0) & (self.action[i] == self.action[j])
        # (an account taken in on a form or keyed into a ledger: one registration)
        kind |= self.account[i] & self.account[j]
        kind &= (self.concept_bits[i] & self.concept_bits[j]) != 0
        # (where one side is a process model, the label is all there is to go by: the kind of
        # work named carries it alone)
        floor = np.where(self.behaviour[i] & self.behaviour[j], CONCEPT_LABEL, CONCEPT_LABEL_MODEL)
        lab = np.where(kind, np.maximum(lab, floor), lab)
        # two bare steps (受付 and 受付 of two procedures) share a verb, not what it is done to
        lab = np.where(self.bare[i] & self.bare[j], np.minimum(lab, BARE_LABEL), lab)
        # one label negates what the other states: the shared words are no evidence
        negated = self.negation(i, j)
        lab = np.where(negated > 0, 0.0, lab)
        # one label states a word whose antonym the other states (accept / reject): as
        # with a negation, the shared words are no evidence
        opposite = self.opposite(i, j) * (1.0 - negated)
        lab = np.where(opposite > 0, 0.0, lab)
        # only one label negates anything, a word the other does not say ("Not take
        # interview" vs "Conduct interview"): what one says does not happen, the other does
        lone = ((self.has_negation[i] != self.has_negation[j]) & (negated == 0)).astype(float)
        # shared data makes weak label overlap meaningful (the square root lifts it, in
        # proportion to the information of the data shared); without shared data, labels
        # must agree by themselves (similarity as it is)
        data = both & (np.nan_to_num(fsim) > 0)
        root = np.where(data, lab + fstr * (np.sqrt(lab) - lab), lab)
        # process models (labels and structure only) offer far less evidence per pair than
        # event logs: their pairs start from the lower prior of a label-only comparison
        behaviour = self.behaviour[i] & self.behaviour[j]
        prior = np.where(behaviour, w.prior, w.prior_labels_only)
        z = prior + w.label * root - w.label_floor * (1.0 - root) - w.negation * negated
        z = z - w.antonym * opposite - w.lone_negation * lone
        # model elements between the same states (EPC events) are one step
        states = self.state_similarity(i, j)
        z = z + w.states * np.maximum(0.0, np.nan_to_num(states) - w.context_neutral)
        field_ev = np.where(
            both,
            fstr * (w.fields * np.nan_to_num(fsim) - w.fields_floor * (1.0 - np.nan_to_num(fsim))),
            np.where(one, -w.fields_one * fstr, 0.0),
        )
        # one step is about data the other does not hold (an account registered vs a ledger
        # entry of name and address): what the two share is not the work
        focal = self.focal_missing(i, j)
        field_ev = np.where(focal, np.minimum(field_ev, 0.0) - w.focal, field_ev)
        rest = np.where(behaviour, w.performer * w.performer_cap + 3.0 * w.role_bonus, 0.0) + (
            max(0.0, w.cooccurrence * (1.0 - w.context_neutral)) if self.cooc else 0.0
        )
        return {
            "z": z + field_ev,
            "lab": lab,
            "fsim": fsim,
            "fstr": fstr,
            "both": both,
            "negation": negated,
            "opposite": opposite,
            "lone_negation": lone,
            "state_similarity": states,
            "kind": kind,
            "bound": z + field_ev + rest,
        }

    def local(
        self,
        i: np.ndarray,
        j: np.ndarray,
        pre: dict[str, np.ndarray] | None = None,
        head: dict[str, np.ndarray] | None = None,
    ) -> dict[str, np.ndarray]:
        """Similarities and log-odds from everything but the neighbourhood."""
        w = self.w
        h = head if head is not None else self.head(i, j, pre)
        z, lab, fsim, fstr, both = h["z"], h["lab"], h["fsim"], h["fstr"], h["both"]
        # performer mixes
        si, sj = self.shares[i], self.shares[j]
        perf_known = ~(np.isnan(si[:, 0]) | np.isnan(sj[:, 0]))
        si, sj = np.nan_to_num(si), np.nan_to_num(sj)
        overlap = np.minimum(si, sj)
        agree = np.minimum((overlap * self.rarity).sum(axis=1), w.performer_cap)
        mismatch = 1.0 - overlap.sum(axis=1)
        res_staff = np.minimum(si[:, 0], sj[:, 1]) + np.minimum(si[:, 1], sj[:, 0])
        res_staff = np.minimum(res_staff, mismatch)
        perf_ev = w.performer * agree - w.performer_mismatch * (
            mismatch - (1.0 - w.resident_staff) * res_staff
        )
        # without data on either side, two steps are alike through their labels; only at
        # the start of a counter visit (reception, queue, identity) are data-less steps
        # the same work everywhere: behaviour counts in proportion to how early both are
        gate = self.gate(i, j, shared=np.where(both & (np.nan_to_num(fsim) > 0), fstr, 0.0))
        # (two labels taking one kind of action — a check, an entry, a filing — on one concept:
        # an identity, My Number, register or income check, an account registered, a form
        # written; such work is that work wherever it falls in the case, often days later)
        anywhere = h["kind"] & np.isin(self.action[i], self.kinds_anywhere)
        gate = np.where(anywhere, 1.0, gate)
        perf_ev = np.where(perf_ev > 0, gate * perf_ev, perf_ev)
        z = z + np.where(perf_known, perf_ev, 0.0)
        perf_sim = np.where(perf_known, 1.0 - mismatch, np.nan)
        # role in the case (counter-evidence in proportion to the support of the rarer step;
        # none where the place in the case does not make the work: see ``anywhere``)
        support = np.minimum(self.support[i], self.support[j])
        placed_apart = np.where(anywhere, 0.0, support)
        role_ev = np.zeros(len(i))
        # two steps alone in their cases are trivially both first and on the day
        placed = ~(self.alone[i] & self.alone[j])
        for arr, weight, close, cap in (
            (self.same_day, w.same_day, 0.15, 1.0),
            (self.rel, w.position, 0.15, 1.0),
            # minutes vs days of waiting is mostly what same_day already counts
            (self.wait, w.wait, 0.7, WAIT_CAP_NATS),
        ):
            d = np.abs(arr[i] - arr[j])
            ok = ~np.isnan(d)
            role_ev += np.where(ok & placed, gate * w.role_bonus * (np.nan_to_num(d) <= close), 0.0)
            role_ev -= np.where(ok, placed_apart * weight * np.minimum(np.nan_to_num(d), cap), 0.0)
        drec = np.abs(self.recap[i] - self.recap[j])
        ok = ~np.isnan(drec) & both
        role_ev -= np.where(ok, support * w.recapture * np.nan_to_num(drec), 0.0)
        role_ev -= support * w.night * np.nan_to_num(np.abs(self.night[i] - self.night[j]))
        z = z + role_ev
        # the system of record vs a department copy of the same data
        shared_data = both & (np.nan_to_num(fsim) > 0)
        dauth = self.authority(i, j, shared_data)
        z = z - w.authoritative * dauth
        # different kinds of action (a check is not a re-keying)
        ka, kb = self.action[i], self.action[j]
        z = z - np.where((ka >= 0) & (kb >= 0) & (ka != kb), w.action, 0.0)
        same_action = shared_data & (ka >= 0) & (ka == kb)
        z = z + np.where(same_action, gate * w.action_same, 0.0)
        # two labels each found in the other's department: each has its counterpart there
        # (its namesake), so they are two steps of one vocabulary (HOOFD_010 vs HOOFD_020)
        crossed = self.crossed(i, j)
        z = z - w.namesakes * crossed
        # off-site steps without shared data: the object named must agree, not the verb;
        # so must two counters each taking in a filing that records nothing in common
        # (資格取得届受付 vs 入居申込受付: each department's own procedure, not one done twice)
        by_object = np.fmin(1.0 - self.same_day[i], 1.0 - self.same_day[j])  # off-site
        by_object = np.where(np.isnan(by_object), 0.0, np.clip(by_object, 0.0, 1.0))
        # (only where both departments' logs record data: without any, "nothing in
        # common" is not known)
        recorded = self.dept_records[self.dept[i]] & self.dept_records[self.dept[j]]
        filings = (ka == self.filing) & (kb == self.filing) & recorded
        by_object = np.where(filings, 1.0, by_object)
        obj_diff = np.zeros(len(i))
        # notices and payments sent from the back office name their addressee: the name and
        # address they share are not the work, what they send is (就学援助認定通知 vs 保護決定通知)
        sending = (ka == self.issuing) & (kb == self.issuing)
        # so do two night batches (a tax calculation, a dunning run): every batch carries the
        # addressee's name and address; what each computes or sends must agree
        batches = (np.nan_to_num(self.night[i]) >= 0.5) & (np.nan_to_num(self.night[j]) >= 0.5)
        by_object = np.where(batches, 1.0, by_object)
        sending |= batches
        live = (by_object > 0) & (~shared_data | sending)
        if live.any():
            obj_diff[live] = self.object_difference(i[live], j[live])
        z = z - w.object * by_object * obj_diff
        dur = np.abs(self.median[i] - self.median[j])
        z = z - np.where(np.isnan(dur), 0.0, w.duration * np.maximum(0.0, np.nan_to_num(dur) - 0.3))
        cooc = self.cooccurrence(i, j)
        cooc_ev = w.cooccurrence * (np.nan_to_num(cooc) - w.context_neutral)
        onsite = np.fmin(self.same_day[i], self.same_day[j])
        onsite = np.where(np.isnan(onsite), 1.0, np.clip(onsite, 0.0, 1.0))
        cooc_ev = np.where(cooc_ev > 0, onsite * cooc_ev, cooc_ev)
        z = z + np.where(np.isnan(cooc), 0.0, cooc_ev)
        with np.errstate(invalid="ignore"):
            dur_sim = np.exp(-dur)
        return {
            "z": z,
            "label_similarity": lab,
            "field_similarity": np.where(fstr > 0, fsim, np.nan),
            "field_strength": fstr,
            "performer": perf_sim,
            "duration_similarity": dur_sim,
            "role": role_ev,
            "gate": gate,
            "cooccurrence": cooc,
            "object_difference": obj_diff,
            "authority": dauth,
            "action_differs": ((ka >= 0) & (kb >= 0) & (ka != kb)).astype(float),
            "action_same": same_action.astype(float),
            "namesakes": crossed.astype(float),
            "negation": h["negation"],
            "opposite": h["opposite"],
            "lone_negation": h["lone_negation"],
            "state_similarity": h["state_similarity"],
        }

    def apart(self, a: int, b: int) -> bool:
        """Whether two items are never listed as a pair: of one department, or of two
        branches (they may still be in one cluster, through a third department's step)."""
        da, db = int(self.dept[a]), int(self.dept[b])
        return da == db or bool(self.branch[da, db])

    def crossed(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Whether two differently labelled items each have a namesake (the same
        normalised label) in the other's department."""
        k = self.label_base
        a = np.isin(self.dept[j] * k + self.norm_code[i], self.named)
        b = np.isin(self.dept[i] * k + self.norm_code[j], self.named)
        return (self.norm_code[i] != self.norm_code[j]) & a & b

    def state_similarity(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        """Cosine of the state words of two model elements (the events around EPC
        functions); NaN where either has none."""
        out = np.full(len(i), np.nan)
        known = self.has_states[i] & self.has_states[j]
        if known.any():
            out[known] = _rowdot(self.states, i[known], j[known])
        return out

    def cooccurrence(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        if not self.cooc:
            return np.full(len(i), np.nan)
        return np.array(
            [
                self.cooc.get((a, b), self.cooc.get((b, a), np.nan))
                for a, b in zip(i.tolist(), j.tolist(), strict=True)
            ],
            dtype=float,
        )

    # ------------------------------------------------------------------ context

    #: Neighbourhoods compared by :meth:`context`: directly-follows and eventually-follows.
    sides = ("preds", "succs", "before", "after")

    def _neighbour_arrays(self) -> None:
        k = max([1] + [len(it.preds) for it in self.items] + [len(it.succs) for it in self.items])
        k = max([k] + [len(it.before) for it in self.items] + [len(it.after) for it in self.items])
        self.nb: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for side in self.sides:
            idx = np.full((self.n, k), -3, dtype=np.int64)
            wts = np.zeros((self.n, k))
            for r, it in enumerate(self.items):
                for c, (q, wq) in enumerate(sorted(getattr(it, side).items())):
                    idx[r, c], wts[r, c] = q, wq
            self.nb[side] = (idx, wts)
        # steps whose cases hold nothing else (a phone call, a one-step filing): their only
        # neighbours are the virtual start and end, which any two such steps share
        self.alone = np.ones(self.n, dtype=bool)
        for idx, _ in self.nb.values():
            self.alone &= ~(idx >= 0).any(axis=1)

    def context(self, i: np.ndarray, j: np.ndarray, table: PairTable) -> np.ndarray:
        """Neighbourhood similarity of pairs through the confidences in ``table``."""
        out_sum = np.zeros(len(i))
        out_n = np.zeros(len(i))
        for side in self.sides:
            idx, wts = self.nb[side]
            if not (idx > -3).any():
                continue
            pa, wa = idx[i], wts[i]  # (m, k)
            pb, wb = idx[j], wts[j]
            wa = wa / np.maximum(wa.sum(axis=1, keepdims=True), 1e-12)
            wb = wb / np.maximum(wb.sum(axis=1, keepdims=True), 1e-12)
            has_a = (pa > -3).any(axis=1)
            has_b = (pb > -3).any(axis=1)
            k = pa.shape[1]
            sim = np.zeros((len(i), k, k))
            for x in range(k):
                for y in range(k):
                    a, b = pa[:, x], pb[:, y]
                    real = (a >= 0) & (b >= 0)
                    virtual = ((a == START) & (b == START)) | ((a == END) & (b == END))
                    vals = np.zeros(len(i))
                    if real.any():
                        vals[real] = table.get(a[real], b[real])
                    sim[:, x, y] = np.where(virtual, 1.0, vals)
            valid_a = pa > -3
            valid_b = pb > -3
            fwd = (
                wa * np.where(valid_a, np.max(np.where(valid_b[:, None, :], sim, 0.0), axis=2), 0.0)
            ).sum(axis=1)
            bwd = (
                wb * np.where(valid_b, np.max(np.where(valid_a[:, :, None], sim, 0.0), axis=1), 0.0)
            ).sum(axis=1)
            both = has_a & has_b
            either = has_a | has_b
            out_sum += np.where(both, (fwd + bwd) / 2.0, 0.0)
            out_n += either
        with np.errstate(invalid="ignore"):
            out = np.where(out_n > 0, out_sum / np.maximum(out_n, 1), np.nan)
        # two steps alone in their cases: a neighbourhood of start and end tells nothing
        return np.where(self.alone[i] & self.alone[j], np.nan, out)

    def gate(self, i: np.ndarray, j: np.ndarray, shared: np.ndarray | None = None) -> np.ndarray:
        """Weight of behavioural evidence: 1 when both steps capture common data that
        they share (``shared``; without it: when either captures common data) or
        positions are unknown, else falling from 1 (both in the first quarter of their
        cases) to 0 (either in the last quarter)."""
        late = np.fmax(self.rel[i], self.rel[j])
        early = np.clip((0.75 - np.nan_to_num(late, nan=0.0)) / 0.5, 0.0, 1.0)
        # two steps alone in their cases are trivially first; a counter opens in the day
        day = 1.0 - np.nan_to_num(np.fmax(self.night[i], self.night[j]), nan=0.0)
        early = np.where(self.alone[i] & self.alone[j], day, early)
        # a step alone in its case (a batch run, a record) is first only trivially: beside
        # the first step of another department's visits it says nothing of the work
        early = np.where(self.alone[i] ^ self.alone[j], 0.0, early)
        if shared is None:
            data = self.has_fields[i] | self.has_fields[j]
            return np.where(data | np.isnan(late), 1.0, early)
        return np.where(np.isnan(late), 1.0, np.maximum(early, shared))

    def combine(
        self,
        z_local: np.ndarray,
        ctx: np.ndarray | None,
        gate: np.ndarray | None = None,
        mixed: np.ndarray | None = None,
    ) -> np.ndarray:
        """Confidence from the local log-odds and the neighbourhood similarity ``ctx``
        (positive evidence scaled by ``gate``). Where ``mixed`` (a model element against a
        log's activity), unlike neighbours count for nothing: a documented flow and an
        observed one name their steps in different words and at different grain."""
        z = z_local
        if ctx is not None:
            ev = self.w.context * (np.nan_to_num(ctx) - self.w.context_neutral)
            if gate is not None:
                ev = np.where(ev > 0, gate * ev, ev)
            if mixed is not None:
                ev = np.where(mixed & (ev < 0), 0.0, ev)
            z = z + np.where(np.isnan(ctx), 0.0, ev)
        return _logistic(z)


class PairTable:
    """Confidence of scored pairs, looked up by item indices (either order)."""

    def __init__(self, n: int, i: np.ndarray, j: np.ndarray, value: np.ndarray) -> None:
        self.n = n
        lo, hi = np.minimum(i, j), np.maximum(i, j)
        keys = lo * n + hi
        order = np.argsort(keys, kind="stable")
        self.keys = keys[order]
        self.value = np.asarray(value, dtype=float)[order]

    def get(self, i: np.ndarray, j: np.ndarray) -> np.ndarray:
        lo, hi = np.minimum(i, j), np.maximum(i, j)
        keys = lo * self.n + hi
        pos = np.searchsorted(self.keys, keys)
        pos = np.minimum(pos, max(len(self.keys) - 1, 0))
        if not len(self.keys):
            return np.zeros(len(keys))
        hit = self.keys[pos] == keys
        return np.where(hit, self.value[pos], 0.0)


def describe(items: list[Item], a: int, b: int, sig: dict[str, float]) -> str:
    """One readable sentence of the evidence for a pair."""
    parts: list[str] = []
    fa, fb = items[a].fields, items[b].fields
    shared = sorted(fa & fb)
    if shared:
        parts.append("same fields: " + " ".join(shared))
    if fa ^ fb and (fa or fb):
        only = sorted(fa ^ fb)
        parts.append("fields differ: " + " ".join(only[:6]) + (" …" if len(only) > 6 else ""))
    pa, pb = items[a].performer, items[b].performer
    if pa and pb:
        if pa == pb:
            parts.append(f"both performed by {_PERFORMER_PLURAL.get(pa, pa)}")
        else:
            parts.append(f"performed by {pa} vs {pb}")
    ra, rb = items[a].role, items[b].role
    if "same_day" in ra and "same_day" in rb:
        da, db = ra["same_day"], rb["same_day"]
        if da >= 0.8 and db >= 0.8:
            parts.append("both at the counter on the day")
        elif da <= 0.2 and db <= 0.2:
            parts.append("both back office (later days)")
    if "position" in ra and "position" in rb and max(ra["position"], rb["position"]) <= 2:
        parts.append(f"both step {ra['position']:.0f}/{rb['position']:.0f} of the case")
    ma, mb = items[a].median, items[b].median
    if ma is not None and mb is not None:
        parts.append(f"median {_minutes(ma)} vs {_minutes(mb)} min")
    if sig.get("authority", 0.0) >= 0.5:
        parts.append("one fills the system of record, the other a copy")
    if sig.get("negation", 0.0) >= 0.5:
        said = opposition(items[a].terms, items[b].terms)
        parts.append(f"one label negates {said}" if said else "one label negates the other")
    elif sig.get("opposite", 0.0) >= 0.5:
        said = opposition(items[a].terms, items[b].terms)
        parts.append(f"opposite words ({said})" if said else "opposite words")
    elif sig.get("lone_negation", 0.0) >= 0.5:
        parts.append("only one label negates something")
    if sig.get("object_difference", 0.0) >= 0.5:
        sent = items[a].terms.action == items[b].terms.action == "issue"
        parts.append(
            "labels naming different things sent (the addressee's data is not the work)"
            if sent and sig.get("field_similarity", 0.0) > 0
            else "labels naming different objects, with no data in common"
        )
    if sig.get("action_differs", 0.0) >= 0.5:
        parts.append(f"different actions ({items[a].terms.action} vs {items[b].terms.action})")
    elif sig.get("action_same", 0.0) >= 0.5:
        parts.append(f"same action ({items[a].terms.action})")
    states = sig.get("state_similarity", math.nan)
    if states is not None and not math.isnan(states):
        parts.append(f"events around {states:.2f}")
    ctx = sig.get("context_similarity", math.nan)
    if ctx is not None and not math.isnan(ctx):
        parts.append(f"neighbours {ctx:.2f}")
    cooc = sig.get("cooccurrence", math.nan)
    if cooc is not None and not math.isnan(cooc):
        parts.append(f"same visits {cooc:.2f}")
    parts.append(f"label {sig['label_similarity']:.2f}")
    return "; ".join(parts)


_PERFORMER_PLURAL = {
    "resident": "residents",
    "staff": "staff",
    "system": "the system",
    "external": "external parties",
}


def _minutes(x: float) -> str:
    return f"{x:.0f}" if x >= 10 else f"{x:.1f}"
