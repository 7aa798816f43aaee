"""The images of the HTML pages: a graphic whose URL is relative and stays in its document's
folder (what ``ed:safe-url`` in ``xslt/common/pointers.xsl`` shows as an image) is published
with the site, at the same place relative to the page (``tei/images/map.png``, shown by
``tei/article.xml``, as ``site/images/map.png``). Only image files a browser shows are
published, and only from inside the folder: a symbolic link leading out of it is not followed."""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .documents import Source

TEI = "{http://www.tei-c.org/ns/1.0}"
#: The kinds of image a browser shows, by suffix: no other file is published.
IMAGE_SUFFIXES = frozenset({".avif", ".gif", ".jpeg", ".jpg", ".png", ".svg", ".webp"})


def place(url: str) -> str | None:
    """Where the image of a graphic's ``url`` goes, relative to its page (its path, decoded and
    normalised); None unless the URL is relative and stays in the folder (as ``ed:safe-url``
    reads it: whitespace and control characters dropped, '\\' as '/')."""
    clean = re.sub(r"[\s\x00-\x1f\x7f-\x9f]", "", url).replace("\\", "/")
    parts = urlsplit(clean)
    if parts.scheme or parts.netloc or clean.startswith("/"):
        return None
    path = posixpath.normpath(unquote(parts.path))
    if path == "." or path == ".." or path.startswith(("../", "/")) or "\0" in path:
        return None
    return path


def shown(source: Source) -> dict[str, Path]:
    """The image files the page of ``source`` shows, by their place in the site: each regular
    image file inside the document's folder that a graphic's URL leads to."""
    folder = source.path.parent.resolve()
    images = {}
    for graphic in source.tree.iter(f"{TEI}graphic"):
        where = place(graphic.get("url", ""))
        if where is None:
            continue
        file = (folder / where).resolve()
        if file.is_relative_to(folder) and file.suffix.lower() in IMAGE_SUFFIXES and file.is_file():
            images[where] = file
    return images


def stamps(folder: Path) -> dict[str, str]:
    """The size and modification time of every image file under ``folder`` (by path relative to
    it): a build whose TEI and images are unchanged is taken over whole."""
    found = {}
    for file in sorted(folder.rglob("*")):
        if file.suffix.lower() in IMAGE_SUFFIXES and file.is_file():
            stat = file.stat()
            found[str(file.relative_to(folder))] = f"image {stat.st_size} {stat.st_mtime_ns}"
    return found


def publish(images: dict[str, Path], site: Path) -> list[str]:
    """Copy ``images`` (by place: :func:`shown`) into ``site``; their places."""
    for where, file in sorted(images.items()):
        target = site / where
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(file, target)
    return sorted(images)
