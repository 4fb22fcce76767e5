"""What someone typed, as search terms: phrases, minus words, "or", synonyms and compounds.

The syntax is websearch_to_tsquery's: `"a phrase"`, `-word` leaves out what has it, and
`a or b` (or `a eller b`) makes one term of two. Every other word is a term of its own.
Each term has alternatives (the word itself, its synonyms, its parts when it is a compound
written as one word), and a record matches a term when it has any of them. Records that match every
term rank first, then those that match most of them, so one word the authors never used
does not empty the result.

Only letters and digits reach the database: each word is quoted inside the tsquery, so
no input can be tsquery or SQL syntax. Input is cut at `MAX_LENGTH` characters and
`MAX_TERMS` terms.
"""

import bisect
import re
from dataclasses import dataclass, field

from hub.search.text import SWEDISH_STOP_WORDS, stem

MAX_LENGTH = 200
MAX_TERMS = 8
OR_WORDS = {"or", "eller"}  # websearch_to_tsquery's "or", and what a Swedish user types
TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
WORD = re.compile(r"[^\W_]+")
MIN_COMPOUND = 8  # shorter words are rarely compounds worth splitting
MIN_PART = 4  # "ing" or "ell" is an ending, not a word
MAX_ENDING = 3  # "skolskjuts" is a part of "skolskjutsar"


@dataclass(frozen=True)
class Alternative:
    """Words that must all be there: as a phrase (in order), or anywhere (a split compound)."""

    words: tuple
    phrase: bool = True
    reason: str = ""  # "synonym" or "compound" when the hub added it

    @property
    def text(self):
        return " ".join(self.words)


@dataclass
class Term:
    alternatives: list = field(default_factory=list)

    @property
    def text(self):
        return self.alternatives[0].text


@dataclass
class Query:
    text: str
    terms: list
    excluded: list  # word tuples (a word or a phrase) whose records are left out
    synonyms: list  # [(word typed, [synonyms added])]
    compounds: list  # [(word typed, [its parts])]

    def __bool__(self):
        return bool(self.terms)


def parse(text, *, synonyms=None, vocabulary=None):
    """The terms of a query string; `synonyms` maps a word or phrase to its group."""
    text = " ".join((text or "")[:MAX_LENGTH].split())
    terms, excluded, join_next = [], [], False
    for minus, quoted, bare in TOKEN.findall(text):
        if bare.lower() in OR_WORDS:
            join_next = bool(terms)  # a leading "or" joins nothing and finds nothing
            continue
        negative = minus == "-" or bare.startswith("-")
        words = tuple(w.lower() for w in WORD.findall(quoted if quoted or minus else bare))
        if not words or (len(words) == 1 and len(words[0]) < 2):
            continue  # nothing, or one letter alone (the "e" of "e-tjänst" stays)
        if negative:
            excluded.append(words)  # -"a phrase" leaves out the phrase, not each word
            continue
        if len(words) == 1 and words[0] in SWEDISH_STOP_WORDS:
            continue
        alternative = Alternative(words)
        if join_next:
            terms[-1].alternatives.append(alternative)
        else:
            terms.append(Term([alternative]))
        join_next = False
    terms = _join_synonym_phrases(terms, synonyms or {})[:MAX_TERMS]
    query = Query(text, terms, excluded[:MAX_TERMS], [], [])
    _add_synonyms(query, synonyms or {})
    _add_compound_parts(query, vocabulary)
    return query


def normalized(text):
    """A word or phrase as parse() sees it: "AI-förordningen" is "ai förordningen"."""
    return " ".join(w.lower() for w in WORD.findall(text))


def synonym_map(groups):
    """{word or phrase, as parse() sees it: [the group's other words]} from lists of words."""
    mapping = {}
    for group in groups:
        for term in group:
            mapping[normalized(term)] = [other for other in group if other != term]
    return mapping


def _single_word(term):
    return len(term.alternatives) == 1 and len(term.alternatives[0].words) == 1


