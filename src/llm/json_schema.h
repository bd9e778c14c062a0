// A JSON Schema validator for the subset real tool and output schemas use: type (one name or a
// list; "integer" accepts whole numbers), enum, const, properties, required,
// additionalProperties (false or a schema), items, minimum / maximum (and the exclusive forms),
// minLength / maxLength (in code points), minItems / maxItems, anyOf. Other keywords are
// ignored, so a schema written for a provider still validates what it can.
//
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "llm/json_util.h"

namespace mailsift::llm {

struct SchemaViolation {
  std::string path;     // JSON Pointer to the offending value, "" for the root
  std::string message;  // "expected string, got number"
};

// Every violation found (stops after `max_errors`); empty when the value is valid.
std::vector<SchemaViolation> schema_violations(const Json& schema, const Json& value, size_t max_errors = 10);

// Errors: kInvalidArgument with up to three violations in the message, each as
// "<path>: <message>" (the root is "/") — worded so that it can be fed back to a model.
Result<void> validate_json(const Json& schema, const Json& value);

}  // namespace mailsift::llm
