"""Shortcuts used by the mailbox content modules (attachments, calendars, signatures)."""

from __future__ import annotations

import csv
import io

from mailgen import (Addr, Attachment, Calendar, Mail, Multipart, Raw, Rfc822, Text, make_docx, make_gzip,
                     make_pdf, make_png, make_wav, parse_when, text_to_html, wrap_text)
from cast import ACCOUNTS, DOMAIN, OPS, P, staff, staff_sig

__all__ = ["Addr", "Attachment", "Calendar", "Mail", "Multipart", "Raw", "Rfc822", "Text", "ACCOUNTS",
           "DOMAIN", "OPS", "P", "staff", "staff_sig", "pdf", "png", "csv_file", "docx", "wav", "gz", "ics",
           "sig", "text_to_html", "wrap_text", "S", "OUTLOOK", "THUNDERBIRD", "IPHONE", "APPLEMAIL", "ROUNDCUBE",
           "GMAILWEB", "auto_hdrs", "list_hdrs", "alt", "make_png"]

OUTLOOK = "Microsoft Outlook 16.0"
THUNDERBIRD = "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Thunderbird/128.4.2"
IPHONE = "iPhone Mail (22A3354)"
APPLEMAIL = "Apple Mail (2.3826.300.87)"
ROUNDCUBE = "User-Agent: Roundcube Webmail/1.6.9"
GMAILWEB = None

S = staff


def sig(name, role, company, phone, extra=""):
    s = "%s\n%s\n%s\nT: %s" % (name, role, company, phone)
    return s + ("\n" + extra if extra else "")


def pdf(filename, title, lines, **kw):
    return Attachment(filename, "application/pdf", make_pdf(title, lines), **kw)


def png(filename, seed, w=48, h=32, **kw):
    return Attachment(filename, "image/png", make_png(w, h, seed), **kw)


def csv_file(filename, rows, cte="base64", **kw):
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    return Attachment(filename, "text/csv", buf.getvalue().encode("utf-8"), cte=cte, **kw)


def docx(filename, paragraphs, **kw):
    return Attachment(filename, "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                      make_docx(paragraphs), **kw)


def wav(filename, seconds=0.25, **kw):
    return Attachment(filename, "audio/wav", make_wav(seconds), **kw)


def gz(filename, data: bytes, inner_name, **kw):
    return Attachment(filename, "application/gzip", make_gzip(data, inner_name), **kw)


def _ics_fold(line: str) -> str:
    out = []
    while len(line.encode("utf-8")) > 74:
        cut = 70
        while len(line[:cut].encode("utf-8")) > 74:
            cut -= 1
        out.append(line[:cut])
        line = " " + line[cut:]
    out.append(line)
    return "\n".join(out)


def _ics_text(s: str) -> str:
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _utc(when: str, tz="uk") -> str:
    d = parse_when(when, tz)
    u = d.astimezone(__import__("datetime").timezone.utc)
    return u.strftime("%Y%m%dT%H%M%SZ")


def ics(method, uid, summary, start, end, organizer: Addr, attendees, location="", description="",
        sequence=0, status=None, stamp="2026-01-01 09:00", partstat=None, replier: Addr = None):
    lines = ["BEGIN:VCALENDAR", "PRODID:-//Harrowgate Network Services//Exchange Calendar//EN", "VERSION:2.0",
             "METHOD:%s" % method, "BEGIN:VEVENT", "UID:%s" % uid, "SEQUENCE:%d" % sequence,
             "DTSTAMP:%s" % _utc(stamp), "DTSTART:%s" % _utc(start), "DTEND:%s" % _utc(end),
             "SUMMARY:%s" % _ics_text(summary)]
    if location:
        lines.append("LOCATION:%s" % _ics_text(location))
    if description:
        lines.append("DESCRIPTION:%s" % _ics_text(description))
    lines.append("ORGANIZER;CN=%s:mailto:%s" % (organizer.name, organizer.addr))
    if method == "REPLY" and replier is not None:
        lines.append("ATTENDEE;PARTSTAT=%s;CN=%s:mailto:%s" % (partstat or "ACCEPTED", replier.name, replier.addr))
    else:
        for a in attendees:
            lines.append("ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN=%s:mailto:%s"
                         % (a.name, a.addr))
    if status:
        lines.append("STATUS:%s" % status)
    if method == "REQUEST":
        lines += ["BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:Reminder", "TRIGGER:-PT15M", "END:VALARM"]
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "\n".join(_ics_fold(l) for l in lines) + "\n"


def auto_hdrs(kind="auto-generated", extra=()):
    hs = ["Auto-Submitted: %s" % kind]
    if kind == "auto-replied":
        hs.append("X-Auto-Response-Suppress: All")
    return hs + list(extra)


def list_hdrs(list_id, unsub_url, unsub_mail=None, post=None, precedence="bulk", one_click=True):
    hs = ["List-Id: %s" % list_id]
    u = "<%s>" % unsub_url
    if unsub_mail:
        u = "<mailto:%s>, %s" % (unsub_mail, u)
    hs.append("List-Unsubscribe: %s" % u)
    if one_click:
        hs.append("List-Unsubscribe-Post: List-Unsubscribe=One-Click")
    if post:
        hs.append("List-Post: %s" % post)
    hs.append("Precedence: %s" % precedence)
    return hs


def alt(text, markup, text_cte="auto", html_cte="quoted-printable", charset="utf-8"):
    return Multipart("alternative", [Text(text, cte=text_cte, charset=charset),
                                     Text(markup, "html", cte=html_cte, charset=charset)])
