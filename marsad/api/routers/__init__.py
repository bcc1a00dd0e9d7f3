"""The API's routers, one module each with a module-level ``router`` (a ``fastapi.APIRouter``).

All are mounted under ``/api`` in this order. Framing profiles (``/api/framing``) and exports
(``/api/export``) plug in as their own modules here: add ``"framing"`` / ``"export"`` to the list.
"""

ROUTER_MODULES: list[str] = [
    "documents",
    "events",
    "entities",
    "stats",
    "ingest",
    "framing",
    "export",
    "stories",
]
