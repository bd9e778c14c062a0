#!/usr/bin/env python3
"""Write demo/contractors.csv: a registry of fictional accredited utility contractors.

One row per accreditation; rows of one contractor share id, name and contact
fields (the importer groups rows by id). Multi-valued fields are separated by
';'. The contractors that write to the demo mailbox come from cast.py with the
exact email domains they send from; the rest are generated from a fixed seed.
Dates are chosen relative to the demo's reference date, 2026-12-04: most
accreditations are valid, 15 expire within 30 days and 20 have expired.

    python3 demo/tools/make_registry.py
"""

import csv
import datetime as dt
import os
import random
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from cast import MAIL_CONTRACTORS  # noqa: E402

DEMO = os.path.dirname(HERE)
OUT = os.path.join(DEMO, "contractors.csv")
TODAY = dt.date(2026, 12, 4)
TARGET_TOTAL_ROWS = 300
TARGET_SOON = 15      # expires within 30 days of TODAY
TARGET_EXPIRED = 20   # expired before TODAY

COLUMNS = ["id", "name", "trading_names", "email_domains", "contact_emails", "phone", "address", "regions",
           "scheme", "certificate", "scopes", "status", "issued", "expires", "notes"]

REGIONS = {
    "North West": (["0161 496 0%03d", "0151 496 0%03d"],
                   [("Warrington", "WA1"), ("Preston", "PR2"), ("Bolton", "BL3"), ("Wigan", "WN5"),
                    ("Stockport", "SK4"), ("Carlisle", "CA2"), ("Salford", "M50")]),
    "North East": (["01632 960%03d"],
                   [("Gateshead", "NE8"), ("Sunderland", "SR5"), ("Durham", "DH1"), ("Middlesbrough", "TS2"),
                    ("Hartlepool", "TS25"), ("Ashington", "NE63")]),
    "Yorkshire and the Humber": (["0113 496 0%03d", "0114 496 0%03d"],
                                 [("Leeds", "LS12"), ("Sheffield", "S9"), ("Bradford", "BD4"), ("Hull", "HU7"),
                                  ("York", "YO30"), ("Wakefield", "WF2"), ("Doncaster", "DN4")]),
    "East Midlands": (["0115 496 0%03d", "0116 496 0%03d"],
                      [("Derby", "DE24"), ("Nottingham", "NG7"), ("Leicester", "LE4"), ("Lincoln", "LN6"),
                       ("Northampton", "NN5"), ("Mansfield", "NG18")]),
    "West Midlands": (["0121 496 0%03d"],
                      [("Birmingham", "B11"), ("Coventry", "CV6"), ("Wolverhampton", "WV10"),
                       ("Stoke-on-Trent", "ST4"), ("Worcester", "WR4"), ("Telford", "TF3")]),
    "East of England": (["01632 960%03d"],
                        [("Cambridge", "CB4"), ("Norwich", "NR6"), ("Ipswich", "IP3"), ("Peterborough", "PE2"),
                         ("Chelmsford", "CM2"), ("Luton", "LU4")]),
    "London": (["020 7946 0%03d"],
               [("Croydon", "CR0"), ("Enfield", "EN3"), ("London", "NW10"), ("London", "SE16"),
                ("London", "E15"), ("Barking", "IG11")]),
    "South East": (["0118 496 0%03d"],
                   [("Reading", "RG2"), ("Crawley", "RH10"), ("Maidstone", "ME15"), ("Southampton", "SO15"),
                    ("Oxford", "OX4"), ("Basingstoke", "RG24")]),
    "South West": (["0117 496 0%03d"],
                   [("Bristol", "BS11"), ("Exeter", "EX2"), ("Plymouth", "PL6"), ("Swindon", "SN3"),
                    ("Taunton", "TA2"), ("Truro", "TR1")]),
    "Wales": (["029 2018 0%03d"],
              [("Cardiff", "CF24"), ("Swansea", "SA6"), ("Newport", "NP19"), ("Wrexham", "LL13"),
               ("Bridgend", "CF31"), ("Aberystwyth", "SY23")]),
    "Scotland": (["0131 496 0%03d", "0141 496 0%03d"],
                 [("Glasgow", "G51"), ("Edinburgh", "EH11"), ("Aberdeen", "AB12"), ("Dundee", "DD2"),
                  ("Inverness", "IV2"), ("Livingston", "EH54")]),
    "Northern Ireland": (["028 9649 6%03d"],
                         [("Belfast", "BT12"), ("Lisburn", "BT28"), ("Newry", "BT35"), ("Londonderry", "BT48"),
                          ("Ballymena", "BT43")]),
}

