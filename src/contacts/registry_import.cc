#include "contacts/registry_import.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "contacts/csv.h"
#include "contacts/regions.h"
#include "core/strings.h"

namespace mailsift::contacts {

std::string RowError::to_string() const {
  return "line " + std::to_string(line) + (id.empty() ? "" : " (" + id + ")") + ": " + reason;
}

Result<std::string> normalize_domain(std::string_view text) {
  std::string d = to_lower(trim(text));
  if (d.starts_with("@")) d.erase(0, 1);
  if (d.empty()) return fail(Code::kInvalidArgument, "empty domain");
  auto bad = [&](const std::string& why) {
    return fail(Code::kInvalidArgument, "'" + d + "' is not a domain: " + why);
  };
  auto labels = split(d, '.');
  if (labels.size() < 2) return bad("it needs a dot");
  for (const auto& l : labels) {
    if (l.empty() || l.size() > 63) return bad("empty or over-long label");
    if (l.front() == '-' || l.back() == '-') return bad("a label starts or ends with '-'");
    for (char c : l) {
      unsigned char u = static_cast<unsigned char>(c);
      if (!(std::isalnum(u) || c == '-' || u >= 0x80)) return bad(std::string("'") + c + "' is not allowed");
    }
  }
  return d;
}

Result<std::string> normalize_email(std::string_view text) {
  std::string e = to_lower(trim(text));
  if (e.size() > 2 && e.front() == '<' && e.back() == '>') e = e.substr(1, e.size() - 2);
  size_t at = e.rfind('@');
  if (at == std::string::npos || at == 0) {
    return fail(Code::kInvalidArgument, "'" + e + "' is not an email address");
  }
  for (char c : e.substr(0, at)) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == ';' || c == '<' || c == '>') {
      return fail(Code::kInvalidArgument, "'" + e + "' is not an email address");
    }
  }
  auto d = normalize_domain(e.substr(at + 1));
  if (!d) return fail(Code::kInvalidArgument, "'" + e + "' is not an email address: " + d.error().message);
  return e.substr(0, at + 1) + *d;
}

std::vector<int> json_element_lines(std::string_view text) {
  std::vector<int> lines;
  std::vector<char> stack;
  int line = 1;
  bool in_string = false, expect_value = false;
  int target_depth = -1;  // stack size inside the array whose elements we report
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') ++line;
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    bool at_target = target_depth >= 0 && static_cast<int>(stack.size()) == target_depth;
    if (at_target && expect_value && c != ']') {
      lines.push_back(line);
      expect_value = false;
    }
    switch (c) {
      case '"':
        in_string = true;
        break;
      case '[':
        stack.push_back(c);
        // The top-level array, or the first array directly inside a top-level object.
        if (target_depth < 0 && (stack.size() == 1 || (stack.size() == 2 && stack[0] == '{'))) {
          target_depth = static_cast<int>(stack.size());
          expect_value = true;
        }
        break;
      case '{':
        stack.push_back(c);
        break;
      case ']':
      case '}':
        if (!stack.empty()) stack.pop_back();
        if (target_depth >= 0 && static_cast<int>(stack.size()) < target_depth) return lines;
        break;
      case ',':
        if (at_target) expect_value = true;
        break;
      default:
        break;
    }
  }
  return lines;
}

