#include "contacts/csv.h"

#include "core/strings.h"

namespace mailsift::contacts {

std::string_view strip_bom(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return text;
}

Result<CsvFile> parse_csv(std::string_view input) {
  std::string_view text = strip_bom(input);
  std::vector<CsvRecord> records;
  CsvRecord rec;
  std::string field;
  int line = 1;
  bool in_quotes = false;
  bool quoted_field = false;  // the current field started with a quote
  int quote_line = 0;
  bool record_started = false;

  auto end_field = [&] {
    rec.fields.push_back(std::move(field));
    field.clear();
    quoted_field = false;
  };
  auto end_record = [&] {
    end_field();
    // A blank line is one empty unquoted field: skip it.
    bool blank = rec.fields.size() == 1 && rec.fields[0].empty();
    if (!blank) records.push_back(std::move(rec));
    rec = CsvRecord{};
    record_started = false;
  };

  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (!record_started) {
      rec.line = line;
      record_started = true;
    }
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < text.size() && text[i + 1] == '"') {
          field += '"';
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field += c;
      }
      continue;
    }
    if (c == '"' && field.empty() && !quoted_field) {
      in_quotes = true;
      quoted_field = true;
      quote_line = line;
    } else if (c == ',') {
      end_field();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      // CRLF: the \n ends the record.
    } else if (c == '\n') {
      end_record();
      ++line;
    } else {
      field += c;  // includes a stray quote inside an unquoted field, kept as written
    }
  }
  if (in_quotes) {
    return fail(Code::kParse, "line " + std::to_string(quote_line) + ": a quoted field is never closed",
                "every \" that opens a field needs a closing \"; write a quote inside a field as \"\"");
  }
  if (record_started) end_record();
  if (records.empty()) return fail(Code::kParse, "the file is empty", "the first line must name the columns");
  CsvFile out;
  out.header = std::move(records.front());
  out.rows.assign(std::make_move_iterator(records.begin() + 1), std::make_move_iterator(records.end()));
  return out;
}

std::vector<std::string> split_multi(std::string_view field) {
  std::vector<std::string> out;
  for (const auto& part : split(field, ';')) {
    std::string_view t = trim(part);
    if (!t.empty()) out.emplace_back(t);
  }
  return out;
}

}  // namespace mailsift::contacts
