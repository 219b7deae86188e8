"""The one engine that edits: a plain libcst transformer over class statements.

Classes are found by qualified name and occurrence, counted in source order
exactly as the summariser counts them, so no position metadata is needed.
Only the edited class statements change; everything else is reproduced
byte for byte by libcst.
"""

from __future__ import annotations

from collections.abc import Mapping

import libcst as cst

from autoslot.rewrite import layout
from autoslot.rewrite.decorators import decorator_with_keywords
from autoslot.rewrite.edits import (
    BODY_ON_HEADER_LINE,
    DECORATOR_NOT_FOUND,
    NO_SLOTS_ASSIGNMENT,
    SLOTS_LAYOUT_NOT_EDITED,
    SLOTS_NOT_LITERAL,
    ClassEdit,
)
from autoslot.rewrite.literals import (
    code_of,
    edit_one_per_line,
    flat_slots_statement,
    literal_code,
    one_per_line,
    slots_statement_code,
)
from autoslot.rewrite.statements import (
    is_bare_placeholder,
    is_docstring,
    only_placeholders,
    slots_assignment,
)

PRAGMA = "# autoslot: skip"


class SlotsTransformer(cst.CSTTransformer):
    def __init__(
        self,
        module: cst.Module,
        edits: list[ClassEdit],
        quote: str,
        line_length: int,
        qualprefix: str = "",
        occurrence_base: Mapping[str, int] | None = None,
    ) -> None:
        """`qualprefix` and `occurrence_base` place a module made of one class
        statement cut out of a file: the qualified name its first class has in
        the file, and how many classes of each name came before it there."""
        super().__init__()
        self.module = module
        # a property that builds a new config (parsing version strings) per use
        self.parsing = module.config_for_parsing
        self.edits = {(e.qualname, e.occurrence): e for e in edits}
        # the scopes (`a.f.<locals>.`) that hold an edited class
        self.edited_scopes = {
            qualname[: end + 1]
            for qualname, _ in self.edits
            for end in range(len(qualname))
            if qualname[end] == "."
        }
        self.quote = quote
        self.line_length = line_length
        self.applied: set[tuple[str, int]] = set()
        self.failed: dict[tuple[str, int], str] = {}
        self.enter(qualprefix, occurrence_base)

    def enter(
        self,
        qualprefix: str,
        occurrence_base: Mapping[str, int] | None,
        indent: str | None = None,
        newline: str | None = None,
    ) -> None:
        """Start on one class statement of several cut out of a file and
        parsed as one module: `indent` and `newline` are what libcst would
        take for the defaults of a module of that statement alone."""
        self.scope: list[str] = [qualprefix.rstrip(".")] if qualprefix else []
        self.indents: list[str] = []
        self.occurrences: dict[str, int] = dict(occurrence_base or {})
        # the current class edit and its body indentation, innermost last
        self.pending: list[tuple[ClassEdit | None, str]] = []
        self.default_indent = indent or self.module.default_indent
        self.newline = newline or self.module.default_newline

    # scope tracking -------------------------------------------------------
    def on_visit(self, node: cst.CSTNode) -> bool:
        # classes live only in compound statements: skip everything else
        if isinstance(
            node, (cst.BaseExpression, cst.SimpleStatementLine, cst.BaseSmallStatement)
        ):
            return False
        return super().on_visit(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.scope.append(f"{node.name.value}.<locals>")
        return ".".join(self.scope) + "." in self.edited_scopes

    def leave_FunctionDef(
        self, original: cst.FunctionDef, updated: cst.FunctionDef
    ) -> cst.FunctionDef:
        self.scope.pop()
        return updated

    def visit_IndentedBlock(self, node: cst.IndentedBlock) -> None:
        self.indents.append(
            node.indent if node.indent is not None else self.module.default_indent
        )

    def leave_IndentedBlock(
        self, original: cst.IndentedBlock, updated: cst.IndentedBlock
    ) -> cst.IndentedBlock:
        self.indents.pop()
        return updated

    def visit_ClassDef(self, node: cst.ClassDef) -> bool:
        qualname = ".".join([*self.scope, node.name.value])
        occurrence = self.occurrences.get(qualname, 0)
        self.occurrences[qualname] = occurrence + 1
        body = node.body
        step = (
            body.indent
            if isinstance(body, cst.IndentedBlock) and body.indent is not None
            else self.module.default_indent
        )
        self.pending.append(
            (self.edits.get((qualname, occurrence)), "".join(self.indents) + step)
        )
        self.scope.append(node.name.value)
        # like a function's: a body with no edited class inside is not
        # visited (the edit of this class needs only its own node)
        return qualname + "." in self.edited_scopes

    def leave_ClassDef(
        self, original: cst.ClassDef, updated: cst.ClassDef
    ) -> cst.ClassDef:
        self.scope.pop()
        edit, body_indent = self.pending.pop()
        if edit is None:
            return updated
        key = (edit.qualname, edit.occurrence)
        try:
            result = self._apply(edit, updated, body_indent)
        except EditRefused as refusal:
            self.failed[key] = str(refusal)
            return updated
        self.applied.add(key)
        return result

    # edits ----------------------------------------------------------------
    def _apply(
        self, edit: ClassEdit, node: cst.ClassDef, body_indent: str
    ) -> cst.ClassDef:
        if edit.kind == "insert":
            return self._insert(edit, node, body_indent)
        if edit.kind == "replace":
            return self._replace(edit, node, body_indent)
        if edit.kind == "decorator":
            return self._decorate(edit, node)
        return self._pragma(edit, node)

    def _statement(self, code: str) -> cst.BaseStatement:
        return cst.parse_statement(code + self.newline, config=self.parsing)

    def _insert(
        self, edit: ClassEdit, node: cst.ClassDef, body_indent: str
    ) -> cst.ClassDef:
        code = slots_statement_code(
            edit.names,
            self.quote,
            body_indent,
            self.default_indent,
            self.line_length,
        )
        slots = (
            self._statement(code)
            if "\n" in code
            else flat_slots_statement(edit.names, self.quote)
        )
        body = node.body
        if isinstance(body, cst.SimpleStatementSuite):
            smalls = body.body
            body = cst.IndentedBlock(header=body.trailing_whitespace, body=[])
            if not only_placeholders(smalls):
                body = body.with_changes(body=[cst.SimpleStatementLine(smalls)])
        assert isinstance(body, cst.IndentedBlock)
        statements = list(body.body)
        at = 1 if statements and is_docstring(statements[0]) else 0
        if at:
            slots = layout.after_docstring(slots)
        following = statements[at:]
        if len(following) == 1 and is_bare_placeholder(following[0]):
            following = []  # `pass` or `...` only held the place of a body
        elif following:
            following[0] = layout.after_slots(following[0])
        return node.with_changes(
            body=body.with_changes(body=[*statements[:at], slots, *following])
        )

    def _replace(
        self, edit: ClassEdit, node: cst.ClassDef, body_indent: str
    ) -> cst.ClassDef:
        body = node.body
        if not isinstance(body, cst.IndentedBlock):
            raise EditRefused(BODY_ON_HEADER_LINE)
        statements = list(body.body)
        for position, statement in enumerate(statements):
            small = slots_assignment(statement)
            if small is None:
                continue
            value = small.value
            assert value is not None
            if "\n" in code_of(value):
                if not isinstance(
                    value, (cst.Tuple, cst.List, cst.Set, cst.Dict)
                ) or not one_per_line(value):
                    raise EditRefused(SLOTS_LAYOUT_NOT_EDITED)
                new_value: cst.BaseExpression = edit_one_per_line(
                    value, edit.names, edit.drop, self.quote, edit.order
                )
            else:
                # the room the value has on its line, after `__slots__ = `
                head = len(code_of(small)) - len(code_of(value))
                text = literal_code(
                    value,
                    edit.names,
                    edit.drop,
                    self.quote,
                    edit.order,
                    self.line_length - len(body_indent) - head,
                    self.default_indent,
                )
                if text is None:
                    raise EditRefused(SLOTS_NOT_LITERAL)
                new_value = cst.parse_expression(text, config=self.parsing)
            assert isinstance(statement, cst.SimpleStatementLine)
            new_small = [
                s.with_changes(value=new_value) if s is small else s
                for s in statement.body
            ]
            statements[position] = statement.with_changes(body=new_small)
            return node.with_changes(body=body.with_changes(body=statements))
        raise EditRefused(NO_SLOTS_ASSIGNMENT)

    def _decorate(self, edit: ClassEdit, node: cst.ClassDef) -> cst.ClassDef:
        decorators = list(node.decorators)
        if not 0 <= edit.decorator < len(decorators):
            raise EditRefused(DECORATOR_NOT_FOUND)
        decorators[edit.decorator] = decorator_with_keywords(
            decorators[edit.decorator],
            edit.keywords,
            len("".join(self.indents)),
            self.default_indent,
            self.line_length,
        )
        return node.with_changes(decorators=decorators)

    def _pragma(self, edit: ClassEdit, node: cst.ClassDef) -> cst.ClassDef:
        text = f"{PRAGMA} -- {edit.reason}" if edit.reason else PRAGMA
        body = node.body
        if isinstance(body, cst.IndentedBlock):
            header = body.header
        else:
            assert isinstance(body, cst.SimpleStatementSuite)
            header = body.trailing_whitespace
        if header.comment is not None:
            text = f"{header.comment.value}  {text}"
        new_header = header.with_changes(
            whitespace=cst.SimpleWhitespace("  "), comment=cst.Comment(text)
        )
        if isinstance(body, cst.IndentedBlock):
            return node.with_changes(body=body.with_changes(header=new_header))
        return node.with_changes(body=body.with_changes(trailing_whitespace=new_header))


class EditRefused(Exception):
    """An edit the engine will not make (it would lose comments, or its target is gone)."""
