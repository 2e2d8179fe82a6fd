"""The report's sections, one module per part of the deliverable (see koyo-city.md §4.2).

Each ``*_section`` function turns an analysis into a :class:`~procmine.report.document.Section`
of plain-text blocks; :func:`procmine.report.content.build_document` puts them in order.
"""
