"""The images of the HTML pages: a graphic (or a page break's facsimile, ``pb/@facs``) whose URL
is relative and stays in its document's folder (what ``ed:safe-url`` in
``xslt/common/pointers.xsl`` shows as an image) is published with the site, at the same place
relative to the page (``tei/images/map.png``, shown by
``tei/article.xml``, as ``site/images/map.png``). Only image files a browser shows are
published, and only from inside the folder: a symbolic link leading out of it is not followed."""

from __future__ import annotations

import posixpath
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from .documents import Source, files_in
from .outputs import output_path

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
    return {where: found for _, where, found in _graphics(source) if isinstance(found, Path)}


def unpublished(source: Source) -> Iterator[tuple[etree._Element, str]]:
    """The graphics of ``source`` whose URL stays in the folder but leads to no image the site
    can publish, each with the reason (its page shows the image's text alternative)."""
    for graphic, _, found in _graphics(source):
        if isinstance(found, str):
            yield graphic, found


def _image_urls(source: Source) -> Iterator[tuple[etree._Element, str]]:
    """The image URLs of ``source``: each graphic's, and each page break's facsimile given as a
    file or an address (``pb/@facs``; not a pointer to a surface or zone, ``#id``)."""
    for element in source.tree.iter(f"{TEI}graphic", f"{TEI}pb"):
        if element.tag == f"{TEI}graphic":
            yield element, element.get("url", "")
        else:
            yield from ((element, url) for url in element.get("facs", "").split() if not url.startswith("#"))


def _graphics(source: Source) -> Iterator[tuple[etree._Element, str, Path | str]]:
    """Each graphic of ``source`` whose URL stays in the folder, its place and its image file
    (or why there is none)."""
    folder = source.path.parent.resolve()
    for graphic, url in _image_urls(source):
        where = place(url)
        if where is None:
            continue
        file = (folder / where).resolve()
        if not file.is_relative_to(folder):
            yield graphic, where, "it leads out of the folder through a symbolic link"
        elif not file.is_file():
            yield graphic, where, f"there is no file {where} in {source.path.parent}"
        elif file.suffix.lower() not in IMAGE_SUFFIXES:
            yield graphic, where, f"it is not an image a browser shows ({', '.join(sorted(IMAGE_SUFFIXES))})"
        else:
            yield graphic, where, file


def image_files(folder: Path) -> list[Path]:
    """The image files under ``folder``, sorted (not those of hidden or output folders:
    :func:`edition.documents.files_in`)."""
    return files_in(folder, lambda name: Path(name).suffix.lower() in IMAGE_SUFFIXES)


def stamps(folder: Path) -> dict[str, str]:
    """The size and modification time of every image file under ``folder`` (by path relative to
    it): a build whose TEI and images are unchanged is taken over whole."""
    found = {}
    for file in image_files(folder):
        stat = file.stat()
        found[str(file.relative_to(folder))] = f"image {stat.st_size} {stat.st_mtime_ns}"
    return found


def publish(images: dict[str, Path], site: Path) -> None:
    """Copy ``images`` (by place: :func:`shown`) into ``site``."""
    for where, file in sorted(images.items()):
        target = output_path(site, where)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(file, target)
