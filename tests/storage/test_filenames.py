"""Download names stay readable but can never carry a path, a control character or a wrong type."""

from __future__ import annotations

import pytest

from ethicsdesk.storage.filetypes import safe_filename

CASES = {
    "plain": ("Verwerkersovereenkomst.pdf", ".pdf", "Verwerkersovereenkomst.pdf"),
    "posix path": ("../../etc/passwd", ".pdf", "passwd.pdf"),
    "windows path": ("C:\\Users\\eva\\Offerte 2026.docx", ".docx", "Offerte 2026.docx"),
    "wrong extension replaced": ("invoice.exe", ".pdf", "invoice.pdf"),
    "upper-case extension": ("REPORT.PDF", ".pdf", "REPORT.pdf"),
    "double extension": ("scan.pdf.exe", ".pdf", "scan.pdf.pdf"),
    "right-to-left override": ("report\u202efdp.exe", ".pdf", "reportfdp.pdf"),
    "decomposed accents": ("Cafe\u0301 € begroting.xlsx", ".xlsx", "Café € begroting.xlsx"),
    "fullwidth slash and dot": ("a\uff0fb\uff0epdf", ".pdf", "b.pdf"),
    "control characters": ("bad\x00na\x1bme\n.pdf", ".pdf", "badname.pdf"),
    "tabs and runs of spaces": ("  DPIA\t\tconcept  .odt", ".odt", "DPIA concept.odt"),
    "windows-reserved characters": ('a:b?c*"d<e>|f.docx', ".docx", "a_b_c__d_e__f.docx"),
    "windows device name": ("CON.txt", ".pdf", "_CON.pdf"),
    "windows device name with dot": ("lpt1.backup.doc", ".doc", "_lpt1.backup.doc"),
    "number is not an extension": ("Vergadering 12.11", ".pdf", "Vergadering 12.11.pdf"),
    "hidden file": (".bashrc", ".pdf", "bashrc.pdf"),
    "only dots": ("...", ".pdf", "document.pdf"),
    "empty": ("", ".pdf", "document.pdf"),
    "only a path": ("folder/", ".ppt", "document.ppt"),
}


@pytest.mark.parametrize(("original", "extension", "expected"), CASES.values(), ids=CASES)
def test_safe_filename(original: str, extension: str, expected: str) -> None:
    assert safe_filename(original, extension) == expected


def test_long_names_are_cut_on_a_character_boundary() -> None:
    name = safe_filename("é" * 300 + ".pdf", ".pdf")
    assert name == "é" * 75 + ".pdf"
    assert len(name.encode()) <= 160


def test_the_fallback_name_can_be_translated() -> None:
    assert safe_filename("\u202e", ".odt", fallback="bijlage") == "bijlage.odt"
