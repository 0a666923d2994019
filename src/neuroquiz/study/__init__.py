"""Study services with no UI: the study day, limits, StudySession, Quiz and Stats.

Everything takes its clock and randomness as parameters; nothing here reads the time or a
global random generator, and nothing imports Textual, Click or Rich. Each name below is
loaded from its module on first use (PEP 562): the home screen's counts do not load the
session, the quiz or the card models.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from neuroquiz.lazy import lazy_getattr

if TYPE_CHECKING:
    from neuroquiz.store import Limits
    from neuroquiz.study.day import study_day
    from neuroquiz.study.limits import Quota, daily_quota
    from neuroquiz.study.queue import QueueItem, TodayPlan, build_queue, plan_today
    from neuroquiz.study.quiz import OPTIONS, SHORT_BACK_WORDS, Quiz, QuizQuestion
    from neuroquiz.study.session import (
        REDRILL_GAP,
        AnswerOutcome,
        Clock,
        SessionSummary,
        StudyCard,
        StudySession,
    )
    from neuroquiz.study.stats import EF_BUCKET, Stats

_WHERE = {
    "EF_BUCKET": "neuroquiz.study.stats",
    "OPTIONS": "neuroquiz.study.quiz",
    "REDRILL_GAP": "neuroquiz.study.session",
    "SHORT_BACK_WORDS": "neuroquiz.study.quiz",
    "AnswerOutcome": "neuroquiz.study.session",
    "Clock": "neuroquiz.study.session",
    "Limits": "neuroquiz.store",
    "QueueItem": "neuroquiz.study.queue",
    "Quiz": "neuroquiz.study.quiz",
    "QuizQuestion": "neuroquiz.study.quiz",
    "Quota": "neuroquiz.study.limits",
    "SessionSummary": "neuroquiz.study.session",
    "Stats": "neuroquiz.study.stats",
    "StudyCard": "neuroquiz.study.session",
    "StudySession": "neuroquiz.study.session",
    "TodayPlan": "neuroquiz.study.queue",
    "build_queue": "neuroquiz.study.queue",
    "daily_quota": "neuroquiz.study.limits",
    "plan_today": "neuroquiz.study.queue",
    "study_day": "neuroquiz.study.day",
}
"""The module that defines each public name."""

__all__ = [
    "EF_BUCKET",
    "OPTIONS",
    "REDRILL_GAP",
    "SHORT_BACK_WORDS",
    "AnswerOutcome",
    "Clock",
    "Limits",
    "QueueItem",
    "Quiz",
    "QuizQuestion",
    "Quota",
    "SessionSummary",
    "Stats",
    "StudyCard",
    "StudySession",
    "TodayPlan",
    "build_queue",
    "daily_quota",
    "plan_today",
    "study_day",
]


__getattr__ = lazy_getattr(__name__, _WHERE, globals())
