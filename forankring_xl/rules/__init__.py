"""The rules: pure checks on the plan model that produce findings."""

from .config import CheckConfig, ConfigError, load_config
from .engine import Report, check_plan, today

__all__ = ["CheckConfig", "ConfigError", "Report", "check_plan", "load_config", "today"]
