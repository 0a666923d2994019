"""Names of a package loaded from their modules on first use (PEP 562), so importing the
package costs only what is touched: the app's first frame never loads the card models."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any


def lazy_getattr(
    package: str, where: Mapping[str, str], namespace: dict[str, Any]
) -> Callable[[str], Any]:
    """A module ``__getattr__`` that loads each name of ``where`` from its module.

    Args:
        package: The package's ``__name__``.
        where: Public name -> the module defining it: a submodule's name ("records") or a
            dotted path ("neuroquiz.study.day").
        namespace: The package's ``globals()``; a loaded name is stored there, so it is a
            plain attribute from then on.

    Example:
        ``__getattr__ = lazy_getattr(__name__, {"Limits": "settings"}, globals())``
    """

    def load(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        path = module if "." in module else f"{package}.{module}"
        value = getattr(importlib.import_module(path), name)
        namespace[name] = value
        return value

    return load
