"""Small, deterministic builder for raw RFC 5322 / MIME messages.

Used by make_mailbox.py to write the demo mailbox. Python 3 standard library
only. Everything the builder produces is decided by its inputs: boundaries,
Message-IDs, queue ids and IP addresses are derived from a hash of the
message key, so running the generator twice gives identical bytes.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import html
import io
import quopri
import re
import struct
import textwrap
import urllib.parse
import wave
import zipfile
import zlib
import gzip

HOME_DOMAIN = "harrowgate-ns.example"
MX = "mx1." + HOME_DOMAIN

# --------------------------------------------------------------------------
# helpers


def h(key: str, n: int = 16) -> str:
    """Deterministic hex digest of `key`, `n` characters long."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:n]


def hint(key: str, lo: int, hi: int) -> int:
    """Deterministic integer in [lo, hi] derived from `key`."""
    return lo + int(h(key, 12), 16) % (hi - lo + 1)


def last_sunday(year: int, month: int) -> dt.date:
    d = dt.date(year, month + 1, 1) - dt.timedelta(days=1) if month < 12 else dt.date(year, 12, 31)
    while d.weekday() != 6:
        d -= dt.timedelta(days=1)
    return d


def uk_offset(local: dt.datetime) -> int:
    """UTC offset in minutes for Europe/London at a local wall-clock time."""
    start = dt.datetime.combine(last_sunday(local.year, 3), dt.time(1, 0))
    end = dt.datetime.combine(last_sunday(local.year, 10), dt.time(1, 0))
    return 60 if start <= local < end else 0


def eu_offset(local: dt.datetime) -> int:
    return 60 + uk_offset(local)


def us_east_offset(local: dt.datetime) -> int:
    # second Sunday of March to first Sunday of November
    y = local.year
    d = dt.date(y, 3, 1)
    sundays = 0
    while True:
        if d.weekday() == 6:
            sundays += 1
            if sundays == 2:
                break
        d += dt.timedelta(days=1)
    start = dt.datetime.combine(d, dt.time(2, 0))
    d = dt.date(y, 11, 1)
    while d.weekday() != 6:
        d += dt.timedelta(days=1)
    end = dt.datetime.combine(d, dt.time(2, 0))
    return -240 if start <= local < end else -300


def parse_when(when: str, tz: str) -> dt.datetime:
    """'2026-05-19 09:14[:ss]' + zone name -> aware datetime."""
    fmt = "%Y-%m-%d %H:%M:%S" if when.count(":") == 2 else "%Y-%m-%d %H:%M"
    local = dt.datetime.strptime(when, fmt)
    if tz == "uk":
        off = uk_offset(local)
    elif tz == "eu":
        off = eu_offset(local)
    elif tz == "us":
        off = us_east_offset(local)
    elif tz == "utc":
        off = 0
    else:  # explicit like +0530 / -0700
        sign = -1 if tz[0] == "-" else 1
        off = sign * (int(tz[1:3]) * 60 + int(tz[3:5]))
    return local.replace(tzinfo=dt.timezone(dt.timedelta(minutes=off)))


DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LONG_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
LONG_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]


