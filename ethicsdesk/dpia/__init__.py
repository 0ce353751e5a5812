"""The DPIA of a case: answers per template question, risk register, measures and opinions."""
