"""Pre-screening of technology review requests for the EthicsDesk ethics committee.

A pure library (no Flask, no web app): the vocabulary, categories, request schema and screening
rules are data files in this package; `screen()` explains whether a DPIA is required, what the EU
AI Act says, and which follow-up flags apply, each with nl/en texts, legal references and rule ids.

    >>> from dpia_templates import screen, validate_request
    >>> request = {"technology": "Rekenapp", "category": "lms", "purpose": "Oefenen",
    ...            "data_subjects": ["pupils"]}
    >>> validate_request(request)
    []
    >>> screen(request).dpia.conclusion
    'recommended'
"""

from dpia_templates._data import RuleLoadError, Text
from dpia_templates.conditions import Trigger
from dpia_templates.facts import RequestError
from dpia_templates.ruleset import RuleSet, load_ruleset
from dpia_templates.schema import load_request_schema, validate_request
from dpia_templates.screening import (
    AiActAssessment,
    AiDuty,
    DpiaConclusion,
    Finding,
    GroupOutcome,
    ScreeningResult,
    TemplateSuggestion,
    screen,
)
from dpia_templates.vocabulary import Category, CodeList, Vocabulary, load_vocabulary

__all__ = [
    "AiActAssessment",
    "AiDuty",
    "Category",
    "CodeList",
    "DpiaConclusion",
    "Finding",
    "GroupOutcome",
    "RequestError",
    "RuleLoadError",
    "RuleSet",
    "ScreeningResult",
    "TemplateSuggestion",
    "Text",
    "Trigger",
    "Vocabulary",
    "load_request_schema",
    "load_ruleset",
    "load_vocabulary",
    "screen",
    "validate_request",
]

# DPIA templates per technology, documents, risk logic and CNIL interop (dpia_templates.dpia).
from dpia_templates.dpia import (
    DpiaTemplate,
    RiskPoint,
    TemplateError,
    TemplateSummary,
    check_templates,
    document_to_markdown,
    from_cnil,
    load_template,
    load_templates,
    new_document,
    prior_consultation_needed,
    risk_map_svg,
    risk_table,
    to_cnil,
    validate_document,
)

__all__ += [
    "DpiaTemplate",
    "RiskPoint",
    "TemplateError",
    "TemplateSummary",
    "check_templates",
    "document_to_markdown",
    "from_cnil",
    "load_template",
    "load_templates",
    "new_document",
    "prior_consultation_needed",
    "risk_map_svg",
    "risk_table",
    "to_cnil",
    "validate_document",
]
