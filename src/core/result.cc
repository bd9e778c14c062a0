#include "core/result.h"

namespace mailsift {

std::string_view code_name(Code code) {
  switch (code) {
    case Code::kInvalidArgument: return "invalid_argument";
    case Code::kNotFound: return "not_found";
    case Code::kAlreadyExists: return "already_exists";
    case Code::kParse: return "parse_error";
    case Code::kTooLarge: return "too_large";
    case Code::kIo: return "io_error";
    case Code::kUnavailable: return "unavailable";
    case Code::kPermission: return "permission_denied";
    case Code::kCancelled: return "cancelled";
    case Code::kInternal: return "internal";
  }
  return "internal";
}

std::string Error::to_string() const {
  if (hint.empty()) return message;
  return message + " (" + hint + ")";
}

}  // namespace mailsift
