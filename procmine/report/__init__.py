"""Everything procmine writes: the HTML/Markdown report, CSV tables, findings.json, maps.

Use :func:`write_report` for the whole report folder, :func:`write_maps` for the maps
only, or :func:`map_dot` and :func:`render_svg` for one department's process map.
"""

from __future__ import annotations

from procmine.report.maps import map_dot, render_svg
from procmine.report.writer import write_maps, write_report

__all__ = ["map_dot", "render_svg", "write_maps", "write_report"]