namespace {

const std::vector<std::string>& known_columns() {
  static const std::vector<std::string> kColumns = {
      "id",     "name",        "trading_names", "email_domains", "contact_emails", "phone",   "address", "regions",
      "scheme", "certificate", "scopes",        "status",        "issued",         "expires", "notes"};
  return kColumns;
}
const std::vector<std::string>& required_columns() {
  static const std::vector<std::string> kRequired = {"id", "name", "scheme", "certificate", "status", "expires"};
  return kRequired;
}

// One accreditation row with the values as text (multi-valued fields ';'-joined).
struct RawRow {
  int line = 0;
  std::map<std::string, std::string> values;
  std::string get(const std::string& key) const {
    auto it = values.find(key);
    return it == values.end() ? std::string() : it->second;
  }
};

// A validated row: the contractor fields and one accreditation.
struct Row {
  int line = 0;
  Contractor contractor;  // without accreditations
  Accreditation accreditation;
};

Result<Row> validate(const RawRow& raw, const FreeMailPolicy& free_mail) {
  for (const auto& [key, value] : raw.values) {
    if (!is_valid_utf8(value)) return fail(Code::kInvalidArgument, key + " is not valid UTF-8");
  }
  Row row;
  row.line = raw.line;
  Contractor& c = row.contractor;
  c.id = std::string(trim(raw.get("id")));
  if (c.id.empty()) return fail(Code::kInvalidArgument, "id is empty");
  if (c.id.size() > 64 ||
      std::any_of(c.id.begin(), c.id.end(), [](char ch) { return std::isspace(static_cast<unsigned char>(ch)); })) {
    return fail(Code::kInvalidArgument, "id '" + c.id + "' must be one word of at most 64 characters");
  }
  c.name = collapse_whitespace(raw.get("name"));
  if (c.name.empty()) return fail(Code::kInvalidArgument, "name is empty");
  c.trading_names = split_multi(raw.get("trading_names"));
  for (const auto& d : split_multi(raw.get("email_domains"))) {
    std::string domain = MAILSIFT_TRY(normalize_domain(d));
    if (free_mail.is_free_mail(domain)) {
      return fail(Code::kInvalidArgument, "email domain " + domain +
                                              " is a free-mail host: list the contractor's address there in "
                                              "contact_emails instead");
    }
    if (std::find(c.email_domains.begin(), c.email_domains.end(), domain) == c.email_domains.end()) {
      c.email_domains.push_back(domain);
    }
  }
  for (const auto& e : split_multi(raw.get("contact_emails"))) {
    std::string email = MAILSIFT_TRY(normalize_email(e));
    if (std::find(c.contact_emails.begin(), c.contact_emails.end(), email) == c.contact_emails.end()) {
      c.contact_emails.push_back(email);
    }
  }
  c.phone = std::string(trim(raw.get("phone")));
  c.address = collapse_whitespace(raw.get("address"));
  for (const auto& r : split_multi(raw.get("regions"))) {
    auto names = resolve_region(r);
    if (!names) return fail(Code::kInvalidArgument, names.error().message + " in regions");
    for (const auto& n : *names) {
      if (std::find(c.regions.begin(), c.regions.end(), n) == c.regions.end()) c.regions.push_back(n);
    }
  }
  Accreditation& a = row.accreditation;
  std::string scheme(trim(raw.get("scheme")));
  if (scheme.empty()) return fail(Code::kInvalidArgument, "scheme is empty");
  a.scheme = canonical_scheme(scheme);
  a.certificate = std::string(trim(raw.get("certificate")));
  if (a.certificate.empty()) return fail(Code::kInvalidArgument, "certificate is empty");
  a.scopes = split_multi(raw.get("scopes"));
  auto status = parse_registry_status(raw.get("status"));
  if (!status) {
    return fail(Code::kInvalidArgument,
                "status '" + std::string(trim(raw.get("status"))) + "' is not valid, suspended or withdrawn");
  }
  a.status = *status;
  if (!trim(raw.get("issued")).empty()) {
    auto d = parse_day(raw.get("issued"));
    if (!d) return fail(Code::kInvalidArgument, "issued: " + d.error().message + " (write YYYY-MM-DD)");
    a.issued = *d;
  }
  if (trim(raw.get("expires")).empty()) return fail(Code::kInvalidArgument, "expires is empty");
  auto expires = parse_day(raw.get("expires"));
  if (!expires) return fail(Code::kInvalidArgument, "expires: " + expires.error().message + " (write YYYY-MM-DD)");
  a.expires = *expires;
  if (a.issued && *a.issued > a.expires) {
    return fail(Code::kInvalidArgument,
                "expires " + format_day(a.expires) + " is before issued " + format_day(*a.issued));
  }
  a.notes = collapse_whitespace(raw.get("notes"));
  return row;
}

// The contractor field that differs between two rows of one id, or empty.
std::string differing_field(const Contractor& a, const Contractor& b) {
  if (a.name != b.name) return "name";
  if (a.trading_names != b.trading_names) return "trading_names";
  if (a.email_domains != b.email_domains) return "email_domains";
  if (a.contact_emails != b.contact_emails) return "contact_emails";
  if (a.phone != b.phone) return "phone";
  if (a.address != b.address) return "address";
  if (a.regions != b.regions) return "regions";
  return {};
}

Result<std::vector<RawRow>> read_csv(std::string_view text, std::vector<std::string>& warnings) {
  CsvFile csv = MAILSIFT_TRY(parse_csv(text));
  std::vector<std::string> header;
  for (const auto& h : csv.header.fields) header.push_back(to_lower(trim(h)));
  for (const auto& req : required_columns()) {
    if (std::find(header.begin(), header.end(), req) == header.end()) {
      return fail(Code::kParse, "the header has no '" + req + "' column",
                  "the columns are: " + join(known_columns(), ","));
    }
  }
  for (const auto& h : header) {
    if (std::find(known_columns().begin(), known_columns().end(), h) == known_columns().end()) {
      warnings.push_back("column '" + h + "' is not a registry column: ignored");
    }
  }
  std::vector<RawRow> rows;
  for (const auto& rec : csv.rows) {
    RawRow r;
    r.line = rec.line;
    if (rec.fields.size() != header.size()) {
      r.values["__error"] =
          "has " + std::to_string(rec.fields.size()) + " fields, the header has " + std::to_string(header.size());
    } else {
      for (size_t i = 0; i < header.size(); ++i) r.values[header[i]] = rec.fields[i];
    }
    rows.push_back(std::move(r));
  }
  return rows;
}

// A JSON value as CSV-like text: strings as they are, arrays of strings ';'-joined.
std::optional<std::string> json_text(const nlohmann::json& v) {
  if (v.is_null()) return std::string();
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_array()) {
    std::vector<std::string> parts;
    for (const auto& e : v) {
      if (!e.is_string()) return std::nullopt;
      parts.push_back(e.get<std::string>());
    }
    return join(parts, ";");
  }
  return std::nullopt;
}

