"""Bases, decorators and metaclasses of class statements, resolved to what
they name: a project class, a class outside the project, or a reason why not."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from autoslot.index.external import NAMEDTUPLE_FACTORIES, ExternalClass, unknown
from autoslot.index.nodes import Base, ClassId
from autoslot.index.qualnames import ClassesByQualname
from autoslot.index.resolve import (
    ExternalName,
    ModuleRef,
    ProjectClass,
    ProjectName,
    Resolver,
)
from autoslot.summary.model import ClassSummary, ExprRef, ModuleSummary


def canonical_name(
    resolver: Resolver, modules: Mapping[str, ModuleSummary], module: str, ref: ExprRef
) -> str:
    """The dotted name a decorator or metaclass refers to, wherever it is defined."""
    if ref.dotted is None or module not in modules:
        return "?" + ref.text
    target = resolver.resolve(module, ref.dotted)
    if isinstance(target, ExternalName):
        return target.dotted
    if isinstance(target, ProjectName):
        return f"{target.module}.{target.name}"
    if isinstance(target, ProjectClass):
        return f"{target.module}.{target.qualname}"
    return "?" + ref.text


def project_class_id(
    target: object, modules: Mapping[str, ModuleSummary], classes: ClassesByQualname
) -> ClassId | str:
    if not isinstance(target, ProjectClass):
        return ""
    summary = modules[target.module]
    matches = len(classes.named(summary, target.qualname))
    if matches != 1:
        return f"{target.qualname} is defined {matches} times in {target.module}"
    return ClassId(summary.path, target.qualname, 0)


def resolve_base(
    external: Callable[[str], ExternalClass],
    resolver: Resolver,
    classes: ClassesByQualname,
    module: str,
    summary: ModuleSummary,
    cls: ClassSummary,
    ref: ExprRef,
) -> Base:
    modules = resolver.modules
    if ref.dotted is None:
        return Base(ref.text, None, f"{ref.text} is not a plain name")
    prefix = cls.qualname[: -len(cls.name)]
    if prefix:
        # a class body or function sees the classes defined before it in the same scope
        local = classes.named(summary, prefix + ref.dotted.split(".")[0])
        if len(local) == 1 and local[0].line < cls.line:
            head_id = ClassId(summary.path, local[0].qualname, 0)
            rest = ref.dotted.split(".")[1:]
            qualname = ".".join([local[0].qualname, *rest])
            if classes.named(summary, qualname):
                return _called(ref, Base(ref.text, ClassId(summary.path, qualname, 0)))
            if not rest:
                return _called(ref, Base(ref.text, head_id))
    if not module or module not in modules:
        return Base(ref.text, None, "the module has no importable name")
    target = resolver.resolve(module, ref.dotted)
    if isinstance(target, ProjectClass):
        found = project_class_id(target, modules, classes)
        if isinstance(found, ClassId):
            return _called(ref, Base(ref.text, found))
        return Base(ref.text, None, found)
    if isinstance(target, ExternalName):
        if ref.called:
            if target.dotted in NAMEDTUPLE_FACTORIES:
                return Base(ref.text, external("builtins.tuple"), namedtuple_call=True)
            return Base(
                ref.text,
                unknown(target.dotted, "a class made by a call"),
                "made by a call",
            )
        return Base(ref.text, external(target.dotted))
    if isinstance(target, ModuleRef):
        return Base(ref.text, None, f"{ref.text} is a module")
    if isinstance(target, ProjectName):
        return Base(
            ref.text, None, f"{target.module}.{target.name} is not a class statement"
        )
    return Base(ref.text, None, target.why)


def _called(ref: ExprRef, base: Base) -> Base:
    if ref.called:
        return Base(base.text, None, f"{ref.text} calls a project function or class")
    return base
