"""The PDF peer: WeasyPrint renders the same advisory content as HTML to an unsigned PDF.

A plain but honest template of the sections the reportlab PDF has (cover, summary, conditions,
pre-screening, DPIA with risk maps, compass heat map and agenda, value graph as inline SVG,
deliberation, minority opinions, signature boxes), in the same embedded DejaVu fonts. Only the
benchmark uses it; WeasyPrint is in the ``bench`` extra, never a runtime dependency.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from compass.graph import graph_from_json
from compass.graph.svg import graph_svg
from compass.heatmap import TONES
from ethicsdesk.advisories.pdf.richtext import new_converter, sanitised_html
from ethicsdesk.advisories.pdf.texts import say

DASH, TIMES = "\u2013", "\u00d7"
FONTS = Path(__file__).resolve().parents[1] / "ethicsdesk" / "advisories" / "pdf" / "fonts"

CSS = """
@font-face { font-family: DejaVu; src: url("{fonts}/DejaVuSans.ttf"); }
@font-face { font-family: DejaVu; font-weight: bold; src: url("{fonts}/DejaVuSans-Bold.ttf"); }
@font-face { font-family: DejaVu; font-style: italic; src: url("{fonts}/DejaVuSans-Oblique.ttf"); }
@page { size: A4; margin: 2cm 1.8cm 2.2cm;
  @bottom-left { content: "{footer}"; font: 7.5pt DejaVu; color: #555; }
  @bottom-right { content: "{page} " counter(page) " " counter(pages); font: 7.5pt DejaVu; } }
@page wide { size: A4 landscape; }
body { font: 9.5pt/1.35 DejaVu; color: #1a1a1a; }
h1 { font-size: 20pt; margin: 3cm 0 0.5cm; } h2 { font-size: 13pt; margin-top: 1.2em;
  border-bottom: 1px solid #999; } h3 { font-size: 10.5pt; }
.cover { page-break-after: always; } .outcome { border: 2px solid #1a1a1a; padding: 8pt;
  font-size: 13pt; font-weight: bold; margin: 1cm 0; }
table { border-collapse: collapse; width: 100%; margin: 4pt 0; }
th, td { border: 0.5pt solid #888; padding: 3pt 4pt; vertical-align: top; text-align: left; }
th { background: #eee; } .facts th { width: 35%; }
.heat td { text-align: center; } .map td { width: 1.2cm; height: 0.9cm; text-align: center; }
.graph { page: wide; } .graph svg { width: 100%; height: auto; }
.box { height: 2.5cm; border: 1px dashed #666; margin: 6pt 0; padding: 4pt; }
"""

TEMPLATE = """<!doctype html><html lang="{{ lang }}"><head><meta charset="utf-8">
<title>{{ a.title }}</title><style>{{ css }}</style></head><body>
<section class="cover"><p>{{ say('document.kind') }}</p><h1>{{ a.title }}</h1>
<table class="facts">
<tr><th>{{ say('document.number') }}</th><td>{{ a.number }}</td></tr>
<tr><th>{{ say('document.version', version=a.version) }}</th><td>{{ a.version }}</td></tr>
<tr><th>{{ say('document.issued_on') }}</th><td>{{ a.issued_on }}</td></tr>
<tr><th>{{ say('document.organisation') }}</th><td>{{ a.organisation }}</td></tr></table>
<div class="outcome">{{ say('document.outcome') }}: {{ a.outcome.label }}</div>
<p>{{ a.public_summary }}</p></section>
<h2>{{ say('section.summary') }}</h2>
<h3>{{ say('summary.public_summary') }}</h3><p>{{ a.public_summary }}</p>
<h3>{{ say('summary.reasons') }}</h3>{{ reasons }}
<h3>{{ say('summary.case') }}</h3><table class="facts">
<tr><th>{{ say('summary.technology') }}</th><td>{{ a.case.technology }}</td></tr>
<tr><th>{{ say('summary.vendor') }}</th><td>{{ a.case.vendor }}</td></tr>
<tr><th>{{ say('summary.category') }}</th><td>{{ a.case.category }}</td></tr>
<tr><th>{{ say('summary.schools') }}</th><td>{{ a.case.schools | join(', ') }}</td></tr>
<tr><th>{{ say('summary.requester') }}</th><td>{{ a.case.requester }}</td></tr>
<tr><th>{{ say('summary.re_evaluation') }}</th><td>{{ a.re_evaluation_date or '—' }}</td></tr>
</table>
<h2>{{ say('section.conditions') }}</h2>
{% if a.conditions %}<table><tr><th>{{ say('conditions.number') }}</th>
<th>{{ say('conditions.text') }}</th><th>{{ say('conditions.owner') }}</th>
<th>{{ say('conditions.due') }}</th><th>{{ say('conditions.check') }}</th></tr>
{% for c in a.conditions %}<tr><td>{{ loop.index }}</td><td>{{ c.text }}</td><td>{{ c.owner }}</td>
<td>{{ c.due_date or say('document.no_date') }}</td><td>{{ c.how_checked }}</td></tr>{% endfor %}
</table>{% else %}<p>{{ say('document.none') }}</p>{% endif %}
<h2>{{ say('section.screening') }}</h2><table class="facts">
<tr><th>{{ say('screening.dpia') }}</th><td>{{ a.screening.dpia }}</td></tr>
<tr><th>{{ say('screening.ai_act') }}</th><td>{{ a.screening.ai_act }}</td></tr></table>
<h3>{{ say('screening.flags') }}</h3>
<table><tr><th>{{ say('screening.flag') }}</th><th>{{ say('screening.reference') }}</th>
<th>{{ say('screening.override') }}</th></tr>{% for f in a.screening.flags %}
<tr><td>{{ f.title }}</td><td>{{ f.reference }}</td><td>{% if f.override %}
{{ say('screening.overridden', reason=f.override.reason) }}{% else %}{{ say('screening.upheld') }}
{% endif %}</td></tr>{% endfor %}</table>
<h2>{{ say('section.dpia') }}</h2>
{% if a.dpia %}{% for line in a.dpia.summary %}<p>{{ line }}</p>{% endfor %}
<h3>{{ say('dpia.risks') }}</h3><table><tr><th>#</th><th>{{ say('dpia.title') }}</th>
<th>{{ say('dpia.before') }}</th><th>{{ say('dpia.after') }}</th></tr>
{% for r in a.dpia.risks %}<tr><td>{{ r.number }}</td><td>{{ r.title }}</td>
<td>{{ r.level }} ({{ r.severity or dash }}/{{ r.likelihood or dash }})</td>
<td>{{ r.residual_level }}
({{ r.residual_severity or dash }}/{{ r.residual_likelihood or dash }})</td>
</tr>{% endfor %}</table>
{% for title, grid in maps %}<h3>{{ title }}</h3><table class="map">
{% for row in grid %}<tr>{% for cell in row %}<td>{{ cell }}</td>{% endfor %}</tr>{% endfor %}
</table>{% endfor %}
<h3>{{ say('dpia.prior_consultation') }}</h3><p>{{ a.dpia.prior_consultation }}</p>
{% else %}<p>{{ say('document.not_done') }}</p>{% endif %}
<h2>{{ say('section.compass') }}</h2>
{% if a.compass %}<p>{{ say('compass.intro', members=a.compass.members,
  set=a.compass.set_title[lang]) }}</p>
<table class="heat"><tr><th></th>{% for s in a.compass.stakeholders %}
<th>{{ s.label[lang] }}</th>{% endfor %}</tr>{% for v in a.compass['values'] %}<tr>
<th>{{ v.label[lang] }}</th>{% for s in a.compass.stakeholders %}{% set c = cells[(v.id, s.id)] %}
<td style="background: {{ c.fill }}; color: {{ c.ink }}">{{ c.text }}</td>{% endfor %}</tr>
{% endfor %}</table>
<h3>{{ say('compass.agenda') }}</h3><ol>{% for item in a.compass.agenda %}
<li>{{ names[item.value] }} {{ times }} {{ names[item.stakeholder] }}
({{ say('compass.priority', priority=item.priority) }}): {{ item.text[lang] }}</li>
{% endfor %}</ol>{% else %}<p>{{ say('document.not_done') }}</p>{% endif %}
<section class="graph"><h2>{{ say('section.graph') }}</h2>
{% if graph %}{{ graph }}{% else %}<p>{{ say('document.not_done') }}</p>{% endif %}</section>
<h2>{{ say('section.deliberation') }}</h2><table class="facts">
<tr><th>{{ say('deliberation.meeting') }}</th><td>{{ d.meeting_date or '—' }}</td></tr>
<tr><th>{{ say('deliberation.attendance') }}</th><td>{{ d.attendance }}</td></tr>
<tr><th>{{ say('deliberation.quorum') }}</th>
<td>{{ say('document.yes') if d.quorum_met else say('document.no') }}</td></tr>
<tr><th>{{ say('deliberation.votes') }}</th><td>{{ d.votes['for'] }} {{ say('deliberation.for') }},
{{ d.votes.against }} {{ say('deliberation.against') }},
{{ d.votes.abstain }} {{ say('deliberation.abstain') }}</td></tr></table>
<h3>{{ say('deliberation.positions') }}</h3><table><tr><th>{{ say('deliberation.member') }}</th>
<th>{{ say('deliberation.position') }}</th><th>{{ say('deliberation.reason') }}</th></tr>
{% for p in d.positions %}<tr><td>{{ p.member }}</td>
<td>{{ say('deliberation.' ~ p.position) }}</td>
<td>{{ p.reason }}</td></tr>{% endfor %}</table>
<h3>{{ say('deliberation.conflicts') }}</h3>{% for c in d.conflicts %}
<p>{{ c.member }}: {{ c.description }}</p>{% else %}<p>{{ say('document.none') }}</p>{% endfor %}
<h2>{{ say('section.minority') }}</h2>{% for o in a.minority_opinions %}
<h3>{{ say('minority.by', author=o.author) }}</h3><p>{{ o.text }}</p>
{% else %}<p>{{ say('document.none') }}</p>{% endfor %}
<h2>{{ say('section.signatures') }}</h2><p>{{ say('signatures.statement') }}</p>
{% for s in a.signers %}<div class="box"><strong>{{ s.name }}</strong>, {{ s.role }}<br>
{{ say('signatures.field') }}</div>{% endfor %}
</body></html>"""

_ENVIRONMENT = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def _risk_maps(dpia: Mapping[str, Any], lang: str) -> list[tuple[str, list[list[str]]]]:
    """Two 5-by-5 maps (severity down, likelihood across) listing the risk numbers per cell."""
    maps = []
    for key, severity, likelihood in (
        ("dpia.map_before", "severity", "likelihood"),
        ("dpia.map_after", "residual_severity", "residual_likelihood"),
    ):
        grid = [["" for _ in range(5)] for _ in range(5)]
        for risk in dpia["risks"]:
            if risk[severity] and risk[likelihood]:
                cell = grid[5 - risk[severity]][risk[likelihood] - 1]
                grid[5 - risk[severity]][risk[likelihood] - 1] = f"{cell} {risk['number']}".strip()
        maps.append((say(key, lang), grid))
    return maps


def _heat_cells(compass: Mapping[str, Any] | None) -> dict[tuple[str, str], dict[str, str]]:
    """Per (value, stakeholder): colours of the cell's tone and the median/spread text."""
    cells: dict[tuple[str, str], dict[str, str]] = {}
    for cell in (compass or {}).get("cells", []):
        fill, ink = TONES.get(cell["tone"], TONES["neutral"])
        median = DASH if cell["median"] is None else f"{cell['median']:g}"
        spread = "" if cell["spread"] is None else f" ±{cell['spread']:g}"
        cells[(cell["value"], cell["stakeholder"])] = {
            "fill": fill,
            "ink": ink,
            "text": f"{median}{spread} (n={cell['count']})",
        }
    return cells


def advisory_html(advisory: Mapping[str, Any], lang: str) -> str:
    """The advisory content dict (ethicsdesk/advisories/content.py) as one HTML document."""
    compass = advisory.get("compass")
    names: dict[str, str] = {}
    if compass:
        names = {v["id"]: v["label"][lang] for v in compass["values"]}
        names |= {s["id"]: s["label"][lang] for s in compass["stakeholders"]}
    cells = _heat_cells(compass)
    for value in (compass or {}).get("values", []):
        for stakeholder in compass["stakeholders"]:
            fallback = {"fill": TONES["empty"][0], "ink": TONES["empty"][1], "text": DASH}
            cells.setdefault((value["id"], stakeholder["id"]), fallback)
    graph = advisory.get("graph")
    footer = say("document.footer", lang, number=advisory["number"],
                 version=advisory["version"], title=advisory["title"][:80])  # fmt: skip
    css = (
        CSS.replace("{fonts}", FONTS.as_uri())
        .replace("{footer}", footer.replace('"', "'"))
        .replace("{page}", say("document.page", lang, page="").strip())
    )
    template = _ENVIRONMENT.from_string(TEMPLATE)
    return template.render(
        a=advisory,
        d=advisory["deliberation"],
        lang=lang,
        css=Markup(css),  # noqa: S704 - our own constant with escaped quotes
        say=lambda key, **values: say(key, lang, **values),
        reasons=Markup(sanitised_html(advisory["reasons"], new_converter())),  # noqa: S704
        maps=_risk_maps(advisory["dpia"], lang) if advisory.get("dpia") else [],
        cells=cells,
        dash=DASH,
        times=TIMES,
        names=names,
        graph=Markup(graph_svg(graph_from_json(graph), lang)) if graph else None,  # noqa: S704
    )


def render_pdf(advisory: Mapping[str, Any], lang: str) -> bytes:
    """HTML → unsigned PDF with WeasyPrint (imported here: only the bench extra installs it)."""
    from weasyprint import HTML

    return HTML(string=advisory_html(advisory, lang), base_url=str(FONTS)).write_pdf()
