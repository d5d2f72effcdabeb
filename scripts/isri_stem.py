#!/usr/bin/python3
"""NLTK's ISRI Arabic stemmer on the files written by `stem_compare prepare DIR`.

Usage: /usr/bin/python3 scripts/isri_stem.py DIR [--runs N] [--max-words N]

Reads DIR/forms.tsv (the form is the last of six tab-separated fields) and DIR/words.txt (one
word a line). Writes DIR/isri_keys.txt, the ISRI stem of each form in the order of forms.tsv,
and DIR/isri_speed.tsv, one line "words<TAB>median<TAB>runs<TAB>min<TAB>max": the seconds of N
runs (default 5) of stemming the first `words` words of words.txt (default all), one stem() call per
word, single thread, timed around the loop only (reading and decoding the file not counted).

Meant for Debian's interpreter (/usr/bin/python3 with python3-nltk); ISRI needs no NLTK data
files, so nothing is downloaded.
"""

import argparse
import pathlib
import statistics
import sys
import time

from nltk.stem.isri import ISRIStemmer


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=pathlib.Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--max-words", type=int, default=0, help="0: every word")
    args = parser.parse_args(argv)

    stemmer = ISRIStemmer()
    forms = []
    with open(args.dir / "forms.tsv", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            forms.append(line.rstrip("\n").split("\t")[5])
    with open(args.dir / "isri_keys.txt", "w", encoding="utf-8") as out:
        for form in forms:
            out.write(stemmer.stem(form) + "\n")

    words = (args.dir / "words.txt").read_text(encoding="utf-8").split("\n")
    if words and words[-1] == "":
        words.pop()
    if args.max_words > 0:
        words = words[: args.max_words]
    stem = stemmer.stem
    seconds = []
    for _ in range(max(1, args.runs)):
        start = time.perf_counter()
        total = 0
        for word in words:
            total += len(stem(word))
        seconds.append(time.perf_counter() - start)
    with open(args.dir / "isri_speed.tsv", "w", encoding="utf-8") as out:
        out.write(
            f"{len(words)}\t{statistics.median(seconds):.6f}\t{len(seconds)}"
            f"\t{min(seconds):.6f}\t{max(seconds):.6f}\n"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
