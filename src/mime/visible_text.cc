// visible_text: what the sender wrote in this message, without quoted replies and signatures.
//
// Conservative by design: every rule needs a clear marker (a quote prefix, an attribution line
// followed by quoted lines, a reply header block, the "-- " delimiter), and the sign-off
// heuristic only trims a short block at the very end. Forwarded content is never touched.
#include <cstddef>
#include <initializer_list>
#include <vector>

#include "core/strings.h"
#include "mime/parser.h"

namespace mailsift::mime {

namespace {

using Lines = std::vector<std::string_view>;

std::string_view rtrim(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool is_blank(std::string_view s) {
  return trim(s).empty();
}

bool is_quoted(std::string_view line) {
  std::string_view t = trim(line);
  return !t.empty() && t.front() == '>';
}

// "---------- Forwarded message ---------" (Gmail), "-------- Forwarded Message --------"
// (Thunderbird), "Begin forwarded message:" (Apple Mail), and the block mailsift's parser
// writes for a message/rfc822 part of a report.
bool is_forward_marker(std::string_view line) {
  std::string_view t = trim(line);
  if (istarts_with(t, "Begin forwarded message")) return true;
  if (t.size() > 4 && t.front() == '-' && icontains(t, "forwarded message")) return true;
  return t == "---------- Original message ----------";
}

// Outlook's "-----Original Message-----" and its translations.
bool is_original_message_separator(std::string_view line) {
  std::string_view t = trim(line);
  if (t.size() < 6 || t.front() != '-' || t.back() != '-') return false;
  while (!t.empty() && t.front() == '-') t.remove_prefix(1);
  while (!t.empty() && t.back() == '-') t.remove_suffix(1);
  t = trim(t);
  for (std::string_view s :
       {"Original Message", "Ursprüngliche Nachricht", "Message d'origine", "Mensaje original", "Messaggio originale",
        "Oorspronkelijk bericht", "Mensagem original", "Original-Nachricht"}) {
    if (iequals(t, s)) return true;
  }
  return false;
}

bool starts_with_any(std::string_view line, std::initializer_list<std::string_view> prefixes) {
  std::string_view t = trim(line);
  for (auto p : prefixes) {
    if (istarts_with(t, p)) return true;
  }
  return false;
}

// "From: ..." followed within a few lines by at least two of Sent/Date, To, Cc, Subject: the
// header block Outlook and others put above the message being replied to.
bool is_reply_header_block(const Lines& lines, size_t i) {
  if (!starts_with_any(lines[i], {"From:", "De:", "Von:", "Van:", "Da:", "Från:", "Fra:"})) return false;
  int seen = 0;
  for (size_t k = i + 1; k < lines.size() && k <= i + 6; ++k) {
    if (starts_with_any(
            lines[k], {"Sent:",    "Date:",  "Gesendet:", "Envoyé:",    "Enviado:", "Datum:",  "Inviato:", "Verzonden:",
                       "To:",      "À:",     "An:",       "Para:",      "Aan:",     "A:",      "Cc:",      "Subject:",
                       "Betreff:", "Objet:", "Asunto:",   "Onderwerp:", "Oggetto:", "Assunto:"})) {
      ++seen;
    }
  }
  return seen >= 2;
}

bool is_underscore_rule(std::string_view line) {
  std::string_view t = trim(line);
  return t.size() >= 10 && t.find_first_not_of('_') == std::string_view::npos;
}

// "On <date>, <name> wrote:" and translations; may be wrapped over two lines. Returns how many
// lines the attribution takes (0 if none starts at i).
size_t attribution_lines(const Lines& lines, size_t i) {
  auto ends_like_attribution = [](std::string_view t) {
    t = trim(t);
    for (std::string_view e : {"wrote:", "writes:", "a écrit :", "a écrit:", "schrieb:", "escribió:", "ha scritto:",
                               "schreef:", "escreveu:", "skrev:", "napisał:"}) {
      if (t.size() >= e.size() && iequals(t.substr(t.size() - e.size()), e)) return true;
    }
    return false;
  };
  if (!starts_with_any(lines[i], {"On ", "Le ", "Am ", "El ", "Il ", "Op ", "Em ", "Den ", "W dniu "})) {
    // "John Smith <john@example.com> wrote:" on its own line.
    std::string_view t = trim(lines[i]);
    if (t.size() < 200 && ends_like_attribution(t) && t.find('@') != std::string_view::npos) return 1;
    return 0;
  }
  if (ends_like_attribution(lines[i])) return 1;
  if (i + 1 < lines.size() && ends_like_attribution(lines[i + 1])) return 2;
  return 0;
}

bool is_device_signature(std::string_view line) {
  std::string_view t = trim(line);
  return t.size() < 80 && (istarts_with(t, "Sent from my ") || istarts_with(t, "Sent from Mail for ") ||
                           istarts_with(t, "Get Outlook for ") || istarts_with(t, "Sent from Outlook") ||
                           istarts_with(t, "Sent from Yahoo Mail") || istarts_with(t, "Envoyé de mon ") ||
                           istarts_with(t, "Von meinem "));
}

bool is_sign_off(std::string_view line) {
  std::string_view t = trim(line);
  while (!t.empty() && (t.back() == ',' || t.back() == '!' || t.back() == '.')) t.remove_suffix(1);
  if (t.empty() || t.size() > 40) return false;
  for (std::string_view s : {"Thanks",
                             "Thank you",
                             "Many thanks",
                             "Thanks again",
                             "Thanks and regards",
                             "Regards",
                             "Best regards",
                             "Kind regards",
                             "Warm regards",
                             "Best wishes",
                             "Best",
                             "Cheers",
                             "Sincerely",
                             "Yours sincerely",
                             "Yours truly",
                             "Yours faithfully",
                             "All the best",
                             "Respectfully",
                             "Take care",
                             "Mit freundlichen Grüßen",
                             "Viele Grüße",
                             "Cordialement",
                             "Saludos",
                             "Cordiali saluti",
                             "Met vriendelijke groet"}) {
    if (iequals(t, s)) return true;
  }
  return false;
}

Lines strip_own_text(Lines lines) {
  // 1. Everything from a reply separator, a reply header block or a "-- " signature down -
  // unless nothing would be left above it: an Outlook forward has no text of its own above
  // "-----Original Message-----", and the forwarded message is kept.
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view l = lines[i];
    bool cut = is_original_message_separator(l) || l == "-- " || l == "--" || is_reply_header_block(lines, i);
    if (!cut) continue;
    size_t from = i;
    // An underscore rule just above a reply header block belongs to it.
    size_t k = i;
    while (k > 0 && is_blank(lines[k - 1])) --k;
    if (k > 0 && is_underscore_rule(lines[k - 1])) from = k - 1;
    bool own_text_above = false;
    for (size_t m = 0; m < from && !own_text_above; ++m) {
      own_text_above = !is_blank(lines[m]) && !is_quoted(lines[m]);
    }
    if (!own_text_above) break;
    lines.resize(from);
    break;
  }

  // 2. Quoted lines, and attribution lines introducing them.
  Lines kept;
  kept.reserve(lines.size());
  for (size_t i = 0; i < lines.size(); ++i) {
    if (is_quoted(lines[i])) continue;
    if (size_t n = attribution_lines(lines, i)) {
      size_t k = i + n;
      while (k < lines.size() && is_blank(lines[k])) ++k;
      if (k == lines.size() || is_quoted(lines[k])) {
        i = k - 1;
        continue;
      }
    }
    if (is_device_signature(lines[i])) continue;
    kept.push_back(lines[i]);
  }

  // 3. A short block (name, title, phone) after a sign-off among the last lines.
  std::vector<size_t> non_blank;
  for (size_t i = 0; i < kept.size(); ++i) {
    if (!is_blank(kept[i])) non_blank.push_back(i);
  }
  for (size_t j = non_blank.size() > 7 ? non_blank.size() - 7 : 0; j + 1 < non_blank.size(); ++j) {
    if (!is_sign_off(kept[non_blank[j]])) continue;
    bool short_block = non_blank.size() - j - 1 <= 5;
    for (size_t m = j + 1; m < non_blank.size() && short_block; ++m) {
      if (trim(kept[non_blank[m]]).size() > 80) short_block = false;
    }
    if (short_block) kept.resize(non_blank[j] + 1);
    break;
  }
  return kept;
}

void append_lines(std::string& out, const Lines& lines) {
  bool blank_pending = false;
  for (std::string_view l : lines) {
    l = rtrim(l);
    if (l.empty()) {
      blank_pending = !out.empty();
      continue;
    }
    if (!out.empty()) out += blank_pending ? "\n\n" : "\n";
    blank_pending = false;
    out += l;
  }
}

}  // namespace

std::string visible_text(std::string_view text_body) {
  Lines lines;
  size_t start = 0;
  while (start <= text_body.size()) {
    size_t nl = text_body.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.push_back(rtrim(text_body.substr(start)));
      break;
    }
    lines.push_back(rtrim(text_body.substr(start, nl - start)));
    start = nl + 1;
  }
  size_t forward = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (is_forward_marker(lines[i])) {
      forward = i;
      break;
    }
  }
  Lines own(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(forward));
  Lines forwarded(lines.begin() + static_cast<std::ptrdiff_t>(forward), lines.end());

  std::string out, kept;
  append_lines(out, strip_own_text(std::move(own)));
  append_lines(kept, forwarded);
  if (!kept.empty()) {
    if (!out.empty()) out += "\n\n";
    out += kept;
  }
  return out;
}

}  // namespace mailsift::mime
