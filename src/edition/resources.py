"""The stylesheets (``xslt/``) and schemas (``schema/``) the toolkit ships, as folders on disk.

Both sit at the top of the repository and are mapped into the package when it is built
(``edition/xslt`` and ``edition/schema`` in the wheel: ``package-dir`` in pyproject.toml). An
editable install leaves them where they are, in the folder it was made from, which the
installation's metadata records (PEP 610): setuptools' editable installs cannot import a data
folder mapped into a package (pypa/setuptools#4943).
"""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, distribution
from importlib.resources import files
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname


def _folder(name: str) -> Path:
    """The package's data folder ``name``: inside the installed package, or in the folder an
    editable install was made from."""
    packaged = Path(str(files("edition") / name))
    if packaged.is_dir():
        return packaged
    try:
        origin = json.loads(distribution("edition").read_text("direct_url.json") or "{}")
    except (PackageNotFoundError, ValueError):
        return packaged
    if origin.get("dir_info", {}).get("editable") and origin.get("url", "").startswith("file:"):
        return Path(url2pathname(urlsplit(origin["url"]).path)) / name
    return packaged


XSLT_DIR = _folder("xslt")
SCHEMA_DIR = _folder("schema")
