#include "contacts/contractor.h"

#include <algorithm>
#include <cctype>

#include "core/strings.h"
#include "core/time.h"

namespace mailsift::contacts {

std::string_view registry_status_name(RegistryStatus status) {
  switch (status) {
    case RegistryStatus::kValid:
      return "valid";
    case RegistryStatus::kSuspended:
      return "suspended";
    case RegistryStatus::kWithdrawn:
      return "withdrawn";
  }
  return "valid";
}

std::optional<RegistryStatus> parse_registry_status(std::string_view text) {
  std::string_view t = trim(text);
  if (iequals(t, "valid") || iequals(t, "active")) return RegistryStatus::kValid;
  if (iequals(t, "suspended")) return RegistryStatus::kSuspended;
  if (iequals(t, "withdrawn")) return RegistryStatus::kWithdrawn;
  return std::nullopt;
}

std::string_view expiry_name(Expiry expiry) {
  switch (expiry) {
    case Expiry::kValid:
      return "valid";
    case Expiry::kExpiring:
      return "expiring";
    case Expiry::kExpired:
      return "expired";
  }
  return "valid";
}

std::string_view status_filter_name(StatusFilter filter) {
  switch (filter) {
    case StatusFilter::kValid:
      return "valid";
    case StatusFilter::kExpiring:
      return "expiring";
    case StatusFilter::kExpired:
      return "expired";
    case StatusFilter::kSuspended:
      return "suspended";
    case StatusFilter::kWithdrawn:
      return "withdrawn";
  }
  return "valid";
}

Result<StatusFilter> parse_status_filter(std::string_view text) {
  std::string_view t = trim(text);
  for (StatusFilter f : {StatusFilter::kValid, StatusFilter::kExpiring, StatusFilter::kExpired,
                         StatusFilter::kSuspended, StatusFilter::kWithdrawn}) {
    if (iequals(t, status_filter_name(f))) return f;
  }
  return fail(Code::kInvalidArgument, "unknown status '" + std::string(t) + "'",
              "use valid, expiring (ends within 30 days), expired, suspended or withdrawn");
}

Result<Day> parse_day(std::string_view text) {
  std::string_view t = trim(text);
  auto bad = [&] {
    return fail(Code::kInvalidArgument, "'" + std::string(t) + "' is not a date", "write dates as YYYY-MM-DD");
  };
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return bad();
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(t[i]))) return bad();
  }
  int y = std::stoi(std::string(t.substr(0, 4)));
  int m = std::stoi(std::string(t.substr(5, 2)));
  int d = std::stoi(std::string(t.substr(8, 2)));
  if (m < 1 || m > 12 || d < 1 || d > 31) return bad();
  Day day = unix_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)) / 86400;
  if (format_day(day) != t) return bad();  // 2026-02-30 and the like
  return day;
}

std::string format_day(Day day) {
  return format_iso8601(day * 86400).substr(0, 10);
}

Day day_of(UnixTime t) {
  return t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
}

Expiry Accreditation::expiry(Day today) const {
  if (expires < today) return Expiry::kExpired;
  if (expires - today <= kExpiringDays) return Expiry::kExpiring;
  return Expiry::kValid;
}

bool Accreditation::matches(StatusFilter filter, Day today) const {
  switch (filter) {
    case StatusFilter::kValid:
      return status == RegistryStatus::kValid && expiry(today) == Expiry::kValid;
    case StatusFilter::kExpiring:
      return status == RegistryStatus::kValid && expiry(today) == Expiry::kExpiring;
    case StatusFilter::kExpired:
      return expiry(today) == Expiry::kExpired;
    case StatusFilter::kSuspended:
      return status == RegistryStatus::kSuspended;
    case StatusFilter::kWithdrawn:
      return status == RegistryStatus::kWithdrawn;
  }
  return false;
}

std::string Accreditation::standing(Day today) const {
  Expiry e = expiry(today);
  if (e == Expiry::kExpired) return "expired";
  if (status != RegistryStatus::kValid) return std::string(registry_status_name(status));
  return std::string(expiry_name(e));
}

std::vector<std::string> Contractor::notes() const {
  std::vector<std::string> out;
  for (const auto& a : accreditations) {
    if (!a.notes.empty() && std::find(out.begin(), out.end(), a.notes) == out.end()) out.push_back(a.notes);
  }
  return out;
}

const std::vector<std::string>& known_schemes() {
  static const std::vector<std::string> kSchemes = {"NERS", "GIRS",          "WIRS", "Constructionline",
                                                    "CHAS", "SafeContractor"};
  return kSchemes;
}

std::string canonical_scheme(std::string_view text) {
  std::string key;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  for (const auto& s : known_schemes()) {
    if (key == to_lower(s)) return s;
  }
  if (key == "cl") return "Constructionline";
  if (key == "safecontractors" || key == "alcumussafecontractor") return "SafeContractor";
  return std::string(trim(text));
}

nlohmann::json to_json(const Accreditation& a, Day today) {
  nlohmann::json j = {
      {"scheme", a.scheme},
      {"certificate", a.certificate},
      {"scopes", a.scopes},
      {"status", registry_status_name(a.status)},
      {"issued", a.issued ? nlohmann::json(format_day(*a.issued)) : nlohmann::json(nullptr)},
      {"expires", format_day(a.expires)},
      {"expiry", expiry_name(a.expiry(today))},
      {"standing", a.standing(today)},
      {"days_left", a.days_left(today)},
  };
  if (!a.notes.empty()) j["notes"] = a.notes;
  return j;
}

nlohmann::json to_json(const Contractor& c, Day today) {
  nlohmann::json accs = nlohmann::json::array();
  for (const auto& a : c.accreditations) accs.push_back(to_json(a, today));
  return {
      {"id", c.id},
      {"name", c.name},
      {"trading_names", c.trading_names},
      {"email_domains", c.email_domains},
      {"contact_emails", c.contact_emails},
      {"phone", c.phone},
      {"address", c.address},
      {"regions", c.regions},
      {"accreditations", accs},
      {"notes", c.notes()},
  };
}

}  // namespace mailsift::contacts
