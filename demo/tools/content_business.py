"""BUSINESS mail of the demo mailbox: people writing about the work, expecting a reading,
a decision or a reply."""

from kit import *  # noqa: F401,F403

B = "BUSINESS"


def build():
    out = []
    add = out.append

    # ------------------------------------------------------------------
    # Thread: Brightwire invoice BWU-4471 still unpaid after 60+ days
    dean_sig = sig("Dean Hollis", "Commercial Director", "Brightwire Utilities Ltd", "0161 496 0731",
                   "M: 07700 900731")
    add(Mail("brightwire-invoice-bwu4471-outstanding", B,
             "contractor chases an unpaid invoice past its terms and threatens to pause work",
             frm=P["dean"], to=[ACCOUNTS], cc=[OPS],
             subject="Invoice BWU-4471 – still unpaid, now over 60 days", date="2026-05-19 09:14",
             mailer=OUTLOOK, html_alt=True, msgid_style="outlook",
             text="""Good morning,

I am writing again about our invoice BWU-4471 for £18,642.50 (inc. VAT), raised on 17 March 2026 for the LV service alterations at Mossley Road, Ashton-under-Lyne OL6 (your job ref HNS-J-26-0187, PO 4500-22871).

Your terms with us are 30 days from invoice. It is now more than 60 days since we sent it and we have had nothing back: no payment, no remittance, and no query telling us anything is wrong with it. Carla in our credit control team has chased by email on 22 April and 6 May and left a voicemail last week.

We have done a lot of work for Harrowgate this year and we value the relationship, but we are a small business and carrying nearly nineteen thousand pounds for two months is hurting our cash flow. Could someone please tell me today:

1. whether the invoice has been approved, and if not, what is holding it up;
2. the date we can expect the money in our account.

If we can't get an answer this week I'm afraid we will have to hold off starting the two new jobs you sent us (HNS-J-26-0219 and HNS-J-26-0224) until the account is brought up to date.

Regards,

""" + dean_sig))

    add(Mail("re-brightwire-invoice-bwu4471", B,
             "finance manager replies to the contractor explaining why the invoice is held",
             frm=S("hannah.okafor"), to=[P["dean"]], cc=[OPS, S("callum.reid")],
             subject=None, parent="brightwire-invoice-bwu4471-outstanding", quote="gt",
             date="2026-05-19 14:02", received="internal", mailer=OUTLOOK,
             text="""Hi Dean,

Sorry, you should have heard from us well before now.

I've looked into BWU-4471. It hasn't been paid because the amount is £2,310.00 more than the purchase order: the extra is the additional 18 m of duct and the second joint bay on Mossley Road. That variation was agreed on site but it was never raised as a change on the PO, so the invoice failed the three-way match and sat in the exceptions queue. Nobody picked it up, which is our fault, not yours.

I've asked Callum (copied) to confirm the variation today. As soon as the PO is amended I can release the invoice in full in the next payment run. Our runs are Tuesdays and Fridays.

Please don't hold the two new jobs. I'll come back to you by Thursday with a payment date.

Kind regards
""" + staff_sig("hannah.okafor")))

    add(Mail("brightwire-bwu4471-no-payment-yet", B,
             "contractor follows up: promised payment still not received, asks for escalation",
             frm=P["dean"], to=[S("hannah.okafor")], cc=[OPS, S("priya.raman")],
             subject=None, parent="re-brightwire-invoice-bwu4471", quote="outlook",
             date="2026-05-29 08:41", mailer=OUTLOOK, msgid_style="outlook",
             text="""Hannah,

Thanks for the explanation last week. Unfortunately nothing has arrived yet and I haven't had the Thursday update you mentioned. BWU-4471 is now 73 days old.

I've copied Priya because I don't want this to turn into a bigger issue between our companies. If the variation is the only thing in the way, can you pay the £16,332.50 that matches the PO now and the £2,310.00 balance when Callum signs it off? That seems fair to both sides.

We will also add statutory interest to the account if it is not settled by the end of next week, as our terms allow.

Dean
""" + "\n" + dean_sig))

    add(Mail("fw-brightwire-bwu4471-variation-approval", B,
             "colleague forwards the contractor's chase internally and asks for a decision",
             frm=S("hannah.okafor"), to=[S("priya.raman")], cc=[OPS, S("callum.reid")],
             subject="FW: Invoice BWU-4471 – still unpaid, now over 60 days",
             parent="brightwire-bwu4471-no-payment-yet", quote="outlook", received="internal",
             date="2026-05-29 10:05", mailer=OUTLOOK, html_alt=True,
             text="""Priya,

Can I have your OK on this one today please? Callum is on site at Farley Green all week and hasn't been able to sign the Mossley Road variation (£2,310.00, extra duct and a second joint bay, confirmed by his site diary of 4 March).

Options:
a) pay the PO value of £16,332.50 in Tuesday's run and the balance when the variation is approved; or
b) you approve the variation as Head of Ops and we pay the full £18,642.50 on Tuesday.

I'd go with (b): the work was done, Dean's been patient, and we need Brightwire on the Oldham jobs next month.

Thanks
Hannah"""))

    # ------------------------------------------------------------------
    # Thread: Thamesgate cable strike at Farrant Street
    olu_sig = sig("Olu Adeyemi", "Site Manager", "Thamesgate Cabling Ltd", "020 7946 0318", "M: 07700 900318")
    add(Mail("thamesgate-cable-strike-farrant-street", B,
             "contractor reports damage to an LV main during excavation, with photo",
             frm=P["olu"], to=[OPS], cc=[S("callum.reid")],
             subject="URGENT – cable strike, Farrant Street E3 (HNS-J-26-0233)", date="2026-05-12 16:47",
             mailer=IPHONE, crlf=True, msgid_style=1,
             headers=["X-Priority: 1", "Importance: high"],
             attachments=[png("IMG_4471.png", "farrant-strike", 64, 40)],
             text="""Hi all,

Reporting a cable strike on the Farrant Street job (HNS-J-26-0233, 14 Farrant Street, London E3).

At about 14:20 today our excavator operator hit an LV main while digging the joint hole for the new service. It's a 3-core 185 Waveform, and it was not where the record plans show it. It's roughly 400 mm further into the footway than drawn. The cable is damaged, the sheath is split and there was a flash. Nobody was hurt. The operator was in the cab and the banksman was clear.

We made the area safe, fenced it off and called the Northmoor emergency number. Their jointers got there at 15:05. 11 properties were off supply for about 3 hours 40 minutes while they cut out and rejointed. Their incident ref is NED-INC-558120.

Photo attached. I'll send the CAT scan log and our incident report tomorrow. We've stopped work on site until you tell us otherwise.

Olu

Sent from my iPhone"""))

    add(Mail("re-thamesgate-cable-strike", B,
             "engineer replies with instructions and asks for evidence after the cable strike",
             frm=S("callum.reid"), to=[P["olu"]], cc=[OPS, S("sam.whitcombe")], parent="thamesgate-cable-strike-farrant-street",
             subject=None, quote="gt", date="2026-05-12 18:05", received="internal", mailer=OUTLOOK,
             text="""Olu,

Thanks for telling us quickly, and I'm glad nobody was hurt.

Keep the site stood down until we've reviewed it. Before we go back I need:

- the CAT and Genny scan records for the dig, with the operator's name and the calibration date of the locator;
- the permit number and a copy of the record plans your team was using (which issue?);
- the excavation drawing and hand-dig trial hole records, if any were done before the machine went in;
- your incident report, with a timeline.

I've copied Sam Whitcombe, our HSE advisor. He will decide whether this has to be reported as a dangerous occurrence.

Northmoor will send us the bill for the repair. Please let your insurer know now.

Callum
""" + staff_sig("callum.reid")))

    add(Mail("re-thamesgate-cable-strike-scan-records", B,
             "contractor sends scan log and incident report for the damaged LV main",
             frm=P["olu"], to=[S("callum.reid")], cc=[OPS, S("sam.whitcombe"), P["rebecca"]],
             parent="re-thamesgate-cable-strike", subject=None, quote="outlook",
             date="2026-05-14 11:20", mailer=OUTLOOK, msgid_style="outlook",
             attachments=[
                 csv_file("Farrant St scan log 12-05-2026.csv", [
                     ["time", "operator", "locator", "serial", "calibrated", "mode", "result", "depth_mm"],
                     ["13:42", "K. Mbeki", "LocatorPro LX5", "LX5-20931", "2026-02-03", "Power", "signal at 0.6m",
                      "610"],
                     ["13:44", "K. Mbeki", "LocatorPro LX5", "LX5-20931", "2026-02-03", "Radio", "no signal", ""],
                     ["13:47", "K. Mbeki", "Genny G2", "G2-7720", "2026-02-03", "Genny", "signal at 0.4m offset",
                      "540"],
                     ["14:05", "K. Mbeki", "LocatorPro LX5", "LX5-20931", "2026-02-03", "Power", "re-scan marked",
                      "600"],
                 ]),
                 pdf("TCL incident report IR-26-017.pdf", "Thamesgate Cabling - Incident report IR-26-017", [
                     "Site: 14 Farrant Street, London E3 - HNS job HNS-J-26-0233",
                     "Date/time: 12 May 2026, approx. 14:20",
                     "Event: damage to LV main (3c 185 Waveform) by excavator bucket",
                     "Injuries: none. Supply loss: 11 customers, 3h40m",
                     "DNO incident reference: NED-INC-558120",
                     "Immediate cause: cable 400 mm from recorded position; machine dig",
                     "within 500 mm of marked line.",
                     "Actions: toolbox talk on hand-dig zone, re-brief of permit to dig.",
                 ]),
             ],
             text="""Callum,

Attached are the scan log from the locator and our incident report IR-26-017.

Short version: the operator scanned in power and radio mode and got a power signal about 600 mm down, but the marked line followed the record plan instead of the signal. The plans were Northmoor issue 7 from March. They show the main 400 mm closer to the building line. No trial hole was dug at the joint position. The machine went in within half a metre of the mark, which breaks our own procedure. We've taken that up with the gang.

Permit for the works is WS-LBTH-26-04412. Our insurer (Haddon Mutual) has been told and the claim ref is HM-CL-26-3391.

Rebecca (copied) is our compliance manager. She has asked whether this will affect our NERS accreditation. Can you let her know what, if anything, you'll be reporting?

Regards
Olu
""" + "\n" + olu_sig))

    add(Mail("fw-cable-strike-riddor-question", B,
             "engineer forwards the contractor's report inline and asks the HSE advisor to decide on reporting",
             frm=S("callum.reid"), to=[S("sam.whitcombe")], cc=[OPS],
             subject="FW: damaged LV main at Farrant Street – do we need to report it?",
             date="2026-05-14 12:02", received="internal", mailer=OUTLOOK,
             text="""Sam,

See Olu's note below about the damaged LV main on Farrant Street. Can you decide whether this counts as a reportable dangerous occurrence (the flash when the bucket hit the cable), or whether an internal near-miss report and the DNO's incident ref are enough? I'd like to tell Thamesgate and close it by Friday.

My view: there was an electrical flash but nobody was injured and there was no fire. But I'm not the expert.

Callum

---------- Forwarded message ---------
From: Olu Adeyemi <olu.adeyemi@thamesgate-cabling.example>
Date: Thu, 14 May 2026 at 11:20
Subject: RE: URGENT – cable strike, Farrant Street E3 (HNS-J-26-0233)
To: Callum Reid <callum.reid@harrowgate-ns.example>

Short version: the operator scanned in power and radio mode and got a power signal about 600 mm down, but the marked line followed the record plan instead of the signal. No trial hole was dug at the joint position. The machine went in within half a metre of the mark, which breaks our own procedure.

Permit for the works is WS-LBTH-26-04412. Our insurer has been told and the claim ref is HM-CL-26-3391.
"""))

    # ------------------------------------------------------------------
    # Thread: Coldharbour Lane permit refused by the council
    diane_sig = sig("Diane Farrow", "Street Works Permit Officer", "Westshire County Council – Highways",
                    "01632 960733")
    add(Mail("coldharbour-lane-permit-query", B,
             "street works coordinator asks the council why a permit application was refused",
             frm=S("rhys.llewelyn"), to=[P["diane"]], cc=[OPS], received="internal", mailer=OUTLOOK,
             subject="Permit WS-P-2026-08813 Coldharbour Lane, Westbury – refused", date="2026-08-20 15:10",
             text="""Hi Diane,

Our permit application WS-P-2026-08813 for Coldharbour Lane, Westbury BA13 came back refused on Streetgate this afternoon. The only reason given is "conflict with restriction". The work is 23 new multi-utility service connections for the Coldharbour Mews development (electricity, water and gas; contractor Kingfisher Cable & Pipe). We applied for 1–26 September, with lane closure and two-way lights.

Can you tell me what the restriction is and what we'd need to change to get it granted? Our customer has first occupations in November, so we can't just wait.

Thanks
Rhys
""" + "\n" + staff_sig("rhys.llewelyn")))

    add(Mail("re-coldharbour-lane-permit-query", B,
             "council officer explains the Section 58 restriction and what a revised permit needs",
             frm=P["diane"], to=[S("rhys.llewelyn")], cc=[OPS], parent="coldharbour-lane-permit-query",
             subject=None, quote="outlook", date="2026-08-21 09:32", mailer=OUTLOOK, msgid_style=3,
             text="""Hello Rhys,

Coldharbour Lane was resurfaced in June, so it has a Section 58 restriction on it until 30 June 2029. During that time we only allow excavation in the carriageway for emergencies, or where there is no other reasonable route. Your application had the whole run in the carriageway, so the system refused it automatically. There is also a clash with the Westbury carnival road closure on Saturday 5 September.

What I can consider:

- a revised application with the mains in the footway (it is 2.4 m wide on the north side), and only the short carriageway crossings needed for the services;
- carriageway crossings done by narrow trenching or moling rather than open cut, where you can;
- no working on 4–6 September;
- a reinstatement plan to the restriction standard: full-width inlay for any crossing, and a joint inspection with me when you finish.

If you send me a sketch before you resubmit I'll look at it informally, which should save a second refusal. Please resubmit as a new application and quote the old reference.

Kind regards
Diane
""" + "\n" + diane_sig))

    add(Mail("re-re-coldharbour-lane-permit", B,
             "coordinator agrees the revised approach with the council officer and proposes a site meeting",
             frm=S("rhys.llewelyn"), to=[P["diane"]], cc=[OPS, P["lorna"]], parent="re-coldharbour-lane-permit-query",
             subject=None, quote="gt", date="2026-08-21 11:48", received="internal", mailer=OUTLOOK,
             text="""Diane,

That's really helpful, thank you. We'll redesign with the mains in the north footway and mole the crossings where the ground allows. Lorna at Kingfisher (copied) will confirm which crossings can't be moled.

Could we meet on site on Tuesday 25 August at 10:00 to walk the route? I'll bring the sketch. We'll avoid 4–6 September.

Rhys"""))

    add(Mail("coldharbour-lane-start-date-moved", B,
             "coordinator tells the contractor the start is postponed because the permit was not granted",
             frm=S("rhys.llewelyn"), to=[P["lorna"]], cc=[OPS, S("priya.raman")], received="internal",
             subject="Coldharbour Lane – 1 September start can't go ahead", date="2026-08-21 12:30",
             mailer=OUTLOOK,
             text="""Hi Lorna,

Bad news on Coldharbour Lane (HNS-J-26-0398): the council has not granted the permit. The road was resurfaced in June and has a Section 58 restriction, so open-cut carriageway work isn't allowed. Your gang can't start on 1 September.

Plan:
- we redesign with the mains in the north footway and mole the road crossings;
- site walk with the council on Tue 25 Aug at 10:00. Can you or your supervisor come?
- new application by 28 Aug. Provisional new start Monday 21 September, if it's granted.

Can you hold the gang for the 21st, and tell me which crossings can't be moled?

Sorry about this.
Rhys"""))

    add(Mail("re-coldharbour-lane-start-date", B,
             "contractor asks who pays the re-mobilisation cost caused by the permit delay",
             frm=P["lorna"], to=[S("rhys.llewelyn")], cc=[OPS, S("priya.raman")], parent="coldharbour-lane-start-date-moved",
             subject=None, quote="gt", date="2026-08-21 16:05", mailer=THUNDERBIRD, msgid_style=3,
             swap_with_parent=True,
             text="""Rhys,

Understood. I'll be at the site walk on the 25th with Phil, our supervisor.

We can hold the gang for 21 September. But we had already booked the mole, the welfare unit and the traffic management for the 1st, and the hire firm charges for cancelling at less than 14 days' notice. The re-mobilisation cost is £2,300 + VAT (hire cancellation £1,380 and TM rebooking £920). I'll send the invoices if you want them. Will Harrowgate cover this? I don't think it is fair for us to carry it when the permit design wasn't ours.

Crossings 3 and 7 cross the old tramway setts. We won't mole those, so they need open cut with a narrow trench.

Regards
Lorna Baxter
Operations Director
Kingfisher Cable & Pipe Ltd (trading as Kingfisher Multi-Utility)
T: 01632 960512"""))

    # ------------------------------------------------------------------
    # Thread: Sovereign HV NERS audit next month
    paula_sig = sig("Paula Jennings", "Quality & Compliance Manager", "Sovereign HV Ltd", "0118 496 0903")
    add(Mail("sovereign-ners-audit-site-visit", B,
             "contractor asks to host its NERS audit on one of our live sites next month",
             frm=P["paula"], to=[S("bethan.pryce")], cc=[OPS], subject="NERS audit in July – site visit request",
             date="2026-06-09 10:20", mailer=OUTLOOK, html_alt=True, msgid_style="outlook",
             text="""Hi Bethan,

Our NERS surveillance and renewal audit is next month, on Tuesday 14 July. The assessor is Graham Pettigrew of Network Assessment Services. As well as the office audit, he wants to watch HV jointing on a live site.

The best job we have that week is yours: the Farley Green substation works (HNS-J-26-0311, Farley Green, Guildford GU5). Our jointers will be making the 11 kV straight joints on the 14th. Could he visit that morning? He'd need:

- a site induction, ideally on arrival at 08:30;
- an escort. Steve Markham, our contracts manager, will be with him all the time;
- permission to take photos of the joint as it's made (no members of the public will be in them).

Our certificate NERS-1566-E expires on 19 July, so this visit matters to us. Thanks for any help you can give.

Best regards
Paula
""" + "\n" + paula_sig))

    add(Mail("re-sovereign-ners-audit", B,
             "assurance lead agrees the assessor visit with conditions",
             frm=S("bethan.pryce"), to=[P["paula"]], cc=[OPS, S("callum.reid")], parent="sovereign-ners-audit-site-visit",
             subject=None, quote="gt", date="2026-06-09 15:45", received="internal", mailer=OUTLOOK,
             text="""Hi Paula,

Yes, that's fine, and we're glad to help. Conditions:

1. Callum Reid (copied) holds the permit to work for Farley Green. He'll do the induction at 08:30, so please arrive on time.
2. Graham needs his own PPE (arc-rated to 8 cal/cm² inside the compound) and a current ECS or CSCS card.
3. Photos are fine, but none of the substation security systems or the gate code, please.
4. If the switching programme changes on the day, the visit may have to move. Callum will tell Steve by 07:00.

Could you send me the audit agenda, so I know whether Graham will want to see our side of the records (design approval, the jointing records we hold)?

Diolch,
Bethan
""" + "\n" + staff_sig("bethan.pryce")))

    add(Mail("re-sovereign-ners-audit-agenda", B,
             "contractor sends the audit agenda and a meeting file with a personal note",
             frm=P["paula"], to=[S("bethan.pryce")], cc=[OPS, S("callum.reid"), P["steve"]],
             parent="re-sovereign-ners-audit", subject=None, quote="outlook", date="2026-06-11 09:05",
             mailer=OUTLOOK, msgid_style="outlook",
             attachments=[
                 docx("NERS audit agenda 14 July 2026.docx", [
                     "Sovereign HV Ltd – NERS surveillance and renewal audit",
                     "Date: Tuesday 14 July 2026. Assessor: Graham Pettigrew (Network Assessment Services).",
                     "08:30 Site induction – Farley Green substation (HNS-J-26-0311), host Harrowgate.",
                     "09:00–12:00 Witness 11 kV straight joints; jointer competence cards; tooling calibration.",
                     "13:30–16:30 Office audit at Reading: training matrix, design records, complaints log.",
                     "16:30 Closing meeting.",
                 ]),
                 Attachment("Farley Green site visit.ics", "text/calendar",
                            ics("PUBLISH", "sovereign-ners-2026-farley@sovereign-hv.example",
                                "NERS audit site visit – Farley Green (HNS-J-26-0311)",
                                "2026-07-14 08:30", "2026-07-14 12:00", P["paula"], [],
                                location="Farley Green substation, Guildford GU5",
                                description="Assessor G. Pettigrew with S. Markham. Induction by Callum Reid.",
                                stamp="2026-06-11 09:00").replace("\n", "\r\n").encode("utf-8")),
             ],
             text="""Bethan,

Thanks, all agreed. Agenda attached. Graham will only look at Sovereign's records, but he may ask Callum a couple of questions about how the joint bays were designed and approved. I've also attached a calendar entry for the morning visit for you and Callum, so it's in your diaries.

Graham has a current ECS card and his own arc-rated kit.

Best regards
Paula"""))

    # ------------------------------------------------------------------
    # Thread: Ridgeway Gas quote for Bramble Fields
    karen_sig = sig("Karen Doyle", "Estimating Manager", "Ridgeway Gas Connections Ltd", "0117 496 0552")
    add(Mail("ridgeway-quote-bramble-fields", B, "contractor sends a priced quotation for gas connections",
             frm=P["karen"], to=[S("aisha.begum")], cc=[OPS],
             subject="Quotation Q-RG-2291 – Bramble Fields phase 2, Yeovil (24 gas services)",
             date="2026-02-10 11:30", mailer=OUTLOOK, msgid_style="outlook",
             attachments=[pdf("Q-RG-2291 Bramble Fields ph2.pdf", "Ridgeway Gas Connections - Quotation Q-RG-2291", [
                 "Client: Harrowgate Network Services Ltd. End customer: Ashcombe Homes Ltd.",
                 "Site: Bramble Fields phase 2, Yeovil BA21 - 24 domestic plots.",
                 "Mains extension: 86 m 90 mm PE100 SDR11 incl. excavation, lay, backfill: GBP 6,800.00",
                 "Service connections: 24 no. at GBP 1,145.00 each: GBP 27,480.00",
                 "Total (excl. VAT): GBP 34,280.00. Validity: 60 days.",
                 "Excludes: reinstatement of private driveways; gas transporter charges.",
             ])],
             text="""Hello Aisha,

Please find our quotation Q-RG-2291 attached for the gas works at Bramble Fields phase 2, Yeovil BA21 (Ashcombe Homes, 24 plots).

Summary:
- mains extension, 86 m of 90 mm PE: £6,800.00
- 24 service connections at £1,145.00 each: £27,480.00
- total £34,280.00 excluding VAT

The price assumes open-cut in the new estate road before the base course goes down, and one continuous visit for the services. If the services are called off in more than three batches we'd need to add a re-mobilisation charge of £450 per visit. The quotation is valid for 60 days.

We can start from 9 March if you place the order by the end of February.

Kind regards
Karen
""" + "\n" + karen_sig))

    add(Mail("re-ridgeway-quote-bramble-fields", B, "commercial manager negotiates the quoted price",
             frm=S("aisha.begum"), to=[P["karen"]], cc=[OPS], parent="ridgeway-quote-bramble-fields", subject=None,
             quote="gt", date="2026-02-12 16:20", received="internal", mailer=OUTLOOK,
             text="""Hi Karen,

Thanks for the quick turnaround. The price is a bit above where we need it. The other GIRS quotes we've had for Bramble Fields are nearer £1,000 per service.

We can offer you more work, though. Ashcombe have confirmed phase 3 (36 plots, same estate road) for the autumn. If we give you both phases together, 60 services in all, could you:

- bring the service rate down to £1,020;
- hold the mains rate for phase 3's extension (about 70 m);
- accept stage payments at 30 days against valuations?

If that works, I can get an order to you next week.

Aisha
""" + "\n" + staff_sig("aisha.begum")))

    add(Mail("re-ridgeway-quote-revised", B, "contractor comes back with a revised price and conditions",
             frm=P["karen"], to=[S("aisha.begum")], cc=[OPS], parent="re-ridgeway-quote-bramble-fields", subject=None,
             quote="gt", date="2026-02-16 10:02", mailer=OUTLOOK, msgid_style="outlook",
             text="""Aisha,

We've looked at it again. With phase 3 committed we can do:

- services at £1,075 each for both phases (60 services, £64,500.00);
- phase 2 mains at £6,450.00, and phase 3 mains at the same metre rate (£75/m);
- stage payments at 30 days against monthly valuations. Fine.

£1,020 is below our cost with current PE prices, I'm afraid. The revised quote Q-RG-2291 rev B is valid until 30 April. To hold the 9 March start we'd need the phase 2 order by 27 February.

Regards
Karen"""))

    add(Mail("fw-ridgeway-quote-decision-needed", B,
             "commercial manager asks the managing director to approve an order above her limit",
             frm=S("aisha.begum"), to=[S("gillian.marsh")], cc=[OPS], parent="re-ridgeway-quote-revised",
             subject="FW: Ridgeway gas quote – need your approval (over my £50k limit)", quote="outlook",
             date="2026-02-16 12:15", received="internal", mailer=OUTLOOK, html_alt=True,
             text="""Gillian,

I need your approval for the Ridgeway Gas order for Bramble Fields phases 2 and 3. The total commitment is about £76,200 (60 services plus two mains extensions), which is over my £50k limit.

- Ridgeway's revised price is £1,075/service. The other two GIRS quotes were £1,040 and £1,120. The £1,040 one was from a firm we've never used and who can't start until May.
- Ridgeway's GIRS certificate GIRS-0415 is current to September 2027.
- Ashcombe pay us £1,310/service, so the margin is fine.

OK to go ahead? I'll raise PO-26-0931 for phase 2 (£59,840 including the phase 2 mains and a contingency) once you say yes.

Aisha"""))

    add(Mail("re-ridgeway-quote-decision", B, "managing director approves with conditions in a short reply",
             frm=S("gillian.marsh"), to=[S("aisha.begum")], cc=[OPS], parent="fw-ridgeway-quote-decision-needed",
             subject=None, quote="gt", date="2026-02-16 17:40", received="internal", mailer=IPHONE,
             text="""Approved. Two things: get the phase 3 price held in writing until at least 30 September, not just April, and have Bethan check their insurance certificates before the order goes.

G.

Sent from my iPhone"""))

    # ------------------------------------------------------------------
    # Thread: Calder Valley reinstatement defects
    add(Mail("calder-valley-reinstatement-defects", B,
             "inspector passes council defect notices to the contractor with a deadline",
             frm=S("joanna.kiely"), to=[P["shaun"]], cc=[OPS], received="internal", mailer=OUTLOOK,
             subject="Reinstatement defects – Halifax Road & Mill Lane (3 notices)", date="2026-03-04 08:55",
             attachments=[png("DN-0142 Halifax Rd – sunken trench.png", "dn0142", 48, 36, rfc2231=True),
                          png("DN-0151 Mill Lane – rocking flags.png", "dn0151", 48, 36, rfc2231=True)],
             text="""Morning Shaun,

Calderbrook Council have issued three defect notices on reinstatements your team did in January for our HX jobs:

- DN-CMBC-26-0142, Halifax Road, Sowerby Bridge HX6 (HNS-J-26-0021). The surface has sunk about 30 mm across the full width of the trench. Intervention level is 25 mm.
- DN-CMBC-26-0143, Halifax Road, same job, 40 m further on. Cracking along the edges and the edge joints were not sealed.
- DN-CMBC-26-0151, Mill Lane, Sowerby Bridge (HNS-J-26-0034). The footway flags are rocking and there is a trip of over 20 mm.

The council wants them fixed within 10 working days, so by 17 March. Otherwise they'll charge for re-inspection and may do the work themselves and recharge it. Photos of two of them attached.

Please confirm when you can fix each one and send me the before and after photos when done.

Thanks
Joanna
""" + "\n" + staff_sig("joanna.kiely")))

    add(Mail("re-calder-valley-reinstatement-defects", B,
             "contractor accepts two defects and disputes one with reasons",
             frm=P["shaun"], to=[S("joanna.kiely")], cc=[OPS], parent="calder-valley-reinstatement-defects", subject=None,
             quote="gt", date="2026-03-05 13:10", mailer=OUTLOOK, msgid_style=0,
             text="""Hi Joanna,

0142 and 0143 are ours, no argument. The January cold got into the base course. We'll do both permanent reinstatements again on Thursday 12 March: saw cut, plane out and relay, with the edges sealed this time.

0151 on Mill Lane isn't ours, though. Pennine Water had a valve chamber dug right next to our trench in February (their contractor's boards were still up on the 20th). The rocking flags are on their side of the joint. Our photos from 23 January show our flags level and sealed. I'll send them over. Can you ask the council to re-inspect, or to put the notice on Pennine Water?

Shaun Broadbent
Contracts Manager
Calder Valley Civils Ltd
T: 01632 960187 | M: 07700 900187"""))

    add(Mail("re-re-calder-valley-defects", B, "inspector agrees the plan and asks for evidence",
             frm=S("joanna.kiely"), to=[P["shaun"]], cc=[OPS, P["ruth"]], parent="re-calder-valley-reinstatement-defects",
             subject=None, quote="gt", date="2026-03-05 15:30", received="internal", mailer=OUTLOOK,
             text="""Shaun,

Thanks. 12 March for 0142 and 0143 is fine. Please take core samples on 0142 so we can show the new base course meets spec.

On 0151 I've copied Ruth Abernethy, the council's highways inspector. Ruth, could you look at Shaun's 23 January photos when he sends them and decide whether the notice should move to Pennine Water?

Joanna"""))

    add(Mail("calder-valley-framework-review-decision", B,
             "procurement manager asks head of operations to decide whether to renew a contractor framework",
             frm=S("martin.greaves"), to=[S("priya.raman")], cc=[OPS], received="internal", mailer=OUTLOOK,
             subject="Calder Valley Civils framework – renew or retender?", date="2026-03-20 11:25",
             text="""Priya,

The Calder Valley Civils civils and reinstatement framework ends on 30 April. I need a decision by the end of the month to either extend by 12 months (the contract allows this) or go out to tender.

For extending: good rates, quick to mobilise, and they take small jobs nobody else wants.

Against:
- three reinstatement defect notices from Calderbrook this quarter. Two were theirs;
- their CHAS certificate expires in November. Not urgent, but worth noting;
- two invoices disputed last year.

I'd lean to a 12-month extension with a KPI on first-time reinstatement pass rate (95%) and a break clause. Are you happy with that, or do you want me to start a tender?

Martin
""" + "\n" + staff_sig("martin.greaves")))

    # ------------------------------------------------------------------
    # Thread: Northpoint insurance certificate expired
    add(Mail("northpoint-insurance-certificate-expired", B,
             "assurance lead tells a contractor its insurance certificate has expired and work is on hold",
             frm=S("bethan.pryce"), to=[P["leanne"]], cc=[OPS], received="internal", mailer=OUTLOOK,
             subject="Public liability insurance certificate expired – Northpoint Metering", date="2026-02-03 09:10",
             text="""Hi Leanne,

Our records show that your public liability insurance certificate expired on 31 January 2026. The one on file is Haddon Mutual policy HMB-PL-61904.

Under the framework we can't issue new work orders while a contractor's insurance evidence is out of date. That includes the meter exchange batches for Blyth and Cramlington. Jobs already in progress can be finished.

Could you send a current certificate for public liability (£10m minimum) and employer's liability by Friday 6 February? If the renewal is still going through, a letter from your broker confirming cover would do for now.

Thanks
Bethan
""" + "\n" + staff_sig("bethan.pryce")))

    add(Mail("re-northpoint-insurance-certificate", B,
             "contractor sends the renewed insurance certificate",
             frm=P["leanne"], to=[S("bethan.pryce")], cc=[OPS], parent="northpoint-insurance-certificate-expired", subject=None,
             quote="outlook", date="2026-02-04 14:25", mailer=OUTLOOK, msgid_style="outlook",
             attachments=[pdf("Northpoint PL-EL certificate 2026-27.pdf",
                              "Haddon Mutual Brokers - Certificate of Insurance HMB-PL-77120", [
                                  "Insured: Northpoint Metering Services Ltd, Blyth NE24 3AG",
                                  "Public liability: GBP 10,000,000 any one occurrence",
                                  "Employer's liability: GBP 10,000,000",
                                  "Period: 3 February 2026 to 2 February 2027",
                                  "Policy number: HMB-PL-77120",
                              ])],
             text="""Hi Bethan,

Sorry, that one slipped through. The renewal went through with Haddon Mutual on 3 February, and the new certificate HMB-PL-77120 is attached. It covers public liability £10m and employer's liability £10m, from 3 February 2026 to 2 February 2027.

There was a gap over the weekend of 1–2 February. None of our teams were working on your jobs then, and the broker has confirmed it in writing if you need that.

Can you let me know when the Blyth batch is released again? We have engineers booked from Monday.

Many thanks
Leanne Foster
Office Manager
Northpoint Metering Services Ltd
T: 01632 960391"""))

    # ------------------------------------------------------------------
    # Thread: Ashby Road HV contractor decision (reply sorts before parent)
    add(Mail("ashby-road-hv-contractor-decision", B,
             "project engineer asks head of operations to choose between two contractors",
             frm=S("kwame.mensah"), to=[S("priya.raman")], cc=[OPS], received="internal", mailer=OUTLOOK,
             subject="Decision needed: HV contractor for Ashby Road substation", date="2026-09-08 10:15",
             text="""Hi Priya,

I need a decision on the contractor for the Ashby Road primary substation works (HNS-J-26-0442, Loughborough LE11) by Wednesday, so we keep the October shutdown slot with Northmoor.

Two quotes:
- Sovereign HV: £42,600. NERS scope covers HV and EHV jointing and substation installation. They can meet the 22 October outage.
- Kingfisher Cable & Pipe: £38,450, but their NERS scope (NERS-2573-E) is LV jointing, cable laying and service connections only. No HV jointing, so they'd have to subcontract the 11 kV joints, and I don't know who to.

I recommend Sovereign even though it costs £4,150 more. The accreditation risk isn't worth it, and Northmoor will check the jointers' cards at the shutdown.

OK to place it with Sovereign?

Kwame
""" + "\n" + staff_sig("kwame.mensah")))

    add(Mail("re-ashby-road-hv-decision", B, "short agreement reply in a work thread",
             frm=S("priya.raman"), to=[S("kwame.mensah")], cc=[OPS], parent="ashby-road-hv-contractor-decision",
             subject=None, quote="gt", date="2026-09-08 11:02", received="internal", mailer=OUTLOOK,
             swap_with_parent=True,
             text="""Agreed, go with Sovereign. Ask Steve Markham whether he can take 5% off as we've given them Farley Green too. Let Kingfisher down nicely.

Priya"""))

    # ------------------------------------------------------------------
    # Single messages
    add(Mail("pennant-llanelli-lv-jointing-job", B,
             "contractor accepts a jointing job and asks about the outage window (bilingual)",
             frm=P["gethin"], to=[OPS], subject="Swydd / Job HNS-J-26-0264 – Heol y Dŵr, Tŷ Coch, Llanelli",
             subject_enc=("utf-8", "b"), date="2026-04-22 08:12", mailer=THUNDERBIRD, msgid_style=3,
             text_cte="8bit",
             text="""Bore da,

(English below)

Diolch am y gwaith. Rydym yn derbyn swydd HNS-J-26-0264 yn Heol y Dŵr, ystâd Tŷ Coch, Llanelli SA14: pedwar uniad LV a dau newid gwasanaeth.

Good morning,

Thanks for the work. We accept job HNS-J-26-0264 at Heol y Dŵr on the Tŷ Coch estate, Llanelli SA14: four LV joints (two straight, two breech) and two service alterations at numbers 7 and 9.

A couple of questions before we book the jointers:

1. Do you have the outage window from Cambria Power yet? We need at least 5 working days' notice to give the customers letters, and two of them at Tŷ Coch are on the medical priority register.
2. The footway is block paving. Is Harrowgate supplying replacement blocks, or do we reuse the existing ones?

We could start on Monday 11 May if the outage is confirmed.

Diolch yn fawr,
Gethin Rowlands
Cyfarwyddwr / Director
Pennant Jointing Services Ltd (Uno Pennant)
T: 029 2018 0264"""))

    add(Mail("pennant-ners-certificate-renewed", B,
             "contractor sends its renewed NERS accreditation certificate",
             frm=P["gethin"], to=[S("bethan.pryce")], cc=[OPS],
             subject="NERS certificate renewed – Pennant Jointing (NERS-3310-E)", date="2026-04-15 17:36",
             mailer=THUNDERBIRD, msgid_style=3,
             attachments=[pdf("Tystysgrif NERS – Pennant Jointing 2026.pdf",
                              "NERS Certificate of Registration NERS-3310-E", [
                                  "Pennant Jointing Services Ltd, Llanelli SA14 8LT",
                                  "Scope: LV jointing; HV jointing; service alterations",
                                  "Issued: 14 April 2026. Expires: 13 April 2029.",
                                  "Assessed by Network Assessment Services Ltd.",
                              ], rfc2231=True, split2231=True)],
             text="""Hi Bethan,

Good news: our NERS renewal came through yesterday. The new certificate NERS-3310-E is attached (Tystysgrif = certificate, the file name is in Welsh). It's valid from 14 April 2026 to 13 April 2029 and covers the same scope as before: LV jointing, HV jointing and service alterations.

Please update your records, and let me know if you need the assessor's report as well.

Hwyl,
Gethin"""))

    add(Mail("aqualine-wirs-audit-finding", B,
             "contractor asks for records needed to close a WIRS audit finding",
             frm=P["imran"], to=[S("marek.nowicki")], cc=[OPS, S("bethan.pryce")],
             subject="WIRS audit – minor finding on disinfection records, need your sign-off sheets",
             date="2026-09-24 13:48", mailer=OUTLOOK, msgid_style="outlook",
             text="""Hi Marek,

We had our WIRS surveillance audit on Tuesday. It went well overall, but the assessor raised one minor non-conformance: for the Riverside Meadows self-lay main at Eaton Socon (PE19, your job HNS-J-26-0290) we couldn't show the bacteriological sample results and the water company's sign-off before the main was connected.

We did the chlorination and flushing on 2 June and the samples passed. I'm fairly sure the results went to you, because Harrowgate were handling the water company liaison on that site. Could you send us copies of:

- the sample results (lab ref ending 6634, I think);
- the water company's acceptance or permit-to-connect for the main.

We need to close the finding by 23 October or it becomes a major. Thanks in advance.

Imran Qureshi
SHEQ Manager
AquaLine Self-Lay Ltd
T: 01632 960244"""))

    add(Mail("aqualine-priory-fields-self-lay-quote", B, "contractor quotes for self-lay mains and services with design",
             frm=P["imran"], to=[S("marek.nowicki")], cc=[OPS, S("aisha.begum")],
             subject="Priory Fields, St Neots – self-lay water quote £96,400", date="2025-11-06 10:40",
             mailer=OUTLOOK, msgid_style="outlook", html_alt=True,
             text="""Hi Marek,

As promised, our price for the water infrastructure at Priory Fields, St Neots PE19 (180 plots, phase 1 = 64 plots):

- design and water company approval of the phase 1 layout: £7,900
- 420 m of 125 mm PE self-lay main with valves and hydrants: £52,660
- 64 service connections at £560 each: £35,840

Total £96,400 excluding VAT and the water company's own charges (infrastructure charges and the asset payment are paid to or by the developer directly).

Programme: design submission 4 weeks after order, and about 10 weeks for approval at the moment. Mains on site from late February if we get the order this month.

Happy to go through it on a call. Thursday afternoon works for me.

Imran"""))

    add(Mail("trentvalley-hollybank-site-access", B, "contractor complains about being unable to get onto site",
             frm=P["jas"], to=[OPS], cc=[S("marek.nowicki")],
             subject="Hollybank, Newark – no site access again this morning", date="2025-07-08 09:52",
             mailer=ROUNDCUBE, msgid_style=1,
             text="""Hi,

For the second time in a week our gang couldn't get onto the Hollybank development (Newark NG24, your job HNS-J-25-0318) this morning. The gate code we were given (4471#) doesn't work, the compound key isn't in the key safe, and the housebuilder's site manager didn't answer his phone until 09:30.

That's a gang of three and a van standing for two and a half hours. We'll have to charge standing time at £95/hour if it happens again.

Can someone please:
- confirm the current gate code;
- tell us who holds the compound key;
- give us a mobile number for the site manager that gets answered.

We've still got 11 water services to do there and need to be on site at 07:30 tomorrow.

Thanks
Jas Sandhu
Site Supervisor
Trent Valley Water Services Ltd
M: 07700 900820"""))

    add(Mail("glenmore-kintore-connections-quote", B, "contractor quotes for new LV connections and asks about access",
             frm=P["alasdair"], to=[S("fraser.mcallister")], cc=[OPS, S("eilidh.baird")],
             subject="Kintore / Inverurie – 18 new LV connections, our price", date="2025-10-14 16:22",
             mailer=OUTLOOK, msgid_style="outlook",
             text="""Fraser,

Here's our price for the 18 new LV connections at Castle Meadows, Kintore AB51 (job HNS-J-25-0467):

- 18 connections at £1,380 each, including 3-phase cut-outs at plots 1 and 2: £24,840
- LV mains extension of 140 m with 2 straight joints: £9,350
- total £34,190 + VAT

This assumes the substation at Kintore Road has the capacity Northmoor's Scottish team said it did. If the transformer needs changing, that's a separate job and their lead time is 20 weeks.

One other thing: the access track to the substation floods after heavy rain. If it's wet we'll need a tracked dumper, and that's £220 a day extra. We'd like to start on 3 November, before the weather turns properly.

Cheers
Alasdair Munro
Operations Manager, Glenmore Utility Services Ltd
T: 0131 496 0288 | M: 07700 900288"""))

    add(Mail("glenmore-girs-audit-actions-closed", B, "contractor reports GIRS audit corrective actions closed with evidence",
             frm=P["alasdair"], to=[S("bethan.pryce")], cc=[OPS, S("fraser.mcallister")],
             subject="GIRS audit – corrective actions closed", date="2026-10-09 14:05", mailer=OUTLOOK,
             msgid_style="outlook",
             attachments=[csv_file("Glenmore GIRS CAR log Oct 2026.csv", [
                 ["car_ref", "finding", "grade", "action", "closed", "evidence"],
                 ["CAR-26-01", "PE fusion welding records incomplete for 3 joints", "minor",
                  "re-trained 2 operatives; data logger download added to daily checks", "2026-09-18", "training records"],
                 ["CAR-26-02", "Calibration of fusion control box overdue by 9 days", "minor",
                  "calibration register moved to fleet system with 30-day alerts", "2026-09-25", "cal cert FC-2291"],
                 ["CAR-26-03", "Purge records not signed by supervisor", "observation",
                  "new purge record sheet with supervisor signature", "2026-10-02", "sheet v3"],
             ], cte="7bit")],
             text="""Hi Bethan,

Just to let you know that all three corrective actions from our GIRS audit in August are now closed and the assessor has accepted the evidence. The log is attached. Our GIRS certificate GIRS-0388 is up for renewal on 14 December, and the renewal assessment is booked for 24 November.

Could you update our record on your side? Fraser mentioned you were putting together a list of contractors with renewals due over the winter.

Thanks
Alasdair"""))

    add(Mail("lagan-newry-dundalk-cross-border", B,
             "contractor prices a cross-border cable job in sterling and euro and asks how to invoice",
             frm=P["ciaran"], to=[OPS], cc=[S("callum.reid")],
             subject="Cross-border cable laying Newry - Dundalk (Ciarán)", subject_enc=("iso-8859-1", "q"),
             date="2026-01-27 11:17", mailer=OUTLOOK, msgid_style="outlook", text_cte="quoted-printable",
             text="""Hi Callum,

Thanks for sending over the cross-border enquiry (HNS-J-26-0051). Here is our price for the 33 kV duct and cable laying between the Newry depot and the Dundalk tie-in:

- Northern Ireland section (2.1 km, Newry to the border at Carrickcarnan): £118,400 + VAT
- Republic of Ireland section (1.6 km, border to the Dundalk tie-in): €48,750 + VAT at the Irish rate

We price the ROI section in euro because our subcontracted civils crew down there invoices us in euro, and we don't want to carry the exchange risk. If you'd prefer everything in sterling we can fix a rate, but we'd need to add a margin of about 3%.

Questions:
1. Who do we invoice for the ROI section? Harrowgate UK, or an Irish entity?
2. Will Harrowgate get the road opening licence from the county council on the ROI side, or should we?

Our NERS scope covers the cable laying. The 33 kV jointing would be Sovereign or whoever you use for EHV.

Go raibh maith agat,
Ciarán Ó Briain
Managing Director, Lagan Networks Ltd
T: 028 9649 6120""", crlf=True))

    add(Mail("fenwick-meter-tails-quote", B, "sole-trader contractor sends a small quote and asks about work allocation",
             frm=P["fenwick"], to=[OPS], subject="Quote - meter tails Carlton Road flats + work query",
             date="2025-09-03 19:48", mailer="Microsoft Windows Live Mail 16.4.3528.331", msgid_style=3,
             text_charset="iso-8859-1", text_cte="8bit", received="smtp.outlook.example",
             text="""Hello,

Quote for the job Niamh sent over (Carlton Road flats, Nottingham NG3, job HNS-J-25-0402):

Meter tails and isolators, 6 flats at £185 per flat: £1,110.00
Move the landlord cut-out 1.2 m to the left in the bin store: £640.00
Total £1,750.00 (I'm not VAT registered)

I can do it on the 15th or 16th if the DNO can do the cut-out move the same day. Otherwise it's two visits, and I'd have to add £90.

Another thing. Since my NERS renewal went through in February I've only had two jobs from you, when I used to get four or five a month. Have I done something wrong, or is it just quiet? My CHAS is up to date until December, and I can send the certificate again if it has got lost.

Cheers
Mike Fenwick
Fenwick Electrical
07700 900587"""))

    add(Mail("midshire-section74-recharge-dispute", B,
             "contractor escalates a dispute over a deducted overrun charge",
             frm=P["gary"], to=[S("priya.raman")], cc=[OPS, ACCOUNTS],
             subject="Escalation: £3,600 Section 74 charge deducted – Wednesbury Road",
             date="2026-07-02 08:30", mailer=OUTLOOK, msgid_style="outlook", html_alt=True,
             headers=["X-Priority: 2"],
             text="""Priya,

I'm escalating this to you because I've not had any joy with your accounts team.

Your June remittance to us deducted £3,600 from our valuation 14 for Wednesbury Road, Wednesbury WS10 (HNS-J-26-0158). The reason given was a Section 74 overrun charge from Tamebridge Council for 6 days over the permitted duration.

That overrun was not our fault. The design change for the service positions came from Harrowgate on day 3 of a 10-day permit. It moved four services to the other side of the road, and we had to wait two days for the new cable to arrive. Our site diary and the email from your engineer on 9 June both show this. We asked your team to extend the permit on day 4 and, as far as we can tell, nobody did.

We're asking you to:
1. pay the £3,600 back in the next payment run; and
2. agree that when a design change affects the permit duration, Harrowgate handles the extension.

I'm happy to meet to talk it through, but we won't accept the deduction.

Gary Penrose
Contracts Director
Midshire Groundworks Ltd (MGW Reinstatement)
T: 0121 496 0677"""))

    add(Mail("blackstone-holme-brook-hdd-method", B,
             "contractor sends a drilling method statement and needs a decision on the consent applicant",
             frm=P["ewan"], to=[S("callum.reid")], cc=[OPS],
             subject="Holme Brook HDD crossing – method statement and EA consent question",
             date="2026-04-07 15:12", mailer=OUTLOOK, msgid_style="outlook",
             attachments=[docx("Blackstone MS-HDD-112 Holme Brook.docx", [
                 "Blackstone Trenchless Ltd – Method statement MS-HDD-112 rev A",
                 "Project: 11 kV duct crossing of Holme Brook, Great Sankey, Warrington WA5 (HNS-J-26-0129).",
                 "Bore length 86 m, 2 x 160 mm HDPE ducts, minimum cover beneath bed 2.0 m.",
                 "Drilling fluid: bentonite, closed-loop recycling; frac-out monitoring every 30 min.",
                 "Exclusion zone 8 m from bank top; spill kits at entry and exit pits.",
             ])],
             text="""Callum,

The method statement for the Holme Brook directional drill (HNS-J-26-0129, Great Sankey WA5) is attached for your review. Two 160 mm ducts, 86 m bore, at least 2 m of cover under the brook bed.

I need a decision from you on one thing this week. The works are within 8 m of a main river, so they need a flood risk activity permit from the Environment Agency. The EA have asked who the applicant will be. We've done it in our own name before, but on the Brightwire jobs your team did it. If we're applying, we need your landowner consent letters by Friday. If you are, we need your confirmation so we can give the EA the reference.

Their determination period is up to 2 months, so the June drill slot depends on getting it in now.

Regards
Ewan Caldwell
Engineering Manager, Blackstone Trenchless Ltd (Blackstone HDD)
T: 0151 496 0342"""))

    add(Mail("eastgate-remittance-retention-query", B,
             "contractor disputes a retention deduction on an automated remittance it quotes",
             frm=P["femi"], to=[ACCOUNTS], cc=[OPS, S("hannah.okafor")],
             subject="RE: Remittance advice RA-26-1148 – retention deducted in error",
             date="2026-08-12 10:33", mailer=OUTLOOK, msgid_style="outlook",
             text="""Hello,

The remittance below deducts retention of £3,120.40 (5%) from our invoice EUC-2207. Since the 2025 variation to our subcontract (signed by Martin Greaves on 14 March 2025), there is no retention on service connection work. Retention only applies to mains laying.

EUC-2207 is all service connections (Barking Riverside, 38 gas services). Please pay the £3,120.40 in your next run and correct the retention setting on our supplier account, because I think it will happen again otherwise.

Regards
Femi Ogunleye
Finance Director, Eastgate Utility Contracting Ltd
T: 020 7946 0655

-----Original Message-----
From: Harrowgate Payments <payments@harrowgate-ns.example>
Sent: 11 August 2026 06:02
To: accounts@eastgate-uc.example
Subject: Remittance advice RA-26-1148

REMITTANCE ADVICE RA-26-1148
Payment date: 11/08/2026   Method: BACS
Supplier: Eastgate Utility Contracting Ltd (SUP-0086)

Invoice     Date        Gross        Retention   Paid
EUC-2207    02/07/2026  £62,408.00   £3,120.40   £59,287.60
EUC-2213    09/07/2026  £4,980.00    £0.00       £4,980.00

Total paid: £64,267.60
This is an automatically generated message."""))

    add(Mail("kingfisher-insurance-certificates-2026", B, "contractor sends its renewed insurance certificates",
             frm=P["lorna"], to=[S("bethan.pryce")], cc=[OPS],
             subject="Kingfisher – insurance certificates 2026", date="2026-01-08 12:01", mailer=THUNDERBIRD,
             msgid_style=3,
             attachments=[pdf("Kingfisher insurance schedule 2026.pdf", "Certificate of insurance - Kingfisher Cable & Pipe Ltd", [
                 "Public liability GBP 10m; Employer's liability GBP 10m; Contract works GBP 2m",
                 "Professional indemnity (design) GBP 2m",
                 "Policy KCP-CW-26-0193, period 1 January 2026 to 31 December 2026",
             ])],
             text="""Hi Bethan,

Happy new year! Our 2026 insurance certificates are attached: public and employer's liability £10m each, contract works £2m and professional indemnity £2m (for the design work). Policy KCP-CW-26-0193, valid for the calendar year.

The framework agreement is with our solicitor and should be signed by the end of the month.

Lorna"""))

    add(Mail("ashcombe-bramble-fields-phase3-request", B, "client requests connections for a new housing phase",
             frm=P["sophie"], to=[OPS], cc=[S("kwame.mensah")],
             subject="New connections request – Bramble Fields phase 3 (36 plots)", date="2026-01-20 14:44",
             mailer=OUTLOOK, msgid_style="outlook", html_alt=True,
             attachments=[pdf("BF3 services layout rev C.pdf", "Ashcombe Homes - Bramble Fields phase 3 services layout rev C", [
                 "36 plots: 20 x 3-bed semi, 12 x 4-bed detached, 4 x 2-bed bungalow",
                 "Estate road adoption: S38 with Somerset highways (ref S38/BF3)",
                 "Multi-utility trench on east verge, 600 mm wide",
             ])],
             text="""Hi team,

Please treat this as our formal request for utility connections for Bramble Fields phase 3, Yeovil BA21 (36 plots, layout rev C attached):

- electricity: 36 single-phase domestic connections, plus a 3-phase supply for the pumping station;
- gas: 36 domestic services off the phase 2 main;
- water: 36 services plus a 63 mm feed to the pumping station.

We'd like first occupations from the end of June 2026, so we need the first 12 plots energised and live by 12 June. The estate road base course goes down in mid-April, and we'd like the multi-utility trench done before that.

Can you send a programme and budget price by 6 February? Kwame, you have the phase 2 drawings if you need the levels.

Thanks
Sophie Lindqvist
Technical Manager, Ashcombe Homes Ltd
T: 01632 960845"""))

    add(Mail("northmoor-ashby-road-switching-schedule", B,
             "network operator asks for sign-off of the switching schedule for a planned shutdown",
             frm=P["nathan"], to=[S("kwame.mensah")], cc=[OPS, P["steve"]],
             subject="Ashby Road primary – shutdown 22 Oct, switching schedule SS-N-2610 for sign-off",
             date="2026-10-06 13:27", mailer=OUTLOOK, msgid_style="outlook",
             text="""Kwame,

The switching schedule for the 22 October shutdown at Ashby Road primary substation (your HNS-J-26-0442) is drafted as SS-N-2610. Before our control room will issue it, I need from your side:

- confirmation that the Sovereign HV jointers will be on site from 07:00, with the names of the two Senior Authorised Persons;
- the jointing method for the two 11 kV straight joints (Sovereign's MS reference will do);
- your sign-off that the customer notification letters went out. 46 customers will be off for up to 6 hours, and the letters must go out by 8 October.

If I don't have these by Friday 9 October I'll have to release the outage slot, and the next one is January.

Regards
Nathan Crowe
Connections Engineer, Northmoor Electricity Distribution plc
T: 0113 496 0958"""))

    add(Mail("pelham-school-entrance-barriers-complaint", B,
             "client complains about an unsafe excavation left at a school entrance",
             frm=P["mark"], to=[OPS], cc=[S("priya.raman")],
             subject="COMPLAINT – open excavation at St Aidan's school entrance, Chapel Allerton",
             date="2025-06-17 08:06", mailer=OUTLOOK, msgid_style="outlook",
             headers=["X-Priority: 1", "Importance: high"],
             text="""To whom it may concern,

I am the facilities manager for Pelham Estates. We manage St Aidan's Court and the primary school next to it on Harehills Lane, Chapel Allerton, Leeds LS7.

Your contractor has left an excavation at the pedestrian entrance to the school overnight with two of the barriers knocked over and no lighting. This morning parents and children were walking into the road to get around it. One of our caretakers put the barriers back up at 07:40. The vans on site yesterday said "CVC".

This is the second time this month. I want to know today:
- who is responsible for the site and how it will be made safe permanently;
- when the work will finish;
- what you will do to stop this happening again.

If it is not made safe by this afternoon I will report it to the council's highways team.

Mark Hinchcliffe
Facilities Manager, Pelham Estates Ltd
T: 0113 496 0587"""))

    add(Mail("fw-pelham-complaint-action", B, "manager forwards a complaint inline to a colleague with instructions",
             frm=S("priya.raman"), to=[S("tom.ellery")], cc=[OPS, S("joanna.kiely")],
             subject="FW: COMPLAINT – open excavation at St Aidan's school entrance, Chapel Allerton",
             date="2025-06-17 08:31", received="internal", mailer=OUTLOOK,
             text="""Tom, please deal with this first thing:

1. Ring Shaun at Calder Valley now. I want a supervisor on site by 10:00 with proper barriers, lighting and a pedestrian walkway with ramps.
2. Joanna, please inspect before the school lets out at 15:15 and send photos.
3. Reply to Mr Hinchcliffe by 12:00 with a named contact and the finish date. Copy me.

This is the second complaint about this site, so we'll talk to CVC about it in the monthly review.

Priya

-----Original Message-----
From: Mark Hinchcliffe <mark.hinchcliffe@pelham-estates.example>
Sent: 17 June 2025 08:06
To: Harrowgate Operations <operations@harrowgate-ns.example>
Cc: Priya Raman <priya.raman@harrowgate-ns.example>
Subject: COMPLAINT – open excavation at St Aidan's school entrance, Chapel Allerton

Your contractor has left an excavation at the pedestrian entrance to the school overnight with two of the barriers knocked over and no lighting. This morning parents and children were walking into the road to get around it.

If it is not made safe by this afternoon I will report it to the council's highways team."""))

    add(Mail("brightwire-quarterly-review-dates", B, "office manager arranges a review meeting with a contractor",
             frm=S("lucy.carver"), to=[P["dean"]], cc=[OPS, S("priya.raman")], received="internal",
             subject="Quarterly contractor review – Brightwire (April)", date="2025-04-02 11:18", mailer=OUTLOOK,
             text="""Hi Dean,

It's time for our quarterly contractor review. Priya and Callum would like to meet you, ideally at our Leeds office. Would any of these suit?

- Tuesday 15 April, 10:00–12:00
- Thursday 17 April, 14:00–16:00
- Wednesday 23 April, 10:00–12:00

Agenda as usual: safety, quality (including the two outstanding reinstatement snags at Failsworth), commercial, and the programme for Q3. Let me know which date works and I'll send an invite.

Parking is in the Calder Wharf visitor bays; just give your registration at reception.

Thanks
Lucy
""" + "\n" + staff_sig("lucy.carver")))

    add(Mail("fraser-scotland-christmas-cover", B,
             "regional manager asks for a decision on paying for emergency cover over Christmas",
             frm=S("fraser.mcallister"), to=[S("priya.raman")], cc=[OPS, S("eilidh.baird")], received="internal",
             subject="Christmas emergency cover – Aberdeenshire", date="2025-12-01 09:40", mailer=OUTLOOK,
             text="""Priya,

Glenmore have told us their crews are stood down from 24 December to 2 January, apart from their own DNO call-outs. That leaves us with nobody for emergency LV faults on our Aberdeenshire connections sites over Christmas.

Options:
1. pay Glenmore a standby retainer of £650 a week for one two-person crew (2 weeks = £1,300), plus call-out rates if they are used;
2. ask Lagan Networks to cover. They're NERS accredited, but they'd be coming from Belfast, so that's not realistic for a 4-hour response;
3. take the risk and rely on Northmoor's emergency service. Our customers would then wait longer.

I'd go with option 1. Last Christmas we had two faults at Kintore in the storm. Can you approve the £1,300 this week so Eilidh can get the rota agreed?

Fraser
""" + "\n" + staff_sig("fraser.mcallister")))

    add(Mail("calder-valley-bank-details-change", B,
             "contractor notifies a bank change and invites call-back verification",
             frm=P["cvc_accounts"], to=[ACCOUNTS], cc=[OPS, P["shaun"]],
             subject="Change of bank details – Calder Valley Civils Ltd (please verify by phone)",
             date="2025-10-02 10:05", mailer=OUTLOOK, msgid_style="outlook",
             attachments=[pdf("CVC bank change letter Oct 2025.pdf", "Calder Valley Civils Ltd - change of bank details", [
                 "We are moving our business account with effect from 1 November 2025.",
                 "Please verify this change by telephone on the number held on your supplier file.",
                 "Signed: Julie Haigh (Accounts) and Shaun Broadbent (Contracts Manager).",
             ])],
             text="""Dear Accounts team,

We are moving our business bank account on 1 November 2025. The new details are on the attached letter, signed by me and Shaun Broadbent.

Please don't change anything on the strength of this email alone. Ring me on the number you already have for us on your supplier file and I will confirm the details over the phone. Any payment before 1 November should still go to the old account.

Kind regards
Julie Haigh
Accounts, Calder Valley Civils Ltd
T: 01632 960187"""))

    add(Mail("thamesgate-ners-scope-extension-hv", B,
             "contractor asks for a reference for its NERS renewal and scope extension",
             frm=P["rebecca"], to=[S("bethan.pryce")], cc=[OPS, P["olu"]],
             subject="NERS renewal + HV jointing scope extension – reference request", date="2026-10-20 09:15",
             mailer=OUTLOOK, msgid_style="outlook",
             attachments=[csv_file("TCL jointer training matrix.csv", [
                 ["name", "grade", "LV jointing", "HV jointing 11kV", "ECS card expiry"],
                 ["Kofi Mbeki", "Senior jointer", "yes", "trained 2026-06", "2027-03-31"],
                 ["Sean Doyle", "Jointer", "yes", "trained 2026-09", "2028-01-15"],
                 ["Marta Silva", "Jointer", "yes", "in training", "2027-11-30"],
             ])],
             text="""Hi Bethan,

Our NERS certificate NERS-1874-E expires on 20 December. The renewal assessment is booked for 26 November, and at the same time we're asking to extend our scope to HV jointing (11 kV).

The assessor has asked for a client reference covering our LV jointing and cable laying over the last three years. Could Harrowgate provide one? A short letter on headed paper would do. I know the Farrant Street strike in May isn't a good look. We closed all the actions from it, and I'm happy for the reference to mention it alongside what we changed.

Our jointer training matrix is attached for background.

Thanks
Rebecca Stone
Compliance Manager, Thamesgate Cabling Ltd
T: 020 7946 0318"""))

    add(Mail("sovereign-ashby-road-hv-quote", B, "contractor sends a quotation for HV substation works",
             frm=P["steve"], to=[S("kwame.mensah")], cc=[OPS],
             subject="Ashby Road primary – HV works quotation SHV-Q-0926", date="2026-09-01 15:50",
             mailer=OUTLOOK, msgid_style="outlook",
             attachments=[pdf("SHV-Q-0926 Ashby Road.pdf", "Sovereign HV Ltd - Quotation SHV-Q-0926", [
                 "Ashby Road primary substation, Loughborough LE11 - HNS-J-26-0442",
                 "2 no. 11 kV straight joints 300 mm2 triplex, 1 no. RMU installation, testing.",
                 "Total GBP 42,600.00 excl. VAT. Shutdown date: 22 October 2026 (Northmoor).",
             ])],
             text="""Kwame,

Our quotation SHV-Q-0926 for the Ashby Road primary works is attached: 2 × 11 kV straight joints on 300 mm² triplex, installation and commissioning of the new ring main unit, and testing. Total £42,600.00 plus VAT.

We can resource the 22 October shutdown with two Senior Authorised Persons and a three-person jointing team. The price includes out-of-hours working on the shutdown day.

Steve Markham
Contracts Manager, Sovereign HV Ltd
T: 0118 496 0903"""))

    add(Mail("northpoint-aborted-visits-charge", B,
             "contractor asks us to agree a charge for aborted meter visits",
             frm=P["leanne"], to=[OPS], cc=[S("niamh.doherty")],
             subject="Meter exchange programme – July aborted visits (37) and charge", date="2025-08-21 11:34",
             mailer=OUTLOOK, msgid_style="outlook",
             text="""Hi Niamh,

July's figures for the Blyth and Cramlington meter exchange programme: 212 visits booked, 168 completed and 37 aborted because there was no access, even though the customer letters went out. The other 7 were our cancellations.

Each aborted visit costs us an engineer slot. The framework says aborted visits are "to be agreed", so we'd like to agree £45 per aborted visit, backdated to July (37 × £45 = £1,665).

We'd also suggest a text reminder to customers the day before. Our system can do this if you can send mobile numbers with the job packs.

Can you let me know if Harrowgate is happy with £45? If you need a lower rate, can we at least agree something?

Leanne"""))

    add(Mail("gillian-accreditation-expiries-board-paper", B,
             "managing director asks for a list of accreditations expiring before year end for the board",
             frm=S("gillian.marsh"), to=[S("bethan.pryce")], cc=[OPS, S("priya.raman")], received="internal",
             subject="Board 3 Dec – contractor accreditations expiring before year end", date="2026-11-16 07:58",
             mailer=OUTLOOK,
             text="""Bethan,

For the board pack on 3 December, could you give me a one-page list of our framework contractors whose NERS, WIRS or GIRS accreditation (or CHAS/Constructionline) expires before the end of the year or has already expired, and for each:

- the renewal assessment date, if booked;
- whether we have live work with them that would have to stop;
- who we'd use instead.

I know Thamesgate, Glenmore and Kingfisher are in that window. Anyone else? I need it by Friday 27th.

Thanks
Gillian
""" + "\n" + staff_sig("gillian.marsh")))

    add(Mail("kingfisher-coldharbour-lane-job-acceptance", B, "contractor accepts a job and asks for the permit",
             frm=P["lorna"], to=[OPS], cc=[S("rhys.llewelyn")],
             subject="Job acceptance HNS-J-26-0398 Coldharbour Lane, Westbury", date="2026-07-15 10:20",
             mailer=THUNDERBIRD, msgid_style=3,
             text="""Hi,

Kingfisher accepts job HNS-J-26-0398: 23 multi-utility service connections (electricity, water and gas) at Coldharbour Mews, Coldharbour Lane, Westbury BA13.

We've pencilled in a start of Tuesday 1 September, 4 weeks on site, one gang plus a mole crew for the road crossings. Rhys, can you apply for the permit on that basis? The traffic management plan is in the job folder.

Lorna Baxter
Operations Director, Kingfisher Multi-Utility"""))

    # Forwards as message/rfc822 with a question -------------------------
    bounce = Mail("embedded-bounce-glenmore", "n/a", "embedded only",
                  frm=Addr("Mail Delivery System", "MAILER-DAEMON@mx1." + DOMAIN), to=[S("eilidh.baird")],
                  subject="Undelivered Mail Returned to Sender", date="2025-03-11 09:02",
                  headers=["Auto-Submitted: auto-replied"], msgid="<20250311090205.7C1D2E4A11@mx1.harrowgate-ns.example>",
                  body=Multipart("report", [
                      Text("This is the mail system at host mx1.harrowgate-ns.example.\n\n"
                           "I'm sorry to have to inform you that your message could not\n"
                           "be delivered to one or more recipients.\n\n"
                           "<a.munro@glenmore-utility.example>: host mx.glenmore-utility.example[203.0.113.44]\n"
                           "    said: 550 5.1.1 <a.munro@glenmore-utility.example>: Recipient address\n"
                           "    rejected: User unknown (in reply to RCPT TO command)\n", charset="us-ascii", wrap=False),
                      Raw(["Content-Type: message/delivery-status"],
                          "Reporting-MTA: dns; mx1.harrowgate-ns.example\n"
                          "Arrival-Date: Tue, 11 Mar 2025 09:01:58 +0000\n\n"
                          "Final-Recipient: rfc822; a.munro@glenmore-utility.example\n"
                          "Action: failed\nStatus: 5.1.1\n"
                          "Remote-MTA: dns; mx.glenmore-utility.example\n"
                          "Diagnostic-Code: smtp; 550 5.1.1 User unknown\n"),
                      Raw(["Content-Type: text/rfc822-headers"],
                          "From: Eilidh Baird <eilidh.baird@harrowgate-ns.example>\n"
                          "To: a.munro@glenmore-utility.example\n"
                          "Subject: Kintore storm damage – can your crew attend Thursday?\n"
                          "Date: Tue, 11 Mar 2025 09:01:55 +0000\n"
                          "Message-ID: <a9f1c2e0-22b1-4c51-9ab0-5e7d10f3c111@harrowgate-ns.example>\n"),
                  ], params="; report-type=delivery-status"))
    bounce.body.set_boundaries("embedded-bounce-glenmore", 2)
    add(Mail("fw-bounce-glenmore-old-address", B,
             "coordinator forwards a bounce as an attachment and asks for a contractor's current address",
             frm=S("eilidh.baird"), to=[OPS], cc=[S("fraser.mcallister")], received="internal", mailer=OUTLOOK,
             subject="Fw: Undelivered Mail Returned to Sender – new address for Alasdair at Glenmore?",
             date="2025-03-11 09:20",
             attachments=[Rfc822(bounce, filename="Undelivered Mail Returned to Sender.eml")],
             text="""Hi all,

My email to Alasdair Munro at Glenmore bounced (attached). It's the address from our old contractor list, a.munro@... Has anyone got his current one? I need to ask whether they can send a crew to the storm damage at Kintore on Thursday.

Fraser, do you have his mobile?

Thanks
Eilidh"""))

    phish = Mail("embedded-phish-brightwire", "n/a", "embedded only",
                 frm=Addr("Dean Hollis", "dean.hollis@brightwlre-utilities.example"), to=[ACCOUNTS],
                 reply_to=Addr("Dean Hollis", "brightwire.accounts@securemail-box.example"),
                 subject="Updated remittance details for Brightwire Utilities", date="2026-03-25 17:52",
                 msgid="<20260325175211.44F0@brightwlre-utilities.example>",
                 text="""Dear Accounts,

Please note we have changed our bank. Kindly update our remittance details before your next payment run and settle all open invoices to:

Account name: Brightwire Utilities Ltd
Sort code: 00-99-44
Account number: 00451278

Our phone lines are being transferred this week, so please confirm by replying to this email only.

Regards
Dean Hollis""")
    add(Mail("fw-suspicious-brightwire-bank-change", B,
             "accounts officer forwards a suspected phishing mail as an attachment and asks IT whether it is genuine",
             frm=S("dev.malhotra"), to=[S("owen.thistlewood")], cc=[OPS, S("hannah.okafor")], received="internal",
             subject="Is this genuine? Brightwire bank details change", date="2026-03-26 08:47", mailer=OUTLOOK,
             attachments=[Rfc822(phish, filename="Updated remittance details for Brightwire Utilities.eml")],
             text="""Owen,

This came into accounts@ last night (attached as it arrived). It claims to be from Dean Hollis at Brightwire asking us to change their bank details. The domain looks slightly off to me ("brightwlre" with an L?), it asks us to reply rather than call, and the reply-to is a different address.

I haven't changed anything. Can you confirm it's phishing and block the domain? Hannah, I'll ring Dean on the number we hold to double-check.

Thanks
Dev
""" + "\n" + staff_sig("dev.malhotra")))

    return out
