"""The school association (school board) and its schools."""
