#!/usr/bin/env python3
"""Write the demo mailbox (demo/mailbox/NNN-slug.eml) and demo/labels.tsv.

Deterministic: the same script always writes the same bytes. Python 3 standard
library only. Run from anywhere:

    python3 demo/tools/make_mailbox.py           # write the files
    python3 demo/tools/make_mailbox.py --check   # also parse every file and report problems

The content lives in content_business.py, content_operational.py and
content_noise.py; the MIME builder in mailgen.py; the cast in cast.py.
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import content_business  # noqa: E402
import content_noise  # noqa: E402
import content_operational  # noqa: E402

DEMO = os.path.dirname(HERE)
MAILBOX = os.path.join(DEMO, "mailbox")


def collect():
    mails = content_business.build() + content_operational.build() + content_noise.build()
    keys = [m.key for m in mails]
    dupes = {k for k in keys if keys.count(k) > 1}
    if dupes:
        raise SystemExit("duplicate keys: %s" % sorted(dupes))
    # oldest first, like a mailbox export
    mails.sort(key=lambda m: (m.when.timestamp(), m.key))
    # a few replies are filed before their parent (as when a mailbox is exported
    # by folder or re-imported): swap them with the parent's position
    for m in list(mails):
        if m.swap_with_parent and m.parent is not None:
            i, j = mails.index(m), mails.index(m.parent)
            mails[i], mails[j] = mails[j], mails[i]
    return mails


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="validate the written files")
    args = ap.parse_args()

    mails = collect()
    os.makedirs(MAILBOX, exist_ok=True)
    for name in os.listdir(MAILBOX):
        if name.endswith(".eml"):
            os.remove(os.path.join(MAILBOX, name))
    rows = ["path\tlabel\treason"]
    for n, m in enumerate(mails, 1):
        fname = "%03d-%s.eml" % (n, m.key)
        m.filename = fname
        with open(os.path.join(MAILBOX, fname), "wb") as f:
            f.write(m.render())
        rows.append("mailbox/%s\t%s\t%s" % (fname, m.label, m.reason))
    with open(os.path.join(DEMO, "labels.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(rows) + "\n")
    counts = {}
    for m in mails:
        counts[m.label] = counts.get(m.label, 0) + 1
    print("wrote %d messages to %s: %s" % (len(mails), os.path.relpath(MAILBOX),
                                           ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    if args.check:
        import check_mailbox
        sys.exit(check_mailbox.main([MAILBOX]))


if __name__ == "__main__":
    main()
