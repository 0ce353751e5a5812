"""Demonstration data, so a new installation shows every stage of the committee's work."""
