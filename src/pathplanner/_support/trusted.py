"""Pydantic models that can also be made without validation, from trusted values.

The planner's hot path assembles decisions and plans from values that are validated
already (catalog models, rule conclusions, the schedule); validating them again costs more
than the planning itself. :meth:`TrustedModel.trusted` makes an instance directly. Tests
re-validate what is made this way (see ``tests/test_plan_trusted.py``).
"""

from __future__ import annotations

from typing import Any, Self

from pydantic import BaseModel

__all__ = ["TrustedModel"]

_set = object.__setattr__
_new = object.__new__
# the slots every pydantic model has besides its __dict__, set directly
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_set_extra = BaseModel.__dict__["__pydantic_extra__"].__set__
_set_private = BaseModel.__dict__["__pydantic_private__"].__set__
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
