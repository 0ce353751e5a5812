"""The append-only audit trail: who changed what on a case, when, and why."""
