"""Named Python checks for what rule data cannot express. Each module registers its
checks with `python_check`; rule files refer to them by name and set their options."""

from . import (  # noqa: F401
    abbreviations, caps, consistency, formatting, negation, nominal_chain, passive, references, refusal, split_predicate,
    punctuation, spelling, survey, terms,
)
