"""NOISE mail of the demo mailbox: nobody at work needs it."""

from kit import *  # noqa: F401,F403

N = "NOISE"


def newsletter_html(title, colour, items, footer, preheader=""):
    rows = "\n".join(
        '<tr><td style="padding:12px 18px;border-bottom:1px solid #e5e5e5">'
        '<h3 style="margin:0 0 6px 0;font-size:16px;color:%s">%s</h3>'
        '<p style="margin:0;font-size:14px;line-height:1.45;color:#333">%s</p>'
        '<p style="margin:6px 0 0 0"><a href="%s" style="color:%s">Read more &rsaquo;</a></p></td></tr>'
        % (colour, h, p, url, colour) for h, p, url in items)
    return """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>%s</title></head>
<body style="margin:0;background:#f2f2f2;font-family:Helvetica,Arial,sans-serif">
<div style="display:none;max-height:0;overflow:hidden">%s</div>
<table role="presentation" width="100%%" cellpadding="0" cellspacing="0"><tr><td align="center">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="background:#fff">
<tr><td style="background:%s;color:#fff;padding:18px;font-size:22px;font-weight:bold">%s</td></tr>
%s
<tr><td style="padding:14px 18px;font-size:11px;color:#888">%s</td></tr>
</table></td></tr></table></body></html>
""" % (title, preheader, colour, title, rows, footer)


