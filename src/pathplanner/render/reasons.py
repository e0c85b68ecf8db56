"""A reason as a sentence in the report's language: the one wording every report uses.

Reports (Markdown, HTML and any later format) write why an item applies, why in its mode
and why another does not from :func:`reason_sentence`, never from the rule's condition:
the rule's title, then each fact it read in words (the field's label and the value's
label, made when the plan was assembled), then the legal basis. The plan JSON keeps the
structured form (rule id, condition, facts).
"""

from __future__ import annotations

from pathplanner.plan.model import PlanReason
from pathplanner.render.labels import label

__all__ = ["reason_sentence"]

_DEFAULT_PREFIX = "catalog:"
"""Rule ids of catalog defaults (``catalog:applies_by_default``) rather than rules."""


def reason_sentence(reason: PlanReason, lang: str = "zh", *, show_rule: bool = True) -> str:
    """``reason`` as one sentence in ``lang`` (``zh`` or ``en``), e.g.
    编制报告表的项目审批环评报告表，开工前取得批复：环境影响评价类别为“编制环境影响报告表”
    （依据：《中华人民共和国环境影响评价法》第十六条）.

    A plan written before the words were recorded (format 1.1) has no title: its sentence
    is the rule's text and id, as those plans were reported; ``show_rule=False`` leaves the
    id out (the letter an investor signs names no rule ids)."""
    if reason.rule_id.startswith(_DEFAULT_PREFIX):
        sentence = label("plan-reason-default", lang)
    elif not reason.title.zh:
        sentence = reason.text
        if show_rule:
            sentence += label("paren", lang, text=reason.rule_id)
    else:
        title = reason.title.get(lang)
        facts = label("sep-clause", lang).join(clause.get(lang) for clause in reason.facts_in_words)
        sentence = label("plan-reason-sentence", lang, title=title, facts=facts) if facts else title
    if not reason.basis:
        return sentence
    return label("plan-reason-basis", lang, sentence=sentence, basis=reason.basis)
