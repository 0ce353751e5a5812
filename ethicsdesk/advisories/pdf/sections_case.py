"""The first half of the advisory: cover, summary and outcome, conditions, screening, DPIA."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Table

from compass._text import DASH
from dpia_templates.dpia.labels import say as dpia_say
from dpia_templates.dpia.model import LEVELS
from dpia_templates.dpia.risk import RiskPoint
from ethicsdesk.advisories.pdf.drawings.riskmap import risk_map_drawing
from ethicsdesk.advisories.pdf.parts import (
    Context,
    facts_table,
    format_date,
    gap,
    grid,
    heading,
    para,
)
from ethicsdesk.advisories.pdf.richtext import plain
from ethicsdesk.advisories.pdf.styles import OUTCOME_FILL, RULE, styles, table_style


def outcome_box(ctx: Context, width: float) -> Table:
    """The outcome in words on its colour, so it reads without the colour too."""
    outcome = ctx.advisory["outcome"]
    text = f"{plain(ctx.say('document.outcome'))}: {plain(outcome['label'])}"
    return Table(
        [[Paragraph(text, styles()["outcome"])]],
        colWidths=[width],
        style=table_style(
            ("BACKGROUND", (0, 0), (-1, -1), OUTCOME_FILL[outcome["code"]]),
            ("BOX", (0, 0), (-1, -1), 1, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 10),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
            header=False,
        ),
    )


def cover(ctx: Context) -> list[Flowable]:
    """Number, version, title, outcome, date and organisation on a page of their own."""
    adv = ctx.advisory
    old = adv["supersedes"]
    rows = [
        (ctx.say("document.number"), adv["number"]),
        (
            ctx.say("document.version", version=adv["version"]),
            ctx.say("document.supersedes", **old) if old else "—",
        ),
        (ctx.say("document.issued_on"), format_date(adv["issued_on"], ctx.lang)),
        (ctx.say("document.organisation"), adv["organisation"]),
    ]
    return [
        gap(30 * mm),
        para(adv["organisation"], "cover_kind"),
        para(ctx.say("document.kind"), "cover_kind"),
        para(adv["title"], "cover_title"),
        facts_table(rows, ctx.width),
        gap(10 * mm),
        outcome_box(ctx, ctx.width),
        gap(10 * mm),
        para(ctx.say("document.attachments"), "small"),
        PageBreak(),
    ]


def summary(ctx: Context) -> list[Flowable]:
    """Outcome, public summary, reasons and the facts of the request."""
    adv, case = ctx.advisory, ctx.advisory["case"]
    facts = [
        (ctx.say("summary.technology"), case["technology"]),
        (ctx.say("summary.vendor"), case["vendor"]),
        (ctx.say("summary.category"), case["category"]),
        (ctx.say("summary.schools"), ", ".join(case["schools"]) or "—"),
        (ctx.say("summary.requester"), case["requester"]),
        (ctx.say("summary.re_evaluation"), format_date(adv["re_evaluation_date"], ctx.lang)),
    ]
    return [
        heading(ctx, "section.summary"),
        outcome_box(ctx, ctx.width),
        gap(),
        heading(ctx, "summary.public_summary", 1),
        *ctx.markdown(adv["public_summary"]),
        heading(ctx, "summary.reasons", 1),
        *ctx.markdown(adv["reasons"]),
        heading(ctx, "summary.case", 1),
        facts_table(facts, ctx.width),
    ]


def conditions(ctx: Context) -> list[Flowable]:
    """The conditions as a table: what, who, by when, and how it is checked."""
    items = ctx.advisory["conditions"]
    if not items:
        return [heading(ctx, "section.conditions"), para(ctx.say("document.none"))]
    w = ctx.width
    widths = [28, w * 0.42, w * 0.16, w * 0.14]
    widths.append(w - sum(widths))
    header = [ctx.say(f"conditions.{key}") for key in ("number", "text", "owner", "due", "check")]
    rows = [
        [
            str(index),
            ctx.markdown(item["text"], widths[1] - 8),
            item["owner"],
            format_date(item["due_date"], ctx.lang),
            item["how_checked"],
        ]
        for index, item in enumerate(items, start=1)
    ]
    return [heading(ctx, "section.conditions"), grid(header, rows, widths)]


def screening(ctx: Context) -> list[Flowable]:
    """The pre-screening conclusions and each flag with the committee's decision on it."""
    data = ctx.advisory["screening"]
    facts = [
        (ctx.say("screening.dpia"), data["dpia"]),
        (ctx.say("screening.ai_act"), data["ai_act"]),
    ]
    result = [heading(ctx, "section.screening"), facts_table(facts, ctx.width), gap()]
    result.append(heading(ctx, "screening.flags", 1))
    if not data["flags"]:
        return [*result, para(ctx.say("document.none"))]
    w = ctx.width
    widths = [w * 0.4, w * 0.25, w * 0.35]
    rows = [
        [
            flag["title"],
            flag["reference"],
            ctx.say("screening.overridden", reason=flag["override"]["reason"])
            if flag["override"]
            else ctx.say("screening.upheld"),
        ]
        for flag in data["flags"]
    ]
    header = [ctx.say(f"screening.{key}") for key in ("flag", "reference", "override")]
    return [*result, grid(header, rows, widths)]


