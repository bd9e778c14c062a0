"""The fictional cast of the mailsift demo: one company, its staff, partners and contractors.

Shared by make_mailbox.py (senders and recipients), make_registry.py (the contractor
registry) and make_directory.py (the staff directory), so that every demo sender links
to exactly the record the demo expects. Everything here is invented for this project:
names, companies, addresses, certificate numbers. Domains are under `.example`; phone
numbers are in the UK ranges Ofcom reserves for drama.
"""

from mailgen import Addr

COMPANY = "Harrowgate Network Services Ltd"
DOMAIN = "harrowgate-ns.example"
COMPANY_ADDRESS = "Harrowgate House, 14 Calder Wharf, Leeds LS10 1QT"
COMPANY_PHONE = "0113 496 0400"

# --------------------------------------------------------------------------
# staff: (id, name, role, [addresses], phone)

STAFF = [
    ("HNS-U001", "Priya Raman", "Head of Operations", ["priya.raman"], "0113 496 0411"),
    ("HNS-U002", "Tom Ellery", "Operations Coordinator", ["tom.ellery"], "0113 496 0423"),
    ("HNS-U003", "Niamh Doherty", "Operations Coordinator", ["niamh.doherty"], "0113 496 0424"),
    ("HNS-U004", "Callum Reid", "Senior Network Engineer (Electricity)", ["callum.reid"], "07700 900412"),
    ("HNS-U005", "Bethan Pryce", "Contractor Assurance Lead", ["bethan.pryce", "accreditation"], "0113 496 0431"),
    ("HNS-U006", "Marek Nowicki", "Gas and Water Engineer", ["marek.nowicki"], "07700 900436"),
    ("HNS-U007", "Hannah Okafor", "Finance Manager", ["hannah.okafor"], "0113 496 0440"),
    ("HNS-U008", "Dev Malhotra", "Accounts Payable Officer", ["dev.malhotra"], "0113 496 0442"),
    ("HNS-U009", "Gillian Marsh", "Managing Director", ["gillian.marsh"], "0113 496 0401"),
    ("HNS-U010", "Rhys Llewelyn", "Street Works Coordinator", ["rhys.llewelyn", "streetworks"], "0113 496 0452"),
    ("HNS-U011", "Aisha Begum", "Commercial Manager", ["aisha.begum"], "0113 496 0460"),
    ("HNS-U012", "Fraser McAllister", "Regional Manager, Scotland", ["fraser.mcallister"], "0131 496 0712"),
    ("HNS-U013", "Owen Thistlewood", "IT Systems Administrator", ["owen.thistlewood", "it.support"], "0113 496 0470"),
    ("HNS-U014", "Lucy Carver", "Office Manager", ["lucy.carver"], "0113 496 0402"),
    ("HNS-U015", "Sam Whitcombe", "Health, Safety and Environment Advisor", ["sam.whitcombe"], "07700 900455"),
    ("HNS-U016", "Joanna Kiely", "Reinstatement Inspector", ["joanna.kiely"], "07700 900461"),
    ("HNS-U017", "Kwame Mensah", "Project Engineer, New Connections", ["kwame.mensah"], "0113 496 0427"),
    ("HNS-U018", "Eilidh Baird", "Operations Coordinator (Scotland)", ["eilidh.baird"], "0131 496 0715"),
    ("HNS-U019", "Martin Greaves", "Procurement Manager", ["martin.greaves"], "0113 496 0465"),
    ("HNS-U020", "Zofia Kaczmarek", "Data and Reporting Analyst", ["zofia.kaczmarek"], "0113 496 0475"),
    ("HNS-U021", "Harrowgate Operations", "Shared mailbox (operations team)", ["operations", "ops"], COMPANY_PHONE),
    ("HNS-U022", "Harrowgate Accounts Payable", "Shared mailbox (finance)", ["accounts", "ap"], "0113 496 0441"),
]