NEIGHBOURS = {
    "North West": ["Yorkshire and the Humber", "West Midlands", "Wales"],
    "North East": ["Yorkshire and the Humber", "Scotland"],
    "Yorkshire and the Humber": ["North East", "North West", "East Midlands"],
    "East Midlands": ["West Midlands", "Yorkshire and the Humber", "East of England"],
    "West Midlands": ["East Midlands", "North West", "Wales", "South West"],
    "East of England": ["London", "East Midlands", "South East"],
    "London": ["South East", "East of England"],
    "South East": ["London", "South West", "East of England"],
    "South West": ["South East", "Wales", "West Midlands"],
    "Wales": ["South West", "West Midlands", "North West"],
    "Scotland": ["North East"],
    "Northern Ireland": [],
}

PLACE_A = ["Ash", "Brack", "Cal", "Dun", "Elm", "Fen", "Gar", "Hal", "Ing", "Kel", "Lang", "Mar", "Nor", "Ock",
           "Pen", "Quen", "Rad", "Sel", "Thorn", "Ux", "Wen", "Yar", "Bram", "Cor", "Dray", "Esk", "Hol", "Mel",
           "Red", "Stan", "Tal", "Wick"]
PLACE_B = ["by", "combe", "den", "field", "ford", "gate", "holme", "ley", "mere", "stow", "thwaite", "ton",
           "well", "wick", "worth", "brook", "bury", "dale", "hurst", "moor"]
SURNAMES = ["Ainsley", "Barrowman", "Cartwright", "Dunmore", "Ellwood", "Farrant", "Gorman", "Hartley",
            "Ingram", "Jessop", "Kettering", "Lomax", "Maddox", "Nuttall", "Ormerod", "Prendergast", "Quayle",
            "Rushworth", "Sandford", "Tolley", "Upton", "Varley", "Whitworth", "Yeadon", "Ashcroft", "Brennan",
            "Colquhoun", "Docherty", "Evans", "Griffiths", "McIlroy", "Pritchard"]
FIRST = ["Alan", "Bernadette", "Craig", "Donna", "Eamon", "Fiona", "Glyn", "Harriet", "Iain", "Janine", "Kieran",
         "Linda", "Mohammed", "Nicola", "Owain", "Pauline", "Rory", "Shona", "Trevor", "Una", "Vikram", "Wendy",
         "Yusuf", "Zara", "Barry", "Carys", "Declan", "Elaine", "Gavin", "Hamish", "Joanne", "Lewis"]
LAST = ["Atherton", "Bagshaw", "Calloway", "Dowling", "Eccles", "Fairbairn", "Garside", "Hepworth", "Irwin",
        "Jowett", "Kilbride", "Lightfoot", "Marchbank", "Norcross", "Oldroyd", "Pickles", "Rimmer", "Shackleton",
        "Tattersall", "Underwood", "Walmsley", "Youngson", "Ahmed", "Baptiste", "Chen", "Okoro", "Patel",
        "Rossi", "Szymanski", "Morgan", "MacLeod", "Quinn"]

# trade profile: (name word, schemes, extra-scheme probability)
PROFILES = [
    ("Cabling", "elec"), ("Jointing", "elec"), ("Power Services", "elec"), ("Electrical Networks", "elec"),
    ("HV Services", "hv"), ("Overhead Lines", "ohl"), ("Gas Services", "gas"), ("Pipelines", "gas"),
    ("Gas Connections", "gas"), ("Water Services", "water"), ("Self-Lay", "water"), ("Water Connections", "water"),
    ("Utility Services", "multi"), ("Utilities", "multi"), ("Multi-Utility", "multi"), ("Civils", "civils"),
    ("Groundworks", "civils"), ("Trenchless", "trenchless"), ("Connections", "multi"), ("Metering", "meter"),
    ("Infrastructure", "multi"), ("Networks", "elec"),
]

