"""Normalised lookup keys: the one function that makes real spelling variants meet.

Both sides use it: the compiler keys every vocabulary term with ``normalize_key`` and the
recogniser keys every candidate span with it, so a variant matches exactly when both spellings
produce the same key. What it folds, in order:

1. Unicode: NFKC (full-width letters, ligatures, superscripts, the micro sign) then casefold.
2. Greek letters: the ones used in gene and cytokine names become one Latin letter (``β`` ->
   ``b``; the word ``beta`` as a whole token too), so IFN-β = IFN-beta = IFNβ = IFNb (-> ``ifnb``).
   ``IFNB1`` keeps its digit (``ifnb1``): a different key. Letters whose word is also a common
   symbol (tau, rho, pi, mu, eta, ...) are spelled out (``τ`` -> ``tau``) and the words are kept.
3. Separators: every run of characters that is not a letter or digit (hyphen, space, slash,
   comma, dot, apostrophe, prime, brackets, plus) is dropped after splitting into tokens, so
   PD-L1 = PDL1 = PD L1 = PD/L1 (-> ``pdl1``). A possessive ``'s`` is dropped first
   (Hodgkin's lymphoma = Hodgkin lymphoma).
4. Roman numerals: a token after the first that is a Roman numeral from 1 to 39 becomes Arabic,
   so type I interferon = type 1 interferon (-> ``type1interferon``), stage IV = stage 4. A
   first token is left alone: I-kappa-B, V-ATPase and X-ray are not numbers.
5. British spellings: in words of six letters or more, ``ae`` and ``oe`` become ``e``,
   ``sulph`` ``sulf`` and ``tumour`` ``tumor`` (haemorrhage = hemorrhage, oesophageal =
   esophageal, sulphate = sulfate, tumours = tumors).
6. Simple plurals: a key that ends in 5+ letters and ``s`` (not ``ss``/``us``/``is``) loses the
   ``s``; ``ies`` -> ``y`` (melanomas = melanoma, therapies = therapy). Short symbols such as
   KRAS, NRAS keep theirs (fewer than 5 trailing letters before the ``s``). A capitalised
   acronym with a lower-case ``s`` loses it too (MDSCs = MDSC, TAMs = TAM).

The result is a string of case-folded letters and digits, and ``normalize_key`` is idempotent:
the steps are applied until nothing changes (each step only shortens the key or replaces letters
with digits, so this ends after a pass or two).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# British medical spellings -> American (haemorrhage, oesophageal, sulphate, tumour), in words of
# at least MIN_SPELLING_WORD letters: the digraphs ae/oe of Greek roots are e in American usage.
MIN_SPELLING_WORD = 6
_SPELLINGS = (("ae", "e"), ("oe", "e"), ("sulph", "sulf"), ("tumour", "tumor"))
_BRITISH = re.compile("|".join(british for british, _ in _SPELLINGS))  # the cheap pre-check

# Greek letters that become one Latin letter, as character and as whole-token word.
_GREEK_SHORT = {
    "alpha": "a",
    "beta": "b",
    "gamma": "g",
    "delta": "d",
    "epsilon": "e",
    "zeta": "z",
    "theta": "th",
    "kappa": "k",
    "lambda": "l",
    "omega": "o",
}
# Greek letters (lower case, after casefold) -> replacement text.
_GREEK_CHARS = {
    "α": "a",
    "β": "b",
    "ϐ": "b",
    "γ": "g",
    "δ": "d",
    "ε": "e",
    "ϵ": "e",
    "ζ": "z",
    "η": "eta",
    "θ": "th",
    "ϑ": "th",
    "ι": "iota",
    "κ": "k",
    "ϰ": "k",
    "λ": "l",
    "μ": "mu",
    "ν": "nu",
    "ξ": "xi",
    "ο": "omicron",
    "π": "pi",
    "ρ": "rho",
    "ς": "sigma",
    "σ": "sigma",
    "τ": "tau",
    "υ": "upsilon",
    "φ": "phi",
    "ϕ": "phi",
    "χ": "chi",
    "ψ": "psi",
    "ω": "o",
}
_GREEK_TABLE = str.maketrans(_GREEK_CHARS)

_TOKEN = re.compile(r"[^\W_]+")
_POSSESSIVE = re.compile(r"(?<=\w)['’′]s\b")
_ROMAN = re.compile(r"^(x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10}
_PLURAL = re.compile(r"[a-z]{5}s$")
_ACRONYM_PLURAL = re.compile(r"^[A-Z0-9]*[A-Z][A-Z0-9]*s$")


def _roman_to_int(token: str) -> int | None:
    """1..39 for a valid lower-case Roman numeral made of i, v, x; None otherwise."""
    if not token or token.strip("ivx") or _ROMAN.match(token) is None:
        return None
    total = 0
    previous = 0
    for char in reversed(token):
        value = _ROMAN_VALUES[char]
        if value < previous:
            total -= value
        else:
            total += value
            previous = value
    return total


def _fold_tokens(tokens: list[str]) -> str:
    out = []
    for i, token in enumerate(tokens):
        short = _GREEK_SHORT.get(token)
        if short is not None:
            out.append(short)
            continue
        number = _roman_to_int(token) if i else None
        out.append(_american(token) if number is None else str(number))
    return "".join(out)


def _american(token: str) -> str:
    """British spellings of medical words as American ones, in words of ``MIN_SPELLING_WORD``
    letters or more (short symbols keep every letter)."""
    if len(token) < MIN_SPELLING_WORD or _BRITISH.search(token) is None:
        return token
    previous = ""
    while previous != token:  # one replacement may make another ("caoesium" -> "caesium")
        previous = token
        for british, american in _SPELLINGS:
            token = token.replace(british, american)
    return token


def _strip_plural(key: str) -> str:
    if not key.endswith("s") or key.endswith(("ss", "us", "is")) or not _PLURAL.search(key):
        return key
    if key.endswith("ies"):
        return key[:-3] + "y"
    return key[:-1]


def _one_pass(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    if "'" in text or "’" in text or "′" in text:
        text = _POSSESSIVE.sub("", text)
    tokens = _TOKEN.findall(text)
    if not tokens:
        return ""
    if tokens[-1].endswith("s") and _ACRONYM_PLURAL.match(tokens[-1]):
        tokens[-1] = tokens[-1][:-1]
    folded = " ".join(tokens).casefold()
    if folded.isascii():
        tokens = folded.split(" ")
    else:
        tokens = _TOKEN.findall(unicodedata.normalize("NFKC", folded).translate(_GREEK_TABLE))
    return _strip_plural(_fold_tokens(tokens))


def _settled(key: str) -> bool:
    """True when another pass cannot change ``key`` (the common case, checked cheaply)."""
    return key.isascii() and key not in _GREEK_SHORT and _strip_plural(key) == key


@lru_cache(maxsize=1 << 18)
def normalize_key(text: str) -> str:
    """The lookup key of ``text``: lowercase letters and digits only (see the module doc).

    >>> normalize_key("IFN-β") == normalize_key("IFN-beta") == normalize_key("IFNb")
    True
    >>> normalize_key("PD-L1"), normalize_key("type I interferons")
    ('pdl1', 'type1interferon')
    """
    key = _one_pass(text)
    while not _settled(key):
        again = _one_pass(key)
        if again == key:
            return key
        key = again
    return key


def case_compatible(term: str, surface: str) -> bool:
    """True when ``surface`` may stand for the case-sensitive (short symbol) ``term``.

    Case-sensitive terms are short symbols that collide with words (``CAT``, ``SET``, ``Mita``).
    A surface matches when it is written exactly as the term; otherwise it must carry capitals
    the way a symbol does: a surface with no capital never matches a term with one (``cat`` is
    not ``CAT``), and a capitalised word (``Cat``, ``Sting``) never matches a term with two or
    more capitals. All-capital and mixed forms match (``MITA`` for mouse ``Mita``, ``cGAS`` for
    ``CGAS``, ``IFN-β`` for ``IFNB``): telling species apart is the recogniser's job.
    """
    if surface == term:
        return True
    letters = [c for c in surface if c.isalpha() and c.isascii()]
    term_capitals = sum(c.isupper() for c in term)
    if not any(c.isupper() for c in letters):
        return term_capitals == 0
    capitalised_word = (
        len(letters) >= 2 and letters[0].isupper() and not any(c.isupper() for c in letters[1:])
    )
    return not (capitalised_word and term_capitals >= 2)
