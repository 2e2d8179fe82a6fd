"""``procmine.toml``: per-folder column and department settings.

Schema (every key optional)::

    [columns]                  # defaults for every file in the folder: role = "column header"
    case = "受付番号"
    activity = "処理内容"
    timestamp = "処理日時"
    [files."kokuho.csv"]       # one file
    department = "国保年金課"   # the department NAME of this file (not a column)
    encoding = "cp932"
    [files."kokuho.csv".columns]
    case = "申請番号"           # any key of [columns]

Keys of ``[columns]`` are the roles ``case``, ``activity``, ``timestamp``, ``end``,
``resource``, ``department`` (a column whose values name the department) and ``person``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ConfigError
from ..model import ROLES
from .delimited import check_text_encoding
from .messages import at, show

__all__ = ["CONFIG_NAME", "FileConfig", "FolderConfig", "read_config"]

CONFIG_NAME = "procmine.toml"

_TOP_KEYS = ("columns", "files")
_FILE_KEYS = ("department", "encoding", "columns")


@dataclass(frozen=True)
class FileConfig:
    """Settings of one file: role → column overrides, department name, encoding."""

    columns: dict[str, str] = field(default_factory=dict)
    department: str | None = None
    encoding: str | None = None


@dataclass(frozen=True)
class FolderConfig:
    """A parsed procmine.toml."""

    path: Path
    columns: dict[str, str] = field(default_factory=dict)
    files: dict[str, FileConfig] = field(default_factory=dict)

    def for_file(self, name: str) -> FileConfig:
        """The settings of file ``name`` (empty when the file has no [files] table)."""
        return self.files.get(name, FileConfig())


_AT_LINE = re.compile(r"\s*\(at line (\d+), column \d+\)\s*$")


def _where(path: Path, table: str) -> str:
    return f"{at(str(path))}: [{show(table, limit=80)}]" if table else f"{at(str(path))}:"


def _columns(raw: object, path: Path, table: str) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise ConfigError(f'{_where(path, table)} must be a table of role = "column"')
    out: dict[str, str] = {}
    for key, value in raw.items():
        if key not in ROLES:
            raise ConfigError(
                f"{_where(path, table)} unknown key '{show(key)}' — use one of {', '.join(ROLES)}"
            )
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(
                f"{_where(path, table)} '{show(key)}' must be a column name in quotes — "
                f'write {key} = "COLUMN"'
            )
        out[key] = value.strip()
    return out


def read_config(folder: Path) -> FolderConfig | None:
    """Read ``folder/procmine.toml``; None when there is none.

    Raises :class:`~procmine.errors.ConfigError` for TOML syntax errors, unknown keys,
    values of the wrong type, unknown encodings and files that do not exist in the folder.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.csv").write_text("x")
    >>> _ = (folder / "procmine.toml").write_text(
    ...     '[columns]\\ncase = "受付番号"\\n[files."a.csv"]\\ndepartment = "市民課"\\n')
    >>> config = read_config(folder)
    >>> config.columns, config.for_file("a.csv").department
    ({'case': '受付番号'}, '市民課')
    """
    path = folder / CONFIG_NAME
    if not path.is_file():
        return None
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except tomllib.TOMLDecodeError as err:
        text = str(err)
        found = _AT_LINE.search(text)
        line = int(found.group(1)) if found else None
        detail = _AT_LINE.sub("", text)
        raise ConfigError(
            f"{at(str(path), line)}: invalid TOML ({show(detail, limit=80)}) — fix the syntax"
        ) from None
    except UnicodeDecodeError as err:
        raise ConfigError(
            f"{at(str(path))}: not UTF-8 text (byte {err.start}) — save it as UTF-8"
        ) from None
    except OSError as err:
        raise ConfigError(
            f"{at(str(path))}: cannot be read ({err.strerror or err}) — check its permissions"
        ) from None
    for key in raw:
        if key not in _TOP_KEYS:
            raise ConfigError(
                f"{at(str(path))}: unknown key '{show(key)}' — use [columns] and "
                '[files."NAME"] tables'
            )
    columns = _columns(raw.get("columns", {}), path, "columns")
    files_raw = raw.get("files", {})
    if not isinstance(files_raw, dict):
        raise ConfigError(
            f"{at(str(path))}: 'files' must be tables like [files.\"kokuho.csv\"] — fix the table"
        )
    files: dict[str, FileConfig] = {}
    for name, settings in files_raw.items():
        table = f'files."{name}"'
        if not isinstance(settings, dict):
            raise ConfigError(f"{_where(path, table)} must be a table — write [{table}] then keys")
        for key in settings:
            if key not in _FILE_KEYS:
                raise ConfigError(
                    f"{_where(path, table)} unknown key '{show(key)}' — use one of "
                    f"{', '.join(_FILE_KEYS)}"
                )
        if "/" in name or "\\" in name or name in ("", ".", ".."):
            raise ConfigError(
                f"{_where(path, table)} must name a file of the folder by its name alone — "
                "remove the folder part"
            )
        if not (folder / name).is_file():
            raise ConfigError(
                f"{_where(path, table)} names a file that is not in {show(str(folder), limit=200)} "
                "— fix the name or remove the table"
            )
        department = settings.get("department")
        if department is not None and (not isinstance(department, str) or not department.strip()):
            raise ConfigError(
                f"{_where(path, table)} 'department' must be a name in quotes — write "
                'department = "課名"'
            )
        encoding = settings.get("encoding")
        if encoding is not None:
            if not isinstance(encoding, str):
                raise ConfigError(
                    f"{_where(path, table)} 'encoding' must be a name in quotes — write "
                    'encoding = "cp932"'
                )
            check_text_encoding(encoding, where=_where(path, table).rstrip(":"), origin="")
        files[name] = FileConfig(
            columns=_columns(settings.get("columns", {}), path, f"{table}.columns"),
            department=department.strip() if isinstance(department, str) else None,
            encoding=encoding,
        )
    return FolderConfig(path=path, columns=columns, files=files)
