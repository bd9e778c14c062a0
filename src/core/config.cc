#include "core/config.h"

#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include <toml++/toml.h>

#include "core/strings.h"

namespace mailsift {

const std::vector<std::string>& Config::sections() {
  static const std::vector<std::string> kSections = {
      "llm", "embeddings", "classify", "search", "server", "privacy", "ingest", "store", "aws", "contacts", "chat"};
  return kSections;
}

namespace {
void flatten(const toml::table& table, const std::string& prefix, std::map<std::string, std::string>& out) {
  for (const auto& [k, node] : table) {
    std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    if (const auto* sub = node.as_table()) {
      flatten(*sub, key, out);
    } else if (const auto* arr = node.as_array()) {
      std::vector<std::string> items;
      for (const auto& item : *arr) {
        if (auto s = item.value<std::string>()) items.push_back(*s);
        else if (auto i = item.value<int64_t>()) items.push_back(std::to_string(*i));
        else if (auto d = item.value<double>()) items.push_back(std::to_string(*d));
      }
      out[key] = join(items, ",");
    } else if (auto s = node.value<std::string>()) {
      out[key] = *s;
    } else if (auto b = node.value<bool>(); node.is_boolean() && b) {
      out[key] = *b ? "true" : "false";
    } else if (auto i = node.value<int64_t>(); node.is_integer() && i) {
      out[key] = std::to_string(*i);
    } else if (auto d = node.value<double>()) {
      std::ostringstream os;
      os << *d;
      out[key] = os.str();
    }
  }
}
}  // namespace

Result<void> Config::load_file(const std::string& path, bool required) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (!required) return ok();
    return fail(Code::kIo, "cannot read the config file " + path, "check the path given to --config");
  }
  std::stringstream buf;
  buf << in.rdbuf();
  toml::table table;
  try {
    table = toml::parse(buf.str(), path);
  } catch (const toml::parse_error& err) {
    return fail(Code::kParse,
                path + ":" + std::to_string(err.source().begin.line) + ":" + std::to_string(err.source().begin.column) +
                    ": " + std::string(err.description()));
  }
  flatten(table, "", values_);
  files_.push_back(path);
  return ok();
}

void Config::load_env(char** environ_block) {
  if (!environ_block) return;
  for (char** e = environ_block; *e; ++e) {
    std::string_view kv(*e);
    if (!kv.starts_with("MAILSIFT_")) continue;
    auto eq = kv.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name = to_lower(kv.substr(9, eq - 9));
    std::string value(kv.substr(eq + 1));
    std::string key = name;
    for (const auto& section : sections()) {
      if (name.size() > section.size() + 1 && name.starts_with(section) && name[section.size()] == '_') {
        key = section + "." + name.substr(section.size() + 1);
        break;
      }
    }
    values_[key] = value;
  }
}

std::string Config::get(std::string_view key, std::string_view fallback) const {
  auto it = values_.find(std::string(key));
  return it == values_.end() ? std::string(fallback) : it->second;
}

Result<int64_t> Config::get_int(std::string_view key, int64_t fallback) const {
  auto it = values_.find(std::string(key));
  if (it == values_.end()) return fallback;
  std::string_view v = trim(it->second);
  int64_t out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size()) {
    return fail(Code::kInvalidArgument, "setting " + std::string(key) + " must be a whole number, not '" + it->second + "'");
  }
  return out;
}

Result<double> Config::get_double(std::string_view key, double fallback) const {
  auto it = values_.find(std::string(key));
  if (it == values_.end()) return fallback;
  std::string v(trim(it->second));
  char* end = nullptr;
  errno = 0;
  double out = std::strtod(v.c_str(), &end);
  if (v.empty() || errno != 0 || end != v.c_str() + v.size()) {
    return fail(Code::kInvalidArgument, "setting " + std::string(key) + " must be a number, not '" + it->second + "'");
  }
  return out;
}

Result<bool> Config::get_bool(std::string_view key, bool fallback) const {
  auto it = values_.find(std::string(key));
  if (it == values_.end()) return fallback;
  std::string v = to_lower(trim(it->second));
  if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
  if (v == "0" || v == "false" || v == "no" || v == "off") return false;
  return fail(Code::kInvalidArgument, "setting " + std::string(key) + " must be true or false, not '" + it->second + "'");
}

std::vector<std::string> Config::get_list(std::string_view key) const {
  std::vector<std::string> out;
  for (auto& item : split(get(key), ',', true)) {
    auto t = trim(item);
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

Result<uint64_t> parse_size(std::string_view text) {
  std::string t = to_lower(trim(text));
  uint64_t mult = 1;
  auto strip = [&](std::string_view suffix, uint64_t m) {
    if (t.size() > suffix.size() && t.ends_with(suffix)) {
      t.resize(t.size() - suffix.size());
      mult = m;
      return true;
    }
    return false;
  };
  strip("kib", 1024) || strip("mib", 1024ull * 1024) || strip("gib", 1024ull * 1024 * 1024) ||
      strip("kb", 1024) || strip("mb", 1024ull * 1024) || strip("gb", 1024ull * 1024 * 1024) ||
      strip("k", 1024) || strip("m", 1024ull * 1024) || strip("g", 1024ull * 1024 * 1024) || strip("b", 1);
  std::string_view num = trim(t);
  uint64_t n = 0;
  auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), n);
  if (num.empty() || ec != std::errc() || p != num.data() + num.size()) {
    return fail(Code::kInvalidArgument, "cannot read the size '" + std::string(text) + "'", "use e.g. 50MB, 512k or 1048576");
  }
  return n * mult;
}

}  // namespace mailsift
