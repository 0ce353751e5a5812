"""DPIA templates per technology, the DPIA document, risk logic and CNIL PIA tool interop.

Pure library like the rest of the package: templates are data in `dpia_templates/templates/`
(shared questions in `_base.toml`, one file per category), validated at load time.

    >>> from dpia_templates.dpia import load_template, new_document, validate_document
    >>> template = load_template("generative_ai")
    >>> doc = new_document(template, lang="en", title="Writing assistant")
    >>> validate_document(doc, template)
    []
    >>> doc["risks"][0]["id"]
    'transfer_outside_eea'
"""

from dpia_templates.dpia.cnil import CnilError, from_cnil, to_cnil
from dpia_templates.dpia.document import (
    FORMAT,
    load_document_schema,
    new_document,
    section_content,
    section_digest,
    validate_document,
)
from dpia_templates.dpia.errors import TemplateError, TemplateProblem
from dpia_templates.dpia.markdown import document_to_markdown
from dpia_templates.dpia.model import (
    AnswerKind,
    Choice,
    DpiaTemplate,
    FearedEvent,
    Opinion,
    Question,
    Section,
    TemplateMeasure,
    TemplateRisk,
    TemplateSummary,
)
from dpia_templates.dpia.risk import (
    RISK_MATRIX,
    Conclusion,
    ConsultationStatus,
    RiskLevel,
    RiskPoint,
    RiskRow,
    level_label,
    prior_consultation_needed,
    risk_level,
    risk_points,
    risk_table,
)
from dpia_templates.dpia.riskmap import risk_map_svg
from dpia_templates.dpia.templates import (
    TEMPLATES_DIR,
    check_templates,
    load_template,
    load_templates,
)

__all__ = [
    "FORMAT",
    "RISK_MATRIX",
    "TEMPLATES_DIR",
    "AnswerKind",
    "Choice",
    "CnilError",
    "Conclusion",
    "ConsultationStatus",
    "DpiaTemplate",
    "FearedEvent",
    "Opinion",
    "Question",
    "RiskLevel",
    "RiskPoint",
    "RiskRow",
    "Section",
    "TemplateError",
    "TemplateMeasure",
    "TemplateProblem",
    "TemplateRisk",
    "TemplateSummary",
    "check_templates",
    "document_to_markdown",
    "from_cnil",
    "level_label",
    "load_document_schema",
    "load_template",
    "load_templates",
    "new_document",
    "prior_consultation_needed",
    "risk_level",
    "risk_map_svg",
    "risk_points",
    "risk_table",
    "section_content",
    "section_digest",
    "to_cnil",
    "validate_document",
]