def rfc_date(d: dt.datetime) -> str:
    off = d.utcoffset()
    mins = int(off.total_seconds() // 60)
    sign = "+" if mins >= 0 else "-"
    mins = abs(mins)
    return "%s, %02d %s %04d %02d:%02d:%02d %s%02d%02d" % (
        DAYS[d.weekday()], d.day, MONTHS[d.month - 1], d.year, d.hour, d.minute, d.second,
        sign, mins // 60, mins % 60)


def long_date(d: dt.datetime) -> str:
    return "%s, %d %s %d %02d:%02d" % (LONG_DAYS[d.weekday()], d.day, LONG_MONTHS[d.month - 1],
                                      d.year, d.hour, d.minute)


# --------------------------------------------------------------------------
# header encoding

SPECIALS = set('()<>[]:;@\\,."')


def is_ascii(s: str) -> bool:
    try:
        s.encode("ascii")
        return True
    except UnicodeEncodeError:
        return False


def encoded_word(text: str, charset: str = "utf-8", enc: str = "q") -> str:
    """RFC 2047 encoded words, split so that each stays under 75 characters."""
    words = []
    chunk = ""
    for ch in text:
        cand = chunk + ch
        if len(_ew(cand, charset, enc)) > 72 and chunk:
            words.append(_ew(chunk, charset, enc))
            chunk = ch
        else:
            chunk = cand
    if chunk:
        words.append(_ew(chunk, charset, enc))
    return "\n ".join(words)


def _ew(text: str, charset: str, enc: str) -> str:
    raw = text.encode(charset)
    if enc.lower() == "b":
        return "=?%s?B?%s?=" % (charset, base64.b64encode(raw).decode("ascii"))
    out = []
    for b in raw:
        c = chr(b)
        if c == " ":
            out.append("_")
        elif c.isalnum() and b < 128:
            out.append(c)
        elif c in "!*+-/" and b < 128:
            out.append(c)
        else:
            out.append("=%02X" % b)
    return "=?%s?Q?%s?=" % (charset, "".join(out))


def fold(name: str, value: str) -> str:
    """Fold an unstructured header value at spaces to keep lines under 78."""
    line = name + ": "
    out = []
    for word in value.split(" "):
        if len(line) + len(word) + 1 > 76 and line.strip() and not line.endswith(": "):
            out.append(line.rstrip())
            line = " " + word + " "
        else:
            line += word + " "
    out.append(line.rstrip())
    return "\n".join(out)


def subject_header(text: str, enc=None) -> str:
    """enc: None (plain, must be ASCII) or (charset, 'q'|'b')."""
    if enc is None and not is_ascii(text):
        enc = ("utf-8", "q")
    if enc is None:
        return fold("Subject", text)
    return "Subject: " + encoded_word(text, enc[0], enc[1])


def display_name(name: str, enc=None) -> str:
    if not name:
        return ""
    if enc is None and not is_ascii(name):
        enc = ("utf-8", "q")
    if enc is not None:
        return encoded_word(name, enc[0], enc[1])
    if any(c in SPECIALS for c in name):
        return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return name


class Addr:
    """A mailbox: display name, address, optional RFC 2047 encoding for the name."""

    def __init__(self, name: str, addr: str, enc=None):
        self.name, self.addr, self.enc = name, addr, enc

    def render(self) -> str:
        if not self.name:
            return self.addr
        return "%s <%s>" % (display_name(self.name, self.enc), self.addr)

    @property
    def domain(self) -> str:
        return self.addr.split("@", 1)[1].lower()

    @property
    def first(self) -> str:
        return self.name.split(" ")[0] if self.name else self.addr.split("@")[0]


def addr_list(name: str, addrs) -> str:
    rendered = [a.render() for a in addrs]
    line = name + ": "
    out = []
    for i, r in enumerate(rendered):
        piece = r + ("," if i < len(rendered) - 1 else "")
        if len(line) + len(piece) > 76 and line.strip() != name + ":":
            out.append(line.rstrip())
            line = "\t" + piece + " "
        else:
            line += piece + " "
    out.append(line.rstrip())
    return "\n".join(out)


# --------------------------------------------------------------------------
# text helpers


def wrap_text(text: str, width: int = 72) -> str:
    """Wrap long lines; keeps '>' quote prefixes and bullet indents."""
    out = []
    for line in text.split("\n"):
        if len(line) <= 76:
            out.append(line)
            continue
        m = re.match(r"^((?:> ?)*)(\s*(?:[-*•]|\d+[.)]|[a-z][.)])?\s*)", line)
        qp = m.group(1) if m else ""
        bullet = m.group(2) if m else ""
        rest = line[len(qp):]
        indent = " " * len(bullet) if bullet.strip() else bullet
        wrapped = textwrap.wrap(rest, width - len(qp), subsequent_indent=indent,
                                break_long_words=False, break_on_hyphens=False)
        out.extend(qp + w for w in wrapped)
    return "\n".join(out)


def text_to_html(text: str, font: str = "Calibri, Arial, sans-serif") -> str:
    paras = []
    for block in text.strip("\n").split("\n\n"):
        lines = block.split("\n")
        if all(l.startswith(">") for l in lines):
            inner = "<br>\n".join(html.escape(l.lstrip("> "), quote=False) for l in lines)
            paras.append('<blockquote style="border-left:2px solid #ccc;margin:0 0 0 6px;'
                         'padding-left:8px;color:#555">%s</blockquote>' % inner)
        else:
            paras.append("<p>%s</p>" % "<br>\n".join(html.escape(l, quote=False) for l in lines))
    return ('<html>\n<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
            '</head>\n<body style="font-family:%s;font-size:11pt">\n%s\n</body>\n</html>\n'
            % (font, "\n".join(paras)))


def html_to_text(markup: str) -> str:
    t = re.sub(r"(?is)<(script|style).*?</\1>", "", markup)
    t = re.sub(r"(?i)<br\s*/?>", "\n", t)
    t = re.sub(r"(?i)</(p|div|h[1-6]|tr|li)>", "\n\n", t)
    t = re.sub(r"<[^>]+>", "", t)
    t = html.unescape(t)
    t = re.sub(r"[ \t]+", " ", t)
    t = re.sub(r"\n\s*\n\s*\n+", "\n\n", t)
    return "\n".join(l.strip() for l in t.strip().split("\n"))


def b64_lines(data: bytes) -> str:
    return base64.encodebytes(data).decode("ascii")  # 76-character lines


# --------------------------------------------------------------------------
# MIME parts


class Part:
    def headers(self) -> list:
        raise NotImplementedError

    def body(self) -> str:
        raise NotImplementedError

    def render(self) -> str:
        return "\n".join(self.headers()) + "\n\n" + self.body()

    def plain(self) -> str:
        """Main human-readable text of this part, for quoting in replies."""
        return ""


class Text(Part):
    """A text part. cte: auto | 7bit | 8bit | quoted-printable | base64."""

    def __init__(self, text: str, subtype: str = "plain", charset: str = "utf-8", cte: str = "auto",
                 wrap: bool = True, params: str = "", extra=(), disposition=None):
        if subtype == "plain" and wrap:
            text = wrap_text(text)
        if not text.endswith("\n"):
            text += "\n"
        self.text, self.subtype, self.charset = text, subtype, charset
        self.params, self.extra, self.disposition = params, list(extra), disposition
        if cte == "auto":
            if is_ascii(text) and max(len(l) for l in text.split("\n")) < 990:
                cte = "7bit"
            else:
                cte = "quoted-printable"
        self.cte = cte
        if is_ascii(text) and charset == "utf-8" and cte in ("7bit",) and subtype == "plain":
            self.charset = "us-ascii" if hint(text, 0, 3) == 0 else "utf-8"

    def headers(self):
        hs = ['Content-Type: text/%s; charset="%s"%s' % (self.subtype, self.charset, self.params)]
        hs.append("Content-Transfer-Encoding: %s" % self.cte)
        if self.disposition:
            hs.append("Content-Disposition: %s" % self.disposition)
        return hs + self.extra

    def body(self):
        raw = self.text.encode(self.charset)
        if self.cte == "quoted-printable":
            enc = quopri.encodestring(raw.replace(b"\r\n", b"\n")).decode("ascii")
            return enc if enc.endswith("\n") else enc + "\n"
        if self.cte == "base64":
            return b64_lines(raw)
        return self.text

    def plain(self):
        return self.text if self.subtype == "plain" else html_to_text(self.text)


class Calendar(Part):
    def __init__(self, ics: str, method: str, cte: str = "7bit", name=None):
        self.ics = ics.replace("\r\n", "\n").strip("\n") + "\n"
        self.method, self.cte, self.name = method, cte, name

    def headers(self):
        ct = 'Content-Type: text/calendar; charset="utf-8"; method=%s' % self.method
        if self.name:
            ct += '; name="%s"' % self.name
        return [ct, "Content-Transfer-Encoding: %s" % self.cte]

    def body(self):
        # iCalendar requires CRLF; in a 7bit text part the message line ending rules apply,
        # so we emit LF here and let the message converter decide.
        if self.cte == "base64":
            return b64_lines(self.ics.replace("\n", "\r\n").encode("utf-8"))
        return self.ics


class Attachment(Part):
    def __init__(self, filename: str, ctype: str, data: bytes, cte: str = "base64",
                 inline: bool = False, rfc2231: bool = False, content_id=None, split2231=False,
                 description=None):
        self.filename, self.ctype, self.data, self.cte = filename, ctype, data, cte
        self.inline, self.rfc2231, self.content_id = inline, rfc2231, content_id
        self.split2231, self.description = split2231, description

    def _fname_params(self, key: str) -> str:
        if self.rfc2231 or not is_ascii(self.filename):
            q = urllib.parse.quote(self.filename, safe="")
            if self.split2231:
                pieces = [q[i:i + 40] for i in range(0, len(q), 40)]
                # do not split inside a %XX escape
                fixed, carry = [], ""
                for p in pieces:
                    p = carry + p
                    carry = ""
                    m = re.search(r"%[0-9A-F]?$", p)
                    if m:
                        carry = p[m.start():]
                        p = p[:m.start()]
                    fixed.append(p)
                if carry:
                    fixed.append(carry)
                return ";\n\t".join("%s*%d*=%s%s" % (key, i, "utf-8''" if i == 0 else "", p)
                                   for i, p in enumerate(fixed))
            return "%s*=utf-8''%s" % (key, q)
        return '%s="%s"' % (key, self.filename)

    def headers(self):
        hs = ["Content-Type: %s;\n\t%s" % (self.ctype, self._fname_params("name"))]
        if self.description:
            hs.append("Content-Description: %s" % self.description)
        hs.append("Content-Disposition: %s;\n\t%s" % ("inline" if self.inline else "attachment",
                                                     self._fname_params("filename")))
        if self.content_id:
            hs.append("Content-ID: <%s>" % self.content_id)
        hs.append("Content-Transfer-Encoding: %s" % self.cte)
        return hs

    def body(self):
        if self.cte == "base64":
            return b64_lines(self.data)
        if self.cte == "quoted-printable":
            enc = quopri.encodestring(self.data.replace(b"\r\n", b"\n")).decode("ascii")
            return enc if enc.endswith("\n") else enc + "\n"
        text = self.data.decode("utf-8").replace("\r\n", "\n")
        return text if text.endswith("\n") else text + "\n"


class Multipart(Part):
    def __init__(self, subtype: str, parts, params: str = "", preamble: bool = False, extra=()):
        self.subtype, self.parts, self.params = subtype, list(parts), params
        self.preamble, self.extra = preamble, list(extra)
        self.boundary = None

    def set_boundaries(self, key: str, style: int):
        styles = [
            lambda k: "_000_%s_" % h(k, 30).upper(),
            lambda k: "----=_Part_%d_%d.%d" % (hint(k + "a", 1000, 99999), hint(k + "b", 10 ** 8, 10 ** 9),
                                              hint(k + "c", 10 ** 12, 10 ** 13)),
            lambda k: "%s" % h(k, 28),
            lambda k: "===============%d==" % hint(k, 10 ** 18, 10 ** 19 - 1),
            lambda k: "Apple-Mail=_%s" % h(k, 32).upper(),
            lambda k: "------------%s" % h(k, 24).upper(),
        ]
        self.boundary = styles[style % len(styles)](key)
        for i, p in enumerate(self.parts):
            if isinstance(p, Multipart):
                p.set_boundaries(key + "/" + str(i), style)
            elif isinstance(p, Rfc822):
                p.set_boundaries(key + "/" + str(i))

    def headers(self):
        return ['Content-Type: multipart/%s%s;\n\tboundary="%s"' % (self.subtype, self.params,
                                                                    self.boundary)] + self.extra

    def body(self):
        out = []
        if self.preamble:
            out.append("This is a multi-part message in MIME format.\n")
        for p in self.parts:
            out.append("--%s\n%s" % (self.boundary, p.render()))
        out.append("--%s--\n" % self.boundary)
        return "\n".join(out)

    def plain(self):
        for p in self.parts:
            t = p.plain()
            if t:
                return t
        return ""


class Rfc822(Part):
    """A message/rfc822 part wrapping another Mail (rendered with LF)."""

    def __init__(self, mail, filename=None, inline=False):
        self.mail, self.filename, self.inline = mail, filename, inline

    def set_boundaries(self, key):
        pass

    def headers(self):
        hs = ["Content-Type: message/rfc822" + ('; name="%s"' % self.filename if self.filename else "")]
        if self.filename:
            hs.append('Content-Disposition: %s; filename="%s"' % ("inline" if self.inline else "attachment",
                                                                  self.filename))
        return hs

    def body(self):
        return self.mail.render_text(embedded=True)

    def plain(self):
        return ""


class Raw(Part):
    """A part given as literal header lines and body text."""

    def __init__(self, headers, body, plain_text=""):
        self._h, self._b, self._p = list(headers), body, plain_text

    def headers(self):
        return self._h

    def body(self):
        return self._b if self._b.endswith("\n") else self._b + "\n"

    def plain(self):
        return self._p


# --------------------------------------------------------------------------
# the message


class Mail:
    registry = {}

    def __init__(self, key, label, reason, *, frm, to, subject, date, tz="uk", cc=(), bcc_to_ops=False,
                 reply_to=None, body=None, text=None, html_alt=False, attachments=(), headers=(),
                 parent=None, quote=None, msgid="auto", msgid_style=None, crlf=False, mailer=None,
                 received="external", subject_enc=None, no_date=False, sender=None, swap_with_parent=False,
                 preamble=False, boundary_style=None, auth="pass", delivered_to=None, text_cte="auto",
                 text_charset="utf-8", quote_intro=None, return_path=None, wrap=True):
        self.key, self.label, self.reason = key, label, reason
        self.frm = frm
        self.to = list(to) if isinstance(to, (list, tuple)) else [to]
        self.cc = list(cc)
        self.reply_to, self.sender = reply_to, sender
        self.parent = Mail.registry[parent] if isinstance(parent, str) else parent
        self.subject = subject
        if subject is None and self.parent is not None:
            base = re.sub(r"^((re|fw|fwd|aw)\s*:\s*)+", "", self.parent.subject, flags=re.I)
            self.subject = "RE: " + base
        self.subject_enc = subject_enc
        if date.count(":") == 1:
            date = "%s:%02d" % (date, hint(key + "sec", 0, 59))
        self.when = parse_when(date, tz)
        self.no_date = no_date
        self.extra_headers = list(headers)
        self.mailer = mailer
        self.received = received
        self.crlf = crlf
        self.swap_with_parent = swap_with_parent
        if boundary_style is None:
            m = (mailer or "").lower()
            if "outlook" in m:
                boundary_style = 0
            elif "thunderbird" in m:
                boundary_style = 5
            elif "iphone" in m or "apple" in m:
                boundary_style = 4
            elif m:
                boundary_style = 2
            else:
                boundary_style = (1, 3)[hint(key, 0, 1)]
        self.boundary_style = boundary_style
        self.auth = auth
        self.delivered_to = delivered_to
        self.return_path = return_path
        # body
        if text is not None:
            if self.parent is not None and quote:
                text = text.rstrip("\n") + "\n\n" + self._quote(quote, quote_intro)
            self.text = text
            tpart = Text(text, cte=text_cte, charset=text_charset, wrap=wrap)
            if html_alt:
                tpart = Multipart("alternative", [tpart, Text(text_to_html(text), "html",
                                                              cte="quoted-printable")])
            if attachments:
                body = Multipart("mixed", [tpart] + list(attachments), preamble=preamble)
            else:
                body = tpart
        else:
            self.text = body.plain() if body is not None else ""
        self.body = body
        if isinstance(body, Multipart):
            body.set_boundaries(key, self.boundary_style)
        # message id
        self.msgid = None
        if msgid == "auto":
            self.msgid = self._make_msgid(msgid_style)
        elif msgid:
            self.msgid = msgid
        Mail.registry[key] = self

    # -- threading -------------------------------------------------------
    @property
    def references(self):
        if self.parent is None:
            return []
        return self.parent.references + ([self.parent.msgid] if self.parent.msgid else [])

    def _quote(self, style, intro):
        p = self.parent
        ptext = p.text.rstrip("\n")
        if style == "gt":
            head = intro or "On %s, %s wrote:" % (
                "%s %d %s %d at %02d:%02d" % (DAYS[p.when.weekday()], p.when.day, MONTHS[p.when.month - 1],
                                              p.when.year, p.when.hour, p.when.minute),
                p.frm.render().replace('"', ""))
            quoted = "\n".join(("> " + l) if l and not l.startswith(">") else (">" + l if l else ">")
                               for l in ptext.split("\n"))
            return wrap_text(head) + "\n" + quoted + "\n"
        # outlook
        to = "; ".join(a.name or a.addr for a in p.to)
        block = ["________________________________", "From: %s <%s>" % (p.frm.name, p.frm.addr),
                 "Sent: %s" % long_date(p.when), "To: %s" % to]
        if p.cc:
            block.append("Cc: %s" % "; ".join(a.name or a.addr for a in p.cc))
        block += ["Subject: %s" % p.subject, "", ptext, ""]
        return "\n".join(block)

    # -- ids -------------------------------------------------------------
    def _make_msgid(self, style):
        dom = self.frm.domain
        k = self.key
        if style is None:
            m = (self.mailer or "").lower()
            style = 0 if "outlook" in m else hint(k + "ms", 0, 3)
        if style == "outlook":
            style = 0
        if style == 0:
            host = "%sPR%02dMB%04d" % (h(k + "h", 4).upper(), hint(k, 1, 9), hint(k + "x", 1000, 9999))
            return "<%s%s@%s.eurprd0%d.prod.%s>" % (host, h(k, 24).upper(), host,
                                                     hint(k + "e", 1, 9), "mailhost.example")
        if style == 1:
            return "<%s.%s@%s>" % (self.when.strftime("%Y%m%d%H%M%S"), h(k, 10).upper(), dom)
        if style == 2:
            return "<CA%s%s@mail.%s>" % (h(k, 20), h(k + "g", 16).upper(), "webmail-relay.example")
        return "<%s-%s-%s-%s-%s@%s>" % (h(k, 8), h(k + "1", 4), h(k + "2", 4), h(k + "4", 4), h(k + "3", 12), dom)

    # -- rendering -------------------------------------------------------
    def _received(self):
        if self.received is None:
            return []
        k = self.key
        rcpt = self.delivered_to or "operations@" + HOME_DOMAIN
        t_mx = self.when + dt.timedelta(seconds=hint(k + "r1", 2, 40))
        t_out = self.when + dt.timedelta(seconds=hint(k + "r2", 0, 2))
        ip1 = "198.51.100.%d" % hint(k + "ip1", 2, 250)
        ip2 = "203.0.113.%d" % hint(k + "ip2", 2, 250)
        ip3 = "192.0.2.%d" % hint(k + "ip3", 2, 250)
        qid = h(k + "q", 10).upper()
        if self.received == "internal":
            return [
                "Received: from exch02.%s (exch02.%s [192.0.2.12])\n\tby %s (Postfix) with ESMTPS id %s\n"
                "\tfor <%s>; %s" % (HOME_DOMAIN, HOME_DOMAIN, MX, qid, rcpt, rfc_date(t_mx)),
                "Received: from WS-%s.corp.%s (%s) by exch02.%s\n\t(192.0.2.12) with Microsoft SMTP Server"
                " id 15.2.1544.11; %s" % (h(k + "ws", 6).upper(), HOME_DOMAIN, ip3, HOME_DOMAIN,
                                          rfc_date(t_out)),
            ]
        dom = self.frm.domain
        relay = self.received if self.received not in ("external",) else "mail." + dom
        out = [
            "Received: from %s (%s [%s])\n\tby %s (Postfix) with ESMTPS id %s\n"
            "\tfor <%s>; %s" % (relay, relay, ip1, MX, qid, rcpt, rfc_date(t_mx)),
        ]
        if hint(k + "hops", 0, 2) > 0:
            out.append("Received: from [%s] (unknown [%s])\n\tby %s with ESMTPSA id %s\n"
                       "\t(version=TLS1_3 cipher=TLS_AES_256_GCM_SHA384);\n\t%s"
                       % (ip3, ip2, relay, h(k + "s", 10), rfc_date(t_out)))
        return out

    def _auth(self):
        if self.auth is None or self.received is None:
            return []
        dom = self.frm.domain
        if self.auth == "pass":
            return ["Authentication-Results: %s;\n\tdkim=pass header.d=%s;\n\tspf=pass smtp.mailfrom=%s;\n"
                    "\tdmarc=pass header.from=%s" % (MX, dom, dom, dom)]
        return ["Authentication-Results: %s;\n\tdkim=none;\n\tspf=softfail smtp.mailfrom=%s;\n"
                "\tdmarc=fail (p=none) header.from=%s" % (MX, dom, dom)]

    def header_lines(self, embedded=False):
        hs = []
        if not embedded:
            hs.append("Return-Path: <%s>" % (self.frm.addr if self.return_path is None else self.return_path))
            hs.append("Delivered-To: %s" % (self.delivered_to or "operations@" + HOME_DOMAIN))
            hs += self._received()
            hs += self._auth()
        hs.append("From: " + self.frm.render())
        if self.sender:
            hs.append("Sender: " + self.sender.render())
        if self.to:
            hs.append(addr_list("To", self.to))
        if self.cc:
            hs.append(addr_list("Cc", self.cc))
        if self.reply_to:
            hs.append("Reply-To: " + self.reply_to.render())
        hs.append(subject_header(self.subject, self.subject_enc))
        if not self.no_date:
            hs.append("Date: " + rfc_date(self.when))
        if self.msgid:
            hs.append("Message-ID: " + self.msgid)
        if self.parent is not None and self.parent.msgid:
            hs.append("In-Reply-To: " + self.parent.msgid)
            refs = self.references
            hs.append("References: " + "\n ".join(refs))
        if self.mailer:
            hs.append(self.mailer if ":" in self.mailer else "X-Mailer: " + self.mailer)
        hs += self.extra_headers
        hs.append("MIME-Version: 1.0")
        return hs

    def render_text(self, embedded=False) -> str:
        hs = self.header_lines(embedded)
        return "\n".join(hs + self.body.headers()) + "\n\n" + self.body.body()

    def render(self) -> bytes:
        text = self.render_text()
        text = re.sub(r"\n+$", "\n", text)
        if self.crlf:
            text = text.replace("\n", "\r\n")
        charset = getattr(self.body, "charset", "utf-8")
        # 8bit parts in other charsets are already in the right encoding only if we encode per part;
        # the generator only uses 8bit with utf-8 or latin-1 single-part bodies.
        if isinstance(self.body, Text) and self.body.cte == "8bit":
            head, _, body = text.partition("\r\n\r\n" if self.crlf else "\n\n")
            sep = "\r\n\r\n" if self.crlf else "\n\n"
            return head.encode("ascii") + sep.encode("ascii") + body.encode(charset)
        return text.encode("utf-8")


# --------------------------------------------------------------------------
# small valid binary attachments


def make_pdf(title: str, lines) -> bytes:
    """A one-page PDF 1.4 with Helvetica text and a correct xref table."""
    def esc(s):
        s = s.encode("latin-1", "replace").decode("latin-1")
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    content = ["BT", "/F1 16 Tf", "56 780 Td", "(%s) Tj" % esc(title), "/F1 10 Tf", "0 -26 Td"]
    for ln in lines:
        content.append("(%s) Tj" % esc(ln))
        content.append("0 -14 Td")
    content.append("ET")
    stream = ("\n".join(content)).encode("latin-1")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        ("<< /Title (%s) /Producer (mailsift demo generator) >>" % esc(title)).encode("latin-1"),
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, o in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + o + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n" % (len(objs) + 1))
    out.write(b"0000000000 65535 f \n")
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objs) + 1, len(objs), xref))
    return out.getvalue()


