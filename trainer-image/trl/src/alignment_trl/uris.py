"""The file:// URIs a stage may open, confined to the config's workspaceRoot as the contract asks (lexically and
once symlinks are resolved); other schemes are refused naming this runtime."""

import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from .errors import BadInput

RUNTIME = "the TRL runtime"
WORKSPACE = Path("/workspace")


def path(uri: str, what: str, workspace_root: str | None) -> Path:
    """The local path of a file:// URI, checked against workspace_root (a file:// URI or path) when given."""
    parsed = urlparse(uri)
    if parsed.scheme != "file":
        raise BadInput(f"{what} uri '{uri}': {RUNTIME} reads file:// URIs only (use the reference runtime for {parsed.scheme}://)")
    local = Path(unquote(parsed.path))
    if workspace_root and _on_volume(local):
        root = Path(urlparse(workspace_root).path if workspace_root.startswith("file:") else workspace_root)
        if root.is_symlink() or not _inside(local, root):
            raise BadInput(f"{what} uri '{uri}' is outside this namespace's workspace")
    return local


def of(local: Path) -> str:
    return "file://" + str(local)


def _on_volume(local: Path) -> bool:
    return _lexically_under(Path(os.path.normpath(local)), WORKSPACE)


def _inside(local: Path, root: Path) -> bool:
    if not _lexically_under(Path(os.path.normpath(local)), Path(os.path.normpath(root))):
        return False
    return _lexically_under(Path(os.path.realpath(local)), Path(os.path.realpath(root)))


def _lexically_under(p: Path, root: Path) -> bool:
    return p == root or root in p.parents
