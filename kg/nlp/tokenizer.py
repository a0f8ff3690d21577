"""The biomedical tokenizer every irkg pipeline uses (registered as ``irkg.tokenizer.v1``).

scispaCy's rule-based tokenizer is the base. A gold entity whose edges do not fall on token
boundaries can be neither recognised nor learnt, and scispaCy keeps hyphens, slashes and brackets
inside words on purpose ("STING-dependent", "PI3K/AKT", "CD34(+)", "doxorubicin-induced"), which
leaves about 12% of the gold spans in our train corpora misaligned. irkg adds a few infix and
suffix rules, each for one kind of join that separates a name from its neighbour, while keeping
the joins *inside* names whole ("IL-2", "PD-L1", "MCF-7", "5-fluorouracil", "NF-kappaB",
"F4/80", "c-kit"):

``hyphen_word``     a hyphen before a plain lowercase word ("cisplatin-induced", "COX-2-specific"),
                    unless it is a Greek letter ("TNF-alpha") or follows one that starts the
                    token ("alpha-synuclein"), or
                    a single character is on the left ("c-kit", "N-acetylcysteine")
``hyphen_prefix``   a hyphen after anti/non/pro/post/pre/pan ("anti-PD-1", "non-GH-secreting")
``hyphen_symbols``  a hyphen joining two symbols of three or more characters ("TMPRSS2-ERG",
                    "ATT-ALF"); short parts stay whole ("PD-L1", "HLA-G", "MCF-7", "IL-12")
``hyphen_bracket``  a hyphen touching a bracket ("(AZT)-induced", "(-)-propranolol"), and a
                    trailing one ("scopolamine- and ...")
``genotype``        "-/-", "+/+", "+/-" as one token ("p53-/-MEFs")
``slash``           a slash between words ("PI3K/AKT", "DMD/BMD"), not between digits ("F4/80")
``bracket``         an opening bracket glued after a word and a closing one glued before a word
                    ("CD34(+)", "p16(INK4a)", "(C)MCF7")
``plus``            a "+" between words or after a letter ("T+PCPA", "K+", "CD11c+")
``capital_period``  a sentence-final period after a capital that ends a longer word ("IgE.",
                    "TdP."); a lone capital keeps its period ("E. coli", "10 M.", initials)

The study that chose these rules (alignment before/after on every train corpus, and each rule's
own gain) is ``bench/tokenizer_alignment.py``; its figures are in docs/EVALUATION.md.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from types import SimpleNamespace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokenizer import Tokenizer

_GREEK = (
    "alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|omicron|pi|rho|"
    "sigma|tau|upsilon|phi|chi|psi|omega"
)
# a fixed-width negative lookbehind per letter name that starts the token ("alpha-synuclein" and
# "beta-catenin" stay whole, "TNF-alpha-induced" is split)
_NOT_AFTER_GREEK = "".join(f"(?<!^{g})" for g in _GREEK.split("|") if len(g) > 2)
_PREFIX_WORDS = ("anti", "Anti", "non", "Non", "pro", "Pro", "post", "Post", "pre", "Pre", "pan")

#: irkg's infix rules by name, in addition to scispaCy's (see the module docstring).
INFIX_RULES: Mapping[str, str] = {
    "hyphen_word": (
        rf"(?:(?<=[A-Za-z0-9)\]]{{2}})|(?<=-[A-Za-z0-9])){_NOT_AFTER_GREEK}"
        rf"-(?!(?:{_GREEK})(?![a-z]))(?=[a-z]{{3}})"
    ),
    "hyphen_prefix": "(?:" + "|".join(f"(?<=^{w})" for w in _PREFIX_WORDS) + ")-(?=[A-Za-z0-9])",
    "hyphen_symbols": r"(?<=[A-Za-z0-9]{3})-(?=[A-Z][A-Za-z0-9]{2})",
    "hyphen_bracket": r"(?<=[)\]])-(?=[A-Za-z0-9(\[])|(?<=[A-Za-z0-9])-(?=[(\[])",
    "genotype": r"[+\-]/[+\-]",
    "slash": r"(?<=[A-Za-z0-9)\]])/(?=[A-Za-z(\[])|(?<=[A-Za-z)\]])/(?=[0-9])",
    "bracket": (
        r"(?<=[A-Za-z0-9])[(\[](?=[A-Za-z0-9+\-])"
        r"|(?<=[A-Za-z0-9+\-])[)\]](?=[A-Za-z0-9(\[\-])"
    ),
    "plus": r"(?<=[A-Za-z0-9)])\+(?=[A-Za-z(])",
}

#: irkg's prefix rules by name (matched at the start of the remaining token): an opening bracket
#: whose group is glued to a following word ("(AZT)-induced", "(C)MCF7"); scispaCy keeps it.
PREFIX_RULES: Mapping[str, str] = {
    "bracket": r"[(\[](?=[^()\[\]\s]+[)\]][A-Za-z0-9\-])",
}

#: irkg's suffix rules by name (matched at the end of the remaining token).
SUFFIX_RULES: Mapping[str, str] = {
    "hyphen_bracket": r"(?<=[A-Za-z0-9)])-",
    "plus": r"(?<=[A-Za-z])\+",
    "capital_period": r"(?<=[^.\s][A-Z])\.",
}

ALL_RULES: tuple[str, ...] = tuple(dict.fromkeys([*INFIX_RULES, *PREFIX_RULES, *SUFFIX_RULES]))


class _WithDefaultTokenizer:
    """What scispaCy reads from ``nlp``, usable while ``Language.__init__`` is still building
    its tokenizer from a config (``nlp.tokenizer`` does not exist yet then)."""

    def __init__(self, nlp: Language) -> None:
        self.vocab = nlp.vocab
        self.Defaults = nlp.Defaults
        self.tokenizer = SimpleNamespace(token_match=nlp.Defaults.token_match)


def _pattern(matcher: object) -> str:
    """The regex source behind a compiled ``search``/``finditer`` (as spaCy serialises it)."""
    return matcher.__self__.pattern  # type: ignore[attr-defined]


def build_tokenizer(nlp: Language, rules: Iterable[str] = ALL_RULES) -> Tokenizer:
    """scispaCy's tokenizer plus the named irkg ``rules`` (for the alignment study's ablations)."""
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    chosen = tuple(rules)
    unknown = sorted(set(chosen) - set(ALL_RULES))
    if unknown:
        raise ValueError(f"unknown tokenizer rules {unknown}; known: {', '.join(ALL_RULES)}")
    with warnings.catch_warnings():
        # scispaCy's own character classes trigger re's "possible set union" FutureWarning.
        warnings.simplefilter("ignore", FutureWarning)
        tokenizer = combined_rule_tokenizer(_WithDefaultTokenizer(nlp))  # type: ignore[arg-type]
        infixes = [INFIX_RULES[name] for name in chosen if name in INFIX_RULES]
        prefixes = ["^" + PREFIX_RULES[name] for name in chosen if name in PREFIX_RULES]
        suffixes = [SUFFIX_RULES[name] + "$" for name in chosen if name in SUFFIX_RULES]
        if infixes:
            tokenizer.infix_finditer = re.compile(
                "|".join([*infixes, _pattern(tokenizer.infix_finditer)])
            ).finditer
        if prefixes:
            tokenizer.prefix_search = re.compile(
                "|".join([*prefixes, _pattern(tokenizer.prefix_search)])
            ).search
        if suffixes:
            tokenizer.suffix_search = re.compile(
                "|".join([*suffixes, _pattern(tokenizer.suffix_search)])
            ).search
    return tokenizer


def create_tokenizer(nlp: Language) -> Tokenizer:
    """irkg's tokenizer for ``nlp``'s vocabulary: scispaCy's rules plus every irkg rule."""
    return build_tokenizer(nlp, ALL_RULES)
