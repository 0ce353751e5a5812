"""Same input, same bytes: in one process, across processes (hash seeds), from the attachment."""

from __future__ import annotations

import copy
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from ethicsdesk.advisories.pdf import render_advisory
from tests.advisories.pdf.helpers import Rendered, read

ROOT = Path(__file__).resolve().parents[3]
SCRIPT = (
    "import hashlib, sys; "
    "from tests.advisories.pdf.example import example_advisory; "
    "from ethicsdesk.advisories.pdf import render_advisory; "
    "print(hashlib.sha256(render_advisory(example_advisory(sys.argv[1]), lang=sys.argv[1]))"
    ".hexdigest())"
)


def test_rendering_twice_in_one_process_gives_identical_bytes(
    rendered: dict[str, Rendered],
) -> None:
    advisory, pdf, _ = rendered["nl"]
    assert render_advisory(copy.deepcopy(advisory)) == pdf
    assert render_advisory(copy.deepcopy(advisory)) == pdf


def test_two_fresh_processes_with_other_hash_seeds_agree(rendered: dict[str, Rendered]) -> None:
    expected = hashlib.sha256(rendered["en"][1]).hexdigest()
    digests = []
    for seed in ("1", "4242"):
        environment = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": "1700000000"}
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT, "en"],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            check=True,
        )
        digests.append(result.stdout.strip())
    assert digests == [expected, expected]


def test_the_attached_json_renders_the_same_pdf(rendered: dict[str, Rendered]) -> None:
    _, pdf, _ = rendered["nl"]
    attached = json.loads(read(pdf).attachments["advisory.json"][0])
    assert render_advisory(attached) == pdf


def test_key_order_of_the_input_does_not_matter(rendered: dict[str, Rendered]) -> None:
    advisory, pdf, _ = rendered["nl"]
    reversed_keys = dict(reversed(list(advisory.items())))
    assert render_advisory(reversed_keys) == pdf


def test_the_document_id_follows_the_content(rendered: dict[str, Rendered]) -> None:
    ids = {lang: read(rendered[lang][1]).trailer["/ID"] for lang in ("nl", "en")}
    assert ids["nl"][0] == ids["nl"][1]
    assert ids["nl"] != ids["en"]
    changed = copy.deepcopy(rendered["nl"][0])
    changed["version"] = 3
    assert read(render_advisory(changed)).trailer["/ID"] != ids["nl"]
