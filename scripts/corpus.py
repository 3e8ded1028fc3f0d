"""Where the evaluation sets are: beside the repository, in ../shared/corpus, else in
../evalcorpus (never copied into the repository). Imported by the measuring scripts."""
import os

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ROOTS = [os.path.join(REPO, "..", "shared", "corpus"), os.path.join(REPO, "..", "evalcorpus")]


def find_set(name, corpus=None):
    """The folder of set `name` (`reuters`, `polnear-train/wire`): under `corpus` when given,
    else under the first of ROOTS that has it; None when none has it."""
    for root in [corpus] if corpus else ROOTS:
        path = os.path.normpath(os.path.join(root, name))
        if os.path.isdir(path):
            return path
    return None
