"""Rules as data: loading, the generic check types, and the findings they produce."""

from .loader import Profile, RuleSet, load_ruleset
from .model import CATEGORIES, SEVERITIES, Finding, Hit, Rule

__all__ = ["CATEGORIES", "SEVERITIES", "Finding", "Hit", "Rule", "Profile", "RuleSet", "load_ruleset"]