# partner-organisation users in the directory: (id, name, organisation, role, address)
PARTNERS = [
    ("EXT-P001", "Diane Farrow", "Westshire County Council", "Street Works Permit Officer",
     "diane.farrow@westshire-council.example"),
    ("EXT-P002", "Nathan Crowe", "Northmoor Electricity Distribution plc", "Connections Engineer",
     "nathan.crowe@northmoor-ed.example"),
    ("EXT-P003", "Sophie Lindqvist", "Ashcombe Homes Ltd", "Technical Manager",
     "sophie.lindqvist@ashcombe-homes.example"),
    ("EXT-P004", "Graham Pettigrew", "Network Assessment Services Ltd", "Lead Assessor",
     "g.pettigrew@nas-assess.example"),
    ("EXT-P005", "Ruth Abernethy", "Calderbrook Metropolitan Borough Council", "Highways Inspector",
     "ruth.abernethy@calderbrook-mbc.example"),
    ("EXT-P006", "Mark Hinchcliffe", "Pelham Estates Ltd", "Facilities Manager",
     "mark.hinchcliffe@pelham-estates.example"),
]


def staff(local: str) -> Addr:
    for _id, name, _role, addrs, _phone in STAFF:
        if local in addrs:
            return Addr(name, "%s@%s" % (local, DOMAIN))
    raise KeyError(local)


def staff_sig(local: str) -> str:
    for _id, name, role, addrs, phone in STAFF:
        if local in addrs:
            return "%s\n%s\n%s\nT: %s" % (name, role, COMPANY, phone)
    raise KeyError(local)


OPS = Addr("Harrowgate Operations", "operations@" + DOMAIN)
ACCOUNTS = Addr("Harrowgate Accounts Payable", "accounts@" + DOMAIN)

# --------------------------------------------------------------------------
# contractors who write to the demo mailbox. Each becomes one or more rows of
# demo/contractors.csv (one per accreditation) with exactly these domains.
#
# accreditations: (scheme, certificate, scopes, status, issued, expires)

