#include "classify/evaluate.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "core/strings.h"
#include "mime/parser.h"

namespace fs = std::filesystem;

namespace mailsift::classify {

Result<std::vector<LabelledPath>> read_labels(const std::string& tsv_path, const std::string& root) {
  std::ifstream in(tsv_path, std::ios::binary);
  if (!in) return fail(Code::kIo, "cannot read " + tsv_path);
  const fs::path base = root.empty() ? fs::path(tsv_path).parent_path() : fs::path(root);
  std::vector<LabelledPath> out;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty() || line[0] == '#') continue;
    auto cols = split(line, '\t');
    if (cols.size() < 2) {
      return fail(Code::kParse, tsv_path + " line " + std::to_string(line_no) + ": expected PATH<TAB>CLASS",
                  "columns are tab-separated: path, class, then anything");
    }
    auto label = parse_label(trim(cols[1]));
    if (!label) {
      if (out.empty() && line_no == 1) continue;  // a header line
      return fail(Code::kParse,
                  tsv_path + " line " + std::to_string(line_no) + ": unknown class '" + std::string(trim(cols[1])) + "'",
                  "classes are BUSINESS, OPERATIONAL and NOISE");
    }
    LabelledPath p;
    p.relative = std::string(trim(cols[0]));
    fs::path rel(p.relative);
    p.path = rel.is_absolute() ? rel.string() : (base / rel).string();
    p.label = *label;
    out.push_back(std::move(p));
  }
  return out;
}

void Metrics::merge(const Metrics& other) {
  for (size_t t = 0; t < kClasses; ++t) {
    for (size_t p = 0; p < kClasses; ++p) confusion_[t][p] += other.confusion_[t][p];
  }
}

int64_t Metrics::total() const {
  int64_t n = 0;
  for (const auto& row : confusion_) {
    for (int64_t v : row) n += v;
  }
  return n;
}

int64_t Metrics::support(Label truth) const {
  int64_t n = 0;
  for (int64_t v : confusion_[class_index(truth)]) n += v;
  return n;
}

double Metrics::accuracy() const {
  const int64_t n = total();
  if (n == 0) return 0;
  int64_t right = 0;
  for (size_t c = 0; c < kClasses; ++c) right += confusion_[c][c];
  return static_cast<double>(right) / static_cast<double>(n);
}

double Metrics::precision(Label label) const {
  const size_t c = class_index(label);
  int64_t predicted = 0;
  for (size_t t = 0; t < kClasses; ++t) predicted += confusion_[t][c];
  return predicted == 0 ? 0 : static_cast<double>(confusion_[c][c]) / static_cast<double>(predicted);
}

double Metrics::recall(Label label) const {
  const int64_t s = support(label);
  return s == 0 ? 0 : static_cast<double>(confusion_[class_index(label)][class_index(label)]) / static_cast<double>(s);
}

double Metrics::f1(Label label) const {
  const double p = precision(label), r = recall(label);
  return p + r == 0 ? 0 : 2 * p * r / (p + r);
}

double Metrics::macro_f1() const {
  double sum = 0;
  int n = 0;
  for (size_t c = 0; c < kClasses; ++c) {
    int64_t predicted = 0;
    for (size_t t = 0; t < kClasses; ++t) predicted += confusion_[t][c];
    if (support(class_label(c)) == 0 && predicted == 0) continue;
    sum += f1(class_label(c));
    ++n;
  }
  return n == 0 ? 0 : sum / n;
}

std::string group_of(std::string_view path, const Email& email) {
  std::string p(path);
  for (char& c : p) {
    if (c == '\\') c = '/';
  }
  if (auto at = p.find("/maildir/"); at != std::string::npos) {
    auto start = at + 9;
    auto end = p.find('/', start);
    return "user:" + p.substr(start, end == std::string::npos ? std::string::npos : end - start);
  }
  return "from:" + email.primary_from().normalized();
}

