#include "classify/training_set.h"

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

#include "classify/local_classifier.h"
#include "classify/shipped_model.h"
#include "core/strings.h"
#include "store/compress.h"

namespace mailsift::classify {

namespace {

constexpr std::string_view kMagic = "mailsift-training-set";

bool is_text(std::string_view name) {
  if (name.starts_with("l.")) name.remove_prefix(2);
  return name.starts_with("s:") || name.starts_with("w:") || name.starts_with("b:");
}

char label_letter(Label l) { return label_name(l)[0]; }

std::optional<Label> letter_label(std::string_view s) {
  if (s == "B") return Label::kBusiness;
  if (s == "O") return Label::kOperational;
  if (s == "N") return Label::kNoise;
  return std::nullopt;
}

Unexpected bad(size_t line, std::string_view what) {
  return fail(Code::kParse, "training set line " + std::to_string(line) + ": " + std::string(what));
}

}  // namespace

std::string serialize_training_set(const LinearModel& model, const std::vector<Example>& examples) {
  std::map<std::string, size_t> sources;
  for (const auto& e : examples) sources.emplace(e.source, 0);
  std::string out;
  out.append(kMagic).append("\t1\nmodel\t").append(model.id()).append("\nsources");
  size_t k = 0;
  for (auto& [name, index] : sources) {
    index = k++;
    out.append("\t").append(name);
  }
  out.append("\nexamples\t").append(std::to_string(examples.size())).append("\n");
  for (const auto& e : examples) {
    std::vector<uint32_t> idx;
    float text_value = 0;
    for (size_t i = 0; i < e.names.size(); ++i) {
      const int64_t j = model.find(feature_id(e.names[i]));
      if (j < 0) continue;
      idx.push_back(static_cast<uint32_t>(j));
      if (is_text(e.names[i])) text_value = e.values[i];
    }
    std::sort(idx.begin(), idx.end());
    idx.erase(std::unique(idx.begin(), idx.end()), idx.end());
    char value[32];
    auto r = std::to_chars(value, value + sizeof value, text_value, std::chars_format::general, 6);
    out.push_back(label_letter(e.label));
    out.append("\t").append(std::to_string(sources[e.source])).append("\t").append(value, r.ptr).append("\t");
    uint32_t prev = 0;
    for (size_t i = 0; i < idx.size(); ++i) {
      if (i > 0) out.push_back(' ');
      out.append(std::to_string(i == 0 ? idx[i] : idx[i] - prev));
      prev = idx[i];
    }
    out.push_back('\n');
  }
  return store::compress(out, 19);
}

Result<std::vector<Example>> parse_training_set(std::string_view compressed, const LinearModel& model) {
  const std::string text = MAILSIFT_TRY(store::decompress(compressed));
  std::vector<std::string> sources;
  std::vector<Example> out;
  size_t pos = 0, line_no = 0, expected = 0;
  int header = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line.empty()) continue;
    auto f = split(line, '\t');
    if (header == 0) {
      if (f.size() != 2 || f[0] != kMagic || f[1] != "1") return bad(line_no, "not a mailsift training set (version 1)");
    } else if (header == 1) {
      if (f.size() != 2 || f[0] != "model") return bad(line_no, "expected the model id");
      if (f[1] != model.id()) {
        return fail(Code::kParse, "the training set belongs to model " + f[1] + ", not " + model.id(),
                    "rebuild both with `mailsift train --labels ...`");
      }
    } else if (header == 2) {
      if (f.empty() || f[0] != "sources") return bad(line_no, "expected the sources");
      sources.assign(f.begin() + 1, f.end());
    } else if (header == 3) {
      if (f.size() != 2 || f[0] != "examples") return bad(line_no, "expected the example count");
      expected = static_cast<size_t>(std::strtoull(f[1].c_str(), nullptr, 10));
      out.reserve(expected);
    }
    if (header < 4) {
      ++header;
      continue;
    }
    if (f.size() != 4) return bad(line_no, "expected LABEL, SOURCE, TEXT-VALUE and features");
    auto label = letter_label(f[0]);
    const size_t src = static_cast<size_t>(std::strtoull(f[1].c_str(), nullptr, 10));
    float text_value = 0;
    auto tv = std::from_chars(f[2].data(), f[2].data() + f[2].size(), text_value);
    if (!label || src >= sources.size() || tv.ec != std::errc()) return bad(line_no, "bad label, source or value");
    Example e;
    e.label = *label;
    e.source = sources[src];
    e.group = e.source;
    uint64_t index = 0;
    bool first = true;
    for (const auto& token : split(f[3], ' ', true)) {
      uint64_t v = 0;
      auto r = std::from_chars(token.data(), token.data() + token.size(), v);
      if (r.ec != std::errc() || r.ptr != token.data() + token.size()) return bad(line_no, "bad feature index");
      index = first ? v : index + v;
      first = false;
      if (index >= model.size()) return bad(line_no, "feature index out of range");
      const std::string& name = model.name(static_cast<size_t>(index));
      e.names.push_back(name);
      e.values.push_back(is_text(name) ? text_value : 1.0f);
    }
    out.push_back(std::move(e));
  }
  if (header < 4 || out.size() != expected) return fail(Code::kParse, "the training set is incomplete");
  return out;
}

Result<std::vector<Example>> shipped_training_set() {
  auto model = MAILSIFT_TRY(shipped_model());
  return parse_training_set(std::string_view(reinterpret_cast<const char*>(kShippedTraining), kShippedTrainingSize),
                            *model);
}

}  // namespace mailsift::classify
