#include "classify/train.h"

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "core/strings.h"

namespace mailsift::classify {

namespace {

bool is_text_feature(std::string_view name) {
  if (name.starts_with("l.")) name.remove_prefix(2);
  return name.starts_with("s:") || name.starts_with("w:") || name.starts_with("b:");
}

// A repeated feature counts once (as when scoring).
void dedupe(std::vector<std::pair<uint32_t, float>>& x) {
  std::stable_sort(x.begin(), x.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  x.erase(std::unique(x.begin(), x.end(), [](const auto& a, const auto& b) { return a.first == b.first; }), x.end());
}

struct Row {
  std::vector<std::pair<uint32_t, float>> x;
  size_t y = 0;
  double weight = 1;
};

// Multinomial logistic loss with L2 on the weights (not the biases), and its gradient.
// Parameters: V*3 weights (feature-major), then 3 biases.
class Objective {
 public:
  // `centre`: the weights the regularisation pulls towards (V*3, zeros but for priors).
  Objective(const std::vector<Row>& rows, size_t features, double l2, bool fit_bias, std::vector<double> centre,
            std::vector<double> strength)
      : rows_(rows), v_(features), l2_(l2), fit_bias_(fit_bias), centre_(std::move(centre)), strength_(std::move(strength)) {}
  size_t dim() const { return v_ * kClasses + kClasses; }

  double eval(const std::vector<double>& p, std::vector<double>& g) const {
    std::fill(g.begin(), g.end(), 0.0);
    double loss = 0;
    const double* bias = p.data() + v_ * kClasses;
    for (const Row& r : rows_) {
      double z[kClasses];
      for (size_t c = 0; c < kClasses; ++c) z[c] = bias[c];
      for (const auto& [j, val] : r.x) {
        for (size_t c = 0; c < kClasses; ++c) z[c] += val * p[j * kClasses + c];
      }
      const double top = std::max({z[0], z[1], z[2]});
      double sum = 0;
      for (double& zc : z) sum += (zc = std::exp(zc - top));
      loss += r.weight * -std::log(std::max(z[r.y] / sum, 1e-300));
      double d[kClasses];
      for (size_t c = 0; c < kClasses; ++c) d[c] = r.weight * (z[c] / sum - (c == r.y ? 1.0 : 0.0));
      for (const auto& [j, val] : r.x) {
        for (size_t c = 0; c < kClasses; ++c) g[j * kClasses + c] += val * d[c];
      }
      if (fit_bias_) {
        for (size_t c = 0; c < kClasses; ++c) g[v_ * kClasses + c] += d[c];
      }
    }
    for (size_t k = 0; k < v_ * kClasses; ++k) {
      const double d = p[k] - centre_[k];
      loss += 0.5 * l2_ * strength_[k / kClasses] * d * d;
      g[k] += l2_ * strength_[k / kClasses] * d;
    }
    return loss;
  }

 private:
  const std::vector<Row>& rows_;
  size_t v_;
  double l2_;
  bool fit_bias_;
  std::vector<double> centre_;
  std::vector<double> strength_;  // per feature: how hard it is pulled to its centre
};

double dot(const std::vector<double>& a, const std::vector<double>& b) {
  double s = 0;
  for (size_t i = 0; i < a.size(); ++i) s += a[i] * b[i];
  return s;
}

// Limited-memory BFGS with a backtracking (Armijo) line search.
std::vector<double> minimise(const Objective& f, std::vector<double> x, int max_iterations) {
  const size_t n = f.dim();
  const size_t m = 8;
  std::vector<double> g(n), x_new(n), g_new(n), dir(n);
  std::vector<std::vector<double>> s_hist, y_hist;
  std::vector<double> rho;
  double fx = f.eval(x, g);
  for (int it = 0; it < max_iterations; ++it) {
    // Two-loop recursion: dir = -H g.
    dir = g;
    std::vector<double> alpha(s_hist.size());
    for (size_t k = s_hist.size(); k-- > 0;) {
      alpha[k] = rho[k] * dot(s_hist[k], dir);
      for (size_t i = 0; i < n; ++i) dir[i] -= alpha[k] * y_hist[k][i];
    }
    if (!s_hist.empty()) {
      const double gamma = dot(s_hist.back(), y_hist.back()) / dot(y_hist.back(), y_hist.back());
      for (double& d : dir) d *= gamma;
    } else {
      const double norm = std::sqrt(dot(g, g));
      for (double& d : dir) d /= std::max(norm, 1e-12);
    }
    for (size_t k = 0; k < s_hist.size(); ++k) {
      const double beta = rho[k] * dot(y_hist[k], dir);
      for (size_t i = 0; i < n; ++i) dir[i] += s_hist[k][i] * (alpha[k] - beta);
    }
    for (double& d : dir) d = -d;
    double slope = dot(g, dir);
    if (slope >= 0) {  // not a descent direction: restart from the gradient
      s_hist.clear();
      y_hist.clear();
      rho.clear();
      for (size_t i = 0; i < n; ++i) dir[i] = -g[i];
      slope = -dot(g, g);
    }
    double step = 1.0, f_new = 0;
    bool moved = false;
    for (int tries = 0; tries < 40; ++tries) {
      for (size_t i = 0; i < n; ++i) x_new[i] = x[i] + step * dir[i];
      f_new = f.eval(x_new, g_new);
      if (f_new <= fx + 1e-4 * step * slope) {
        moved = true;
        break;
      }
      step *= 0.5;
    }
    if (!moved) break;
    std::vector<double> s(n), y(n);
    for (size_t i = 0; i < n; ++i) {
      s[i] = x_new[i] - x[i];
      y[i] = g_new[i] - g[i];
    }
    const double sy = dot(s, y);
    if (sy > 1e-12) {
      if (s_hist.size() == m) {
        s_hist.erase(s_hist.begin());
        y_hist.erase(y_hist.begin());
        rho.erase(rho.begin());
      }
      s_hist.push_back(std::move(s));
      y_hist.push_back(std::move(y));
      rho.push_back(1.0 / sy);
    }
    const double improvement = fx - f_new;
    x.swap(x_new);
    g.swap(g_new);
    fx = f_new;
    double gmax = 0;
    for (double v : g) gmax = std::max(gmax, std::abs(v));
    if (gmax < 1e-6 || improvement < 1e-10 * std::max(1.0, std::abs(fx))) break;
  }
  return x;
}

}  // namespace

Example make_example(const FeatureExtractor& extractor, const Email& email, Label label, std::string source,
                     std::string group) {
  FeatureBag bag;
  extractor.extract(email, bag, /*with_names=*/true);
  Example ex;
  ex.label = label;
  ex.source = std::move(source);
  ex.group = std::move(group);
  ex.names = std::move(bag.names);
  ex.values.reserve(bag.features.size());
  for (const Feature& f : bag.features) ex.values.push_back(f.value);
  return ex;
}

Result<std::shared_ptr<const LinearModel>> train(const std::vector<Example>& examples, const TrainOptions& options) {
  if (examples.empty()) return fail(Code::kInvalidArgument, "no labelled messages to train on");
  // Sources, and which classes are present.
  std::map<std::string, size_t> source_index;
  for (const Example& e : examples) source_index.emplace(e.source, source_index.size());
  if (source_index.size() > 64) return fail(Code::kInvalidArgument, "more than 64 sources");
  std::array<std::map<size_t, size_t>, kClasses> per_class_source;
  std::array<size_t, kClasses> per_class{};
  for (const Example& e : examples) {
    ++per_class[class_index(e.label)];
    ++per_class_source[class_index(e.label)][source_index[e.source]];
  }
  size_t classes_present = 0;
  for (size_t n : per_class) classes_present += n > 0;
  if (classes_present < 2) return fail(Code::kInvalidArgument, "the labelled messages need at least two classes");

  // Vocabulary: document frequency and the sources each feature occurs in.
  struct Stat {
    int docs = 0;
    uint64_t sources = 0;  // sources with at least min_source_docs messages holding it
    std::map<size_t, int> per_source;
    bool local = false;  // seen in a local source
  };
  std::unordered_map<std::string, Stat> stats;
  for (const Example& e : examples) {
    const uint64_t bit = uint64_t{1} << source_index[e.source];
    const bool local = std::find(options.local_sources.begin(), options.local_sources.end(), e.source) !=
                       options.local_sources.end();
    std::vector<const std::string*> seen;
    seen.reserve(e.names.size());
    for (const auto& n : e.names) seen.push_back(&n);
    std::sort(seen.begin(), seen.end(), [](auto* a, auto* b) { return *a < *b; });
    seen.erase(std::unique(seen.begin(), seen.end(), [](auto* a, auto* b) { return *a == *b; }), seen.end());
    for (const std::string* n : seen) {
      Stat& s = stats[*n];
      ++s.docs;
      if (++s.per_source[source_index[e.source]] >= options.min_source_docs) s.sources |= bit;
      if (local) s.local = true;
    }
  }
  const int need_sources = std::min<int>(options.min_sources, static_cast<int>(source_index.size()));
  std::unordered_map<std::string, ClassWeights> priors;
  if (options.use_priors) {
    for (const Prior& p : evidence_priors()) priors[std::string(p.feature)] = {p.business, p.operational, p.noise};
  }
  std::vector<std::string> vocab;
  for (const auto& [name, s] : stats) {
    if (priors.count(name)) continue;
    if (s.docs < options.min_docs) continue;
    if (is_text_feature(name) && std::popcount(s.sources) < need_sources && !s.local) continue;
    vocab.push_back(name);
  }
  for (const auto& [name, w] : priors) vocab.push_back(name);  // even when the data never shows them
  std::sort(vocab.begin(), vocab.end());
  std::unordered_map<std::string, uint32_t> index;
  index.reserve(vocab.size());
  for (size_t i = 0; i < vocab.size(); ++i) index.emplace(vocab[i], static_cast<uint32_t>(i));

  // Rows with balanced weights: each class the same total, shared among its sources in
  // proportion to the square root of their sizes (a small source counts, without dominating).
  std::vector<Row> rows;
  rows.reserve(examples.size());
  const double n_total = static_cast<double>(examples.size());
  for (const Example& e : examples) {
    Row r;
    r.y = class_index(e.label);
    const size_t src = source_index[e.source];
    double w = 1;
    if (options.balance_classes) w = n_total / (static_cast<double>(classes_present) * static_cast<double>(per_class[r.y]));
    if (options.balance_sources) {
      double norm = 0;
      for (const auto& [s, n] : per_class_source[r.y]) norm += std::pow(static_cast<double>(n), options.source_power);
      const double n_cs = static_cast<double>(per_class_source[r.y][src]);
      const double share = std::pow(n_cs, options.source_power) / norm;  // this source's share of the class
      w *= share * static_cast<double>(per_class[r.y]) / n_cs;
    }
    r.weight = w * e.weight;
    bool list_context = false;
    for (size_t k = 0; k < e.names.size(); ++k) {
      list_context |= e.names[k].starts_with("l.");
      auto it = index.find(e.names[k]);
      if (it != index.end()) r.x.emplace_back(it->second, e.values[k]);
    }
    dedupe(r.x);
    // The same message as an archive would keep it, without its header evidence: teaches the
    // words of each class too, not only the headers that usually come with them. (Not for
    // list mail: its words are list chatter, which would teach direct words the wrong class.)
    if (options.text_only_weight > 0 && !list_context) {
      Row t;
      t.y = r.y;
      t.weight = r.weight * options.text_only_weight;
      for (size_t k = 0; k < e.names.size(); ++k) {
        if (!is_text_feature(e.names[k]) && !e.names[k].starts_with("body:") && !e.names[k].starts_with("subj:")) continue;
        auto it = index.find(e.names[k]);
        if (it != index.end()) t.x.emplace_back(it->second, e.values[k]);
      }
      dedupe(t.x);
      rows.push_back(std::move(t));
    }
    rows.push_back(std::move(r));
  }
  // Mean weight 1, so l2 means the same whatever the balancing did.
  double wsum = 0;
  for (const Row& r : rows) wsum += r.weight;
  for (Row& r : rows) r.weight *= static_cast<double>(rows.size()) / wsum;

  std::vector<double> centre(vocab.size() * kClasses, 0.0), strength(vocab.size(), 1.0);
  for (size_t j = 0; j < vocab.size(); ++j) {
    if (auto it = priors.find(vocab[j]); it != priors.end()) {
      for (size_t c = 0; c < kClasses; ++c) centre[j * kClasses + c] = it->second[c];
      strength[j] = options.prior_strength;
    }
  }
  std::vector<double> start = centre;
  start.resize(vocab.size() * kClasses + kClasses, 0.0);
  Objective objective(rows, vocab.size(), options.l2, options.fit_bias, std::move(centre), std::move(strength));
  std::vector<double> p = minimise(objective, std::move(start), options.max_iterations);

  std::vector<std::string> names;
  std::vector<ClassWeights> weights;
  for (size_t j = 0; j < vocab.size(); ++j) {
    ClassWeights w{};
    double mean = 0;
    for (size_t c = 0; c < kClasses; ++c) mean += p[j * kClasses + c] / kClasses;
    float largest = 0;
    for (size_t c = 0; c < kClasses; ++c) {
      w[c] = static_cast<float>(p[j * kClasses + c] - mean);
      largest = std::max(largest, std::abs(w[c]));
    }
    if (largest < options.prune_below) continue;
    names.push_back(vocab[j]);
    weights.push_back(w);
  }
  ClassScores bias{};
  double bmean = 0;
  for (size_t c = 0; c < kClasses; ++c) bmean += p[vocab.size() * kClasses + c] / kClasses;
  for (size_t c = 0; c < kClasses; ++c) bias[c] = p[vocab.size() * kClasses + c] - bmean;

  auto meta = options.meta;
  meta.emplace_back("examples", std::to_string(examples.size()));
  meta.emplace_back("features", std::to_string(names.size()));
  char l2[32];
  auto r = std::to_chars(l2, l2 + sizeof l2, options.l2);
  meta.emplace_back("l2", std::string(l2, r.ptr));
  auto model = std::make_shared<LinearModel>(options.id.empty() ? "pending" : options.id, names, weights, bias, meta);
  if (!options.id.empty()) return std::shared_ptr<const LinearModel>(model);
  // Name the model after its content, so a model id names exactly one set of weights.
  std::string id = "lr-" + sha256_hex(model->serialize()).substr(0, 8);
  return std::shared_ptr<const LinearModel>(
      std::make_shared<LinearModel>(std::move(id), std::move(names), std::move(weights), bias, std::move(meta)));
}

Scored score_example(const LinearModel& model, const Example& example, size_t max_reasons) {
  FeatureBag bag;
  bag.features.reserve(example.names.size());
  for (size_t k = 0; k < example.names.size(); ++k) bag.features.push_back({feature_id(example.names[k]), example.values[k]});
  return model.score(bag, max_reasons);
}

}  // namespace mailsift::classify