MAIL_CONTRACTORS = [
    dict(id="CTR-0007", name="Brightwire Utilities Ltd", trading=[], domains=["brightwire-utilities.example"],
         contacts=["dean.hollis@brightwire-utilities.example", "accounts@brightwire-utilities.example"],
         phone="0161 496 0731", address="Unit 9, Moss Lane Trading Estate, Oldham OL8 3RF",
         regions=["North West", "Yorkshire and the Humber"],
         accreditations=[
             ("NERS", "NERS-2231-E", "LV jointing; HV jointing; cable laying; service alterations", "valid",
              "2024-06-03", "2027-06-02"),
             ("CHAS", "CHAS-518204", "health and safety", "valid", "2026-03-01", "2027-02-28"),
         ],
         notes="Framework contractor since 2019. Invoice BWU-4471 disputed and paid June 2026."),
    dict(id="CTR-0012", name="Thamesgate Cabling Ltd", trading=[], domains=["thamesgate-cabling.example"],
         contacts=["olu.adeyemi@thamesgate-cabling.example", "rebecca.stone@thamesgate-cabling.example"],
         phone="020 7946 0318", address="3 Wharfside Yard, Bow Creek, London E14 0LG",
         regions=["London", "South East"],
         accreditations=[
             ("NERS", "NERS-1874-E", "cable laying; LV jointing; service connections", "valid",
              "2023-12-21", "2026-12-20"),
             ("Constructionline", "CL-300917", "civil engineering; utilities", "valid", "2026-02-14",
              "2027-02-13"),
         ],
         notes="LV cable strike at Farrant Street E3 (May 2026) under investigation; applied to add HV jointing."),
    dict(id="CTR-0019", name="Pennant Jointing Services Ltd", trading=["Uno Pennant"],
         domains=["pennant-jointing.example"],
         contacts=["gethin.rowlands@pennant-jointing.example"],
         phone="029 2018 0264", address="Uned 2, Parc Busnes Tŷ Coch, Llanelli SA14 8LT",
         regions=["Wales", "South West"],
         accreditations=[
             ("NERS", "NERS-3310-E", "LV jointing; HV jointing; service alterations", "valid", "2026-04-14",
              "2029-04-13"),
         ],
         notes="Bilingual (Welsh/English) correspondence welcome."),
    dict(id="CTR-0023", name="Calder Valley Civils Ltd", trading=["CVC Reinstatement"],
         domains=["caldervalley-civils.example"],
         contacts=["shaun.broadbent@caldervalley-civils.example", "accounts@caldervalley-civils.example"],
         phone="01632 960187", address="Mill Yard, Burnley Road, Todmorden OL14 5QH",
         regions=["Yorkshire and the Humber", "North West"],
         accreditations=[
             ("NERS", "NERS-2987-C", "cable laying; civils; excavation and reinstatement", "valid",
              "2025-02-10", "2028-02-09"),
             ("Constructionline", "CL-284410", "civil engineering; street works; reinstatement", "valid",
              "2026-01-05", "2027-01-04"),
             ("CHAS", "CHAS-402978", "health and safety", "valid", "2025-11-20", "2026-11-19"),
         ],
         notes="Three reinstatement defects on Halifax Road/Mill Lane (2026); framework renewal under review."),
    dict(id="CTR-0031", name="Ridgeway Gas Connections Ltd", trading=[], domains=["ridgeway-gas.example"],
         contacts=["karen.doyle@ridgeway-gas.example", "estimating@ridgeway-gas.example"],
         phone="0117 496 0552", address="Ridgeway Court, Aztec West Road, Bristol BS32 4TR",
         regions=["South West", "Wales"],
         accreditations=[
             ("GIRS", "GIRS-0415", "gas mains laying; service connections; PE jointing; design", "valid",
              "2024-09-30", "2027-09-29"),
             ("SafeContractor", "SC-771203", "health and safety", "valid", "2026-05-01", "2027-04-30"),
         ],
         notes="Bramble Fields (Ashcombe Homes) gas connections, quote Q-RG-2291."),
    dict(id="CTR-0038", name="AquaLine Self-Lay Ltd", trading=["AquaLine"], domains=["aqualine-selflay.example"],
         contacts=["imran.qureshi@aqualine-selflay.example"],
         phone="01632 960244", address="7 Priory Business Centre, St Neots PE19 2BH",
         regions=["East of England", "East Midlands"],
         accreditations=[
             ("WIRS", "WIRS-1187", "self-lay mains; service connections; design", "valid", "2024-01-22",
              "2027-01-21"),
             ("Constructionline", "CL-219904", "water infrastructure", "valid", "2025-12-03", "2026-12-02"),
         ],
         notes="WIRS audit (Sept 2026) raised a minor finding on chlorination records."),
    dict(id="CTR-0044", name="Northpoint Metering Services Ltd", trading=[], domains=["northpoint-metering.example"],
         contacts=["leanne.foster@northpoint-metering.example", "office@northpoint-metering.example"],
         phone="01632 960391", address="Suite 5, Quayside Enterprise Centre, Blyth NE24 3AG",
         regions=["North East", "Yorkshire and the Humber"],
         accreditations=[
             ("NERS", "NERS-3042-M", "service alterations; meter installation; LV jointing", "valid",
              "2025-03-17", "2028-03-16"),
             ("SafeContractor", "SC-650118", "health and safety", "valid", "2026-02-09", "2027-02-08"),
         ],
         notes="Public liability insurance lapsed 31 Jan 2026; renewed certificate HMB-PL-77120 received."),
    dict(id="CTR-0052", name="Glenmore Utility Services Ltd", trading=[], domains=["glenmore-utility.example"],
         contacts=["alasdair.munro@glenmore-utility.example"],
         phone="0131 496 0288", address="4 Castlehill Industrial Estate, Inverurie AB51 4GT",
         regions=["Scotland"],
         accreditations=[
             ("NERS", "NERS-2650-E", "LV jointing; cable laying; overhead lines; service connections", "valid",
              "2024-11-11", "2027-11-10"),
             ("GIRS", "GIRS-0388", "service connections; PE jointing", "valid", "2023-12-15", "2026-12-14"),
         ],
         notes="GIRS audit corrective actions closed Oct 2026."),
    dict(id="CTR-0058", name="Lagan Networks Ltd", trading=[], domains=["lagan-networks.example"],
         contacts=["ciaran.obriain@lagan-networks.example"],
         phone="028 9649 6120", address="22 Lanyon Quay Road, Belfast BT1 3LX",
         regions=["Northern Ireland"],
         accreditations=[
             ("NERS", "NERS-2788-E", "LV jointing; HV jointing; cable laying", "valid", "2025-08-04",
              "2028-08-03"),
         ],
         notes="Cross-border work priced in euro for the Republic of Ireland section."),
    dict(id="CTR-0063", name="Michael Fenwick", trading=["Fenwick Electrical", "Fenwick & Son Electrical"],
         domains=[], contacts=["mike.fenwick@outlook.example"],
         phone="07700 900587", address="18 Colwick Lane, Nottingham NG4 2EP",
         regions=["East Midlands"],
         accreditations=[
             ("NERS", "NERS-3395-E", "LV jointing; service alterations", "valid", "2026-02-02", "2029-02-01"),
             ("CHAS", "CHAS-613377", "health and safety", "valid", "2025-12-20", "2026-12-19"),
         ],
         notes="Sole trader; uses a personal mailbox. Small service alterations only."),
    dict(id="CTR-0067", name="Midshire Groundworks Ltd", trading=["MGW Reinstatement"],
         domains=["midshire-groundworks.example"],
         contacts=["gary.penrose@midshire-groundworks.example"],
         phone="0121 496 0677", address="Unit 14, Tame Valley Works, Tipton DY4 7UL",
         regions=["West Midlands", "East Midlands"],
         accreditations=[
             ("Constructionline", "CL-198352", "street works; reinstatement; groundworks", "valid", "2026-06-01",
              "2027-05-31"),
             ("CHAS", "CHAS-377410", "health and safety", "valid", "2026-01-12", "2027-01-11"),
             ("NERS", "NERS-2411-C", "civils; excavation and reinstatement", "suspended", "2023-10-02",
              "2026-10-01"),
         ],
         notes="Disputes FPN recharge on Wednesbury Road (2026)."),
    dict(id="CTR-0071", name="Sovereign HV Ltd", trading=[], domains=["sovereign-hv.example"],
         contacts=["paula.jennings@sovereign-hv.example", "steve.markham@sovereign-hv.example"],
         phone="0118 496 0903", address="Sovereign House, 2 Kennet Side, Reading RG1 3EA",
         regions=["South East", "London", "East of England"],
         accreditations=[
             ("NERS", "NERS-1566-E", "HV jointing; EHV jointing; substation installation; cable laying; design",
              "valid", "2023-07-20", "2026-07-19"),
             ("NERS", "NERS-1566-E/R", "HV jointing; EHV jointing; substation installation; cable laying; design",
              "valid", "2026-07-20", "2029-07-19"),
             ("SafeContractor", "SC-440915", "health and safety", "valid", "2026-09-01", "2027-08-31"),
         ],
         notes="NERS surveillance audit July 2026 at Farley Green substation; renewed with no findings."),
    dict(id="CTR-0075", name="Trent Valley Water Services Ltd", trading=[], domains=["trentvalley-water.example"],
         contacts=["jas.sandhu@trentvalley-water.example"],
         phone="0115 496 0820", address="Riverside Works, Trent Lane, Newark NG24 1QX",
         regions=["East Midlands", "West Midlands"],
         accreditations=[
             ("WIRS", "WIRS-1302", "service connections; self-lay mains", "valid", "2025-05-19", "2028-05-18"),
         ],
         notes=""),
    dict(id="CTR-0082", name="Blackstone Trenchless Ltd", trading=["Blackstone HDD"],
         domains=["blackstone-trenchless.example"],
         contacts=["ewan.caldwell@blackstone-trenchless.example"],
         phone="0151 496 0342", address="Dock Road Works, Widnes WA8 0PX",
         regions=["North West", "Wales", "West Midlands"],
         accreditations=[
             ("NERS", "NERS-2904-C", "cable laying; directional drilling; ducting", "valid", "2025-01-27",
              "2028-01-26"),
             ("Constructionline", "CL-310266", "trenchless; civil engineering", "valid", "2026-03-10",
              "2027-03-09"),
         ],
         notes="Horizontal directional drilling; river crossings need Environment Agency consent."),
    dict(id="CTR-0086", name="Eastgate Utility Contracting Ltd", trading=[], domains=["eastgate-uc.example"],
         contacts=["femi.ogunleye@eastgate-uc.example", "danny.reeves@eastgate-uc.example"],
         phone="020 7946 0655", address="88 Ripple Road, Barking IG11 7PA",
         regions=["London", "East of England", "South East"],
         accreditations=[
             ("GIRS", "GIRS-0522", "gas mains laying; service connections; PE jointing", "valid", "2024-04-08",
              "2027-04-07"),
             ("NERS", "NERS-3127-E", "LV jointing; cable laying; service connections", "valid", "2025-09-15",
              "2028-09-14"),
         ],
         notes="Retention deducted from remittance RA-26-1148 queried by Eastgate (Aug 2026)."),
    dict(id="CTR-0090", name="Kingfisher Cable & Pipe Ltd", trading=["Kingfisher Multi-Utility"],
         domains=["kingfisher-cp.example", "kingfisher-multiutility.example"],
         contacts=["lorna.baxter@kingfisher-cp.example"],
         phone="01632 960512", address="Kingfisher Yard, Station Approach, Westbury BA13 4HP",
         regions=["South West", "South East"],
         accreditations=[
             ("NERS", "NERS-2573-E", "LV jointing; cable laying; service connections", "valid", "2024-10-01",
              "2027-09-30"),
             ("WIRS", "WIRS-1244", "service connections; self-lay mains", "valid", "2025-06-16", "2028-06-15"),
             ("GIRS", "GIRS-0471", "service connections; PE jointing", "valid", "2024-12-19", "2026-12-18"),
         ],
         notes="Multi-utility framework contractor; Coldharbour Lane, Westbury scheme (permit WS-P-2026-08813)."),
]


