"""Advisories: drafting, the signed PDF, signatures and the tamper-evident archive."""
