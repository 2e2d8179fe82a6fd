"""XES and XES.GZ event logs, read as a stream with lxml.

Safety: a document type declaration (``<!DOCTYPE``) or entity declaration anywhere before
the root element refuses the file; entities are never expanded, nothing is fetched from
the network, and libxml2's limits (depth, node size, entity amplification) stay on. A
``.xes.gz`` is first decompressed as a stream, without keeping it, and refused when it
expands beyond :func:`~procmine.io.limits.expansion_limit` — before anything is parsed.

Each event becomes one record: the event's attributes under their keys and the trace's
attributes under ``case:<key>``. Nested attributes (lists, containers) are skipped. Rows
are numbered by the event's ordinal in the file (the first event is 1).

A log laid out as XES prescribes (traces and events under ``<log>``, attribute elements
under them) is read by a parser target that builds no tree (:class:`_PlainLog`); any other
layout, and any file that target cannot read, goes through the general streaming reader,
which gives the same records and the reasons a file is refused.
"""

from __future__ import annotations

import gzip
import io
import itertools
import re
import zlib
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from ..errors import InputError
from .limits import expansion_limit
from .messages import at, show
from .table import RawTable, clean_table

__all__ = ["read_xes"]

_XES_ATTRIBUTES = frozenset({"string", "date", "int", "float", "boolean", "id"})
_XES_NESTED = frozenset({"list", "container", "values"})
_PRECHECK_BYTES = 65_536
_CHUNK = 1 << 20
_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_WHERE_SUFFIX = re.compile(r",? line \d+, column \d+\s*$")


class _Capped(io.RawIOBase):
    """A read-only stream that raises :class:`InputError` past ``limit`` bytes."""

    def __init__(self, inner: IO[bytes], limit: int, message: str) -> None:
        self._inner = inner
        self._limit = limit
        self._message = message
        self.count = 0

    def readable(self) -> bool:
        return True

    def read(self, size: int | None = -1) -> bytes:
        want = _CHUNK if size is None or size < 0 else min(size, _CHUNK)
        data = self._inner.read(want)
        self.count += len(data)
        if self.count > self._limit:
            raise InputError(self._message)
        return data

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _too_big(source: str, limit: int, compressed: int) -> str:
    return (
        f"{at(source)}: expands to more than {limit:,} bytes ({compressed:,} bytes compressed) "
        "— procmine refuses archives that expand this far; decompress it yourself if it is "
        "genuine, or raise PROCMINE_MAX_EXPANDED_BYTES / PROCMINE_MAX_EXPANSION_RATIO"
    )


def _gzip_error(source: str, err: BaseException) -> InputError:
    detail = show(str(err) or type(err).__name__, limit=80)
    return InputError(
        f"{at(source)}: not a complete gzip file ({detail}) — re-export or re-download it"
    )


def _check_expansion(path: Path, source: str) -> int:
    """Decompress ``path`` once without keeping it; the limit that applies to it."""
    size = path.stat().st_size
    limit = expansion_limit(size)
    total = 0
    try:
        with gzip.open(path, "rb") as handle:
            while chunk := handle.read(_CHUNK):
                total += len(chunk)
                if total > limit:
                    raise InputError(_too_big(source, limit, size))
    except (OSError, EOFError, zlib.error) as err:
        raise _gzip_error(source, err) from None
    return limit


def _open(path: Path, source: str, limit: int | None) -> IO[bytes]:
    """The file, or its decompressed stream capped at ``limit`` bytes when ``limit`` is set."""
    if limit is None:
        return open(path, "rb")
    inner = gzip.open(path, "rb")
    message = _too_big(source, limit, path.stat().st_size)
    return io.BufferedReader(_Capped(inner, limit, message))  # type: ignore[arg-type]


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2]