NERS_SCOPES = {
    "elec": ["LV jointing", "HV jointing", "cable laying", "service connections", "service alterations", "design"],
    "hv": ["HV jointing", "EHV jointing", "substation installation", "cable laying", "design"],
    "ohl": ["overhead lines", "LV jointing", "service connections", "design"],
    "multi": ["LV jointing", "cable laying", "service connections", "design"],
    "civils": ["civils", "cable laying", "excavation and reinstatement"],
    "trenchless": ["cable laying", "directional drilling", "ducting"],
    "meter": ["meter installation", "service alterations", "LV jointing"],
}
GIRS_SCOPES = ["gas mains laying", "service connections", "PE jointing", "design"]
WIRS_SCOPES = ["self-lay mains", "service connections", "design"]
CL_SCOPES = {"civils": "civil engineering; street works; reinstatement", "trenchless": "trenchless; civil engineering",
             "default": "utilities; civil engineering"}

NOTES_CONTRACTOR = ["Framework contractor since %d.", "24/7 emergency call-out available.",
                    "Small firm; takes single-service jobs.", "Good first-time reinstatement pass rate (98%% in 2025).",
                    "Own traffic management team.", "Holds NRSWA-qualified supervisors for all gangs."]
NOTES_BY_REGION = {"Wales": "Welsh-speaking supervisors available.", "London": "Works nights on red routes.",
                   "Scotland": "Covers island sites by arrangement.",
                   "South West": "Preferred for rural overhead line work."}
NOTES_SUSPENDED = ["Suspended pending close-out of a major non-conformance (jointing records).",
                   "Suspended: annual return not submitted.", "Suspended after audit; re-assessment due %s."]
NOTES_WITHDRAWN = ["Withdrawn at the contractor's request.", "Withdrawn: company ceased trading.",
                   "Withdrawn; scope transferred to a group company."]


def postcode(rng, outward):
    letters = "ABDEFGHJLNPQRSTUWXYZ"
    return "%s %d%s%s" % (outward, rng.randint(1, 9), rng.choice(letters), rng.choice(letters))


def slug(name):
    s = name.lower().replace("&", "and").replace(" ltd", "").replace(" limited", "")
    out = []
    for ch in s:
        out.append(ch if ch.isalnum() else "-")
    return "-".join(p for p in "".join(out).split("-") if p)


def plus_years(d, years):
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def mail_rows():
    rows = []
    for c in MAIL_CONTRACTORS:
        for scheme, cert, scopes, status, issued, expires in c["accreditations"]:
            rows.append(dict(id=c["id"], name=c["name"], trading_names=";".join(c["trading"]),
                             email_domains=";".join(c["domains"]), contact_emails=";".join(c["contacts"]),
                             phone=c["phone"], address=c["address"], regions=";".join(c["regions"]),
                             scheme=scheme, certificate=cert, scopes=scopes, status=status, issued=issued,
                             expires=expires, notes=c["notes"]))
    return rows


def classify(expires):
    d = dt.date.fromisoformat(expires)
    if d < TODAY:
        return "expired"
    if d <= TODAY + dt.timedelta(days=30):
        return "soon"
    return "valid"


