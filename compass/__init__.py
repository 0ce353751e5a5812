"""The ethical compass: question sets as data, scoring and the value-impact graph (no Flask)."""