def _iterparse(handle: IO[bytes], events: tuple[str, ...]) -> Any:
    """lxml's ``iterparse`` over the log, trace and event elements only, with the safe
    settings every XES read uses: no entity expansion, no network, no DTD loaded, comments
    and processing instructions dropped."""
    from lxml import etree

    return etree.iterparse(  # type: ignore[attr-defined]
        handle,
        events=events,
        tag=("{*}log", "{*}trace", "{*}event"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )


def _refuse_dtd(source: str) -> InputError:
    return InputError(
        f"{at(source)}: XES files with a DOCTYPE or entity declarations are refused — "
        "re-export the log without them"
    )


def read_xes(path: Path, *, fmt: str) -> RawTable:
    """Read an XES or XES.GZ log: one record per event, trace attributes as ``case:<key>``.

    Raises
    ------
    InputError
        The file is empty, not gzip/XML, declares a DTD, is not an XES log, holds no
        events, or expands beyond the limit.
    """
    source = path.name
    try:
        from lxml import etree
    except ImportError:  # pragma: no cover - lxml comes with pm4py
        raise InputError(
            f"{at(source)}: reading XES needs the lxml package — pip install lxml"
        ) from None
    try:
        limit = _check_expansion(path, source) if fmt == "xes.gz" else None
        with _open(path, source, limit) as handle:
            head = handle.read(_PRECHECK_BYTES)
    except (OSError, EOFError, zlib.error) as err:
        if fmt == "xes.gz":
            raise _gzip_error(source, err) from None
        raise InputError(
            f"{at(source)}: cannot be read ({show(getattr(err, 'strerror', None) or err)}) — "
            "check that it is a file you may read"
        ) from None
    if not head.strip():
        raise InputError(f"{at(source)}: is empty — export the log with traces and events")
    if _DTD.search(head):
        raise _refuse_dtd(source)
    fast = _read_plain(path, source, limit, etree)
    if fast is not None:
        return _table(fast[0], fmt, fast[1], source)
    records: list[dict[str, str]] = []
    trace: object | None = None
    trace_events: list[dict[str, str]] = []
    root_checked = False
    encoding: str | None = None
    local = _LocalNames()
    try:
        with _open(path, source, limit) as handle:
            # Only <log>, <trace> and <event> reach Python; the attributes of a finished
            # event or trace are read from its children (see _attributes).
            context = _iterparse(handle, ("start", "end"))
            for action, elem in context:
                if not root_checked:
                    root_checked = True
                    tree = elem.getroottree()
                    docinfo = tree.docinfo
                    if docinfo.doctype or docinfo.internalDTD is not None:
                        raise _refuse_dtd(source)
                    root_tag = local(tree.getroot().tag)
                    if root_tag != "log":
                        raise _not_xes(source, root_tag)
                    encoding = docinfo.encoding
                tag = local(elem.tag)
                if tag == "log":
                    continue
                if action == "start":
                    if tag == "trace" and not _inside_attribute(elem, local):
                        trace, trace_events = elem, []
                    continue
                if _inside_attribute(elem, local):
                    continue
                if tag == "event":
                    event: dict[str, str] = {}
                    _attributes(elem, event, local)
                    if trace is not None:
                        trace_events.append(event)
                        elem.clear()  # the trace's own attributes are read when it ends
                    else:
                        records.append(event)
                        _release(elem)
                elif tag == "trace" and elem is trace:
                    trace_attrs: dict[str, str] = {}
                    _attributes(elem, trace_attrs, local)
                    case = {"case:" + key: value for key, value in trace_attrs.items()}
                    records.extend({**case, **item} for item in trace_events)
                    trace, trace_events = None, []
                    _release(elem)
            root = context.root
            if not root_checked and root is not None:
                root_checked = True
                if local(root.tag) != "log":
                    raise _not_xes(source, local(root.tag))
                encoding = root.getroottree().docinfo.encoding
    except etree.XMLSyntaxError as err:
        line = err.lineno or None
        message = _WHERE_SUFFIX.sub("", str(err.msg or err))
        raise InputError(
            f"{at(source, line)}: not well-formed XML ({show(message, limit=120)}) — the file "
            "is damaged or truncated; re-export the log"
        ) from None
    except (OSError, EOFError, zlib.error) as err:
        if fmt == "xes.gz":
            raise _gzip_error(source, err) from None
        raise InputError(
            f"{at(source)}: cannot be read ({show(err)}) — re-export the log"
        ) from None
    if not root_checked:
        raise InputError(f"{at(source)}: holds no XML element — export the log as XES")
    if not records:
        raise InputError(f"{at(source)}: the XES log holds no events — export a log with events")
    return _table(records, fmt, encoding, source)


def _table(records: list[dict[str, str]], fmt: str, encoding: str | None, source: str) -> RawTable:
    """The events as a cleaned table, columns in the order their keys are first seen."""
    columns = dict.fromkeys(itertools.chain.from_iterable(records))  # first-seen order
    frame = pd.DataFrame.from_records(records, columns=list(columns))
    frame = frame.astype(pd.StringDtype(na_value=np.nan)) if len(frame.columns) else frame
    frame = frame.replace("", np.nan)
    table = RawTable(
        frame=frame,
        rows=np.arange(1, len(frame) + 1, dtype=np.int64),
        format=fmt,
        encoding=encoding,
        row_label="event",
        warnings=[],
    )
    return clean_table(table, source=source)


_ATTRIBUTE, _WRAPPER, _ITEM = 1, 2, 3  # what an element is to _attributes


class _NotPlain(Exception):
    """The log is not laid out as :class:`_PlainLog` expects: read it the general way."""


_OTHER, _LOG, _TRACE, _EVENT, _SKIP = 0, 1, 2, 3, 4  # the element stack of _PlainLog


class _PlainLog:
    """An lxml parser target that reads a log laid out as XES prescribes without building
    a tree: a ``<log>`` holding traces (and perhaps events), each holding attribute
    elements and (a trace) events. It gives the records the general
    reader would; anything else (an element wrapping attributes, an event or trace
    elsewhere) raises :class:`_NotPlain`."""

    def __init__(self, local: _LocalNames) -> None:
        self.local = local
        self.records: list[dict[str, str]] = []
        self.stack: list[int] = []
        self.item: dict[str, str] | None = None  # attributes of the open event or trace
        self.trace: dict[str, str] = {}
        self.trace_events: list[dict[str, str]] = []
        self.strings: dict[str, str] = {}

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        stack = self.stack
        parent = stack[-1] if stack else None
        if (parent == _EVENT or parent == _TRACE) and (
            self.local.kinds.get(tag) or self.local.kind(tag)
        ) == _ATTRIBUTE:  # the usual element: an attribute of an event or trace
            key = attrib.get("key")
            if key is not None:
                value = attrib.get("value")
                if value is not None:
                    # one str object per distinct key and value: a log repeats them a lot
                    share = self.strings.setdefault
                    self.item[share(key, key)] = share(value, value)  # type: ignore[index]
            stack.append(_SKIP)  # what an attribute holds is not read
            return
        if parent == _SKIP or parent == _OTHER:
            if parent == _OTHER and self.local(tag) in ("event", "trace"):
                raise _NotPlain
            stack.append(parent)
            return
        kind = self.local.kind(tag)
        if parent is None:
            if self.local(tag) != "log":
                raise _NotPlain
            stack.append(_LOG)
        elif kind == _ATTRIBUTE:
            if parent != _LOG:
                key = attrib.get("key")
                if key is not None:
                    value = attrib.get("value")
                    if value is not None:
                        self.item[key] = value  # type: ignore[index]
            stack.append(_SKIP)  # what an attribute holds is not read
        elif kind == _ITEM:
            name = self.local(tag)
            if name == "trace" and parent == _LOG:
                self.item = self.trace = {}
                self.trace_events = []
                stack.append(_TRACE)
            elif name == "event" and parent in (_LOG, _TRACE):
                self.item = {}
                stack.append(_EVENT)
            else:
                raise _NotPlain
        elif parent == _LOG:
            stack.append(_OTHER)  # <extension>, <global>, <classifier> …: not read
        else:
            raise _NotPlain

    def end(self, tag: str) -> None:
        kind = self.stack.pop()
        if kind == _EVENT:
            event = self.item
            if self.stack[-1] == _TRACE:
                self.trace_events.append(event)  # type: ignore[arg-type]
                self.item = self.trace
            else:
                self.records.append(event)  # type: ignore[arg-type]
                self.item = None
        elif kind == _TRACE:
            case = {"case:" + key: value for key, value in self.trace.items()}
            self.records.extend({**case, **item} for item in self.trace_events)
            self.item, self.trace, self.trace_events = None, {}, []

    def close(self) -> list[dict[str, str]]:
        # the parser may keep this target alive until a garbage collection: let it go of
        # everything large now
        records, self.records, self.strings = self.records, [], {}
        return records


def _read_plain(
    path: Path, source: str, limit: int | None, etree: object
) -> tuple[list[dict[str, str]], str | None] | None:
    """The records and encoding of a log laid out as XES prescribes, read without building
    a tree; ``None`` when the log is laid out otherwise, is refused or is damaged (the
    general reader then reads it and gives the reasons)."""
    try:
        with _open(path, source, limit) as handle:
            # up to the first log, trace or event: the same checks as the general reader
            context = _iterparse(handle, ("start",))
            first = next(iter(context), None)
            if first is None:
                return None
            tree = first[1].getroottree()
            docinfo = tree.docinfo
            if docinfo.doctype or docinfo.internalDTD is not None:
                return None
            if _local(tree.getroot().tag) != "log":
                return None
            encoding = docinfo.encoding
        target = _PlainLog(_LocalNames())
        # No DTD declares entities here (checked above): only the predefined entities and
        # character references are replaced, as the general reader gives them (a parser
        # target that does not replace them would see ``&amp;`` as ``&#38;``).
        parser = etree.XMLParser(  # type: ignore[attr-defined]
            target=target,
            resolve_entities=True,
            no_network=True,
            load_dtd=False,
            remove_comments=True,
            remove_pis=True,
        )
        with _open(path, source, limit) as handle:
            while chunk := handle.read(_CHUNK):
                parser.feed(chunk)
        records = parser.close()
    except Exception:  # the general reader reads it and reports what is wrong
        return None
    return (records, encoding) if records else None


class _LocalNames(dict):
    """Tag → local name (without the namespace), computed once per distinct tag; and
    :meth:`kind`: tag → attribute, event or trace, or another (wrapper) element."""

    def __init__(self) -> None:
        super().__init__()
        self.kinds: dict[object, int] = {}

    def __call__(self, tag: object) -> str:
        name = self.get(tag)
        if name is None:
            name = self[tag] = _local(tag)
        return name

    def kind(self, tag: object) -> int:
        kind = self.kinds.get(tag)
        if kind is None:
            name = self(tag)
            attribute = name in _XES_ATTRIBUTES or name in _XES_NESTED
            kind = _ATTRIBUTE if attribute else _ITEM if name in ("event", "trace") else _WRAPPER
            self.kinds[tag] = kind
        return kind


def _inside_attribute(elem: object, local: _LocalNames) -> bool:
    """Whether an element lies inside an attribute (a nested value, not an event or trace)."""
    parent = elem.getparent()  # type: ignore[attr-defined]
    while parent is not None:
        if local.kind(parent.tag) == _ATTRIBUTE:
            return True
        parent = parent.getparent()
    return False


def _attributes(elem: object, into: dict[str, str], local: _LocalNames) -> None:
    """Add the attributes of an event or trace to ``into`` in document order: its attribute
    children (and those of wrapper elements that are not attributes, events or traces), not
    the attributes nested inside another attribute, nor those of its events."""
    kinds = local.kinds
    for child in elem:  # type: ignore[attr-defined]
        kind = kinds.get(child.tag) or local.kind(child.tag)
        if kind == _ATTRIBUTE:
            key = child.get("key")
            value = child.get("value")
            if key is not None and value is not None:
                into[key] = value
        elif kind == _WRAPPER:
            _attributes(child, into, local)


def _not_xes(source: str, tag: str) -> InputError:
    return InputError(
        f"{at(source)}: not an XES log (root element is <{show(tag)}>, expected <log>) — "
        "export the log as XES"
    )


def _release(elem: object) -> None:
    """Free a finished element and its earlier siblings (the log is read as a stream)."""
    elem.clear()  # type: ignore[attr-defined]
    parent = elem.getparent()  # type: ignore[attr-defined]
    if parent is not None:
        while elem.getprevious() is not None:  # type: ignore[attr-defined]
            del parent[0]
