// The contractor registry's vocabulary: a contractor, its accreditations, and how an
// accreditation's standing is worked out on a given day. Plain data and pure functions.
//
// An accreditation carries two independent facts:
//   - the registry status the scheme gave it: valid (in force), suspended or withdrawn;
//   - its dates, from which expiry() computes valid / expiring (ends within 30 days) / expired
//     relative to a day passed in by the caller. Nothing date-derived is ever stored, so it
//     cannot go stale.
// Dates are civil days "YYYY-MM-DD"; an accreditation is in force through its expiry day.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "core/types.h"

namespace mailsift::contacts {

// "Expiring" means ending within this many days (inclusive).
inline constexpr int kExpiringDays = 30;

enum class RegistryStatus { kValid, kSuspended, kWithdrawn };
std::string_view registry_status_name(RegistryStatus status);  // "valid", "suspended", "withdrawn"
// Accepts the names above and "active" (= valid), any case.
std::optional<RegistryStatus> parse_registry_status(std::string_view text);

enum class Expiry { kValid, kExpiring, kExpired };
std::string_view expiry_name(Expiry expiry);  // "valid", "expiring", "expired"

// What `contractors search --status` filters on. valid and expiring require the registry status
// valid (in force); expired is by date whatever the registry status; suspended and withdrawn
// are the registry status whatever the dates.
enum class StatusFilter { kValid, kExpiring, kExpired, kSuspended, kWithdrawn };
std::string_view status_filter_name(StatusFilter filter);
// Errors: kInvalidArgument listing the accepted values.
Result<StatusFilter> parse_status_filter(std::string_view text);

// A civil day as days since 1970-01-01 (UTC), and back.
using Day = int64_t;
// Errors: kInvalidArgument unless text is a real date written YYYY-MM-DD.
Result<Day> parse_day(std::string_view text);
std::string format_day(Day day);
Day day_of(UnixTime t);

struct Accreditation {
  int64_t id = 0;      // registry row id (assigned on import; 0 before)
  std::string scheme;  // canonical scheme code (canonical_scheme)
  std::string certificate;
  std::vector<std::string> scopes;
  RegistryStatus status = RegistryStatus::kValid;
  std::optional<Day> issued;
  Day expires = 0;
  std::string notes;

  Expiry expiry(Day today) const;
  int64_t days_left(Day today) const { return expires - today; }  // negative once expired
  bool matches(StatusFilter filter, Day today) const;
  // One word for people: "expired" once the date passed, else the registry status when it is not
  // valid, else "expiring" / "valid".
  std::string standing(Day today) const;
};

struct Contractor {
  std::string id;  // e.g. "CTR-0007"
  std::string name;
  std::vector<std::string> trading_names;
  std::vector<std::string> email_domains;   // lower-case
  std::vector<std::string> contact_emails;  // lower-case
  std::string phone;
  std::string address;
  std::vector<std::string> regions;  // canonical region names (regions.h)
  std::vector<Accreditation> accreditations;

  // Distinct accreditation notes, in order (registry files carry notes per accreditation row).
  std::vector<std::string> notes() const;
};

// The schemes mailsift knows, by code: NERS, GIRS, WIRS, Constructionline, CHAS, SafeContractor.
const std::vector<std::string>& known_schemes();
// The known code spelled as canonical ("ners" -> "NERS", "safe contractor" -> "SafeContractor",
// "CL" -> "Constructionline"), else the input trimmed (registries may use other schemes).
std::string canonical_scheme(std::string_view text);

// JSON views shared by the CLI (--json), the HTTP API and the chat tools. `today` fills in the
// computed expiry fields: expiry, standing, days_left.
nlohmann::json to_json(const Accreditation& a, Day today);
nlohmann::json to_json(const Contractor& c, Day today);

}  // namespace mailsift::contacts
