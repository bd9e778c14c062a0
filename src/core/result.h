// Result<T> and Error: how every fallible mailsift function reports failure.
//
// Result<T> is tl::expected<T, Error> (g++ 12 has no std::expected). This header is the only
// place that names tl::; everything else spells Result<T>, ok(), fail(...) and Unexpected.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <tl/expected.hpp>

namespace mailsift {

// A small closed set of error kinds. The CLI maps each to an exit status in one place
// (src/cli/main.cc); adapters choose the kind that tells the caller what to do next.
enum class Code {
  kInvalidArgument,  // the caller (often a user) gave something malformed: fix the input
  kNotFound,         // the thing asked for does not exist
  kAlreadyExists,
  kParse,            // input data (an email, a file, a response) could not be understood
  kTooLarge,         // input over a configured limit
  kIo,               // file system or database failure
  kUnavailable,      // a remote service failed or timed out; retrying may help
  kPermission,       // authentication or authorisation failed
  kCancelled,
  kInternal,         // a bug: an invariant did not hold
};

std::string_view code_name(Code code);

struct Error {
  Code code = Code::kInternal;
  std::string message;  // what went wrong, one line, no secrets
  std::string hint;     // optional: what the user can do about it

  // "message (hint)" or just the message.
  std::string to_string() const;
};

template <typename T>
using Result = tl::expected<T, Error>;
using Unexpected = tl::unexpected<Error>;

inline Unexpected fail(Code code, std::string message, std::string hint = {}) {
  return Unexpected(Error{code, std::move(message), std::move(hint)});
}
inline Unexpected fail(Error error) { return Unexpected(std::move(error)); }

// The success value of a Result<void>.
inline Result<void> ok() { return {}; }

}  // namespace mailsift

// Propagates the error of a Result-returning expression, else yields its value.
// Uses a GNU statement expression (g++ and clang); keeps call sites free of boilerplate.
#define MAILSIFT_TRY(expr)                                                   \
  __extension__({                                                                    \
    auto _mailsift_r = (expr);                                               \
    if (!_mailsift_r) return ::mailsift::Unexpected(std::move(_mailsift_r).error()); \
    std::move(_mailsift_r).value();                                          \
  })

#define MAILSIFT_TRY_VOID(expr)                                              \
  do {                                                                       \
    auto _mailsift_r = (expr);                                               \
    if (!_mailsift_r) return ::mailsift::Unexpected(std::move(_mailsift_r).error()); \
  } while (0)