def generate(rng, used_ids, used_domains, existing_rows):
    counts = {"expired": 0, "soon": 0}
    for r in existing_rows:
        k = classify(r["expires"])
        if k in counts:
            counts[k] += 1
    rows = []
    used_names = set()
    used_certs = {r["certificate"] for r in existing_rows}
    n = 0
    next_id = 1
    # accreditation slots still to give a date category
    need_expired = TARGET_EXPIRED - counts["expired"]
    need_soon = TARGET_SOON - counts["soon"]
    free_mail_left = 3

    def cert(prefix, digits, suffix=""):
        while True:
            c = "%s-%0*d%s" % (prefix, digits, rng.randint(10 ** (digits - 1), 10 ** digits - 1), suffix)
            if c not in used_certs:
                used_certs.add(c)
                return c

    while len(existing_rows) + len(rows) < TARGET_TOTAL_ROWS:
        while "CTR-%04d" % next_id in used_ids:
            next_id += 1
        cid = "CTR-%04d" % next_id
        used_ids.add(cid)
        next_id += 1
        n += 1
        word, kind = rng.choice(PROFILES)
        while True:
            if rng.random() < 0.75:
                base = rng.choice(PLACE_A) + rng.choice(PLACE_B)
            else:
                a, b = rng.sample(SURNAMES, 2)
                base = "%s & %s" % (a, b) if rng.random() < 0.6 else "%s" % a
            suffix = rng.choice(["Ltd", "Ltd", "Ltd", "Limited"])
            name = "%s %s %s" % (base, word, suffix)
            if name not in used_names:
                used_names.add(name)
                break
        if "&" in base:
            dom = slug(base.replace("&", " ")) + ".example"
        else:
            dom = slug(base + " " + word) + ".example"
        if dom in used_domains:
            dom = slug(base + " " + word + " " + suffix) + ".example"
        used_domains.add(dom)
        domains = [dom]
        if rng.random() < 0.08:
            extra = slug(base) + "-group.example"
            if extra not in used_domains:
                used_domains.add(extra)
                domains.append(extra)
        trading = []
        if rng.random() < 0.1:
            trading.append("%s %s" % (base.split(" &")[0], rng.choice(["Networks", "Utilities", "Connect", "Civils",
                                                                          "Jointing"])))
        first, last = rng.choice(FIRST), rng.choice(LAST)
        contacts = ["%s.%s@%s" % (first.lower(), last.lower(), dom)]
        contacts.append(rng.choice(["info", "office", "enquiries", "admin"]) + "@" + dom)
        if free_mail_left and rng.random() < 0.05:
            contacts.append("%s.%s.%s@outlook.example" % (first.lower(), last.lower(), slug(base).split("-")[0]))
            free_mail_left -= 1
        region = rng.choice(list(REGIONS))
        regions = [region] + rng.sample(NEIGHBOURS[region], k=min(len(NEIGHBOURS[region]), rng.choice([0, 0, 1, 1, 2])))
        phones, towns = REGIONS[region]
        phone = rng.choice(phones) % rng.randint(0, 999)
        if rng.random() < 0.1:
            phone = "07700 900%03d" % rng.randint(0, 999)
        town, outward = rng.choice(towns)
        prefix = rng.choice(["Unit %d, " % rng.randint(1, 30), "%d " % rng.randint(1, 120),
                             "Suite %d, " % rng.randint(1, 9)])
        street = rng.choice(["%s Business Park" % (rng.choice(PLACE_A) + rng.choice(PLACE_B)),
                             "%s Road" % (rng.choice(PLACE_A) + rng.choice(PLACE_B)),
                             "%s Industrial Estate" % (rng.choice(PLACE_A) + rng.choice(PLACE_B)),
                             "%s Trading Estate" % rng.choice(SURNAMES)])
        address = "%s%s, %s %s" % (prefix, street, town, postcode(rng, outward))
        base_note = ""
        if region in NOTES_BY_REGION and rng.random() < 0.4:
            base_note = NOTES_BY_REGION[region]
        elif rng.random() < 0.2:
            base_note = rng.choice(NOTES_CONTRACTOR)
            if "%d" in base_note:
                base_note = base_note % rng.randint(2012, 2024)
        # accreditations
        accs = []
        if kind in NERS_SCOPES:
            pool = NERS_SCOPES[kind]
            k = rng.randint(2, len(pool))
            sc = [s for s in pool if s in rng.sample(pool, k)]
            accs.append(("NERS", cert("NERS", 4, "-" + ("C" if kind in ("civils", "trenchless") else "E")),
                         "; ".join(sc), 3))
        if kind in ("gas", "multi"):
            k = rng.randint(2, 4)
            accs.append(("GIRS", cert("GIRS", 4), "; ".join(s for s in GIRS_SCOPES if s in rng.sample(GIRS_SCOPES, k)), 3))
        if kind in ("water", "multi") and (kind == "water" or rng.random() < 0.6):
            k = rng.randint(2, 3)
            accs.append(("WIRS", cert("WIRS", 4), "; ".join(s for s in WIRS_SCOPES if s in rng.sample(WIRS_SCOPES, k)), 3))
        if kind == "multi" and rng.random() < 0.5 and len(accs) > 1:
            accs = accs[:2]
        r = rng.random()
        if r < 0.35 or kind in ("civils", "trenchless"):
            accs.append(("Constructionline", cert("CL", 6), CL_SCOPES.get(kind, CL_SCOPES["default"]), 1))
        if rng.random() < 0.35:
            accs.append((rng.choice(["CHAS", "SafeContractor"]), None, "health and safety", 1))
        for scheme, c, scopes, years in accs:
            if c is None:
                c = cert("CHAS" if scheme == "CHAS" else "SC", 6)
            # date category
            remaining_slots = TARGET_TOTAL_ROWS - len(existing_rows) - len(rows)
            p_exp = need_expired / max(remaining_slots, 1)
            p_soon = need_soon / max(remaining_slots, 1)
            x = rng.random()
            if x < p_exp:
                cat = "expired"
                need_expired -= 1
                expires = TODAY - dt.timedelta(days=rng.randint(3, 300))
            elif x < p_exp + p_soon:
                cat = "soon"
                need_soon -= 1
                expires = TODAY + dt.timedelta(days=rng.randint(0, 30))
            else:
                cat = "valid"
                expires = TODAY + dt.timedelta(days=rng.randint(31, 365 * years - 1))
            issued = plus_years(expires + dt.timedelta(days=1), -years)
            status, note = "valid", ""
            if cat == "expired":
                y = rng.random()
                status = "valid" if y < 0.6 else ("withdrawn" if y < 0.85 else "suspended")
            else:
                y = rng.random()
                if y < 0.03:
                    status = "suspended"
                elif y < 0.05:
                    status = "withdrawn"
            note = ""
            if status == "suspended":
                note = rng.choice(NOTES_SUSPENDED)
                if "%s" in note:
                    note = note % (TODAY + dt.timedelta(days=rng.randint(10, 60))).isoformat()
            elif status == "withdrawn":
                note = rng.choice(NOTES_WITHDRAWN)
            elif cat == "soon" and rng.random() < 0.6:
                note = "Renewal assessment booked for %s." % (expires - dt.timedelta(days=rng.randint(3, 20))).isoformat()
            if note:
                note = "%s: %s" % (scheme, note)
            note = " ".join(x for x in (base_note, note) if x)
            rows.append(dict(id=cid, name=name, trading_names=";".join(trading), email_domains=";".join(domains),
                             contact_emails=";".join(contacts), phone=phone, address=address,
                             regions=";".join(regions), scheme=scheme, certificate=c, scopes=scopes, status=status,
                             issued=issued.isoformat(), expires=expires.isoformat(), notes=note))
            if len(existing_rows) + len(rows) >= TARGET_TOTAL_ROWS:
                break
    return rows


def main():
    rng = random.Random(20261204)
    fixed = mail_rows()
    used_ids = {r["id"] for r in fixed}
    used_domains = {d for r in fixed for d in r["email_domains"].split(";") if d}
    rows = fixed + generate(rng, used_ids, used_domains, fixed)
    order = {"NERS": 0, "GIRS": 1, "WIRS": 2, "Constructionline": 3, "CHAS": 4, "SafeContractor": 5}
    rows.sort(key=lambda r: (r["id"], order[r["scheme"]], r["issued"]))
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writeheader()
        w.writerows(rows)
    cats = {"valid": 0, "soon": 0, "expired": 0}
    for r in rows:
        cats[classify(r["expires"])] += 1
    statuses = {}
    for r in rows:
        statuses[r["status"]] = statuses.get(r["status"], 0) + 1
    print("wrote %d rows, %d contractors to %s" % (len(rows), len({r["id"] for r in rows}), os.path.relpath(OUT)))
    print("relative to %s: %d expire within 30 days, %d expired, %d later; status %s" % (
        TODAY, cats["soon"], cats["expired"], cats["valid"], statuses))


if __name__ == "__main__":
    main()
