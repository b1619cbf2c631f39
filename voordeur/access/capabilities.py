"""Capabilities outside the policy table (access.md, the privacy officer note).

The privacy officer does not browse personal data. Their tools are the audit log (the
table's `audit` row) and two capabilities the table has no row for: the subject-access
export for one person (AVG art. 15) and erasure (art. 17). Both go with reading the audit
log — the same grant, so the table stays the one place that decides who holds them (today
only `privacy`), and no code compares role names. Each tool asks its own function here, so
giving one of them its own rule later is a change in this file only.
"""

from voordeur.access.policy import Category
from voordeur.access.scope import grant


def may_read_audit(user) -> bool:
    """Browse, filter, verify and export the audit log."""
    return grant(user, Category.AUDIT).reads


def may_export_subject_data(user) -> bool:
    """Make the subject-access export of one household (everything about it, every category)."""
    return grant(user, Category.AUDIT).reads


def may_erase_subject_data(user) -> bool:
    """Erase one household's personal data on a stated request."""
    return grant(user, Category.AUDIT).reads
