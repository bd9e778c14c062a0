#!/usr/bin/env python3
"""Check that every .eml file in a folder parses cleanly and its attachments decode.

    python3 demo/tools/check_mailbox.py [demo/mailbox]

For each message: parsed with email.policy.default; no defects on any part or
header; Message-ID and Date present (reported, not failed, when absent); every
part's payload decodes; PDFs, PNGs, zips (docx), gzip and WAV files are opened
and verified; text/calendar parts have BEGIN/END:VCALENDAR. Exits 1 on any error.
"""

import email
import email.policy
import gzip
import io
import os
import re
import struct
import sys
import wave
import zipfile
import zlib


def check_png(data):
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "bad PNG signature"
    pos = 8
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        ctype = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(ctype + body) & 0xffffffff == crc, "PNG CRC mismatch"
        pos += 12 + length
        if ctype == b"IEND":
            return
    raise AssertionError("PNG without IEND")


def check_pdf(data):
    assert data.startswith(b"%PDF-"), "no PDF header"
    assert data.rstrip().endswith(b"%%EOF"), "no %%EOF"
    m = re.search(rb"startxref\s+(\d+)", data)
    assert m, "no startxref"
    off = int(m.group(1))
    assert data[off:off + 4] == b"xref", "startxref does not point at xref"
    xref = data[off:].split(b"\n")
    count = int(xref[1].split()[1])
    for i in range(1, count):
        obj_off = int(xref[2 + i][:10])
        assert data[obj_off:].startswith(b"%d 0 obj" % i), "xref offset wrong for object %d" % i


def check_attachment(ctype, data):
    if ctype == "application/pdf":
        check_pdf(data)
    elif ctype == "image/png":
        check_png(data)
    elif ctype.endswith("wordprocessingml.document") or ctype == "application/zip":
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert z.testzip() is None, "corrupt zip member"
            assert "[Content_Types].xml" in z.namelist()
    elif ctype == "application/gzip":
        gzip.decompress(data)
    elif ctype in ("audio/wav", "audio/x-wav"):
        with wave.open(io.BytesIO(data)) as w:
            assert w.getnframes() > 0


def check_file(path):
    errors, notes = [], []
    raw = open(path, "rb").read()
    crlf = b"\r\n" in raw
    if crlf and re.search(rb"(?<!\r)\n", raw):
        errors.append("mixed line endings")
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    if "Message-ID" not in msg:
        notes.append("no Message-ID")
    if "Date" not in msg:
        notes.append("no Date")
    for part in msg.walk():
        if part.defects:
            errors.append("defects in %s: %s" % (part.get_content_type(), part.defects))
        for name, value in part.items():
            d = getattr(value, "defects", ())
            if d:
                errors.append("header %s defects: %s" % (name, list(d)))
        ctype = part.get_content_type()
        if part.is_multipart() or ctype in ("message/rfc822", "message/delivery-status"):
            continue
        try:
            content = part.get_content()
        except Exception as e:  # noqa: BLE001
            errors.append("cannot decode %s: %s" % (ctype, e))
            continue
        if isinstance(content, bytes):
            try:
                check_attachment(ctype, content)
            except Exception as e:  # noqa: BLE001
                errors.append("bad %s attachment %r: %s" % (ctype, part.get_filename(), e))
        elif ctype == "text/calendar":
            if "BEGIN:VCALENDAR" not in content or "END:VCALENDAR" not in content:
                errors.append("calendar part is not a VCALENDAR")
        if part.get_filename() is not None and not part.get_filename():
            errors.append("empty filename")
        cte = part.get("Content-Transfer-Encoding", "7bit").lower()
        if cte == "base64":
            payload = part.get_payload()
            longest = max((len(l) for l in payload.splitlines()), default=0)
            if longest > 76:
                errors.append("base64 line longer than 76 characters")
    for line in raw.split(b"\n"):
        if len(line.rstrip(b"\r")) > 998:
            errors.append("line longer than 998 octets")
            break
    return errors, notes, len(raw), crlf


def main(argv):
    folder = argv[0] if argv else os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "mailbox")
    bad = 0
    sizes = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".eml"):
            continue
        errors, notes, size, crlf = check_file(os.path.join(folder, name))
        sizes.append(size)
        for e in errors:
            print("ERROR %s: %s" % (name, e))
        for n in notes:
            print("note  %s: %s" % (name, n))
        bad += bool(errors)
    print("checked %d files, %d with errors; sizes %d..%d bytes (median %d)" % (
        len(sizes), bad, min(sizes), max(sizes), sorted(sizes)[len(sizes) // 2]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
