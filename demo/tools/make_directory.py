#!/usr/bin/env python3
"""Write demo/directory.csv: the demo company's staff directory plus a few partner users.

Columns: id,name,organisation,role,addresses (addresses separated by ';').
The people and addresses come from cast.py, the same source the demo mailbox uses.

    python3 demo/tools/make_directory.py
"""

import csv
import os
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from cast import COMPANY, DOMAIN, PARTNERS, STAFF  # noqa: E402

OUT = os.path.join(os.path.dirname(HERE), "directory.csv")


def main():
    rows = []
    for uid, name, role, locals_, _phone in STAFF:
        rows.append([uid, name, COMPANY, role, ";".join("%s@%s" % (l, DOMAIN) for l in locals_)])
    for uid, name, org, role, addr in PARTNERS:
        rows.append([uid, name, org, role, addr])
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "organisation", "role", "addresses"])
        w.writerows(rows)
    print("wrote %d users (%d staff, %d partners) to %s" % (len(rows), len(STAFF), len(PARTNERS),
                                                           os.path.relpath(OUT)))


if __name__ == "__main__":
    main()
