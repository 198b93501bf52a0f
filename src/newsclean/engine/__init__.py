"""The engine: the only orchestration of the rules and the only home of fast paths.

- :mod:`.run`: the plan of a config, stage 1, the stage-2 fixpoint, the re-check.
- :mod:`.finders`: how a document answers "which lines may this match": the reference
  definition and the fast path, behind the one switch ``NEWSCLEAN_REFERENCE=1``.
- :mod:`.literals`: the literals every match of a pattern must hold (the prefilter's analysis).
- :mod:`.scanner`: one multi-pattern scan of a document for all those literals.
- :mod:`.views`: offset maps from a view made of whole pieces of a text back to the text.

Rules never see any of this: they declare what they look at and judge the candidates they are
handed (see :class:`newsclean.registry.LooksAt`).
"""

from .finders import REFERENCE_ENV, reference_mode

__all__ = ["REFERENCE_ENV", "reference_mode"]
