"""The rules: pure checks on the plan model that produce findings."""

from .clock import today
from .config import CheckConfig, ConfigError, load_config

__all__ = ["CheckConfig", "ConfigError", "Report", "check_plan", "load_config", "today"]


def __getattr__(name: str):
    # The engine imports every check, and with them the SMART checker and its Danish dictionary (~0.1 s, a
    # third of a second on a loaded machine): loaded when first asked for, not by a command that only needs
    # the configuration or today's date.
    if name in ("Report", "check_plan"):
        from . import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