def _rating(ctx: Context, severity: int | None, likelihood: int | None, level: str) -> str:
    """'S 3 · L 2: medium' for the risk table."""
    s, lk = ctx.say("dpia.severity_short"), ctx.say("dpia.likelihood_short")
    return f"{s} {severity or DASH} · {lk} {likelihood or DASH}: {level}"


def dpia(ctx: Context) -> list[Flowable]:
    """DPIA summary lines, the risk table and the risk maps before and after the measures."""
    data = ctx.advisory["dpia"]
    result: list[Flowable] = [heading(ctx, "section.dpia")]
    if data is None:
        return [*result, para(ctx.say("document.not_done"))]
    result += [para(line) for line in data["summary"]]
    risks = data["risks"]
    w = ctx.width
    widths = [28, w * 0.46, w * 0.25]
    widths.append(w - sum(widths))
    header = [ctx.say("conditions.number"), ctx.say("dpia.title")]
    header += [ctx.say("dpia.before"), ctx.say("dpia.after")]
    rows = [
        [
            str(r["number"]),
            r["title"],
            _rating(ctx, r["severity"], r["likelihood"], r["level"]),
            _rating(ctx, r["residual_severity"], r["residual_likelihood"], r["residual_level"]),
        ]
        for r in risks
    ]
    result += [heading(ctx, "dpia.risks", 1), grid(header, rows, widths), gap()]
    points = [
        RiskPoint(
            r["number"],
            str(r["number"]),
            r["title"],
            r["severity"],
            r["likelihood"],
            r["residual_severity"],
            r["residual_likelihood"],
        )
        for r in risks
    ]
    maps = Table(
        [
            [
                risk_map_drawing(points, ctx.say("dpia.map_before"), ctx.lang, residual=False),
                risk_map_drawing(points, ctx.say("dpia.map_after"), ctx.lang, residual=True),
            ]
        ],
        style=table_style(header=False, lines=False),
        hAlign="LEFT",
    )
    legend = " · ".join(f"{level} {dpia_say(f'level.{level}', ctx.lang)}" for level in LEVELS)
    block: list[Flowable] = [maps, para(legend, "small")]
    unrated = [f"{p.number}. {p.title}" for p in points if p.cell() is None]
    if unrated:
        block.append(para(ctx.say("dpia.unrated", items="; ".join(unrated)), "small"))
    result.append(KeepTogether(block))
    if data["prior_consultation"]:
        result += [heading(ctx, "dpia.prior_consultation", 1), para(data["prior_consultation"])]
    return result
