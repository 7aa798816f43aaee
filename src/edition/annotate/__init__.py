"""Entity and date markup for TEI files: register-driven tagging, linting and statistics.

* :mod:`.registers` loads the register entries (persons, places, organisations) and their forms;
* :mod:`.matcher` finds the forms in text (Aho–Corasick, longest match, word boundaries),
  :mod:`.inflection` adds the forms registers do not write (Russian cases, capitals);
* :mod:`.dates` recognises and normalises date expressions (English, Latvian, Russian, Azerbaijani);
* :mod:`.textmap` maps a file's text to its bytes, :mod:`.proposals` turns matches into
  proposals, :mod:`.apply` writes accepted ones with minimal diffs, :mod:`.review` reads and
  writes proposals files and asks in a terminal;
* :mod:`.lint` and :mod:`.stats` check and count the markup, :mod:`.headers` and
  :mod:`.duplicates` the header's names and the registers' entries (the commands are in
  :mod:`edition.cli`).
"""
