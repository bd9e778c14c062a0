#include "contacts/directory.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "contacts/csv.h"
#include "core/strings.h"

namespace mailsift::contacts {

namespace {

struct RawUser {
  int line = 0;
  std::string error;  // set when the row could not be read at all
  std::string id, name, organisation, role, addresses;
};

Result<std::vector<RawUser>> read_csv(std::string_view text, std::vector<std::string>& warnings) {
  CsvFile csv = MAILSIFT_TRY(parse_csv(text));
  std::vector<std::string> header;
  for (const auto& h : csv.header.fields) header.push_back(to_lower(trim(h)));
  const std::vector<std::string> known = {"id", "name", "organisation", "role", "addresses"};
  for (const char* req : {"id", "name", "addresses"}) {
    if (std::find(header.begin(), header.end(), req) == header.end()) {
      return fail(Code::kParse, std::string("the header has no '") + req + "' column",
                  "the columns are: id,name,organisation,role,addresses");
    }
  }
  for (const auto& h : header) {
    if (std::find(known.begin(), known.end(), h) == known.end()) {
      warnings.push_back("column '" + h + "' is not a directory column: ignored");
    }
  }
  std::vector<RawUser> out;
  for (const auto& rec : csv.rows) {
    RawUser u;
    u.line = rec.line;
    if (rec.fields.size() != header.size()) {
      u.error = "has " + std::to_string(rec.fields.size()) + " fields, the header has " + std::to_string(header.size());
    } else {
      for (size_t i = 0; i < header.size(); ++i) {
        const std::string& v = rec.fields[i];
        if (header[i] == "id")
          u.id = v;
        else if (header[i] == "name")
          u.name = v;
        else if (header[i] == "organisation")
          u.organisation = v;
        else if (header[i] == "role")
          u.role = v;
        else if (header[i] == "addresses")
          u.addresses = v;
      }
    }
    out.push_back(std::move(u));
  }
  return out;
}

Result<std::vector<RawUser>> read_json(std::string_view text) {
  nlohmann::json doc = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (doc.is_discarded()) return fail(Code::kParse, "not valid JSON");
  if (doc.is_object() && doc.contains("users")) doc = doc["users"];
  if (!doc.is_array()) return fail(Code::kParse, "a JSON directory is an array of users (or {\"users\": [...]})");
  std::vector<int> lines = json_element_lines(text);
  std::vector<RawUser> out;
  for (size_t i = 0; i < doc.size(); ++i) {
    RawUser u;
    u.line = i < lines.size() ? lines[i] : 0;
    const auto& el = doc[i];
    if (!el.is_object()) {
      u.error = "element " + std::to_string(i + 1) + " is not an object";
      out.push_back(std::move(u));
      continue;
    }
    auto text_of = [&](const char* key, std::string& dst) {
      if (!el.contains(key) || el[key].is_null()) return;
      const auto& v = el[key];
      if (v.is_string()) {
        dst = v.get<std::string>();
      } else if (v.is_array() && std::all_of(v.begin(), v.end(), [](const auto& e) { return e.is_string(); })) {
        std::vector<std::string> parts;
        for (const auto& e : v) parts.push_back(e.get<std::string>());
        dst = join(parts, ";");
      } else {
        u.error = std::string(key) + " must be a string or an array of strings";
      }
    };
    text_of("id", u.id);
    text_of("name", u.name);
    text_of("organisation", u.organisation);
    text_of("role", u.role);
    text_of("addresses", u.addresses);
    out.push_back(std::move(u));
  }
  return out;
}

std::string read_whole(const std::string& path, bool& ok_out) {
  std::ifstream in(path, std::ios::binary);
  ok_out = static_cast<bool>(in);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Result<ParsedDirectory> parse_directory(std::string_view input, FileFormat format) {
  std::string_view text = strip_bom(input);
  if (format == FileFormat::kAuto) {
    std::string_view t = trim(text);
    format = (!t.empty() && (t.front() == '[' || t.front() == '{')) ? FileFormat::kJson : FileFormat::kCsv;
  }
  ParsedDirectory out;
  std::vector<RawUser> raw =
      format == FileFormat::kJson ? MAILSIFT_TRY(read_json(text)) : MAILSIFT_TRY(read_csv(text, out.warnings));
  std::map<std::string, int> ids, addresses;  // -> line
  for (auto& r : raw) {
    std::string id(trim(r.id));
    auto bad = [&](std::string reason) { out.errors.push_back(RowError{r.line, id, std::move(reason)}); };
    if (!r.error.empty()) {
      bad(r.error);
      continue;
    }
    if (r.id.empty() && r.name.empty() && r.addresses.empty() && r.organisation.empty() && r.role.empty()) continue;
    bool utf8 = true;
    for (const auto* v : {&r.id, &r.name, &r.organisation, &r.role, &r.addresses}) utf8 = utf8 && is_valid_utf8(*v);
    if (!utf8) {
      bad("not valid UTF-8");
      continue;
    }
    DirectoryUser u;
    u.id = id;
    u.name = collapse_whitespace(r.name);
    u.organisation = collapse_whitespace(r.organisation);
    u.role = collapse_whitespace(r.role);
    if (u.id.empty()) {
      bad("id is empty");
      continue;
    }
    if (u.name.empty()) {
      bad("name is empty");
      continue;
    }
    if (auto it = ids.find(to_lower(u.id)); it != ids.end()) {
      bad("id " + u.id + " is already on line " + std::to_string(it->second));
      continue;
    }
    std::string problem;
    for (const auto& a : split_multi(r.addresses)) {
      auto e = normalize_email(a);
      if (!e) {
        problem = e.error().message;
        break;
      }
      if (auto it = addresses.find(*e); it != addresses.end()) {
        problem = "address " + *e + " is already on line " + std::to_string(it->second);
        break;
      }
      if (std::find(u.addresses.begin(), u.addresses.end(), *e) == u.addresses.end()) u.addresses.push_back(*e);
    }
    if (problem.empty() && u.addresses.empty()) problem = "no address";
    if (!problem.empty()) {
      bad(problem);
      continue;
    }
    ids[to_lower(u.id)] = r.line;
    for (const auto& a : u.addresses) addresses[a] = r.line;
    out.users.push_back(std::move(u));
  }
  return out;
}

nlohmann::json directory_to_json(const std::vector<DirectoryUser>& users) {
  nlohmann::json arr = nlohmann::json::array();
  for (const auto& u : users) {
    arr.push_back({{"id", u.id},
                   {"name", u.name},
                   {"organisation", u.organisation},
                   {"role", u.role},
                   {"addresses", u.addresses}});
  }
  return {{"users", arr}};
}

FileDirectory::FileDirectory(std::vector<DirectoryUser> users, std::string own_organisation, std::string source)
    : users_(std::move(users)), own_organisation_(std::move(own_organisation)), source_(std::move(source)) {
  for (size_t i = 0; i < users_.size(); ++i) {
    for (const auto& a : users_[i].addresses) by_address_.emplace(to_lower(a), i);
  }
  if (own_organisation_.empty()) {
    // The organisation with the most accounts; the first listed wins a tie.
    std::vector<std::pair<std::string, int>> counts;
    for (const auto& u : users_) {
      if (u.organisation.empty()) continue;
      auto it = std::find_if(counts.begin(), counts.end(), [&](const auto& c) { return c.first == u.organisation; });
      if (it == counts.end())
        counts.emplace_back(u.organisation, 1);
      else
        ++it->second;
    }
    int best = 0;
    for (const auto& [org, n] : counts) {
      if (n > best) {
        best = n;
        own_organisation_ = org;
      }
    }
  }
}

Result<std::unique_ptr<FileDirectory>> FileDirectory::open(const std::string& path, std::string own_organisation) {
  bool readable = false;
  std::string text = read_whole(path, readable);
  if (!readable) return fail(Code::kIo, "cannot read the directory file " + path);
  FileFormat format = FileFormat::kAuto;
  if (path.ends_with(".json")) format = FileFormat::kJson;
  if (path.ends_with(".csv")) format = FileFormat::kCsv;
  auto parsed = parse_directory(text, format);
  if (!parsed) return fail(parsed.error().code, path + ": " + parsed.error().message, parsed.error().hint);
  if (!parsed->errors.empty()) {
    std::vector<std::string> first;
    for (size_t i = 0; i < parsed->errors.size() && i < 5; ++i) first.push_back(parsed->errors[i].to_string());
    return fail(Code::kParse,
                path + ": " + std::to_string(parsed->errors.size()) + " invalid row(s): " + join(first, "; "),
                "fix the file, or re-import it with `mailsift directory import FILE`");
  }
  std::string name = std::filesystem::path(path).filename().string();
  return std::unique_ptr<FileDirectory>(
      new FileDirectory(std::move(parsed->users), std::move(own_organisation), "file " + name));
}

std::unique_ptr<FileDirectory> FileDirectory::from_users(std::vector<DirectoryUser> users, std::string own_organisation,
                                                         std::string source) {
  return std::unique_ptr<FileDirectory>(
      new FileDirectory(std::move(users), std::move(own_organisation), std::move(source)));
}

Result<std::optional<DirectoryUser>> FileDirectory::find_by_address(std::string_view address) {
  auto it = by_address_.find(to_lower(trim(address)));
  if (it == by_address_.end()) return std::optional<DirectoryUser>{};
  return std::optional<DirectoryUser>(users_[it->second]);
}

Result<std::vector<std::string>> FileDirectory::own_domains() {
  std::vector<std::string> out;
  for (const auto& u : users_) {
    if (own_organisation_.empty() || u.organisation != own_organisation_) continue;
    for (const auto& a : u.addresses) {
      std::string d = a.substr(a.rfind('@') + 1);
      if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
    }
  }
  return out;
}

std::string FileDirectory::describe() const {
  return source_ + " (" + std::to_string(users_.size()) + " users" +
         (own_organisation_.empty() ? "" : ", own organisation " + own_organisation_) + ")";
}

}  // namespace mailsift::contacts
