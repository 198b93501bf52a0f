"""Run newsclean inside data-processing frameworks.

- :mod:`newsclean.integrations.datatrove`: a datatrove pipeline step
  (``pip install 'newsclean[datatrove]'``);
- :mod:`newsclean.integrations.dask`: clean a ``dask.bag`` or a ``dask.dataframe`` column
  (``pip install 'newsclean[dask]'``).

This package imports neither framework: ``import newsclean`` stays light, and each module
above raises an :class:`ImportError` naming the ``pip install`` line when its extra is missing.

Both integrations store findings in the same JSON-ready form, :func:`findings_as_records`.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..spans import Finding

__all__ = ["FINDINGS_KEY", "findings_as_records", "missing_extra"]

#: The default metadata key (datatrove) and record key (dask bags of dicts) for findings.
FINDINGS_KEY = "newsclean_findings"

_RECORD_FIELDS = ("code", "start", "end", "replacement")


def findings_as_records(findings: Iterable[Finding]) -> list[dict[str, object]]:
    """Findings as JSON-ready dicts: ``code``, ``start``, ``end`` and, for repairs, ``replacement``.

    The spans are offsets into the text *before* cleaning. ``name``, ``line``, ``col`` and the
    prose ``message`` (see :meth:`newsclean.Finding.as_dict`) are left out: this record travels
    with every document of a corpus, and the code identifies the rule.

    >>> from newsclean import check
    >>> findings_as_records(check("Ministers met on Monday.\\nAdvertisement\\n"))
    [{'code': 'NC205', 'start': 25, 'end': 39}]
    """
    return [{k: v for k, v in f.as_dict().items() if k in _RECORD_FIELDS} for f in findings]


def missing_extra(extra: str, exc: ImportError) -> ImportError:
    """The error raised when an integration's optional dependency cannot be imported."""
    return ImportError(
        f"newsclean.integrations.{extra} needs the optional dependency {exc.name or extra!r}, "
        f"which could not be imported ({exc}). Install it with: pip install 'newsclean[{extra}]'"
    )