// Copies the known keys of a JSON object into a row; a wrong type is the row's error.
void copy_fields(const nlohmann::json& obj, RawRow& r) {
  for (const auto& [key, value] : obj.items()) {
    if (key == "accreditations") continue;
    auto t = json_text(value);
    if (!t) {
      r.values["__error"] = key + " must be a string or an array of strings";
      return;
    }
    r.values[key] = *t;
  }
}

Result<std::vector<RawRow>> read_json(std::string_view text) {
  nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) {
    // Parse again with exceptions to get the position, caught here (the library throws).
    try {
      auto again = nlohmann::json::parse(text.begin(), text.end());
      static_cast<void>(again);
    } catch (const nlohmann::json::parse_error& e) {
      return fail(Code::kParse, std::string("not valid JSON: ") + e.what());
    }
    return fail(Code::kParse, "not valid JSON");
  }
  if (doc.is_object() && doc.contains("contractors")) doc = doc["contractors"];
  if (!doc.is_array()) {
    return fail(Code::kParse, "a JSON registry is an array of contractors (or {\"contractors\": [...]})");
  }
  std::vector<int> lines = json_element_lines(text);
  std::vector<RawRow> rows;
  for (size_t i = 0; i < doc.size(); ++i) {
    int line = i < lines.size() ? lines[i] : 0;
    const auto& el = doc[i];
    RawRow base;
    base.line = line;
    if (!el.is_object()) {
      base.values["__error"] = "element " + std::to_string(i + 1) + " is not an object";
      rows.push_back(std::move(base));
      continue;
    }
    copy_fields(el, base);
    if (!el.contains("accreditations")) {
      rows.push_back(std::move(base));
      continue;
    }
    const auto& accs = el["accreditations"];
    if (!accs.is_array() || accs.empty()) {
      base.values["__error"] = "accreditations must be a non-empty array";
      rows.push_back(std::move(base));
      continue;
    }
    for (size_t k = 0; k < accs.size(); ++k) {
      RawRow r = base;
      if (!accs[k].is_object()) {
        r.values["__error"] = "accreditation " + std::to_string(k + 1) + " is not an object";
      } else {
        copy_fields(accs[k], r);
        if (r.values.count("__error")) r.values["__error"] += " (accreditation " + std::to_string(k + 1) + ")";
      }
      rows.push_back(std::move(r));
    }
  }
  return rows;
}

}  // namespace

