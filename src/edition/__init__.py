"""edition: a TEI P5 toolkit for a digital scholarly edition."""

__version__ = "0.1.0"

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
