#include "classify/model.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/strings.h"

namespace mailsift::classify {

namespace {

constexpr std::string_view kMagic = "mailsift-linear-model";

uint64_t slot_key(uint64_t id) { return id == 0 ? 1 : id; }

std::string format_number(double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::general, 4);
  return std::string(buf, r.ptr);
}

bool parse_number(std::string_view text, double& out) {
  auto r = std::from_chars(text.data(), text.data() + text.size(), out);
  return r.ec == std::errc() && r.ptr == text.data() + text.size() && std::isfinite(out);
}

Unexpected parse_error(size_t line, std::string_view what) {
  return fail(Code::kParse, "model line " + std::to_string(line) + ": " + std::string(what),
              "rebuild it with `mailsift train`");
}

}  // namespace

LinearModel::LinearModel(std::string id, std::vector<std::string> names, std::vector<ClassWeights> weights,
                         ClassScores bias, std::vector<std::pair<std::string, std::string>> meta)
    : id_(std::move(id)), names_(std::move(names)), weights_(std::move(weights)), bias_(bias), meta_(std::move(meta)) {
  size_t cap = 16;
  while (cap < names_.size() * 2) cap <<= 1;
  table_.assign(cap, {0, 0});
  mask_ = cap - 1;
  for (size_t i = 0; i < names_.size(); ++i) {
    const uint64_t key = slot_key(feature_id(names_[i]));
    uint64_t s = key & mask_;
    while (table_[s].second != 0 && table_[s].first != key) s = (s + 1) & mask_;
    table_[s] = {key, static_cast<uint32_t>(i + 1)};
  }
}

int64_t LinearModel::find(uint64_t feature_id) const {
  const uint64_t key = slot_key(feature_id);
  uint64_t s = key & mask_;
  while (true) {
    const auto& slot = table_[s];
    if (slot.second == 0) return -1;
    if (slot.first == key) return static_cast<int64_t>(slot.second) - 1;
    s = (s + 1) & mask_;
  }
}

std::string LinearModel::meta_value(std::string_view key) const {
  for (const auto& [k, v] : meta_) {
    if (k == key) return v;
  }
  return {};
}

Scored LinearModel::score(const FeatureBag& bag, size_t max_reasons, const ClassScores* extra,
                          std::string_view extra_reason) const {
  // Per-thread scratch: which features this call has counted (a stamp per feature index), and
  // the features that matched, for the reasons.
  thread_local std::vector<uint32_t> stamps;
  thread_local uint32_t stamp = 0;
  thread_local std::vector<std::pair<uint32_t, float>> hits;
  if (stamps.size() < names_.size()) stamps.resize(names_.size(), 0);
  if (++stamp == 0) {
    std::fill(stamps.begin(), stamps.end(), 0);
    stamp = 1;
  }
  hits.clear();
  ClassScores logits = bias_;
  for (const Feature& f : bag.features) {
    const int64_t found = find(f.id);
    if (found < 0) continue;
    const auto idx = static_cast<uint32_t>(found);
    if (stamps[idx] == stamp) continue;
    stamps[idx] = stamp;
    const ClassWeights& w = weights_[idx];
    for (size_t c = 0; c < kClasses; ++c) logits[c] += static_cast<double>(f.value) * w[c];
    hits.emplace_back(idx, f.value);
  }
  if (extra) {
    for (size_t c = 0; c < kClasses; ++c) logits[c] += (*extra)[c];
  }

  Scored out;
  const double top = *std::max_element(logits.begin(), logits.end());
  double sum = 0;
  for (size_t c = 0; c < kClasses; ++c) sum += out.probabilities[c] = std::exp(logits[c] - top);
  size_t best = 0;
  for (size_t c = 0; c < kClasses; ++c) {
    out.probabilities[c] /= sum;
    if (out.probabilities[c] > out.probabilities[best]) best = c;
  }
  size_t second = best == 0 ? 1 : 0;
  for (size_t c = 0; c < kClasses; ++c) {
    if (c != best && out.probabilities[c] > out.probabilities[second]) second = c;
  }
  out.label = class_label(best);
  out.confidence = out.probabilities[best];

  // Reasons: what pushed the winner above the runner-up.
  std::vector<std::pair<double, int64_t>> contrib;  // (amount, feature index or -1 for extra)
  contrib.reserve(hits.size() + 1);
  for (const auto& [idx, value] : hits) {
    const ClassWeights& w = weights_[idx];
    const double amount = static_cast<double>(value) * (w[best] - w[second]);
    if (amount > 0) contrib.emplace_back(amount, idx);
  }
  if (extra && (*extra)[best] - (*extra)[second] > 0) contrib.emplace_back((*extra)[best] - (*extra)[second], -1);
  const size_t keep = std::min(max_reasons, contrib.size());
  std::partial_sort(contrib.begin(), contrib.begin() + static_cast<std::ptrdiff_t>(keep), contrib.end(),
                    [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); });
  for (size_t i = 0; i < keep; ++i) {
    const auto& [amount, idx] = contrib[i];
    std::string feature = idx < 0 ? std::string(extra_reason) : describe_feature(names_[static_cast<size_t>(idx)]);
    out.reasons.push_back({std::move(feature), std::round(amount * 100) / 100});
  }
  return out;
}

