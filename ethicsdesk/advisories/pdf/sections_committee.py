"""The second half of the advisory: compass, value graph, deliberation, minority, signatures."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
)

from compass._text import format_number
from compass.graph import graph_from_json, layout_graph
from ethicsdesk.advisories.pdf.drawings.common import fitted
from ethicsdesk.advisories.pdf.drawings.graph import graph_drawing
from ethicsdesk.advisories.pdf.drawings.heatmap import heat_map_drawing
from ethicsdesk.advisories.pdf.parts import (
    Context,
    facts_table,
    format_date,
    gap,
    grid,
    heading,
    para,
)
from ethicsdesk.advisories.pdf.signature import SignatureArea, SignatureBox
from ethicsdesk.advisories.pdf.styles import FONT

GRAPH_LAYOUT = {"node_height": 34.0, "row_gap": 6.0, "column_gap": 48.0}
GRAPH_TEXT_ALLOWANCE = 70.0  # heading and intro above the drawing on the landscape page
SIGNATURE_WIDTH, SIGNATURE_HEIGHT = 90 * mm, 30 * mm
TIMES = "\u00d7"


def compass(ctx: Context) -> list[Flowable]:
    """The heat map (colour and text per cell) and the deliberation agenda it produced."""
    data = ctx.advisory["compass"]
    if data is None:
        return [heading(ctx, "section.compass"), para(ctx.say("document.not_done"))]
    intro = ctx.say("compass.intro", members=data["members"], set=data["set_title"][ctx.lang])
    drawing = fitted(heat_map_drawing(data, ctx.lang, ctx.width), ctx.width, ctx.height - 80)
    # KeepTogether, not keepWithNext: reportlab never groups a heading with a KeepTogether
    result: list[Flowable] = [
        KeepTogether([heading(ctx, "section.compass"), para(intro, "small"), drawing])
    ]
    names = {item["id"]: item["label"][ctx.lang] for item in data["values"]}
    names |= {item["id"]: item["label"][ctx.lang] for item in data["stakeholders"]}
    items = []
    for item in data["agenda"]:
        priority = ctx.say("compass.priority", priority=format_number(item["priority"], ctx.lang))
        cell = f"{names[item['value']]} {TIMES} {names[item['stakeholder']]}"
        items.append(ListItem(para(f"{cell} ({priority}): {item['text'][ctx.lang]}")))
    result.append(heading(ctx, "compass.agenda", 1))
    if not items:
        return [*result, para(ctx.say("document.none"))]
    bullets = {"bulletFontName": FONT, "bulletFontSize": 9, "leftIndent": 16}
    return [*result, ListFlowable(items, bulletType="1", **bullets)]  # type: ignore[arg-type]


def graph(ctx: Context) -> list[Flowable]:
    """The value graph on a landscape page of its own, drawn from compass.graph's layout."""
    text = ctx.advisory["graph"]
    if text is None:
        return [heading(ctx, "section.graph"), para(ctx.say("document.not_done"))]
    layout = layout_graph(graph_from_json(text), ctx.lang, **GRAPH_LAYOUT)
    drawing = fitted(
        graph_drawing(layout),
        ctx.landscape_width,
        ctx.landscape_height - GRAPH_TEXT_ALLOWANCE,
    )
    return [
        NextPageTemplate("landscape"),
        PageBreak(),
        heading(ctx, "section.graph"),
        para(ctx.say("graph.intro"), "small"),
        drawing,
        NextPageTemplate("portrait"),
        PageBreak(),
    ]


def deliberation(ctx: Context) -> list[Flowable]:
    """Meeting, attendance, quorum, the vote, every member's position and declared conflicts."""
    data = ctx.advisory["deliberation"]
    votes = " · ".join(
        f"{ctx.say(f'deliberation.{position}')} {data['votes'][position]}"
        for position in ("for", "against", "abstain")
    )
    facts = [
        (ctx.say("deliberation.meeting"), format_date(data["meeting_date"], ctx.lang)),
        (ctx.say("deliberation.attendance"), data["attendance"]),
        (
            ctx.say("deliberation.quorum"),
            ctx.say("document.yes" if data["quorum_met"] else "document.no"),
        ),
        (ctx.say("deliberation.votes"), votes),
    ]
    result: list[Flowable] = [heading(ctx, "section.deliberation"), facts_table(facts, ctx.width)]
    result.append(heading(ctx, "deliberation.positions", 1))
    w = ctx.width
    widths = [w * 0.25, w * 0.15, w * 0.6]
    header = [ctx.say(f"deliberation.{key}") for key in ("member", "position", "reason")]
    rows = [
        [item["member"], ctx.say(f"deliberation.{item['position']}"), item["reason"]]
        for item in data["positions"]
    ]
    result.append(grid(header, rows, widths) if rows else para(ctx.say("document.none")))
    result.append(heading(ctx, "deliberation.conflicts", 1))
    conflicts = [f"{item['member']}: {item['description']}" for item in data["conflicts"]]
    result += [para(line) for line in conflicts] or [para(ctx.say("document.none"))]
    return result


def minority(ctx: Context) -> list[Flowable]:
    """Each minority opinion under its author's name, in the author's own (Markdown) words."""
    result: list[Flowable] = [heading(ctx, "section.minority")]
    opinions = ctx.advisory["minority_opinions"]
    if not opinions:
        return [*result, para(ctx.say("document.none"))]
    for opinion in opinions:
        result += [para(ctx.say("minority.by", author=opinion["author"]), "h2")]
        result += ctx.markdown(opinion["text"])
    return result


def signatures(ctx: Context) -> list[Flowable]:
    """The signature page: who signs in which role, and an empty framed area for each."""
    result: list[Flowable] = [
        PageBreak(),
        heading(ctx, "section.signatures"),
        para(ctx.say("signatures.statement")),
        gap(10),
    ]
    for index, signer in enumerate(ctx.advisory["signers"]):

        def record(page: int, rect: tuple[float, float, float, float], *, i: int = index) -> None:
            person = ctx.advisory["signers"][i]
            box = SignatureBox(i, person["name"], person["role"], f"Signature{i + 1}", page, rect)
            ctx.signature_boxes.append(box)

        block = [
            para(f"{ctx.say('signatures.name')}: {signer['name']}", "h3"),
            para(f"{ctx.say('signatures.role')}: {signer['role']}"),
            SignatureArea(SIGNATURE_WIDTH, SIGNATURE_HEIGHT, ctx.say("signatures.field"), record),
            gap(12),
        ]
        result.append(KeepTogether(block))
    return result
