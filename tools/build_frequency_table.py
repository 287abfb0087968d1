"""Build rules/dictionary/frequencies-ru.dawg, the word frequencies spelling ranks its suggestions by.

    python tools/build_frequency_table.py            # write the table
    python tools/build_frequency_table.py --check    # compare the shipped table with wordfreq

The source is wordfreq's large Russian list (data CC BY-SA 4.0, see README). wordfreq keeps its
frequencies in centibel buckets: bucket i holds the words of frequency 10^(-i/100). The table is
a DAWG (the format pymorphy3's dictionary uses, read by the dawg2 package) mapping each word to
its bucket, so `plainreply.spelling.zipf` gives exactly what wordfreq's list gives; loading it
takes milliseconds instead of the second and 145 MB that wordfreq's own loading costs.
wordfreq is needed only to run this script.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TABLE = REPO / "rules" / "dictionary" / "frequencies-ru.dawg"
LANGUAGE, WORDLIST = "ru", "large"


def wordfreq_buckets() -> dict[str, int]:
    """Every word of the list and its bucket; a word listed twice keeps its last bucket, as
    wordfreq.get_frequency_dict does."""
    from wordfreq import get_frequency_list

    buckets: dict[str, int] = {}
    for index, words in enumerate(get_frequency_list(LANGUAGE, WORDLIST)):
        for word in words:
            buckets[word] = index
    return buckets


def built_table(buckets: dict[str, int]):
    import dawg

    return dawg.IntDAWG(sorted(buckets.items()))


def build(output: Path) -> int:
    buckets = wordfreq_buckets()
    table = built_table(buckets)
    output.parent.mkdir(parents=True, exist_ok=True)
    temporary = output.with_suffix(output.suffix + ".tmp")
    table.save(str(temporary))
    temporary.replace(output)
    print(f"{output}: {len(buckets)} words, {output.stat().st_size / 1e6:.1f} MB")
    return 0


def check(table_path: Path) -> int:
    import dawg

    buckets = wordfreq_buckets()
    table = dawg.IntDAWG().load(str(table_path))
    wrong = [word for word, index in buckets.items() if table.get(word) != index]
    if wrong:
        print(f"{table_path}: {len(wrong)} words differ from wordfreq, e.g. {wrong[:5]}")
        return 1
    if built_table(buckets).tobytes() != table_path.read_bytes():  # no words beyond wordfreq's
        print(f"{table_path}: the table holds words that wordfreq does not; rebuild it")
        return 1
    print(f"{table_path}: all {len(buckets)} words match wordfreq")
    return 0


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--output", type=Path, default=TABLE)
    options.add_argument("--check", action="store_true", help="compare the table with wordfreq, write nothing")
    args = options.parse_args()
    return check(args.output) if args.check else build(args.output)


if __name__ == "__main__":
    sys.exit(main())
