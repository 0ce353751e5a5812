"""Tests of the DPIA templates, documents, risk logic and CNIL interop."""