def contractor(cid: str) -> dict:
    for c in MAIL_CONTRACTORS:
        if c["id"] == cid:
            return c
    raise KeyError(cid)


# people at those contractors and partners, as Addr objects for the mailbox
P = {
    "dean": Addr("Dean Hollis", "dean.hollis@brightwire-utilities.example"),
    "bw_accounts": Addr("Brightwire Accounts", "accounts@brightwire-utilities.example"),
    "olu": Addr("Olu Adeyemi", "olu.adeyemi@thamesgate-cabling.example"),
    "rebecca": Addr("Rebecca Stone", "rebecca.stone@thamesgate-cabling.example"),
    "gethin": Addr("Gethin Rowlands", "gethin.rowlands@pennant-jointing.example"),
    "shaun": Addr("Shaun Broadbent", "shaun.broadbent@caldervalley-civils.example"),
    "cvc_accounts": Addr("Julie Haigh", "accounts@caldervalley-civils.example"),
    "karen": Addr("Karen Doyle", "karen.doyle@ridgeway-gas.example"),
    "imran": Addr("Imran Qureshi", "imran.qureshi@aqualine-selflay.example"),
    "leanne": Addr("Leanne Foster", "leanne.foster@northpoint-metering.example"),
    "alasdair": Addr("Alasdair Munro", "alasdair.munro@glenmore-utility.example"),
    "ciaran": Addr("Ciarán Ó Briain", "ciaran.obriain@lagan-networks.example", enc=("iso-8859-1", "b")),
    "fenwick": Addr("Mike Fenwick", "mike.fenwick@outlook.example"),
    "gary": Addr("Gary Penrose", "gary.penrose@midshire-groundworks.example"),
    "paula": Addr("Paula Jennings", "paula.jennings@sovereign-hv.example"),
    "steve": Addr("Steve Markham", "steve.markham@sovereign-hv.example"),
    "jas": Addr("Jas Sandhu", "jas.sandhu@trentvalley-water.example"),
    "ewan": Addr("Ewan Caldwell", "ewan.caldwell@blackstone-trenchless.example"),
    "femi": Addr("Femi Ogunleye", "femi.ogunleye@eastgate-uc.example"),
    "danny": Addr("Danny Reeves", "danny.reeves@eastgate-uc.example"),
    "lorna": Addr("Lorna Baxter", "lorna.baxter@kingfisher-cp.example"),
    # partners
    "diane": Addr("Diane Farrow", "diane.farrow@westshire-council.example"),
    "nathan": Addr("Nathan Crowe", "nathan.crowe@northmoor-ed.example"),
    "sophie": Addr("Sophie Lindqvist", "sophie.lindqvist@ashcombe-homes.example"),
    "graham": Addr("Graham Pettigrew", "g.pettigrew@nas-assess.example"),
    "ruth": Addr("Ruth Abernethy", "ruth.abernethy@calderbrook-mbc.example"),
    "mark": Addr("Mark Hinchcliffe", "mark.hinchcliffe@pelham-estates.example"),
}