std::string LinearModel::serialize() const {
  std::string out;
  out.reserve(names_.size() * 32 + 256);
  out.append(kMagic).append("\t1\n");
  out.append("id\t").append(id_).append("\n");
  for (const auto& [k, v] : meta_) out.append("meta\t").append(k).append("\t").append(v).append("\n");
  out.append("classes");
  for (size_t c = 0; c < kClasses; ++c) out.append("\t").append(label_name(class_label(c)));
  out.append("\nbias");
  for (double b : bias_) out.append("\t").append(format_number(b));
  out.append("\nfeatures\t").append(std::to_string(names_.size())).append("\n");
  for (size_t i = 0; i < names_.size(); ++i) {
    out.append(names_[i]);
    for (float w : weights_[i]) out.append("\t").append(format_number(w));
    out.append("\n");
  }
  return out;
}

Result<std::shared_ptr<const LinearModel>> LinearModel::parse(std::string_view text) {
  std::string id;
  std::vector<std::pair<std::string, std::string>> meta;
  ClassScores bias{};
  std::vector<std::string> names;
  std::vector<ClassWeights> weights;
  size_t expected = 0, line_no = 0;
  bool header_done = false, seen_magic = false, seen_classes = false;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) continue;
    std::vector<std::string> f = split(line, '\t');
    if (!seen_magic) {
      if (f.size() != 2 || f[0] != kMagic || f[1] != "1") return parse_error(line_no, "not a mailsift model (version 1)");
      seen_magic = true;
    } else if (!header_done) {
      if (f[0] == "id" && f.size() == 2) {
        id = f[1];
      } else if (f[0] == "meta" && f.size() == 3) {
        meta.emplace_back(f[1], f[2]);
      } else if (f[0] == "classes" && f.size() == 1 + kClasses) {
        for (size_t c = 0; c < kClasses; ++c) {
          if (parse_label(f[c + 1]) != class_label(c)) return parse_error(line_no, "unexpected classes");
        }
        seen_classes = true;
      } else if (f[0] == "bias" && f.size() == 1 + kClasses) {
        for (size_t c = 0; c < kClasses; ++c) {
          if (!parse_number(f[c + 1], bias[c])) return parse_error(line_no, "bad bias");
        }
      } else if (f[0] == "features" && f.size() == 2) {
        double n = 0;
        if (!parse_number(f[1], n) || n < 0 || n > 1e8) return parse_error(line_no, "bad feature count");
        expected = static_cast<size_t>(n);
        names.reserve(expected);
        weights.reserve(expected);
        header_done = true;
      } else {
        return parse_error(line_no, "unknown header record '" + f[0] + "'");
      }
    } else {
      if (f.size() != 1 + kClasses || f[0].empty()) return parse_error(line_no, "expected NAME and 3 weights");
      ClassWeights w{};
      for (size_t c = 0; c < kClasses; ++c) {
        double v = 0;
        if (!parse_number(f[c + 1], v)) return parse_error(line_no, "bad weight");
        w[c] = static_cast<float>(v);
      }
      names.push_back(std::move(f[0]));
      weights.push_back(w);
    }
  }
  if (!header_done || !seen_classes || id.empty()) return parse_error(line_no, "incomplete header");
  if (names.size() != expected) {
    return parse_error(line_no, "expected " + std::to_string(expected) + " features, found " + std::to_string(names.size()));
  }
  return std::make_shared<const LinearModel>(std::move(id), std::move(names), std::move(weights), bias, std::move(meta));
}

Result<std::shared_ptr<const LinearModel>> LinearModel::load(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return fail(Code::kNotFound, "no model at " + path);
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Code::kIo, "cannot read " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  auto m = parse(buf.str());
  if (!m) return fail(m.error().code, path + ": " + m.error().message, m.error().hint);
  return m;
}

Result<void> LinearModel::save(const std::string& path) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path target(path);
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    const std::string text = serialize();
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    if (!out) return fail(Code::kIo, "cannot write " + tmp);
  }
  fs::rename(tmp, target, ec);
  if (ec) return fail(Code::kIo, "cannot replace " + path + ": " + ec.message());
  return ok();
}

}  // namespace mailsift::classify
