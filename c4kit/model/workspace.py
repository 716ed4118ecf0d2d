"""The workspace: one C4 model from which every view is derived.

This is the Structurizr idea in a few hundred lines.  You describe people,
software systems, containers and components once, with the relationships
between them, and then ask for views (context, container, component, dynamic,
deployment).  Nothing is typed twice, so the diagrams of one system can never
disagree with each other.

The API follows the order of Mermaid's own arguments, so a learner can read a
cell and the Mermaid it produces side by side::

    ws = Workspace("Bookshop")
    customer = ws.person("Customer", "Browses and buys books")
    shop = ws.system("Bookshop", "Sells books online")
    web = shop.container("Web Shop", "Python, Django", "Serves the catalogue")
    customer.uses(web, "Browses books", "HTTPS")
    ws.container_view(shop)          # renders in a notebook
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from c4kit.errors import C4ModelError
from c4kit.model.diagram import ElementKind, Shape
from c4kit.model.protections import normalise_protections

if TYPE_CHECKING:
    from c4kit.model.deployment import DeploymentEnvironment
    from c4kit.model.views import (
        ComponentView,
        ContainerView,
        DeploymentView,
        DynamicView,
        LandscapeView,
        SystemContextView,
    )

Direction = Literal["up", "down", "left", "right"]
ShapeName = Literal["plain", "db", "queue"]

_ALIAS_OK = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def slugify(label: str) -> str:
    """Turn a label into a Mermaid-safe alias: ``"Web Shop (v2)"`` -> ``"web_shop_v2"``.

    Accents are folded to ASCII; anything else that is not a letter or digit
    becomes an underscore.  A label with no usable character (say, only emoji
    or only Chinese) yields ``"element"`` and the caller adds a number.
    """
    folded = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "_", folded).strip("_").lower()
    if not slug:
        return "element"
    if slug[0].isdigit():
        slug = "e_" + slug
    return slug


def check_alias(alias: str) -> str:
    """Refuse aliases Mermaid cannot use, with a message that says how to fix it."""
    if not _ALIAS_OK.match(alias):
        suggestion = slugify(alias)
        raise C4ModelError(
            f"alias {alias!r} cannot be used in Mermaid",
            hint=f"use letters, digits and underscores, starting with a letter, e.g. alias={suggestion!r}",
        )
    return alias


@dataclass(eq=False)
class Relationship:
    """A directed "uses" between two model elements.

    ``sync`` says whether the caller waits for an answer (``True``, e.g. HTTP),
    hands a message over and moves on (``False``, e.g. a queue), or is unknown
    (``None``: the simulations then infer it from the target's shape).
    ``protections`` names the resilience mechanisms standing on the call
    (``"circuit_breaker"``, ``"retry"``, ``"timeout"``, ``"bulkhead"``,
    ``"queue"``, ``"dlq"``, ``"failover"``; see
    :mod:`c4kit.model.protections`), which :mod:`c4kit.sim` understands.
    """

    source: ModelElement
    target: ModelElement
    label: str
    technology: str = ""
    description: str = ""
    sync: bool | None = None
    protections: tuple[str, ...] = ()
    direction: Direction | None = None
    bidirectional: bool = False
    tags: str = ""

    def __repr__(self) -> str:
        return f"<{self.source.alias} -> {self.target.alias}: {self.label!r}>"


class Group:
    """A named grouping drawn as a boundary: an enterprise, a layer, a domain.

    Groups nest (``group.group("Payments")``), and every factory method of the
    owner is available on the group, so elements created through it are drawn
    inside it.
    """

    def __init__(self, owner: ModelElement | Workspace, name: str, *, alias: str | None,
                 kind: Literal["enterprise", "generic"], type: str, parent: Group | None) -> None:
        self.owner = owner
        self.name = name
        self.kind = kind
        self.type = type
        self.parent = parent
        workspace = owner if isinstance(owner, Workspace) else owner.workspace
        self.alias = workspace._claim_alias(alias, name, self)

    def chain(self) -> list[Group]:
        """This group and its enclosing groups, outermost first."""
        out: list[Group] = []
        node: Group | None = self
        while node is not None:
            out.append(node)
            node = node.parent
        return out[::-1]

    def group(self, name: str, *, alias: str | None = None, type: str = "") -> Group:
        """A group nested inside this one."""
        return Group(self.owner, name, alias=alias, kind="generic", type=type, parent=self)

    def __getattr__(self, name: str):
        # Delegate factory methods (person, system, container, database, ...)
        # to the owner, placing what they create in this group.  Only public
        # names, and only once ``owner`` is set: copy and pickle probe dunder
        # names on an instance whose __dict__ is still empty.
        if name.startswith("_") or "owner" not in self.__dict__:
            raise AttributeError(name)
        factory = getattr(self.owner, name, None) if name in _FACTORIES else None
        if not callable(factory):
            known = ", ".join(sorted(n for n in _FACTORIES if callable(getattr(self.owner, n, None))))
            raise AttributeError(f"group {self.name!r} has no {name!r}; it can create: {known}")

        def make(*args, **kwargs):
            kwargs.setdefault("group", self)
            return factory(*args, **kwargs)

        make.__doc__ = factory.__doc__
        return make

    def __repr__(self) -> str:
        return f"<Group {self.name!r}>"


_FACTORIES = {"person", "system", "database", "queue", "container", "component"}


class ModelElement:
    """Something with a name that can use other things: the base of every box."""

    kind: ElementKind

    def __init__(self, workspace: Workspace, name: str, description: str = "", technology: str = "", *,
                 alias: str | None = None, shape: ShapeName | Shape = Shape.PLAIN, external: bool = False,
                 parent: ModelElement | None = None, group: Group | None = None,
                 tags: str = "", link: str = "", sprite: str = "") -> None:
        if not isinstance(name, str) or not name.strip():
            raise C4ModelError(f"a {self.kind.value} needs a name", hint="pass the name as the first argument")
        self.workspace = workspace
        self.name = name
        self.description = description
        self.technology = technology
        self.shape = Shape(shape)
        self.external = external
        self.parent = parent
        #: The group (boundary) this element is drawn in, if any.
        self.in_group = group
        self.tags = tags
        self.link = link
        self.sprite = sprite
        self.children: list[ModelElement] = []
        self.alias = workspace._claim_alias(alias, name, self)
        if parent is not None:
            parent.children.append(self)
        workspace._elements.append(self)

    # -------------------------------------------------------------- relations
    def uses(self, target: ModelElement, label: str, technology: str = "", *, description: str = "",
             sync: bool | None = None, protections: Iterable[str] = (), direction: Direction | None = None,
             bidirectional: bool = False, tags: str = "") -> Relationship:
        """Say that this element uses ``target``; ``label`` is a verb phrase.

        ``direction`` is a layout hint (``Rel_U`` ... ``Rel_R``); ``sync`` and
        ``protections`` feed the failure simulations.
        """
        if not isinstance(target, ModelElement):
            raise C4ModelError(
                f"{self.name} uses {target!r}, which is not an element of the model",
                hint="pass the object returned by ws.person(), ws.system(), system.container() ...",
            )
        if target.workspace is not self.workspace:
            raise C4ModelError(f"{self.name} and {target.name} belong to different workspaces")
        if direction is not None and direction not in ("up", "down", "left", "right"):
            raise C4ModelError(f"unknown direction {direction!r}", hint="use 'up', 'down', 'left' or 'right'")
        checked = normalise_protections(protections, where=f"{self.name} -> {target.name}")
        rel = Relationship(self, target, label, technology, description, sync, checked,
                           direction, bidirectional, tags)
        self.workspace._relationships.append(rel)
        return rel

    # ---------------------------------------------------------------- queries
    def ancestors(self) -> list[ModelElement]:
        """Enclosing elements, nearest first (component -> container -> system)."""
        out: list[ModelElement] = []
        node = self.parent
        while node is not None:
            out.append(node)
            node = node.parent
        return out

    def descendants(self) -> Iterator[ModelElement]:
        """Every element nested inside this one, depth first."""
        for child in self.children:
            yield child
            yield from child.descendants()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r} alias={self.alias}>"


class Person(ModelElement):
    """A human who uses the software: a role, not a named individual."""

    kind = ElementKind.PERSON


class _HasChildren(ModelElement):
    """Shared factory logic for systems (containers) and containers (components)."""

    _child_cls: type[ModelElement]

    def _child(self, name: str, technology: str, description: str, shape: ShapeName | Shape, **kw) -> ModelElement:
        return self._child_cls(self.workspace, name, description, technology, shape=shape, parent=self, **kw)

    def group(self, name: str, *, alias: str | None = None, type: str = "") -> Group:
        """A named group of children (a layer, a domain), drawn as a boundary."""
        return Group(self, name, alias=alias, kind="generic", type=type, parent=None)


class SoftwareSystem(_HasChildren):
    """Something that delivers value to its users: the unit of ownership in C4."""

    kind = ElementKind.SYSTEM

    def container(self, name: str, technology: str = "", description: str = "", *,
                  shape: ShapeName | Shape = Shape.PLAIN, **kw) -> Container:
        """A runnable or deployable unit of this system (an app, a service, a store)."""
        return self._child(name, technology, description, shape, **kw)  # type: ignore[return-value]

    def database(self, name: str, technology: str = "", description: str = "", **kw) -> Container:
        """A container that stores data (drawn as a cylinder: ``ContainerDb``)."""
        return self.container(name, technology, description, shape=Shape.DB, **kw)

    def queue(self, name: str, technology: str = "", description: str = "", **kw) -> Container:
        """A container that carries messages (drawn as a pipe: ``ContainerQueue``)."""
        return self.container(name, technology, description, shape=Shape.QUEUE, **kw)

    @property
    def containers(self) -> list[Container]:
        """The containers of this system, in creation order."""
        return [c for c in self.children if isinstance(c, Container)]


class Container(_HasChildren):
    """A separately runnable or deployable unit: an app, a service, a database."""

    kind = ElementKind.CONTAINER

    def component(self, name: str, technology: str = "", description: str = "", *,
                  shape: ShapeName | Shape = Shape.PLAIN, **kw) -> Component:
        """A grouping of code inside this container with one clear responsibility."""
        return self._child(name, technology, description, shape, **kw)  # type: ignore[return-value]

    def database(self, name: str, technology: str = "", description: str = "", **kw) -> Component:
        """A component that stores data (``ComponentDb``)."""
        return self.component(name, technology, description, shape=Shape.DB, **kw)

    def queue(self, name: str, technology: str = "", description: str = "", **kw) -> Component:
        """A component that carries messages (``ComponentQueue``)."""
        return self.component(name, technology, description, shape=Shape.QUEUE, **kw)

    @property
    def system(self) -> SoftwareSystem:
        """The software system this container belongs to."""
        assert isinstance(self.parent, SoftwareSystem)
        return self.parent

    @property
    def components(self) -> list[Component]:
        """The components of this container, in creation order."""
        return [c for c in self.children if isinstance(c, Component)]


class Component(ModelElement):
    """A grouping of related code behind an interface, inside one container."""

    kind = ElementKind.COMPONENT

    @property
    def container(self) -> Container:
        """The container this component lives in."""
        assert isinstance(self.parent, Container)
        return self.parent


SoftwareSystem._child_cls = Container
Container._child_cls = Component


class UnknownAliasError(C4ModelError, KeyError):
    """``ws["alias"]`` found nothing: a :class:`KeyError` (so ``except KeyError`` works) with a hint."""

    def __str__(self) -> str:  # KeyError would print the message in quotes
        return C4ModelError.__str__(self)


@dataclass
class Workspace:
    """A whole C4 model: elements, relationships and the views derived from them."""

    name: str = "Workspace"
    description: str = ""
    _elements: list[ModelElement] = field(default_factory=list, repr=False)
    _relationships: list[Relationship] = field(default_factory=list, repr=False)
    _aliases: dict[str, object] = field(default_factory=dict, repr=False)
    _environments: list[DeploymentEnvironment] = field(default_factory=list, repr=False)

    # ------------------------------------------------------------- factories
    def person(self, name: str, description: str = "", *, external: bool = False, **kw) -> Person:
        """A role that uses the software (``Person`` / ``Person_Ext``)."""
        return Person(self, name, description, external=external, **kw)

    def system(self, name: str, description: str = "", *, external: bool = False,
               shape: ShapeName | Shape = Shape.PLAIN, **kw) -> SoftwareSystem:
        """A software system (``System``, ``System_Ext``, ``SystemDb`` ...)."""
        return SoftwareSystem(self, name, description, external=external, shape=shape, **kw)

    def database(self, name: str, description: str = "", *, external: bool = False, **kw) -> SoftwareSystem:
        """A software system that is essentially a data store (``SystemDb``)."""
        return self.system(name, description, external=external, shape=Shape.DB, **kw)

    def queue(self, name: str, description: str = "", *, external: bool = False, **kw) -> SoftwareSystem:
        """A software system that is essentially a message channel (``SystemQueue``)."""
        return self.system(name, description, external=external, shape=Shape.QUEUE, **kw)

    def enterprise(self, name: str, *, alias: str | None = None) -> Group:
        """The organisation's boundary: what is inside it is yours, the rest is not."""
        return Group(self, name, alias=alias, kind="enterprise", type="", parent=None)

    def group(self, name: str, *, alias: str | None = None, type: str = "") -> Group:
        """A named group of people or systems (``Boundary``)."""
        return Group(self, name, alias=alias, kind="generic", type=type, parent=None)

    def deployment_environment(self, name: str) -> DeploymentEnvironment:
        """A named environment ("Production") to place container instances in."""
        from c4kit.model.deployment import DeploymentEnvironment

        env = DeploymentEnvironment(self, name)
        self._environments.append(env)
        return env

    # ---------------------------------------------------------------- views
    def landscape_view(self, title: str | None = None) -> LandscapeView:
        """Every person and software system of the model on one page."""
        from c4kit.model.views import LandscapeView

        return LandscapeView(self, title)

    def context_view(self, system: SoftwareSystem, title: str | None = None) -> SystemContextView:
        """Level 1: one system, the people who use it and the systems it talks to."""
        from c4kit.model.views import SystemContextView

        return SystemContextView(self, system, title)

    def container_view(self, system: SoftwareSystem, title: str | None = None) -> ContainerView:
        """Level 2: the containers inside one system and what they talk to."""
        from c4kit.model.views import ContainerView

        return ContainerView(self, system, title)

    def component_view(self, container: Container, title: str | None = None) -> ComponentView:
        """Level 3: the components inside one container and what they talk to."""
        from c4kit.model.views import ComponentView

        return ComponentView(self, container, title)

    def dynamic_view(self, title: str, *, scope: ModelElement | None = None) -> DynamicView:
        """Numbered steps of one scenario; add them with ``view.step(a, b, "...")``."""
        from c4kit.model.views import DynamicView

        return DynamicView(self, title, scope)

    def deployment_view(self, environment: DeploymentEnvironment, title: str | None = None) -> DeploymentView:
        """Where the containers run in one environment."""
        from c4kit.model.views import DeploymentView

        return DeploymentView(self, environment, title)

    # -------------------------------------------------------------- queries
    @property
    def elements(self) -> list[ModelElement]:
        """Every element, in creation order."""
        return list(self._elements)

    @property
    def relationships(self) -> list[Relationship]:
        """Every explicit relationship, in creation order."""
        return list(self._relationships)

    @property
    def people(self) -> list[Person]:
        return [e for e in self._elements if isinstance(e, Person)]

    @property
    def systems(self) -> list[SoftwareSystem]:
        return [e for e in self._elements if isinstance(e, SoftwareSystem)]

    def element_index(self) -> dict[int, int]:
        """``id(element) -> position`` in creation order (views sort by it)."""
        return {id(e): i for i, e in enumerate(self._elements)}

    @property
    def environments(self) -> list[DeploymentEnvironment]:
        """Every deployment environment, in creation order."""
        return list(self._environments)

    def __getitem__(self, alias: str) -> Any:
        """Whatever the model named ``alias``: an element (``ws["web_shop"]``), a group, a deployment
        node, a container instance or an infrastructure node.

        Aliases are unique across all of them (the model refuses a second one), so one lookup
        serves every kind; a miss names the closest aliases, since the usual cause is a typo.
        """
        if not isinstance(alias, str):
            raise UnknownAliasError(f"aliases are strings, got {alias!r}", hint='write ws["web_shop"]')
        found = self._aliases.get(alias)
        if found is None:
            close = difflib.get_close_matches(alias, list(self._aliases), n=3, cutoff=0.6)
            hint = (f"did you mean {' or '.join(repr(c) for c in close)}?" if close else
                    f"known aliases: {', '.join(self._aliases) or 'none yet'}")
            raise UnknownAliasError(f"the workspace {self.name!r} has nothing with the alias {alias!r}", hint=hint)
        return found

    def __contains__(self, alias: object) -> bool:
        return isinstance(alias, str) and alias in self._aliases

    # ------------------------------------------------------------- plumbing
    def _claim_alias(self, alias: str | None, name: str, owner: object) -> str:
        """Reserve a unique alias: explicit ones must be free, derived ones get a number."""
        if alias is not None:
            check_alias(alias)
            if alias in self._aliases:
                raise C4ModelError(
                    f"alias {alias!r} is already used by {self._aliases[alias]!r}",
                    hint="every element needs its own alias: pick another alias=...",
                )
        else:
            base = slugify(name)
            alias, n = base, 2
            while alias in self._aliases:
                alias, n = f"{base}_{n}", n + 1
        self._aliases[alias] = owner
        return alias
