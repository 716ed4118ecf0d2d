"""Deployment: where containers run.

A deployment environment ("Production") holds a tree of deployment nodes
(region > cluster > node pool > pod, nested as deep as reality is).  Nodes hold
container *instances*, references to containers of the model, and
infrastructure nodes such as load balancers or DNS that exist only in
deployment.  Relationships between instances are derived from the
relationships between their containers, so the deployment view cannot drift
from the container view.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from c4kit.errors import C4ModelError
from c4kit.model.diagram import Shape

if TYPE_CHECKING:
    from c4kit.model.workspace import Container, Direction, Workspace


class DeploymentEnvironment:
    """A named environment: the root of a tree of deployment nodes."""

    def __init__(self, workspace: Workspace, name: str) -> None:
        self.workspace = workspace
        self.name = name
        self.nodes: list[DeploymentNodeModel] = []
        self.relationships: list[InstanceRelationship] = []

    def node(self, name: str, type: str = "", description: str = "", *, alias: str | None = None,
             tags: str = "") -> DeploymentNodeModel:
        """A top-level node: a cloud region, a data centre, a device."""
        node = DeploymentNodeModel(self, None, name, type, description, alias=alias, tags=tags)
        self.nodes.append(node)
        return node

    def walk(self) -> Iterator[DeploymentNodeModel]:
        """Every node of this environment, outermost first."""
        for node in self.nodes:
            yield node
            yield from node.walk()

    def instances(self) -> list[ContainerInstance]:
        """Every container instance, in tree order."""
        return [i for n in self.walk() for i in n.items if isinstance(i, ContainerInstance)]

    def __repr__(self) -> str:
        return f"<DeploymentEnvironment {self.name!r}>"


class DeploymentNodeModel:
    """A node that hosts instances or other nodes (``Deployment_Node``)."""

    def __init__(self, environment: DeploymentEnvironment, parent: DeploymentNodeModel | None, name: str,
                 type: str, description: str, *, alias: str | None, tags: str) -> None:
        self.environment = environment
        self.parent = parent
        self.name = name
        self.type = type
        self.description = description
        self.tags = tags
        self.children: list[DeploymentNodeModel] = []
        self.items: list[ContainerInstance | InfrastructureNode] = []
        self.alias = environment.workspace._claim_alias(alias, name, self)

    def node(self, name: str, type: str = "", description: str = "", *, alias: str | None = None,
             tags: str = "") -> DeploymentNodeModel:
        """A nested node: a cluster in a region, a pod in a cluster."""
        child = DeploymentNodeModel(self.environment, self, name, type, description, alias=alias, tags=tags)
        self.children.append(child)
        return child

    def instance(self, container: Container, *, replicas: int = 1, alias: str | None = None) -> ContainerInstance:
        """Run ``container`` here; ``replicas`` is shown in the label when above one."""
        from c4kit.model.workspace import Container

        if not isinstance(container, Container):
            raise C4ModelError(
                f"{self.name} can only host containers, not {container!r}",
                hint="pass a container created with system.container(...)",
            )
        if replicas < 1:
            raise C4ModelError(f"replicas must be at least 1, got {replicas}")
        inst = ContainerInstance(self, container, replicas, alias)
        self.items.append(inst)
        return inst

    def infrastructure(self, name: str, technology: str = "", description: str = "", *,
                       alias: str | None = None, shape: str = "plain") -> InfrastructureNode:
        """Something that exists only in deployment: a load balancer, DNS, a firewall."""
        infra = InfrastructureNode(self, name, technology, description, alias, Shape(shape))
        self.items.append(infra)
        return infra

    def walk(self) -> Iterator[DeploymentNodeModel]:
        """Every node nested in this one, outermost first."""
        for child in self.children:
            yield child
            yield from child.walk()

    def __repr__(self) -> str:
        return f"<DeploymentNode {self.name!r}>"


class _Deployed:
    """Something drawn as a box in a deployment view that can use other boxes."""

    node: DeploymentNodeModel
    alias: str
    name: str

    def uses(self, target: _Deployed, label: str, technology: str = "", *,
             direction: Direction | None = None) -> InstanceRelationship:
        """An arrow that exists only in deployment (e.g. load balancer -> web)."""
        if not isinstance(target, _Deployed):
            raise C4ModelError(f"{self.name} uses {target!r}, which is not deployed",
                               hint="use an instance or an infrastructure node of the same environment")
        rel = InstanceRelationship(self, target, label, technology, direction)
        self.node.environment.relationships.append(rel)
        return rel


class ContainerInstance(_Deployed):
    """One deployment of a container on a node (possibly several replicas)."""

    def __init__(self, node: DeploymentNodeModel, container: Container, replicas: int, alias: str | None) -> None:
        self.node = node
        self.container = container
        self.replicas = replicas
        self.name = container.name
        workspace = node.environment.workspace
        self.alias = workspace._claim_alias(alias, f"{container.alias} {node.alias}", self)

    def __repr__(self) -> str:
        return f"<ContainerInstance {self.container.name!r} on {self.node.name!r}>"


class InfrastructureNode(_Deployed):
    """A load balancer, DNS, firewall: drawn as a box inside a deployment node."""

    def __init__(self, node: DeploymentNodeModel, name: str, technology: str, description: str,
                 alias: str | None, shape: Shape) -> None:
        self.node = node
        self.name = name
        self.technology = technology
        self.description = description
        self.shape = shape
        self.alias = node.environment.workspace._claim_alias(alias, name, self)

    def __repr__(self) -> str:
        return f"<InfrastructureNode {self.name!r}>"


class InstanceRelationship:
    """An arrow between two deployed boxes that the container model does not imply."""

    def __init__(self, source: _Deployed, target: _Deployed, label: str, technology: str,
                 direction: Direction | None) -> None:
        self.source = source
        self.target = target
        self.label = label
        self.technology = technology
        self.direction = direction