def make_png(w: int, h_: int, seed: str, palette=((120, 110, 95), (60, 60, 60), (200, 120, 40))) -> bytes:
    """A small RGB PNG with a deterministic pattern (a 'site photo' stand-in)."""
    rows = []
    s = int(h(seed, 8), 16)
    for y in range(h_):
        row = bytearray([0])
        for x in range(w):
            v = (x * 7 + y * 13 + s) % 29
            if abs(y - h_ // 2 - (x - w // 2) // 3) < 2:
                c = palette[2]  # the 'cable'
            elif v < 6:
                c = palette[1]
            else:
                c = palette[0]
            row += bytes(c)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(t, d):
        return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h_, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", raw) + chunk(b"IEND", b""))


def make_docx(paragraphs) -> bytes:
    """A minimal but valid WordprocessingML package (deterministic timestamps)."""
    ct = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
          '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/word/document.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    body = "".join('<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % html.escape(p)
                   for p in paragraphs)
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body>%s</w:body></w:document>' % body)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", ct), ("_rels/.rels", rels), ("word/document.xml", doc)):
            zi = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(zi, data.encode("utf-8"))
    return out.getvalue()


def make_wav(seconds: float = 0.25, rate: int = 8000) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(1)
        w.setframerate(rate)
        n = int(seconds * rate)
        w.writeframes(bytes(128 + (20 if (i // 20) % 2 else -20) for i in range(n)))
    return out.getvalue()


def make_gzip(data: bytes, name: str) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(filename=name, mode="wb", fileobj=out, mtime=0) as g:
        g.write(data)
    return out.getvalue()
