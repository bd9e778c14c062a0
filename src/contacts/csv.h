// A small RFC 4180 CSV reader for the registry and directory files: a header row, quoted fields
// with doubled quotes and embedded newlines, CRLF or LF line endings, and an optional UTF-8
// byte-order mark. Each record keeps the line number it starts on, so importers can report
// errors by line. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace mailsift::contacts {

struct CsvRecord {
  int line = 0;                     // 1-based line where the record starts
  std::vector<std::string> fields;  // unquoted
};

struct CsvFile {
  CsvRecord header;
  std::vector<CsvRecord> rows;  // blank lines skipped
};

// Errors: kParse for a quote that is never closed (naming its line) or an empty input.
// Does not check field counts or UTF-8: that is the importer's job, row by row.
Result<CsvFile> parse_csv(std::string_view text);

// Removes a leading UTF-8 byte-order mark.
std::string_view strip_bom(std::string_view text);

// Splits a multi-valued field on ';', trims each value and drops empty ones.
std::vector<std::string> split_multi(std::string_view field);

}  // namespace mailsift::contacts