std::vector<int> assign_folds(const std::vector<std::string>& groups, int k) {
  std::map<std::string, size_t> sizes;
  for (const auto& g : groups) ++sizes[g];
  std::vector<std::pair<std::string, size_t>> order(sizes.begin(), sizes.end());
  std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<size_t> load(static_cast<size_t>(std::max(k, 1)), 0);
  std::map<std::string, int> fold_of;
  for (const auto& [g, n] : order) {
    size_t best = 0;
    for (size_t f = 1; f < load.size(); ++f) {
      if (load[f] < load[best]) best = f;
    }
    load[best] += n;
    fold_of[g] = static_cast<int>(best);
  }
  std::vector<int> out;
  out.reserve(groups.size());
  for (const auto& g : groups) out.push_back(fold_of[g]);
  return out;
}

namespace {

Result<std::string> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Code::kIo, "cannot read");
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace

Result<ClassifierReport> evaluate_classifier(Classifier& classifier, const std::vector<LabelledPath>& files,
                                             const std::function<void(const Email&)>& on_email) {
  ClassifierReport report;
  for (const auto& f : files) {
    auto raw = read_bytes(f.path);
    if (!raw) {
      report.failures.push_back(f.relative + ": cannot read " + f.path);
      continue;
    }
    auto email = mime::parse_message(*raw);
    if (!email) {
      report.failures.push_back(f.relative + ": " + email.error().message);
      continue;
    }
    if (on_email) on_email(*email);
    const auto start = std::chrono::steady_clock::now();
    auto verdict = classifier.classify(*email);
    report.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!verdict) {
      report.failures.push_back(f.relative + ": classifier: " + verdict.error().to_string());
      continue;
    }
    report.metrics.add(f.label, verdict->label);
    if (verdict->decided_by == Decider::kLlm || verdict->fallback) ++report.sent_to_llm;
    if (verdict->fallback) ++report.fallbacks;
    if (verdict->decided_by == Decider::kRules) ++report.by_rules;
    if (verdict->label != f.label) report.mistakes.push_back({f.relative, f.label, std::move(*verdict)});
  }
  return report;
}

Result<LoadedSet> load_examples(const std::string& tsv_path, const std::string& root, const std::string& source,
                                const FeatureExtractor& extractor) {
  auto labels = MAILSIFT_TRY(read_labels(tsv_path, root));
  LoadedSet out;
  for (const auto& l : labels) {
    auto raw = read_bytes(l.path);
    if (!raw) {
      out.failures.push_back(l.relative + ": cannot read " + l.path);
      continue;
    }
    auto email = mime::parse_message(*raw);
    if (!email) {
      out.failures.push_back(l.relative + ": " + email.error().message);
      continue;
    }
    out.examples.push_back(make_example(extractor, *email, l.label, source, source + "/" + group_of(l.relative, *email)));
    out.paths.push_back(l.relative);
  }
  return out;
}

Result<Metrics> cross_validate(const std::vector<Example>& examples, int k, const TrainOptions& options) {
  if (k < 2) return fail(Code::kInvalidArgument, "cross-validation needs at least 2 folds");
  std::vector<std::string> groups;
  groups.reserve(examples.size());
  for (const auto& e : examples) groups.push_back(e.group);
  const std::vector<int> folds = assign_folds(groups, k);
  Metrics total;
  for (int f = 0; f < k; ++f) {
    std::vector<Example> train_set, test_set;
    for (size_t i = 0; i < examples.size(); ++i) (folds[i] == f ? test_set : train_set).push_back(examples[i]);
    if (test_set.empty()) continue;
    total.merge(MAILSIFT_TRY(train_and_test(train_set, test_set, options)));
  }
  return total;
}

Result<Metrics> train_and_test(const std::vector<Example>& train_set, const std::vector<Example>& test_set,
                               const TrainOptions& options) {
  auto model = MAILSIFT_TRY(train(train_set, options));
  Metrics m;
  for (const auto& e : test_set) m.add(e.label, score_example(*model, e).label);
  return m;
}

}  // namespace mailsift::classify
