"""Documents in, search index out.

The ingest package turns guideline documents (md, txt, html, pdf, docx) into a chromadb
collection of passages that remember where they came from. It never imports `bot`.
"""

import os as _os

# torch's OpenMP threads spin while they wait for each other. On a busy machine (replicas or other
# work sharing the cores) a spinning thread holds a core the other needs, and a forward pass for
# three short sentences went from ~40 ms to ~550 ms on this project's 2-core machine at load 3.5.
# Passive waiting costs nothing measurable when the machine is quiet. Set before torch is loaded;
# an operator's own OMP_WAIT_POLICY wins.
_os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
