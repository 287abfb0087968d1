"""Named Python checks for what rule data cannot express. Each module registers its
checks with `python_check`; rule files refer to them by name and set their options."""

from . import caps, negation, nominal_chain, passive, split_predicate  # noqa: F401
