"""newsclean: remove page junk from scraped news text and keep every word of the article.

>>> import newsclean
>>> newsclean.clean("Ministers met on Monday.\\nAdvertisement\\nThey agreed a plan.\\n")
'Ministers met on Monday.\\nThey agreed a plan.\\n'
"""

from .bulk import check_many, clean_many
from .config import Config, ConfigError
from .document import Document
from .html import HtmlBlock, HtmlResult, clean_html
from .pipeline import CleanResult, check, clean, clean_result, tidy
from .registry import Context, Rule, builtin_rules
from .spans import Finding, Hit, apply

__version__ = "0.1.0"

__all__ = [
    "CleanResult",
    "Config",
    "ConfigError",
    "Context",
    "Document",
    "Finding",
    "Hit",
    "HtmlBlock",
    "HtmlResult",
    "Rule",
    "apply",
    "builtin_rules",
    "check",
    "check_many",
    "clean",
    "clean_html",
    "clean_many",
    "clean_result",
    "tidy",
    "__version__",
]
