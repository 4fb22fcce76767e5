"""Swedish words for the search: significant words of a text, and a rough stemmer."""

import re
from functools import lru_cache

# fmt: off
SWEDISH_STOP_WORDS = frozenset({
    "och", "i", "att", "det", "som", "en", "på", "är", "av", "för", "med", "till", "den",
    "har", "de", "inte", "om", "ett", "men", "var", "jag", "så", "vi", "kan", "från",
    "eller", "när", "nu", "vid", "under", "efter", "mot", "hur", "alla", "ska", "sig",
    "sina", "sin", "sitt", "dem", "du", "man", "vara", "blir", "blev", "bli", "då", "där",
    "här", "ut", "upp", "över", "också", "mer", "mest"
})

# Inflection endings, longest first so that "hemtjänstens" loses "ens", not just "s".
# Beyond the usual plural and definite endings: -ens/-ets (definite genitive), -het, and a
# final -a/-e so that "skola", "skolan" and "skolor" meet in "skol".
ENDINGS = (
    "arnas", "ernas", "ornas", "heten", "heter", "arna", "erna", "orna", "ande", "ende",
    "else", "het", "ens", "ets", "en", "et", "ar", "er", "or", "na", "ns", "a", "e", "s",
    "n", "t",
)
# fmt: on
MIN_STEM = 4
VOWELS = frozenset("aeiouyåäö")
WORD = re.compile(r"[^\W\d_]+")


def words(text):
    """The significant words of a text, lower-cased, each once, in order."""
    found = WORD.findall(text.lower())
    return list(dict.fromkeys(w for w in found if len(w) >= 3 and w not in SWEDISH_STOP_WORDS))


@lru_cache(maxsize=10_000)
def stem(word):
    """Strip inflection endings until none fits, keeping a stem of at least four letters.

    Rough on purpose: it makes "hemtjänsten", "hemtjänstens" and "hemtjänst" one word, but
    it knows no irregular forms and leaves derivations ("dokumentation", "dokumenterar")
    apart.
    """
    word = word.lower()
    while ending := next((e for e in ENDINGS if _may_strip(word, e)), None):
        word = word[: -len(ending)]
    return word


def _may_strip(word, ending):
    stem_ = word[: -len(ending)]
    if not word.endswith(ending) or len(stem_) < MIN_STEM:
        return False
    if ending in ("n", "t"):  # "gatan", "arbetat"; not "hemtjänst"
        return stem_[-1] in VOWELS
    if ending == "s":  # a genitive, not "process"
        return stem_[-1] != "s"
    return True
