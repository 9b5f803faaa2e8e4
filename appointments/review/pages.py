"""Render the review pages inside the workspace layout (same stylesheet, headers, menu)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, select_autoescape

from appointments.workspace import pages as workspace_pages
from appointments.workspace.deps import User

TEMPLATES = Path(__file__).resolve().parent / "templates"
WORKSPACE_TEMPLATES = Path(workspace_pages.__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def _environment() -> Environment:
    env = Environment(
        # Own templates first; "base.html" comes from the workspace.
        loader=ChoiceLoader([FileSystemLoader(TEMPLATES), FileSystemLoader(WORKSPACE_TEMPLATES)]),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    workspace = workspace_pages._environment()
    env.globals.update(workspace.globals)
    env.filters.update({"fmt": workspace.filters["fmt"]})
    return env


def render(
    template: str, user: User, active: str, status_code: int = 200, **context: Any
) -> HTMLResponse:
    """Render one review page with the workspace's security headers."""
    html = _environment().get_template(template).render(user=user, active=active, **context)
    return HTMLResponse(html, status_code=status_code, headers=workspace_pages.HEADERS)