def build():
    out = []
    add = out.append

    # --- newsletters ----------------------------------------------------------------
    nt_list = list_hdrs("Networks Today weekly <weekly.networks-today.example>",
                        "https://networks-today.example/u?e=b3BlcmF0aW9ucw", "leave-weekly@networks-today.example")
    add(Mail("networks-today-weekly-march-2025", N, "trade newsletter (HTML only)",
             frm=Addr("Networks Today", "weekly@networks-today.example"), to=[OPS],
             subject="Networks Today: DNOs lift connection queue cap, and cable theft hits record", date="2025-03-06 07:30",
             headers=nt_list, msgid_style=3,
             body=Text(newsletter_html("Networks Today", "#0b6e4f", [
                 ("Connection queue reforms: what changes for developers",
                  "The regulator's decision to re-order the connection queue means some schemes will move up by years. We look at what it means for housebuilders and ICPs.",
                  "https://networks-today.example/a/queue-reforms"),
                 ("Copper cable theft at record level",
                  "Network operators reported more than 1,900 incidents last year. Substations in rural areas are the worst hit.",
                  "https://networks-today.example/a/cable-theft"),
                 ("Jobs: 14 new jointer vacancies this week", "From Kent to Caithness, see who is hiring.",
                  "https://networks-today.example/jobs"),
             ], 'You are subscribed as operations@harrowgate-ns.example. '
                '<a href="https://networks-today.example/u?e=b3BlcmF0aW9ucw">Unsubscribe</a>',
                "This week: connection queue, cable theft"), "html", cte="quoted-printable")))

    add(Mail("networks-today-weekly-october-2026", N, "trade newsletter (text and HTML)",
             frm=Addr("Networks Today", "weekly@networks-today.example"), to=[OPS],
             subject="Networks Today: the 2027 NERS changes explained, plus street works fines up 12%",
             date="2026-10-01 07:30", headers=nt_list, msgid_style=3,
             body=alt("""NETWORKS TODAY – weekly

The 2027 NERS changes explained
Our correspondent goes through the new HV jointing competence rules and what assessors will look for.
https://networks-today.example/a/ners-2027

Street works fines up 12%
Fixed penalty notices issued by highway authorities rose again last year. Overruns and missing signing were the most common causes.
https://networks-today.example/a/fpn-2026

Unsubscribe: https://networks-today.example/u?e=b3BlcmF0aW9ucw""",
                      newsletter_html("Networks Today", "#0b6e4f", [
                          ("The 2027 NERS changes explained",
                           "Our correspondent goes through the new HV jointing competence rules and what assessors will look for.",
                           "https://networks-today.example/a/ners-2027"),
                          ("Street works fines up 12%",
                           "Fixed penalty notices issued by highway authorities rose again last year. Overruns and missing signing were the most common causes.",
                           "https://networks-today.example/a/fpn-2026"),
                      ], '<a href="https://networks-today.example/u?e=b3BlcmF0aW9ucw">Unsubscribe</a>'))))

    add(Mail("trench-and-cable-monthly-september", N, "trade magazine newsletter (HTML only, base64)",
             frm=Addr("Trench & Cable", "editor@trenchandcable.example"), to=[OPS],
             subject="Trench & Cable – September: trenchless special, reinstatement awards shortlist",
             date="2025-09-01 06:00", msgid_style=3,
             headers=list_hdrs("Trench & Cable monthly <monthly.trenchandcable.example>",
                               "https://trenchandcable.example/unsubscribe/7f2d1"),
             body=Text(newsletter_html("Trench &amp; Cable", "#8a4b08", [
                 ("Trenchless special", "Directional drilling under rivers and railways: six case studies, and the mistakes that cost money.",
                  "https://trenchandcable.example/sept/trenchless"),
                 ("Reinstatement awards 2025: the shortlist", "Twelve teams are in the running for first-time pass rate of the year.",
                  "https://trenchandcable.example/sept/awards"),
             ], '<a href="https://trenchandcable.example/unsubscribe/7f2d1">Unsubscribe</a> &middot; Trench &amp; Cable, PO Box 4471'),
                 "html", cte="base64")))

    add(Mail("streetworks-forum-digest-feb-2026", N, "mailing-list digest not addressed to us",
             frm=Addr("UK Street Works Forum", "forum-digest@lists.streetworks-forum.example"),
             to=[Addr("", "forum@lists.streetworks-forum.example")], delivered_to="operations@" + DOMAIN,
             subject="Street Works Forum digest, Vol 14, Issue 7", date="2026-02-18 05:00", msgid_style=1,
             headers=list_hdrs("UK Street Works Forum <forum.lists.streetworks-forum.example>",
                               "https://lists.streetworks-forum.example/options/forum",
                               "forum-leave@lists.streetworks-forum.example",
                               post="<mailto:forum@lists.streetworks-forum.example>", precedence="list",
                               one_click=False),
             crlf=True,
             text="""Send Forum mailing list submissions to
	forum@lists.streetworks-forum.example

Today's Topics:

   1. Re: Coring frequency for footway reinstatements (Phil T.)
   2. Lane rental in the shires? (K. Aziz)
   3. Re: Lane rental in the shires? (Bob Harnett)

----------------------------------------------------------------------

Message: 1
Date: Tue, 17 Feb 2026 14:02:11 +0000
From: Phil T. <phil.t@highways-consult.example>
Subject: Re: Coring frequency for footway reinstatements

We core 1 in 10 on carriageway and don't core footways at all unless there's a visible defect. Our authority seems happy with that.

------------------------------

Message: 2
Date: Tue, 17 Feb 2026 16:40:55 +0000
From: K. Aziz <kaziz@utilityworks.example>
Subject: Lane rental in the shires?

Has anyone heard whether any county councils are going to bring in lane rental this year, or is it still just the big cities?

------------------------------

Message: 3
Date: Tue, 17 Feb 2026 18:12:09 +0000
From: Bob Harnett <bob.harnett@roadspace.example>
Subject: Re: Lane rental in the shires?

Two have consulted, as far as I know. Nothing decided yet.

End of Forum Digest, Vol 14, Issue 7
************************************"""))

    add(Mail("streetworks-forum-coring-thread", N, "mailing-list discussion post",
             frm=Addr("Bob Harnett", "bob.harnett@roadspace.example"),
             to=[Addr("UK Street Works Forum", "forum@lists.streetworks-forum.example")],
             delivered_to="operations@" + DOMAIN, sender=Addr("", "forum-bounces@lists.streetworks-forum.example"),
             subject="[SWF] Re: Resin-bound surfacing – who reinstates it?", date="2026-04-09 12:31",
             mailer=THUNDERBIRD, msgid_style=3,
             headers=list_hdrs("UK Street Works Forum <forum.lists.streetworks-forum.example>",
                               "https://lists.streetworks-forum.example/options/forum",
                               post="<mailto:forum@lists.streetworks-forum.example>", precedence="list",
                               one_click=False),
             text="""In our area the authority insists on a specialist for anything resin-bound. The general civils gangs aren't allowed to touch it. Expect to pay about three times the rate for standard flexible surfacing, and a 4-week lead time.

Has anyone found a decent resin-bound subcontractor north of Birmingham?

Bob"""))

    add(Mail("ners-members-bulletin-winter-social", N, "scheme members' bulletin with social news, no rule change",
             frm=Addr("NERS Scheme Office", "bulletin@ners-scheme.example"), to=[OPS],
             subject="NERS members' bulletin – winter 2025: awards night photos and a farewell", date="2025-12-10 10:00",
             msgid_style=3, headers=list_hdrs("NERS members' bulletin <bulletin.ners-scheme.example>",
                                              "https://ners-scheme.example/preferences?u=hns-7731"),
             body=alt("""NERS members' bulletin – winter 2025

Awards night: thank you to the 280 of you who came to the Safety & Quality Awards in Birmingham. Photos are in the gallery.

Farewell to Margaret, our longest-serving scheme administrator, who retires after 19 years. Cards can be sent to the scheme office.

Christmas opening hours: the office closes on 23 December and reopens on 5 January.

Manage preferences: https://ners-scheme.example/preferences?u=hns-7731""",
                      newsletter_html("NERS members' bulletin", "#003366", [
                          ("Awards night", "Thank you to the 280 of you who came to the Safety &amp; Quality Awards in Birmingham. Photos are in the gallery.",
                           "https://ners-scheme.example/gallery/awards-2025"),
                          ("Farewell to Margaret", "Our longest-serving scheme administrator retires after 19 years.",
                           "https://ners-scheme.example/news/farewell-margaret"),
                      ], '<a href="https://ners-scheme.example/preferences?u=hns-7731">Manage preferences</a>'))))

    logo = make_png(40, 16, "ironbridge-logo", palette=((255, 255, 255), (30, 60, 110), (200, 40, 40)))
    add(Mail("ironbridge-newsletter-hv-joints", N, "supplier promotional newsletter with inline logo",
             frm=Addr("Ironbridge Cable Supplies", "news@ironbridge-cables.example"), to=[OPS],
             subject="New in stock: 11 kV heat-shrink joints, and 10% off LV resin kits", date="2026-05-20 11:00",
             msgid_style=3, headers=list_hdrs("Ironbridge news <news.ironbridge-cables.example>",
                                              "https://ironbridge-cables.example/unsubscribe?c=HAR002"),
             body=Multipart("related", [
                 Multipart("alternative", [
                     Text("Ironbridge Cable Supplies – May offers\n\n11 kV heat-shrink straight joints for triplex "
                          "cable now in stock at all branches.\n10% off LV resin joint kits until 31 May with code "
                          "RESIN10.\n\nUnsubscribe: https://ironbridge-cables.example/unsubscribe?c=HAR002\n"),
                     Text('<html><body style="font-family:Arial,sans-serif"><img src="cid:logo@ironbridge" '
                          'alt="Ironbridge" width="160"><h2>May offers</h2><p>11 kV heat-shrink straight joints '
                          'for triplex cable now in stock at all branches.</p><p><b>10% off</b> LV resin joint kits '
                          'until 31 May with code <b>RESIN10</b>.</p><p style="font-size:10px">'
                          '<a href="https://ironbridge-cables.example/unsubscribe?c=HAR002">Unsubscribe</a></p>'
                          '</body></html>', "html", cte="quoted-printable"),
                 ]),
                 Attachment("logo.png", "image/png", logo, inline=True, content_id="logo@ironbridge"),
             ], params='; type="multipart/alternative"')))

    add(Mail("pro-ppe-direct-winter-sale", N, "PPE supplier promotion",
             frm=Addr("Pro PPE Direct", "offers@pro-ppe-direct.example"), to=[OPS],
             subject="Winter hi-vis sale: up to 30% off jackets & thermal gloves", date="2025-11-12 10:05",
             msgid_style=3, headers=list_hdrs("Pro PPE Direct offers <offers.pro-ppe-direct.example>",
                                              "https://pro-ppe-direct.example/unsub/8812"),
             body=alt("WINTER HI-VIS SALE\n\nUp to 30% off Class 3 jackets, thermal gloves and waterproof "
                      "trousers. Free next-day delivery on orders over £150.\n\nShop now: "
                      "https://pro-ppe-direct.example/winter\n\nUnsubscribe: https://pro-ppe-direct.example/unsub/8812\n",
                      '<html><body style="font-family:Arial"><h1 style="background:#ffd400;padding:10px">WINTER HI-VIS SALE</h1>'
                      "<p>Up to <b>30% off</b> Class 3 jackets, thermal gloves and waterproof trousers.</p>"
                      "<p>Free next-day delivery on orders over &pound;150.</p>"
                      '<p><a href="https://pro-ppe-direct.example/winter">Shop now</a></p>'
                      '<p style="font-size:10px"><a href="https://pro-ppe-direct.example/unsub/8812">Unsubscribe</a></p>'
                      "</body></html>")))

    add(Mail("locatorpro-trade-in-offer", N, "equipment vendor marketing",
             frm=Addr("LocatorPro UK", "sales@locatorpro.example"), to=[OPS],
             subject="Trade in your old cable locator – £400 off the LX5", date="2026-06-03 09:20", msgid_style=3,
             headers=list_hdrs("LocatorPro news <news.locatorpro.example>", "https://locatorpro.example/unsubscribe"),
             body=Text(newsletter_html("LocatorPro", "#d35400", [
                 ("£400 off the LX5 when you trade in", "Any make, any age, working or not. Offer ends 30 June.",
                  "https://locatorpro.example/trade-in"),
                 ("Free calibration for a year", "With every LX5 bought before 30 June.",
                  "https://locatorpro.example/calibration"),
             ], '<a href="https://locatorpro.example/unsubscribe">Unsubscribe</a>'), "html", cte="quoted-printable")))

    add(Mail("van-lease-offer", N, "vehicle leasing marketing",
             frm=Addr("FleetDeal Leasing", "hello@fleetdeal-leasing.example"), to=[OPS],
             subject="Crew cab pickups from £289/month + VAT – limited stock", date="2025-05-14 13:45", msgid_style=3,
             headers=list_hdrs("FleetDeal <promo.fleetdeal-leasing.example>", "https://fleetdeal-leasing.example/optout"),
             body=alt("Crew cab pickups from £289/month + VAT. 48 months, 10k miles a year, maintenance included.\n"
                      "Only 12 left at this price: https://fleetdeal-leasing.example/pickups\n",
                      '<html><body><h2>Crew cab pickups from &pound;289/month + VAT</h2><p>48 months, 10k miles a year, '
                      'maintenance included. Only 12 left at this price.</p><p><a href="https://fleetdeal-leasing.example/pickups">'
                      'See the deal</a></p><p><a href="https://fleetdeal-leasing.example/optout">Opt out</a></p></body></html>')))

    ff = Addr("Josh Keller", "josh@fieldflow-app.example")
    add(Mail("fieldflow-cold-outreach", N, "cold sales outreach written to look personal",
             frm=ff, to=[S("priya.raman")], cc=[], delivered_to="operations@" + DOMAIN,
             subject="Quick question, Priya", date="2026-01-14 15:02", tz="us", msgid_style=2,
             headers=["X-Mailer: Outreachly"],
             text="""Hi Priya,

I noticed Harrowgate manages a large network of utility contractors. Congrats on the growth!

Most ops leaders I talk to spend hours chasing job updates by phone. FieldFlow gives your contractors a simple app to update job status and photos, and your team a live dashboard.

Worth a 15-minute chat next week?

Josh Keller
Account Executive, FieldFlow

If this isn't relevant, just reply "no" and I won't follow up."""))

    add(Mail("fieldflow-bump", N, "automated follow-up of cold outreach",
             frm=ff, to=[S("priya.raman")], delivered_to="operations@" + DOMAIN, parent="fieldflow-cold-outreach",
             subject="Re: Quick question, Priya", quote="gt", date="2026-01-21 15:04", tz="us", msgid_style=2,
             headers=["X-Mailer: Outreachly"],
             text="""Hi Priya, just floating this to the top of your inbox in case it got buried. Would Tuesday or Thursday work?

Josh"""))

    add(Mail("utility-networks-live-stand-sale", N, "exhibition stand sales pitch",
             frm=Addr("Utility Networks Live 2026", "exhibit@unlive-events.example"), to=[OPS],
             subject="Last 6 stands available at Utility Networks Live 2026 (NEC, 13–14 May)", date="2026-02-02 11:30",
             msgid_style=3, headers=list_hdrs("UNLive exhibitors <exhibit.unlive-events.example>",
                                              "https://unlive-events.example/unsubscribe"),
             body=alt("Only 6 shell-scheme stands are left for Utility Networks Live 2026, 13–14 May at the NEC. "
                      "Early rate £2,950 ends Friday.\nBook: https://unlive-events.example/stands\n",
                      "<html><body><p>Only <b>6 shell-scheme stands</b> are left for Utility Networks Live 2026, "
                      "13&ndash;14 May at the NEC. Early rate &pound;2,950 ends Friday.</p>"
                      '<p><a href="https://unlive-events.example/stands">Book a stand</a></p></body></html>')))

    add(Mail("black-friday-power-tools", N, "retail promotion with emoji subject",
             frm=Addr("ToolDepot Trade", "trade@tooldepot.example"), to=[OPS],
             subject="🔥 Black Friday: 40% off cordless SDS drills – today only", subject_enc=("utf-8", "b"),
             date="2025-11-28 06:00", msgid_style=3,
             headers=list_hdrs("ToolDepot Trade <trade.tooldepot.example>", "https://tooldepot.example/unsubscribe"),
             body=Text(newsletter_html("ToolDepot Trade", "#111111", [
                 ("40% off cordless SDS drills", "Today only. While stocks last. Trade account holders get an extra 5%.",
                  "https://tooldepot.example/black-friday"),
             ], '<a href="https://tooldepot.example/unsubscribe">Unsubscribe</a>', "🔥 Black Friday"), "html",
                 cte="quoted-printable")))

    # --- webinars and events -----------------------------------------------------------
    add(Mail("webinar-hv-joint-technology", N, "webinar invitation",
             frm=Addr("JointTech Academy", "events@jointtech-academy.example"), to=[OPS],
             subject="Webinar: cold-shrink vs heat-shrink HV joints – Thursday 9 Oct, 11:00", date="2025-10-02 10:00",
             msgid_style=3, headers=list_hdrs("JointTech events <events.jointtech-academy.example>",
                                              "https://jointtech-academy.example/unsubscribe"),
             body=alt("Join our free 45-minute webinar on Thursday 9 October at 11:00: cold-shrink versus heat-shrink "
                      "11 kV joints, with live Q&A.\nRegister: https://jointtech-academy.example/webinars/hv-joints\n",
                      "<html><body><h2>Cold-shrink vs heat-shrink HV joints</h2><p>Free 45-minute webinar, Thursday 9 "
                      "October, 11:00, with live Q&amp;A.</p><p><a href=\"https://jointtech-academy.example/webinars/hv-joints\">"
                      "Register now</a></p></body></html>")))

    add(Mail("webinar-digital-street-works", N, "vendor webinar invitation",
             frm=Addr("Streetgate Events", "events@streetgate-permits.example"), to=[OPS],
             subject="Webinar: 10 tips for first-time permit approval", date="2026-03-10 09:00", msgid_style=3,
             headers=list_hdrs("Streetgate marketing <marketing.streetgate-permits.example>",
                               "https://streetgate-permits.example/marketing/unsubscribe"),
             body=Text(newsletter_html("Streetgate Events", "#2a7ab0", [
                 ("10 tips for first-time permit approval",
                  "Free webinar, Tuesday 24 March 14:00. Learn how to avoid the common refusal reasons.",
                  "https://streetgate-permits.example/webinars/first-time"),
             ], '<a href="https://streetgate-permits.example/marketing/unsubscribe">Unsubscribe from marketing</a>'),
                 "html")))

    add(Mail("northern-utilities-summit-invite", N, "conference invitation",
             frm=Addr("Northern Utilities Summit", "invite@nus-conference.example"), to=[OPS],
             subject="You're invited: Northern Utilities Summit, Manchester, 15 May 2026", date="2026-03-25 08:45",
             msgid_style=3, headers=list_hdrs("NUS invitations <invite.nus-conference.example>",
                                              "https://nus-conference.example/unsubscribe"),
             body=alt("Northern Utilities Summit – Manchester Central, Friday 15 May 2026.\nKeynotes, site visits and "
                      "networking dinner. Delegate passes from £395.\nhttps://nus-conference.example/register\n",
                      "<html><body><h2>Northern Utilities Summit 2026</h2><p>Manchester Central, Friday 15 May 2026.</p>"
                      "<p>Keynotes, site visits and networking dinner. Delegate passes from &pound;395.</p>"
                      "<p><a href=\"https://nus-conference.example/register\">Register</a></p></body></html>")))

    # --- phishing -----------------------------------------------------------------------
    add(Mail("phish-brightwire-bank-details", N,
             "phishing from a look-alike domain asking to change bank details, reply-to elsewhere, 'do not call'",
             frm=Addr("Dean Hollis", "dean.hollis@brightwlre-utilities.example"), to=[ACCOUNTS], cc=[OPS],
             reply_to=Addr("Dean Hollis", "brightwire.accounts@securemail-box.example"),
             subject="Updated remittance details for Brightwire Utilities", date="2026-03-25 17:52",
             auth="fail", msgid="<20260325175211.44F0@brightwlre-utilities.example>",
             received="mail.securemail-box.example",
             text="""Dear Accounts,

Please note we have changed our bank. Kindly update our remittance details before your next payment run and settle all open invoices to:

Account name: Brightwire Utilities Ltd
Sort code: 00-99-44
Account number: 00451278

Our phone lines are being transferred this week, so please confirm by replying to this email only.

Regards
Dean Hollis"""))

    add(Mail("phish-mailbox-quota", N, "credential phishing pretending to be the mail provider",
             frm=Addr("Nimbus Workspace Support", "support@nimbus-workspace-helpdesk.example"), to=[OPS],
             subject="Mailbox storage 98% full – verify to avoid suspension", date="2025-04-28 03:17", tz="+0300",
             auth="fail", msgid_style=3,
             body=Text("""<html><body style="font-family:Segoe UI,Arial">
<p>Dear operations,</p>
<p>Your mailbox <b>operations@harrowgate-ns.example</b> has reached <b>98%</b> of its storage quota.
Incoming messages will be rejected within 24 hours.</p>
<p><a href="https://nimbus-workspace-helpdesk.example/verify?u=operations" style="background:#0067b8;color:#fff;padding:8px 14px;text-decoration:none">Verify account &amp; increase storage</a></p>
<p>Nimbus Workspace Team</p></body></html>""", "html", cte="base64")))

    add(Mail("phish-shared-document-remittance", N, "fake shared-document notification",
             frm=Addr("Pelham Estates via DocShare", "share@docshare-files.example"), to=[OPS],
             subject="Pelham Estates shared \"Q3 Remittance.pdf\" with you", date="2026-07-29 22:41", tz="-0700",
             auth="fail", msgid_style=3,
             body=alt("Mark Hinchcliffe shared a file with you.\n\nQ3 Remittance.pdf\n\nOpen: "
                      "https://docshare-files.example/s/Q3-Remittance?auth=operations\n",
                      '<html><body style="font-family:Arial"><p><b>Mark Hinchcliffe</b> shared a file with you.</p>'
                      '<p style="border:1px solid #ccc;padding:10px">&#128196; Q3 Remittance.pdf</p>'
                      '<p><a href="https://docshare-files.example/s/Q3-Remittance?auth=operations">Open</a></p>'
                      "</body></html>")))

    add(Mail("phish-voicemail-html-attachment", N, "fake voicemail with an HTML sign-in attachment",
             frm=Addr("Voice Message", "voicemail@vm-notify-center.example"), to=[OPS],
             subject="New voicemail received (0:37) from +44 1632 960412", date="2025-12-02 04:12", tz="+0100",
             auth="fail", msgid_style=3,
             attachments=[Attachment("Play_Voicemail_0037.html", "text/html",
                                     b"<html><body><form action='https://vm-notify-center.example/collect' "
                                     b"method='post'><p>Sign in to listen</p><input name='email'>"
                                     b"<input name='pw' type='password'><button>Play</button></form></body></html>\n")],
             text="""You have received a new voice message.

Caller: +44 1632 960412
Duration: 0:37
Open the attached file to listen."""))

    add(Mail("phish-tax-refund", N, "tax refund phishing with ISO-8859-1 encoded subject",
             frm=Addr("HM Revenue Refunds", "refunds@hmrc-taxrefund-online.example"), to=[OPS],
             subject="Notificación: you are eligible for a tax refund of £416.80", subject_enc=("iso-8859-1", "q"),
             date="2025-06-24 11:59", tz="+0200", auth="fail", msgid_style=3,
             text="""After the last annual calculation of your fiscal activity we have determined that you are eligible to receive a tax refund of £416.80.

Please submit the tax refund request and allow us 3-5 days to process it:
https://hmrc-taxrefund-online.example/claim?ref=GB-22118

A refund can be delayed for a variety of reasons, for example submitting invalid records or applying after the deadline."""))

    add(Mail("phish-parcel-redelivery", N, "parcel redelivery fee scam",
             frm=Addr("ParcelPoint UK", "noreply@parcelpoint-redelivery.example"), to=[OPS],
             subject="We couldn't deliver your parcel – £1.45 redelivery fee", date="2026-11-05 07:02",
             auth="fail", msgid_style=3,
             body=alt("Your parcel (ref PP-UK-88217341) could not be delivered because of an unpaid fee of £1.45.\n"
                      "Pay now to rebook: https://parcelpoint-redelivery.example/pay\n",
                      '<html><body><p>Your parcel (ref <b>PP-UK-88217341</b>) could not be delivered because of an '
                      'unpaid fee of &pound;1.45.</p><p><a href="https://parcelpoint-redelivery.example/pay">'
                      "Pay now to rebook</a></p></body></html>")))

    # --- spam ---------------------------------------------------------------------------
    add(Mail("spam-crypto-investment", N, "investment spam (no Message-ID)",
             frm=Addr("Elena from CoinRiver", "elena@coinriver-invest.example"), to=[OPS],
             subject="Turn £250 into a second income – spots closing tonight", date="2025-05-30 23:48", tz="+0300",
             msgid=None, auth="fail",
             text="""Hello friend,

Our automated trading platform made members an average of 31% last month. Start with just £250, withdraw any time.

Only 40 spots left in the UK this week: https://coinriver-invest.example/join

Elena"""))

    add(Mail("spam-lottery-winner", N, "lottery fraud (no Date header), euro amount",
             frm=Addr("Euro Millions Promo Board", "claims@euro-promo-board.example"), to=[OPS],
             subject="WINNING NOTIFICATION: €850,000.00", date="2026-04-01 02:13", tz="+0100", no_date=True,
             auth="fail", msgid_style=3, crlf=True,
             text="""ATTENTION: WINNER

Your email address was selected in our international e-mail draw and has won €850,000.00 (Eight Hundred and Fifty Thousand Euro).

To claim, send your full name, address, phone number and a copy of your passport to our claims agent, Mr. Pieter van Dam, at claims@euro-promo-board.example.

Winning number: EU-4471-0092-77
Keep this confidential to avoid double claiming."""))

    add(Mail("spam-seo-services", N, "SEO spam",
             frm=Addr("Ranking Experts", "rahul.seo@rankfast-seo.example"), to=[OPS],
             subject="harrowgate-ns.example is not on page 1 of Google", date="2025-09-17 05:20", tz="+0530",
             auth="fail", msgid_style=2,
             text="""Hi Team,

I was checking your website harrowgate-ns.example and found it is not ranking on page 1 for important keywords like "utility contractor management".

We can get you on page 1 within 90 days with our white hat SEO. Can I send you a free audit report?

Regards,
Rahul"""))

    add(Mail("spam-solar-grant", N, "grant spam",
             frm=Addr("Green Home Grants", "info@greenhome-grants-uk.example"), to=[OPS],
             subject="You may qualify for FREE solar panels – check in 30 seconds", date="2026-08-05 16:40",
             auth="fail", msgid_style=3,
             body=Text("""<html><body><h2>FREE solar panels for eligible homes</h2>
<p>The new government-backed scheme could cover 100% of the cost. Check your eligibility in 30 seconds.</p>
<p><a href="https://greenhome-grants-uk.example/check">Check now</a></p>
<p style="font-size:9px">To stop receiving these emails <a href="https://greenhome-grants-uk.example/stop">click here</a></p>
</body></html>""", "html", cte="quoted-printable")))

    add(Mail("spam-replica-watches", N, "spam (no Message-ID)",
             frm=Addr("", "sales@luxwatch-outlet.example"), to=[OPS],
             subject="Luxury watches 85% off", date="2025-02-26 14:02", tz="+0800", msgid=None, auth="fail",
             text="""Top quality luxury watches at 85% off. Worldwide shipping.

http://luxwatch-outlet.example"""))

    add(Mail("spam-business-loan", N, "unsolicited finance offer",
             frm=Addr("QuickCap Business Finance", "offers@quickcap-finance.example"), to=[OPS],
             subject="Pre-approved: up to £150,000 for Harrowgate Network Services", date="2026-06-18 10:10",
             msgid_style=3, headers=["Precedence: bulk"],
             text="""Good news! Harrowgate Network Services has been pre-approved for up to £150,000 of unsecured business funding. Decision in 24 hours, no personal guarantee needed.

Claim your offer: https://quickcap-finance.example/claim?id=HNS-88
Reply STOP to opt out."""))

    add(Mail("spam-recruiter-head-of-ops", N, "cold recruiter outreach",
             frm=Addr("Chloe Marsden", "chloe@talentgrid-recruitment.example"), to=[S("priya.raman")],
             delivered_to="operations@" + DOMAIN,
             subject="Head of Operations role – utilities, £85k + car – confidential", date="2026-09-29 12:14",
             msgid_style=2,
             text="""Hi Priya,

I'm working on a confidential Head of Operations search for a growing multi-utility connections business in the North. £85k + car + bonus, hybrid working.

Your background looks like a great fit. Are you open to a quick, confidential chat this week?

Best,
Chloe Marsden
Senior Consultant, TalentGrid Recruitment"""))

    # --- social notifications ---------------------------------------------------------------
    connectly = Addr("Connectly", "notifications@connectly.example")
    add(Mail("connectly-search-appearances", N, "social network notification",
             frm=connectly, to=[OPS], subject="You appeared in 14 searches this week", date="2026-01-26 08:03",
             msgid_style=3, headers=list_hdrs("Connectly notifications <notify.connectly.example>",
                                              "https://connectly.example/settings/email"),
             body=alt("You appeared in 14 searches this week.\nSee who's looking: https://connectly.example/me/searches\n",
                      '<html><body><p>You appeared in <b>14 searches</b> this week.</p>'
                      '<p><a href="https://connectly.example/me/searches">See who\'s looking</a></p></body></html>')))

    add(Mail("connectly-dean-commented", N, "social network notification mentioning a contractor",
             frm=connectly, to=[OPS], subject="Dean Hollis commented on your post", date="2026-06-24 19:22",
             msgid_style=3, headers=list_hdrs("Connectly notifications <notify.connectly.example>",
                                              "https://connectly.example/settings/email"),
             body=alt('Dean Hollis commented on your post "Proud of the team at Farley Green this week":\n'
                      '"Great job all, nice to see a tidy substation!"\n\nView: https://connectly.example/p/88123\n',
                      '<html><body><p><b>Dean Hollis</b> commented on your post <i>Proud of the team at Farley Green '
                      'this week</i>:</p><blockquote>Great job all, nice to see a tidy substation!</blockquote>'
                      '<p><a href="https://connectly.example/p/88123">View comment</a></p></body></html>')))

    add(Mail("connectly-work-anniversary", N, "social network notification",
             frm=connectly, to=[OPS], subject="Congratulate Karen Doyle on 5 years at Ridgeway Gas Connections",
             date="2025-08-19 09:00", msgid_style=3,
             headers=list_hdrs("Connectly notifications <notify.connectly.example>",
                               "https://connectly.example/settings/email"),
             text="Karen Doyle is celebrating 5 years at Ridgeway Gas Connections Ltd.\n\n"
                  "Say congrats: https://connectly.example/celebrate/kdoyle\n"))

    add(Mail("stridely-club-weekly", N, "fitness app club summary",
             frm=Addr("Stridely", "no-reply@stridely.example"), to=[OPS],
             subject="Harrowgate Runners: your club's week – 142 km together", date="2025-06-02 18:00",
             msgid_style=3, headers=list_hdrs("Stridely club digest <clubs.stridely.example>",
                                              "https://stridely.example/settings/notifications"),
             body=Text(newsletter_html("Harrowgate Runners", "#fc4c02", [
                 ("142 km together this week", "Top runner: Callum R. (38 km). Longest run: Zofia K., 21.1 km at the Leeds half.",
                  "https://stridely.example/clubs/harrowgate-runners"),
             ], '<a href="https://stridely.example/settings/notifications">Notification settings</a>'), "html",
                 cte="quoted-printable")))

    # --- office chit-chat ------------------------------------------------------------------
    add(Mail("cake-in-kitchen-niamh-birthday", N, "office chit-chat about cake, emoji subject",
             frm=S("lucy.carver"), to=[Addr("All Leeds staff", "leeds-all@" + DOMAIN)], cc=[OPS],
             subject="🎂 Cake in the kitchen – Niamh's birthday!", subject_enc=("utf-8", "b"),
             date="2026-03-12 10:31", received="internal", mailer=OUTLOOK, html_alt=True,
             text="""Morning all,

It's Niamh's birthday today 🎉 and there's a lemon drizzle and a chocolate fudge cake in the first-floor kitchen. Help yourselves, but please leave a slice for the site team, who are back about 3pm!

Lucy 🍰"""))

    add(Mail("world-cup-sweepstake-2026", N, "office sweepstake",
             frm=S("zofia.kaczmarek"), to=[Addr("All Leeds staff", "leeds-all@" + DOMAIN)], cc=[OPS],
             subject="World Cup 2026 sweepstake – £5 a team, draw Friday", date="2026-05-28 12:05",
             received="internal", mailer=OUTLOOK,
             attachments=[csv_file("sweepstake.csv", [["name", "teams", "paid"], ["Tom Ellery", "2", "yes"],
                                                        ["Callum Reid", "1", "yes"], ["Niamh Doherty", "1", "no"]],
                                   cte="7bit")],
             text="""Hi everyone,

The World Cup sweepstake is back! £5 a team, 48 teams this time, so plenty to go round. Prizes: 60% to the winner, 25% to the runner-up, 15% to whoever draws the team that concedes the most goals.

Reply to me or pop your money in the tin on my desk by Thursday. The draw is on Friday at 4pm in the kitchen (the list so far is attached).

Zofia"""))

    add(Mail("re-world-cup-sweepstake", N, "reply in an office sweepstake thread",
             frm=S("marek.nowicki"), to=[S("zofia.kaczmarek")], cc=[OPS], parent="world-cup-sweepstake-2026",
             subject=None, quote="gt", date="2026-05-28 12:40", received="internal", mailer=OUTLOOK,
             text="""Put me down for two please Zofia, I'll bring a tenner tomorrow. Hoping for Poland this time 🤞

Marek"""))

    add(Mail("lost-usb-c-charger", N, "office chit-chat",
             frm=S("tom.ellery"), to=[Addr("All Leeds staff", "leeds-all@" + DOMAIN)], cc=[OPS],
             subject="Anyone seen a USB-C charger in meeting room 2?", date="2025-10-21 14:16", received="internal",
             mailer=OUTLOOK,
             text="""Left my laptop charger (black, 65W, bit of blue tape on the plug) in Calder meeting room after the 11:00 yesterday. If anyone's picked it up, could you leave it on my desk? Cheers.

Tom"""))

    add(Mail("christmas-party-2025-menu", N, "office party arrangements",
             frm=S("lucy.carver"), to=[Addr("All staff", "all-staff@" + DOMAIN)], cc=[OPS],
             subject="Christmas party – Fri 12 Dec – menu choices by 21 Nov", date="2025-11-04 09:12",
             received="internal", mailer=OUTLOOK, crlf=True,
             body=alt("""Hi all,

The Christmas party is on Friday 12 December at the Corn Exchange Brasserie, from 7pm. Partners welcome.

Please send me your menu choices by Friday 21 November:
- Starter: leek & potato soup / chicken liver pâté / prawn cocktail
- Main: turkey with all the trimmings / braised beef / mushroom & chestnut Wellington (v)
- Dessert: Christmas pudding / chocolate torte / cheeseboard

The bar tab is £15 a head. Taxis home are on you!

Lucy""", text_to_html("""Hi all,

The Christmas party is on Friday 12 December at the Corn Exchange Brasserie, from 7pm. Partners welcome.

Please send me your menu choices by Friday 21 November:
- Starter: leek & potato soup / chicken liver pâté / prawn cocktail
- Main: turkey with all the trimmings / braised beef / mushroom & chestnut Wellington (v)
- Dessert: Christmas pudding / chocolate torte / cheeseboard

The bar tab is £15 a head. Taxis home are on you!

Lucy"""))))

    add(Mail("charity-coffee-morning", N, "charity coffee morning announcement",
             frm=S("bethan.pryce"), to=[Addr("All Leeds staff", "leeds-all@" + DOMAIN)], cc=[OPS],
             subject="Charity coffee morning Friday – bakers wanted!", date="2025-09-24 13:30", received="internal",
             mailer=OUTLOOK,
             text="""Hi all,

We're holding a coffee morning this Friday from 10:00 in the kitchen, raising money for the local hospice. Donations of bakes are very welcome. I'm doing Welsh cakes (picau ar y maen) and bara brith, so come and try them!

Bethan"""))

    add(Mail("fantasy-football-league", N, "personal fantasy football invitation",
             frm=S("callum.reid"), to=[Addr("All Leeds staff", "leeds-all@" + DOMAIN)], cc=[OPS],
             subject="HNS fantasy football league 2025/26 – join code inside", date="2025-08-11 17:45",
             received="internal", mailer=IPHONE,
             text="""Season starts Friday! Join the HNS league with code 7XK4-PQ. £10 entry, winner takes the pot, and the wooden spoon buys the first round at the Christmas party.

Callum

Sent from my iPhone"""))

    add(Mail("for-sale-roof-bars", N, "personal item for sale",
             frm=S("marek.nowicki"), to=[Addr("All Leeds staff", "leeds-all@" + DOMAIN)], cc=[OPS],
             subject="For sale: roof bars and bike rack (Octavia estate)", date="2026-02-24 12:50",
             received="internal", mailer=OUTLOOK,
             attachments=[png("roofbars.png", "roofbars", 40, 24)],
             text="""Selling the roof bars and a 2-bike rack off my old Octavia estate. Good condition, keys included. £60 the lot, or offers. Photo attached.

Marek"""))

    add(Mail("quiz-night-navigation", N, "social invitation, ISO-8859-1 quoted-printable body",
             frm=S("niamh.doherty"), to=[Addr("All Leeds staff", "leeds-all@" + DOMAIN)], cc=[OPS],
             subject="Quiz night at the Navigation – Thursday, café team v. site team", date="2026-10-07 16:20",
             received="internal", mailer=THUNDERBIRD, text_charset="iso-8859-1", text_cte="quoted-printable",
             text="""Hiya,

Quiz night at the Navigation this Thursday from 8pm, £2 a head, all for charity. The office "café team" is taking on the site team again after last time's crushing defeat (we don't talk about the music round).

Teams of up to six. Let me know if you're in!

Niamh"""))

    add(Mail("joke-you-know-you-work-in-utilities", N, "forwarded joke chain mail",
             frm=S("fraser.mcallister"), to=[Addr("All staff", "all-staff@" + DOMAIN)], cc=[OPS],
             subject="Fw: You know you work in utilities when...", date="2025-12-19 15:55", received="internal",
             mailer=OUTLOOK,
             text="""Friday afternoon, thought you'd enjoy this one 😂

-----Original Message-----
Subject: You know you work in utilities when...

- you can't walk past a hole in the road without looking in it
- your holiday photos include a substation
- you've explained "it's not a gas leak, it's the drains" more than once this year
- your family know the phrase "permit to dig"
- you own more hi-vis than normal clothes
- "it's only a short outage" no longer means anything to you

Forward to 10 people for good luck (or don't, it's a joke)."""))

    add(Mail("ukjointers-list-resin-vs-heatshrink", N, "mailing-list discussion not addressed to the organisation",
             frm=Addr("Stuart Penhale", "stuart.penhale@cornishcable.example"),
             to=[Addr("", "ukjointers@groups.jointers-list.example")], delivered_to="operations@" + DOMAIN,
             subject="[ukjointers] Resin vs heat-shrink for 4-core Waveform service joints", date="2025-11-18 20:14",
             mailer=THUNDERBIRD, msgid_style=3,
             headers=list_hdrs("UK jointers discussion <ukjointers.groups.jointers-list.example>",
                               "https://groups.jointers-list.example/ukjointers/leave",
                               post="<mailto:ukjointers@groups.jointers-list.example>", precedence="list",
                               one_click=False),
             text="""Evening all,

Our local DNO is starting to allow heat-shrink on LV service breech joints instead of resin. Has anyone used them on 4-core Waveform in wet holes? I'm worried about the crutch seal.

Stuart"""))

    add(Mail("welsh-lunch-caffi", N, "personal lunch invitation in Welsh and English",
             frm=S("bethan.pryce"), to=[S("rhys.llewelyn")], cc=[OPS],
             subject="Cinio dydd Gwener? / Friday lunch?", date="2026-06-18 11:05", received="internal",
             mailer=OUTLOOK,
             text="""Rhys,

Cinio dydd Gwener? The new Welsh café by the canal does a cawl that's nearly as good as Mam's, and they have proper bara brith. 12:30? Let's not talk about work.

Bethan"""))

    add(Mail("lost-cat-poster", N, "personal request about a missing pet",
             frm=S("niamh.doherty"), to=[Addr("All Leeds staff", "leeds-all@" + DOMAIN)], cc=[OPS],
             subject="Missing cat – Hunslet area", date="2025-04-14 09:15", received="internal", mailer=OUTLOOK,
             attachments=[png("Biscuit.png", "cat-biscuit", 32, 32)],
             text="""Sorry for the all-staff email. Our ginger cat Biscuit has been missing since Saturday night around Hunslet and Stourton. If any of you on the site teams see a very friendly ginger tom near the depot, please give me a shout. Photo attached.

Niamh"""))

    add(Mail("re-cake-in-kitchen", N, "office chit-chat reply thread",
             frm=S("callum.reid"), to=[S("lucy.carver")], cc=[OPS], parent="cake-in-kitchen-niamh-birthday",
             subject=None, quote="gt", date="2026-03-12 15:20", received="internal", mailer=IPHONE,
             text="""Site team back. There's one slice of lemon drizzle left and we're fighting over it. Thanks Lucy!

Sent from my iPhone"""))

    return out
