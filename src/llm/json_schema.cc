#include "llm/json_schema.h"

#include <cmath>

#include "core/strings.h"

namespace mailsift::llm {

namespace {

std::string type_of(const Json& v) {
  if (v.is_null()) return "null";
  if (v.is_boolean()) return "boolean";
  if (v.is_number_integer() || v.is_number_unsigned()) return "integer";
  if (v.is_number()) return "number";
  if (v.is_string()) return "string";
  if (v.is_array()) return "array";
  return "object";
}

bool has_type(const Json& v, std::string_view type) {
  if (type == "null") return v.is_null();
  if (type == "boolean") return v.is_boolean();
  if (type == "number") return v.is_number();
  if (type == "integer") {
    if (v.is_number_integer() || v.is_number_unsigned()) return true;
    if (v.is_number_float()) {
      double d = v.get<double>();
      return std::isfinite(d) && std::floor(d) == d;
    }
    return false;
  }
  if (type == "string") return v.is_string();
  if (type == "array") return v.is_array();
  if (type == "object") return v.is_object();
  return true;  // unknown type names do not constrain
}

size_t code_points(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string escape_pointer(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string brief(const Json& v) {
  std::string s = dump_json(v);
  return s.size() > 40 ? s.substr(0, 40) + "..." : s;
}

class Validator {
 public:
  explicit Validator(size_t max_errors) : max_(max_errors) {}

  void check(const Json& schema, const Json& value, const std::string& path) {
    if (full() || !schema.is_object()) return;  // true / {} / non-schemas accept anything
    if (const Json* type = member(schema, "type")) {
      bool ok = false;
      std::string names;
      if (type->is_string()) {
        ok = has_type(value, type->get<std::string>());
        names = type->get<std::string>();
      } else if (type->is_array()) {
        for (const auto& t : *type) {
          if (!t.is_string()) continue;
          if (has_type(value, t.get<std::string>())) ok = true;
          names += (names.empty() ? "" : " or ") + t.get<std::string>();
        }
      } else {
        ok = true;
      }
      if (!ok) {
        add(path, "expected " + names + ", got " + type_of(value));
        return;  // other keywords would only add noise
      }
    }
    if (const Json* e = member(schema, "enum"); e && e->is_array()) {
      bool found = false;
      for (const auto& option : *e) found = found || option == value;
      if (!found) {
        std::vector<std::string> options;
        for (const auto& option : *e) options.push_back(dump_json(option));
        add(path, "must be one of " + join(options, ", ") + ", got " + brief(value));
      }
    }
    if (const Json* c = member(schema, "const"); c && *c != value) add(path, "must be " + dump_json(*c));
    if (const Json* any = member(schema, "anyOf"); any && any->is_array() && !any->empty()) {
      bool matched = false;
      for (const auto& alternative : *any) {
        Validator sub(1);
        sub.check(alternative, value, path);
        if (sub.errors_.empty()) {
          matched = true;
          break;
        }
      }
      if (!matched) add(path, "matches none of the allowed forms");
    }
    if (value.is_number()) check_number(schema, value, path);
    if (value.is_string()) check_string(schema, value.get<std::string>(), path);
    if (value.is_array()) check_array(schema, value, path);
    if (value.is_object()) check_object(schema, value, path);
  }

  std::vector<SchemaViolation> errors_;

 private:
  bool full() const { return errors_.size() >= max_; }
  void add(const std::string& path, std::string message) {
    if (!full()) errors_.push_back({path, std::move(message)});
  }

  void check_number(const Json& schema, const Json& value, const std::string& path) {
    double v = value.get<double>();
    auto num = [&](const char* key) -> const Json* {
      const Json* m = member(schema, key);
      return (m && m->is_number()) ? m : nullptr;
    };
    if (const Json* m = num("minimum"); m && v < m->get<double>()) add(path, "must be >= " + dump_json(*m));
    if (const Json* m = num("maximum"); m && v > m->get<double>()) add(path, "must be <= " + dump_json(*m));
    if (const Json* m = num("exclusiveMinimum"); m && v <= m->get<double>()) add(path, "must be > " + dump_json(*m));
    if (const Json* m = num("exclusiveMaximum"); m && v >= m->get<double>()) add(path, "must be < " + dump_json(*m));
  }

  void check_string(const Json& schema, const std::string& s, const std::string& path) {
    int64_t min = int_member(schema, "minLength", -1);
    int64_t max = int_member(schema, "maxLength", -1);
    size_t n = code_points(s);
    if (min >= 0 && n < static_cast<size_t>(min))
      add(path, "must be at least " + std::to_string(min) + " characters long");
    if (max >= 0 && n > static_cast<size_t>(max))
      add(path, "must be at most " + std::to_string(max) + " characters long");
  }

  void check_array(const Json& schema, const Json& value, const std::string& path) {
    int64_t min = int_member(schema, "minItems", -1);
    int64_t max = int_member(schema, "maxItems", -1);
    if (min >= 0 && value.size() < static_cast<size_t>(min))
      add(path, "must have at least " + std::to_string(min) + " items");
    if (max >= 0 && value.size() > static_cast<size_t>(max))
      add(path, "must have at most " + std::to_string(max) + " items");
    if (const Json* items = member(schema, "items"); items && items->is_object()) {
      for (size_t i = 0; i < value.size() && !full(); ++i) check(*items, value[i], path + "/" + std::to_string(i));
    }
  }

  void check_object(const Json& schema, const Json& value, const std::string& path) {
    const Json* props = member(schema, "properties");
    if (const Json* req = member(schema, "required"); req && req->is_array()) {
      for (const auto& name : *req) {
        if (name.is_string() && !value.contains(name.get<std::string>())) {
          add(path, "missing required property \"" + name.get<std::string>() + "\"");
        }
      }
    }
    const Json* additional = member(schema, "additionalProperties");
    for (auto it = value.begin(); it != value.end() && !full(); ++it) {
      std::string child = path + "/" + escape_pointer(it.key());
      const Json* sub = props ? member(*props, it.key()) : nullptr;
      if (sub) {
        check(*sub, it.value(), child);
      } else if (additional && additional->is_boolean() && !additional->get<bool>()) {
        add(path, "unexpected property \"" + it.key() + "\"");
      } else if (additional && additional->is_object()) {
        check(*additional, it.value(), child);
      }
    }
  }

  size_t max_;
};

}  // namespace

std::vector<SchemaViolation> schema_violations(const Json& schema, const Json& value, size_t max_errors) {
  Validator v(max_errors);
  try {
    v.check(schema, value, "");
  } catch (const Json::exception&) {
    v.errors_.push_back({"", "the schema could not be applied"});
  }
  return v.errors_;
}

Result<void> validate_json(const Json& schema, const Json& value) {
  auto errors = schema_violations(schema, value, 3);
  if (errors.empty()) return ok();
  std::vector<std::string> parts;
  for (const auto& e : errors) parts.push_back((e.path.empty() ? "/" : e.path) + ": " + e.message);
  return fail(Code::kInvalidArgument, join(parts, "; "));
}

}  // namespace mailsift::llm
