"""Code the tests share that is no part of the toolkit: the reading text of a TEI document
(:mod:`support.readingtext`), the measured quality of its markup (:mod:`support.quality`) and
its outputs read back (:mod:`support.rendered`)."""
