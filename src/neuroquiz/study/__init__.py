"""Study services with no UI: the study day, limits, StudySession, Quiz and Stats.

Everything takes its clock and randomness as parameters; nothing here reads the time or a
global random generator, and nothing imports Textual, Click or Rich.
"""

from __future__ import annotations

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
