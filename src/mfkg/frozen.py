"""Small immutable records — equal, hashed, ordered and shown by their fields, as a frozen, ordered
dataclass would be — without importing `dataclasses` (which loads `inspect`, `ast` and more). The
types the console script's quick path touches (`Problem`, `Term`, `ResultTable`'s cells) use it, so
`mfkg query run NAME` starts in a few milliseconds less.

>>> class Point(FrozenRecord):
...     __slots__ = ("x", "y")
...     def __init__(self, x: int, y: int = 0) -> None:
...         frozen_init(self, x, y)
>>> Point(1) == Point(1, 0), Point(1) < Point(2), sorted([Point(2), Point(1, 5)]), len({Point(1), Point(1)})
(True, True, [Point(x=1, y=5), Point(x=2, y=0)], 1)
>>> Point(1).x = 3
Traceback (most recent call last):
...
AttributeError: cannot assign to field 'x'
"""

from __future__ import annotations

_set = object.__setattr__


def frozen_init(record: FrozenRecord, *values: object) -> None:
    """Set a record's fields, in the order of its `__slots__` (for use in `__init__`)."""
    for name, value in zip(record.__slots__, values):
        _set(record, name, value)


class FrozenRecord:
    """Base class: subclasses name their fields in `__slots__` and set them in `__init__` with `frozen_init`."""

    __slots__: tuple[str, ...] = ()

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, n) for n in self.__slots__)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"cannot assign to field '{name}'")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field '{name}'")

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._fields() == other._fields()  # type: ignore[attr-defined]
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._fields())

    def __lt__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._fields() < other._fields()  # type: ignore[attr-defined]
        return NotImplemented

    def __le__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._fields() <= other._fields()  # type: ignore[attr-defined]
        return NotImplemented

    def __gt__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._fields() > other._fields()  # type: ignore[attr-defined]
        return NotImplemented

    def __ge__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._fields() >= other._fields()  # type: ignore[attr-defined]
        return NotImplemented

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__slots__)
        return f"{type(self).__name__}({shown})"

    def __reduce__(self) -> tuple[object, ...]:
        return (self.__class__, self._fields())