def _join_synonym_phrases(terms, synonyms, longest=3):
    """Words typed apart that are one synonym together ("generativ ai", "tal till text")
    become one term: all its words anywhere in a record, or one of the synonyms."""
    phrases = {}
    for key in synonyms:
        words = tuple(w for w in key.split() if w not in SWEDISH_STOP_WORDS)
        if len(words) > 1:
            phrases.setdefault(words, key)  # stop words were not kept as terms
    joined, at = [], 0
    while at < len(terms):
        for size in range(longest, 1, -1):
            run = terms[at : at + size]
            words = tuple(term.text for term in run)
            if len(run) == size and all(map(_single_word, run)) and words in phrases:
                joined.append(Term([Alternative(tuple(phrases[words].split()), phrase=False)]))
                at += size
                break
        else:
            joined.append(terms[at])
            at += 1
    return joined


def _synonyms_of(text, synonyms):
    if text in synonyms:
        return synonyms[text]
    if " " not in text:
        # An inflected form finds the group too: "bildanalysen" -> "bildanalys".
        stemmed = stem(text)
        for key, others in synonyms.items():
            if " " not in key and stem(key) == stemmed:
                return [key, *others]
    return []


def _add_synonyms(query, synonyms):
    for term in query.terms:
        typed = [alt.text for alt in term.alternatives]
        added = []
        for text in typed:
            for other in _synonyms_of(text, synonyms):
                if other not in typed and other not in added:
                    added.append(other)
        for other in added:
            words = tuple(w.lower() for w in WORD.findall(other))
            if words:
                term.alternatives.append(Alternative(words, reason="synonym"))
        if added:
            query.synonyms.append((term.text, added))


class Vocabulary:
    """The words of the hub's own texts, for splitting compounds typed as one word."""

    def __init__(self, words):
        self.words = sorted({w.lower() for w in words if len(w) >= 3})
        self._set = set(self.words)

    def __contains__(self, word):
        return word in self._set

    def knows(self, part):
        """A part is a word of the texts, or the stem of one ("skolskjuts" in "skolskjutsar")."""
        if part in self._set:
            return True
        at = bisect.bisect_left(self.words, part)
        while at < len(self.words) and self.words[at].startswith(part):
            if len(self.words[at]) - len(part) <= MAX_ENDING:
                return True
            at += 1
        return False

    def split(self, word):
        """Two known parts that make the word, with or without a linking s; or None."""
        if len(word) < MIN_COMPOUND or self.knows(word):
            return None  # short, or a word the texts already use as it is
        for cut in range(len(word) - MIN_PART, MIN_PART - 1, -1):
            head, tail = word[:cut], word[cut:]
            if not self.knows(tail):
                continue
            for left in (head, head[:-1] if head.endswith("s") else None):
                if left and len(left) >= MIN_PART and self.knows(left):
                    return (left, tail)
        return None


def _add_compound_parts(query, vocabulary):
    if vocabulary is None:
        return
    for term in query.terms:
        for alternative in list(term.alternatives):
            if len(alternative.words) != 1:
                continue
            parts = vocabulary.split(alternative.words[0])
            if parts:
                term.alternatives.append(Alternative(parts, phrase=False, reason="compound"))
                query.compounds.append((alternative.words[0], list(parts)))


# --- as PostgreSQL tsquery text (to_tsquery with the swedish configuration)


def _word(word, prefix):
    return f"'{word}':*" if prefix else f"'{word}'"


def alternative_tsquery(alternative):
    """Single words match as prefixes: "bygglov" finds "bygglovshandläggning"."""
    if len(alternative.words) == 1:
        return _word(alternative.words[0], prefix=True)
    if alternative.phrase:
        return " <-> ".join(_word(w, prefix=False) for w in alternative.words)
    return " & ".join(_word(w, prefix=True) for w in alternative.words)


def excluded_tsquery(words):
    return " <-> ".join(_word(w, prefix=False) for w in words)


def term_tsquery(term):
    return " | ".join(f"({alternative_tsquery(a)})" for a in term.alternatives)


def highlight_words(query):
    """What a snippet marks: the words typed, their parts and one-word synonyms.

    A synonym phrase is left out: a snippet would mark each of its words anywhere
    ("tal", "till", "text"), not the phrase.
    """
    words = []
    for term in query.terms:
        for alternative in term.alternatives:
            if alternative.reason == "synonym" and len(alternative.words) > 1:
                continue
            words += [w for w in alternative.words if w not in SWEDISH_STOP_WORDS]
    return list(dict.fromkeys(words))


def highlight_tsquery(query):
    """`highlight_words` as a tsquery for ts_headline (PostgreSQL)."""
    return " | ".join(_word(w, prefix=True) for w in highlight_words(query))
