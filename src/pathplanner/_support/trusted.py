"""Pydantic models that can also be made without validation, from trusted values.

The planner's hot path assembles decisions and plans from values that are validated
already (catalog models, rule conclusions, the schedule); validating them again costs more
than the planning itself. :meth:`TrustedModel.trusted` makes an instance directly. Tests
re-validate what is made this way (see ``tests/plan/test_plan_trusted.py``).

Why not pydantic's public ``model_construct``: it walks every field in Python (aliases,
validation aliases, defaults) for every instance. Measured on 2026-12-07 (pydantic 2.14.4,
CPython 3.11, a 2-core machine like that of ``docs/benchmarks.md``; medians, the two
ways interleaved): rebuilding the real Plans of the seven examples (566 to 1,800 models
each) took 21.4 ms with ``trusted`` against 42.8 ms with ``model_construct``, and a whole
warm ``Planner.plan`` 45 ms against 58 ms for the seven (+21 % to +37 % per example, e.g.
factory-in-assessed-park 7.4 → 9.2 ms), against a 5 ms target that five examples already
miss. So ``trusted`` sets the instance state itself, which relies on pydantic internals:
``BaseModel`` has exactly the slots ``__pydantic_fields_set__``, ``__pydantic_extra__``
and ``__pydantic_private__`` besides ``__dict__``, and an instance needs nothing else.
This module refuses to import, naming the slot, when a slot is gone;
``tests/plan/test_plan_trusted.py`` fails, saying what changed, when pydantic sets other state
or a trusted instance stops behaving like a validated one (equality, hashing, dumps,
copies, pickling). If it ever does, switch ``trusted_dict`` to ``model_construct``.
"""

from __future__ import annotations

import types
from typing import Any, Self

import pydantic
from pydantic import BaseModel

__all__ = ["INSTANCE_SLOTS", "TrustedModel"]

INSTANCE_SLOTS = ("__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
"""The slots of ``BaseModel`` that :meth:`TrustedModel.trusted` sets, besides ``__dict__``."""


def _slot_setter(name: str) -> Any:
    descriptor = BaseModel.__dict__.get(name)
    if not isinstance(descriptor, types.MemberDescriptorType):
        raise ImportError(
            f"pydantic {pydantic.VERSION}: BaseModel has no slot {name} any more;"
            " pathplanner's TrustedModel.trusted sets it (see pathplanner._support.trusted)"
        )
    return descriptor.__set__


_set = object.__setattr__
_new = object.__new__
_set_fields_set, _set_extra, _set_private = (_slot_setter(name) for name in INSTANCE_SLOTS)
_ALL_FIELDS: dict[type[BaseModel], set[str]] = {}


class TrustedModel(BaseModel):
    """A base model adding :meth:`trusted` (for frozen models without private attributes
    or extra fields)."""

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """An instance made from ``values`` without validation: every field given, in the
        declared order (the serializer writes them in this order), each value already
        exactly of its declared type (lists as lists, tuples as tuples, dates as dates).
        The instances of a class share one (read-only) ``model_fields_set``: all fields.

        Raises ``TypeError`` when the number of values is not the number of fields.
        """
        return cls.trusted_dict(values)

    @classmethod
    def trusted_dict(cls, values: dict[str, Any]) -> Self:
        """:meth:`trusted` from a dict the instance keeps as its ``__dict__`` (for models
        with many fields, a dict display is quicker to pass than keyword arguments)."""
        fields = _ALL_FIELDS.get(cls)
        if fields is None:
            fields = _ALL_FIELDS[cls] = set(cls.model_fields)
        if len(values) != len(fields):
            missing = sorted(fields - set(values))
            unknown = sorted(set(values) - fields)
            raise TypeError(f"{cls.__name__}.trusted: missing {missing}, unknown {unknown}")
        made = _new(cls)
        _set(made, "__dict__", values)
        _set_fields_set(made, fields)
        _set_extra(made, None)
        _set_private(made, None)
        return made