Result<ParsedRegistry> parse_registry(std::string_view input, FileFormat format, const FreeMailPolicy& free_mail) {
  std::string_view text = strip_bom(input);
  if (format == FileFormat::kAuto) {
    std::string_view t = trim(text);
    format = (!t.empty() && (t.front() == '[' || t.front() == '{')) ? FileFormat::kJson : FileFormat::kCsv;
  }
  ParsedRegistry out;
  std::vector<RawRow> raw =
      format == FileFormat::kJson ? MAILSIFT_TRY(read_json(text)) : MAILSIFT_TRY(read_csv(text, out.warnings));
  out.rows = static_cast<int>(raw.size());

  // Validate each row, then assemble contractors in order of first appearance.
  std::vector<std::string> order;
  std::map<std::string, std::vector<Row>> by_id;
  std::map<std::string, int> first_line;
  std::set<std::string> rejected_ids;
  std::map<std::string, std::pair<int, std::string>> certificates;  // scheme/certificate -> line, id
  for (const auto& r : raw) {
    std::string id(trim(r.get("id")));
    auto bad = [&](std::string reason) {
      out.errors.push_back(RowError{r.line, id, std::move(reason)});
      if (!id.empty()) rejected_ids.insert(id);
    };
    if (r.values.count("__error")) {
      bad(r.get("__error"));
      continue;
    }
    if (std::all_of(r.values.begin(), r.values.end(), [](const auto& kv) { return trim(kv.second).empty(); })) {
      continue;  // a row of empty fields: nothing to import
    }
    auto row = validate(r, free_mail);
    if (!row) {
      bad(row.error().message);
      continue;
    }
    std::string cert_key = to_lower(row->accreditation.scheme) + "/" + to_lower(row->accreditation.certificate);
    if (auto it = certificates.find(cert_key); it != certificates.end()) {
      bad("certificate " + row->accreditation.certificate + " of " + row->accreditation.scheme +
          " is already on line " + std::to_string(it->second.first) +
          (it->second.second == id ? "" : " (" + it->second.second + ")"));
      continue;
    }
    certificates[cert_key] = {r.line, id};
    auto& rows = by_id[id];
    if (!rows.empty()) {
      std::string field = differing_field(rows.front().contractor, row->contractor);
      if (!field.empty()) {
        bad(field + " differs from line " + std::to_string(rows.front().line) +
            " for the same id (rows of one contractor must agree on its fields)");
        continue;
      }
    } else {
      order.push_back(id);
      first_line[id] = r.line;
    }
    rows.push_back(std::move(*row));
  }

  for (const auto& id : order) {
    auto& rows = by_id[id];
    if (rejected_ids.count(id)) {
      for (const auto& row : rows) {
        out.errors.push_back(RowError{row.line, id, "not imported: another row of this contractor was rejected"});
      }
      continue;
    }
    Contractor c = std::move(rows.front().contractor);
    for (auto& row : rows) c.accreditations.push_back(std::move(row.accreditation));
    out.contractors.push_back(std::move(c));
  }
  std::stable_sort(out.errors.begin(), out.errors.end(),
                   [](const RowError& a, const RowError& b) { return a.line < b.line; });
  return out;
}

}  // namespace mailsift::contacts
