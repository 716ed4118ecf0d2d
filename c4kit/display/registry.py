"""A registry of renderers, in the spirit of Altair's ``alt.renderers``.

A renderer is a function ``fn(text, *, title="", **options) -> dict`` that
turns Mermaid text into a Jupyter MIME bundle.  One renderer is active at a
time; ``enable`` switches (and works as a context manager for a temporary
switch), ``register`` adds your own.  Until someone enables one explicitly,
the active renderer is chosen automatically (``C4KIT_RENDERER`` first, then
the front end), so a notebook needs no setup cell to look right.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable
from types import TracebackType
from typing import Any

from c4kit.errors import C4Error

Renderer = Callable[..., dict[str, Any]]


class UnknownRendererError(C4Error, ValueError):
    """``enable`` was given a name no renderer is registered under."""


class RendererOptionError(C4Error, TypeError):
    """``enable`` was given an option the renderer does not take."""


class _Enabled:
    """What ``enable`` returns: the switch is already done; ``with`` undoes it on exit."""

    def __init__(self, registry: RendererRegistry, previous: tuple[str | None, dict[str, Any]]) -> None:
        self._registry = registry
        self._previous = previous

    def __enter__(self) -> RendererRegistry:
        return self._registry

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._registry._restore(self._previous)

    def __repr__(self) -> str:
        return f"<renderer {self._registry.active!r} enabled>"


class RendererRegistry:
    """Named renderers, one of them active.

    ``auto`` picks the renderer while none has been enabled explicitly; it is
    asked on every use, so that it can follow the environment.
    """

    def __init__(self, *, default: str, auto: Callable[[], str | None] | None = None) -> None:
        self._renderers: dict[str, Renderer] = {}
        self._on_enable: dict[str, Callable[[str], None]] = {}
        self._default = default
        self._auto = auto
        self._chosen: str | None = None
        self._options: dict[str, Any] = {}

    # ----------------------------------------------------------- registering
    def register(self, name: str, fn: Renderer | None, *, on_enable: Callable[[str], None] | None = None
                 ) -> Renderer | None:
        """Add (or replace) renderer ``name``; ``fn=None`` removes it.  Returns the previous one.

        ``on_enable(previous_name)`` runs each time the renderer is enabled
        (the "html" renderer uses it: enabled again, it embeds Mermaid again).
        """
        if not isinstance(name, str) or not name:
            raise C4Error(f"a renderer needs a non-empty string name, got {name!r}")
        previous = self._renderers.get(name)
        if fn is None:
            self._renderers.pop(name, None)
            self._on_enable.pop(name, None)
            if self._chosen == name:
                self._chosen, self._options = None, {}
            return previous
        if not callable(fn):
            raise C4Error(f"renderer {name!r} must be callable, got {type(fn).__name__}",
                          hint="register a function fn(text, *, title='', **options) -> dict of MIME type -> data")
        self._renderers[name] = fn
        if on_enable is not None:
            self._on_enable[name] = on_enable
        return previous

    def names(self) -> list[str]:
        """The registered renderer names, sorted."""
        return sorted(self._renderers)

    # ------------------------------------------------------------- choosing
    @property
    def active(self) -> str:
        """The name of the renderer in use now."""
        if self._chosen is not None:
            return self._chosen
        if self._auto is not None:
            name = self._auto()
            if name in self._renderers:
                return name
        return self._default

    @property
    def options(self) -> dict[str, Any]:
        """Options given to ``enable`` for the active renderer (a copy)."""
        return dict(self._options) if self._chosen is not None else {}

    def enable(self, name: str | None = None, **options: Any) -> _Enabled:
        """Make ``name`` the active renderer (``None``: the active one, with new options).

        Usable as a context manager to switch only for a block::

            with c4kit.renderers.enable("text"):
                display(view)
        """
        previous = (self._chosen, dict(self._options))
        was_active = self.active
        name = was_active if name is None else name
        fn = self._lookup(name)
        self._check_options(name, fn, options)
        self._chosen, self._options = name, dict(options)
        hook = self._on_enable.get(name)
        if hook is not None:
            hook(was_active)
        return _Enabled(self, previous)

    def reset(self) -> None:
        """Forget explicit choices: back to the automatic choice."""
        self._chosen, self._options = None, {}

    def get(self, name: str | None = None) -> Renderer:
        """Renderer ``name`` (default: the active one), with the enabled options bound if it is the active one."""
        active = self.active if name is None else name
        fn = self._lookup(active)
        options = self.options if active == self._chosen else {}
        if not options:
            return fn

        def bound(text: str, **kwargs: Any) -> dict[str, Any]:
            return fn(text, **{**options, **kwargs})

        return bound

    def __contains__(self, name: object) -> bool:
        return name in self._renderers

    def __repr__(self) -> str:
        return f"RendererRegistry(active={self.active!r}, names={self.names()!r})"

    # -------------------------------------------------------------- helpers
    def _lookup(self, name: str) -> Renderer:
        try:
            return self._renderers[name]
        except (KeyError, TypeError):
            pass
        close = difflib.get_close_matches(str(name), self.names(), n=1)
        maybe = f"did you mean {close[0]!r}? " if close else ""
        raise UnknownRendererError(
            f"no renderer named {name!r}",
            hint=f"{maybe}choose one of: {', '.join(self.names())} "
            "(or add your own with c4kit.renderers.register(name, fn))",
        )

    @staticmethod
    def _check_options(name: str, fn: Renderer, options: dict[str, Any]) -> None:
        if not options:
            return
        try:
            params = inspect.signature(fn).parameters
        except (TypeError, ValueError):  # pragma: no cover - builtins without a signature
            return
        if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()):
            return
        accepted = [p for p, spec in params.items() if spec.kind is inspect.Parameter.KEYWORD_ONLY and p != "title"]
        unknown = sorted(set(options) - set(accepted))
        if unknown:
            raise RendererOptionError(
                f"renderer {name!r} has no option {', '.join(map(repr, unknown))}",
                hint=f"its options are: {', '.join(accepted) or 'none'}",
            )

    def _restore(self, previous: tuple[str | None, dict[str, Any]]) -> None:
        self._chosen, self._options = previous[0], dict(previous[1])
