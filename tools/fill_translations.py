"""Fill Dutch translations into the nl catalogue from a msgid -> text table (TSV, one per line).

Usage: python tools/fill_translations.py TABLE.tsv   (write a line break as \\n)
Existing translations are kept; the table wins where it names a message.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOGUE = (
    Path(__file__).resolve().parent.parent / "ethicsdesk/translations/nl/LC_MESSAGES/messages.po"
)


def main(table_path: str) -> int:
    table = {}
    for line in Path(table_path).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            source, _, target = line.partition("\t")
            table[source.replace("\\n", "\n")] = target.replace("\\n", "\n")
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="nl")
    for message in catalogue:
        if message.id in table:
            message.string = table[message.id]
            message.flags.discard("fuzzy")
    with CATALOGUE.open("wb") as handle:
        write_po(handle, catalogue, width=100, sort_output=True, omit_header=False)
    missing = [m.id for m in catalogue if m.id and not m.string]
    for message_id in missing:
        print(f"untranslated: {message_id}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
