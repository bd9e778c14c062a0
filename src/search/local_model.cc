#include "search/local_model.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <Eigen/Dense>
#include <Eigen/Sparse>

#include "core/strings.h"
#include "search/text.h"

namespace mailsift::search {

namespace {

constexpr std::string_view kMagic = "MAILSIFT-LOCAL-MODEL 1\n";

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

uint64_t fnv1a(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

bool all_digits(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Stems with a cache: fitting stems the same few hundred thousand words millions of times.
class Stemmer {
 public:
  const std::string& operator()(std::string_view token) {
    auto it = cache_.find(std::string(token));
    if (it != cache_.end()) return it->second;
    return cache_.emplace(std::string(token), stem(token)).first->second;
  }

 private:
  std::unordered_map<std::string, std::string> cache_;
};

struct TermStats {
  int64_t email_df = 0;
  int64_t wordnet_df = 0;
  bool lemma = false;
};

struct Doc {
  std::vector<std::pair<uint32_t, float>> entries;  // provisional term id, raw weight
  bool email = false;
};

class Builder {
 public:
  uint32_t term(const std::string& stem) {
    auto [it, inserted] = ids_.emplace(stem, static_cast<uint32_t>(names_.size()));
    if (inserted) {
      names_.push_back(stem);
      stats_.emplace_back();
    }
    return it->second;
  }
  std::vector<std::string> names_;
  std::vector<TermStats> stats_;
  std::unordered_map<std::string, uint32_t> ids_;
};

// Adds w for every stem of text to bag (keeping the largest weight per stem).
void add_words(std::string_view text, float w, Stemmer& stemmer, Builder& b, std::unordered_map<uint32_t, float>& bag,
               bool lemma) {
  std::string lowered;
  std::vector<std::string_view> toks;
  tokenize(text, lowered, toks);
  for (auto t : toks) {
    uint32_t id = b.term(stemmer(t));
    if (lemma) b.stats_[id].lemma = true;
    float& cur = bag[id];
    cur = std::max(cur, w);
  }
}

using Dense = Eigen::MatrixXf;
// Sparse x dense products run as row AXPYs: contiguous rows are much faster than columns.
using DenseRows = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using Sparse = Eigen::SparseMatrix<float, Eigen::RowMajor>;

// a * b for a row-major sparse a, as AXPYs of b's contiguous rows.
DenseRows spmm(const Sparse& a, const DenseRows& b) {
  DenseRows out = DenseRows::Zero(a.rows(), b.cols());
  const Eigen::Index n = b.cols();
  for (Eigen::Index r = 0; r < a.outerSize(); ++r) {
    float* dst = out.data() + r * n;
    for (Sparse::InnerIterator it(a, r); it; ++it) {
      const float v = it.value();
      const float* src = b.data() + it.col() * n;
      for (Eigen::Index k = 0; k < n; ++k) dst[k] += v * src[k];
    }
  }
  return out;
}

// Orthonormal columns spanning Y (Cholesky QR, twice for stability); Y is overwritten.
bool orthonormalize(Dense& y) {
  for (int pass = 0; pass < 2; ++pass) {
    Dense gram = Dense::Zero(y.cols(), y.cols());
    gram.selfadjointView<Eigen::Lower>().rankUpdate(y.transpose());
    gram.diagonal().array() += 1e-6f * std::max(1.0f, gram.diagonal().maxCoeff());
    Eigen::LLT<Dense> llt(gram.selfadjointView<Eigen::Lower>());
    if (llt.info() != Eigen::Success) return false;
    // y = y * R^-1 where gram = R^T R and R = L^T.
    Dense r = llt.matrixU();
    y = r.triangularView<Eigen::Upper>().solve<Eigen::OnTheRight>(y);
  }
  return true;
}

}  // namespace

void add_identity_vector(std::string_view stem_text, size_t dim, float scale, float* out) {
  uint64_t state = fnv1a(stem_text);
  const float v = scale / std::sqrt(static_cast<float>(dim));
  uint64_t bits = 0;
  for (size_t i = 0; i < dim; ++i) {
    if (i % 64 == 0) bits = splitmix64(state);
    out[i] += (bits & 1) ? v : -v;
    bits >>= 1;
  }
}

Result<std::shared_ptr<const LocalModel>> LocalModel::fit(std::span<const std::string> emails, const WordNet* wordnet,
                                                          const LocalModelOptions& options) {
  if (options.dim < 8 || options.dim > 1024) {
    return fail(Code::kInvalidArgument, "embeddings.dim must be between 8 and 1024");
  }
  Builder b;
  Stemmer stemmer;
  std::vector<Doc> docs;
  std::unordered_map<uint32_t, float> bag;

  // Emails: (1 + ln tf) per stem.
  std::string lowered;
  std::vector<std::string_view> toks;
  for (const auto& text : emails) {
    tokenize_prose(text, lowered, toks);
    std::unordered_map<uint32_t, int> tf;
    for (auto t : toks) ++tf[b.term(stemmer(t))];
    if (tf.empty()) continue;
    Doc d;
    d.email = true;
    for (auto [id, n] : tf) {
      d.entries.emplace_back(id, 1.0f + std::log(static_cast<float>(n)));
      ++b.stats_[id].email_df;
    }
    docs.push_back(std::move(d));
  }
  const int64_t n_email = static_cast<int64_t>(docs.size());

  // WordNet: a synset's own words weigh most; its gloss and its neighbours' words less.
  if (wordnet != nullptr) {
    for (const auto& syn : wordnet->synsets) {
      bag.clear();
      for (const auto& w : syn.words) add_words(w, 1.0f, stemmer, b, bag, true);
      for (uint32_t r : syn.related) {
        for (const auto& w : wordnet->synsets[r].words) add_words(w, 0.5f, stemmer, b, bag, true);
      }
      add_words(syn.gloss, 0.5f, stemmer, b, bag, false);
      if (bag.size() < 2) continue;
      Doc d;
      for (auto [id, w] : bag) {
        d.entries.emplace_back(id, w);
        ++b.stats_[id].wordnet_df;
      }
      docs.push_back(std::move(d));
    }
  }
  const int64_t n_wordnet = static_cast<int64_t>(docs.size()) - n_email;
  if (docs.empty()) {
    return fail(Code::kInvalidArgument, "nothing to fit the embedding model on",
                "ingest some mail, or install WordNet (Debian wordnet-base)");
  }

  // Vocabulary: stems seen in two emails, or a WordNet word seen in two synsets; no numbers.
  std::vector<uint32_t> keep;
  for (uint32_t id = 0; id < b.names_.size(); ++id) {
    const TermStats& s = b.stats_[id];
    if (all_digits(b.names_[id])) continue;
    bool in_mail = s.email_df >= 2 || (s.email_df >= 1 && n_email < 500);
    bool in_wordnet = s.lemma && s.wordnet_df >= 2;
    if (in_mail || in_wordnet) keep.push_back(id);
  }
  std::stable_sort(keep.begin(), keep.end(), [&](uint32_t a, uint32_t c) {
    auto score = [&](uint32_t id) { return b.stats_[id].email_df * 4 + b.stats_[id].wordnet_df; };
    if (score(a) != score(c)) return score(a) > score(c);
    return b.names_[a] < b.names_[c];
  });
  if (keep.size() > options.max_vocab) keep.resize(options.max_vocab);
  std::sort(keep.begin(), keep.end(), [&](uint32_t a, uint32_t c) { return b.names_[a] < b.names_[c]; });
  std::vector<int64_t> row_of(b.names_.size(), -1);
  for (size_t r = 0; r < keep.size(); ++r) row_of[keep[r]] = static_cast<int64_t>(r);

  // IDF: from the mail when there is enough of it, from WordNet otherwise, blended between.
  const double lambda = static_cast<double>(n_email) / static_cast<double>(n_email + 200);
  auto idf_of = [&](int64_t df_e, int64_t df_w) {
    double ie = std::log((n_email + 1.0) / (df_e + 1.0)) + 1.0;
    double iw = std::log((n_wordnet + 1.0) / (df_w + 1.0)) + 1.0;
    return lambda * ie + (1 - lambda) * iw;
  };

  auto model = std::shared_ptr<LocalModel>(new LocalModel());
  model->dim_ = options.dim;
  model->identity_ = options.identity;
  model->fitted_emails_ = n_email;
  model->oov_idf_ = static_cast<float>(idf_of(0, 0));
  model->terms_.reserve(keep.size());
  for (uint32_t id : keep) {
    model->terms_.push_back(b.names_[id]);
    model->idf_.push_back(static_cast<float>(idf_of(b.stats_[id].email_df, b.stats_[id].wordnet_df)));
  }

  const size_t rows = keep.size();
  const size_t dim = options.dim;
  model->vectors_.assign(rows * dim, 0.0f);

  // Identity vectors: a stem's own pseudo-random vector plus its WordNet synonyms' (words of
  // the same synsets, and of similar / derived ones at half weight), so "lost" and "missing"
  // match even where the mail never shows them together.
  std::vector<float> identity(rows * dim, 0.0f);
  for (size_t r = 0; r < rows; ++r) add_identity_vector(model->terms_[r], dim, 1.0f, &identity[r * dim]);
  // The vocabulary rows of each WordNet synset's one-word lemmas.
  std::vector<std::vector<int64_t>> lemma_rows(wordnet != nullptr ? wordnet->synsets.size() : 0);
  std::vector<std::string_view> lemma_toks;
  for (size_t i = 0; i < lemma_rows.size(); ++i) {
    for (const auto& w : wordnet->synsets[i].words) {
      tokenize(w, lowered, lemma_toks);
      if (lemma_toks.size() != 1) continue;
      auto it = b.ids_.find(stemmer(lemma_toks[0]));
      if (it != b.ids_.end() && row_of[it->second] >= 0) lemma_rows[i].push_back(row_of[it->second]);
    }
  }
  if (wordnet != nullptr && options.synonyms > 0) {
    std::vector<int> senses(rows, 0);
    for (const auto& lr : lemma_rows) {
      for (int64_t r : lr) ++senses[static_cast<size_t>(r)];
    }
    std::vector<std::unordered_map<int64_t, float>> syn(rows);
    for (size_t i = 0; i < wordnet->synsets.size(); ++i) {
      for (int64_t r : lemma_rows[i]) {
        float w = 1.0f / std::sqrt(static_cast<float>(senses[static_cast<size_t>(r)]));
        for (int64_t s2 : lemma_rows[i]) {
          if (s2 != r) syn[static_cast<size_t>(r)][s2] += w;
        }
        for (uint32_t j : wordnet->synsets[i].similar) {
          for (int64_t s2 : lemma_rows[j]) {
            if (s2 != r) syn[static_cast<size_t>(r)][s2] += 0.5f * w;
          }
        }
      }
    }
    const float scale = static_cast<float>(options.synonyms);
    for (size_t r = 0; r < rows; ++r) {
      if (syn[r].empty()) continue;
      // Sorted, so the float sums are the same on every run.
      std::vector<std::pair<int64_t, float>> list(syn[r].begin(), syn[r].end());
      std::sort(list.begin(), list.end());
      float total = 0;
      for (auto& [s2, w] : list) total += std::min(w, 1.0f);
      float norm = total > 1.0f ? 1.0f / std::sqrt(total) : 1.0f;
      for (auto& [s2, w] : list) {
        add_identity_vector(model->terms_[static_cast<size_t>(s2)], dim, scale * std::min(w, 1.0f) * norm, &identity[r * dim]);
      }
    }
  }
  // WordNet graph vectors: the sum of a pseudo-random vector per meaning of the stem and, at
  // half weight, per meaning those point to (broader, narrower, similar, derived ...). Stems
  // sharing a meaning, or a broader one ("toddler" and "infant" are both a "child"), get close
  // vectors, which the truncated SVD blurs when the mail never shows them together.
  std::vector<float> graph;
  if (wordnet != nullptr && options.graph > 0) {
    graph.assign(rows * dim, 0.0f);
    std::vector<std::vector<uint32_t>> meanings(rows);
    for (size_t i = 0; i < lemma_rows.size(); ++i) {
      for (int64_t r : lemma_rows[i]) meanings[static_cast<size_t>(r)].push_back(static_cast<uint32_t>(i));
    }
    auto synset_key = [](uint32_t i) { return "\x01wn" + std::to_string(i); };
    for (size_t r = 0; r < rows; ++r) {
      auto& m = meanings[r];
      std::sort(m.begin(), m.end());
      m.erase(std::unique(m.begin(), m.end()), m.end());
      if (m.empty()) continue;
      // A word of many meanings spreads its weight over them.
      const float per = 1.0f / std::sqrt(static_cast<float>(m.size()));
      for (uint32_t s : m) {
        add_identity_vector(synset_key(s), dim, per, &graph[r * dim]);
        const auto& rel = wordnet->synsets[s].related;
        const float each = 0.5f * per / std::sqrt(static_cast<float>(std::max<size_t>(1, rel.size())));
        for (uint32_t t : rel) add_identity_vector(synset_key(t), dim, each, &graph[r * dim]);
      }
      float* v = &graph[r * dim];
      double n2 = 0;
      for (size_t k = 0; k < dim; ++k) n2 += static_cast<double>(v[k]) * v[k];
      float inv = n2 > 0 ? static_cast<float>(1.0 / std::sqrt(n2)) : 0.0f;
      for (size_t k = 0; k < dim; ++k) v[k] *= inv;
    }
  }
  for (size_t r = 0; r < rows; ++r) {
    float* v = &identity[r * dim];
    double n2 = 0;
    for (size_t k = 0; k < dim; ++k) n2 += static_cast<double>(v[k]) * v[k];
    float inv = n2 > 0 ? static_cast<float>(1.0 / std::sqrt(n2)) : 0.0f;
    for (size_t k = 0; k < dim; ++k) v[k] *= inv;
  }
  if (rows > 0) {
    // Term x document matrix, each column normalised, email columns scaled up.
    std::vector<Eigen::Triplet<float>> triplets;
    int64_t col = 0;
    for (const auto& d : docs) {
      double norm = 0;
      size_t first = triplets.size();
      for (auto [id, w] : d.entries) {
        if (row_of[id] < 0) continue;
        double v = w * model->idf_[static_cast<size_t>(row_of[id])];
        triplets.emplace_back(static_cast<int>(row_of[id]), static_cast<int>(col), static_cast<float>(v));
        norm += v * v;
      }
      if (triplets.size() == first) continue;
      double scale = (d.email ? options.email_weight : 1.0) / std::sqrt(norm);
      for (size_t i = first; i < triplets.size(); ++i) {
        triplets[i] = Eigen::Triplet<float>(triplets[i].row(), triplets[i].col(), triplets[i].value() * static_cast<float>(scale));
      }
      ++col;
    }
    Sparse x(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(col));
    x.setFromTriplets(triplets.begin(), triplets.end());
    triplets = {};
    Sparse xt = x.transpose();

    const Eigen::Index rank = static_cast<Eigen::Index>(std::min<size_t>(dim, std::min<size_t>(rows, col)));
    const Eigen::Index width = std::min<Eigen::Index>(rank + static_cast<Eigen::Index>(options.oversample),
                                                      std::min<Eigen::Index>(x.rows(), x.cols()));
    // Randomized range finder (Halko, Martinsson, Tropp) with a fixed seed.
    DenseRows omega(x.cols(), width);
    uint64_t state = 0x6d61696c73696674ULL;
    for (Eigen::Index j = 0; j < width; ++j) {
      for (Eigen::Index i = 0; i < x.cols(); ++i) {
        omega(i, j) = (splitmix64(state) & 1) ? 1.0f : -1.0f;
      }
    }
    Dense y = spmm(x, omega);
    omega.resize(0, 0);
    if (!orthonormalize(y)) return fail(Code::kInternal, "embedding model fit: range finder failed");
    // Power iterations; Z = X^T Q needs no orthonormalisation of its own for a few rounds.
    for (int it = 0; it < options.power_iterations; ++it) {
      DenseRows z = spmm(xt, DenseRows(y));
      y = spmm(x, z);
      if (!orthonormalize(y)) return fail(Code::kInternal, "embedding model fit: power iteration failed");
    }
    // The left singular vectors of X within span(Q): eigenvectors of Q^T X X^T Q (small).
    DenseRows w = spmm(xt, DenseRows(y));  // cols x width
    Dense xw = spmm(x, w);                 // rows x width
    Dense small = y.transpose() * xw;
    small = (0.5f * (small + small.transpose())).eval();
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(small.cast<double>());
    if (eig.info() != Eigen::Success) return fail(Code::kInternal, "embedding model fit: eigensolver failed");
    // Eigenvalues ascending: take the largest `rank`.
    Dense ub(width, rank);
    Eigen::VectorXd sigma(rank);
    for (Eigen::Index k = 0; k < rank; ++k) {
      Eigen::Index src = width - 1 - k;
      ub.col(k) = eig.eigenvectors().col(src).cast<float>();
      sigma(k) = std::sqrt(std::max(0.0, eig.eigenvalues()(src)));
    }
    Dense u = y * ub;
    // Fix each component's sign (largest entry positive) so the model is reproducible.
    for (Eigen::Index k = 0; k < rank; ++k) {
      Eigen::Index at = 0;
      u.col(k).cwiseAbs().maxCoeff(&at);
      if (u(at, k) < 0) u.col(k) = -u.col(k);
      u.col(k) *= static_cast<float>(std::pow(sigma(k), options.singular_power));
    }
    for (size_t r = 0; r < rows; ++r) {
      float* v = &model->vectors_[r * dim];
      double norm = u.row(static_cast<Eigen::Index>(r)).norm();
      if (norm > 1e-12) {
        for (Eigen::Index k = 0; k < rank; ++k) {
          v[k] = static_cast<float>((1.0 - options.identity) * u(static_cast<Eigen::Index>(r), k) / norm);
        }
      }
      const float* id = &identity[r * dim];
      for (size_t k = 0; k < dim; ++k) v[k] += static_cast<float>(options.identity) * id[k];
      if (!graph.empty()) {
        const float* g = &graph[r * dim];
        for (size_t k = 0; k < dim; ++k) v[k] += static_cast<float>(options.graph) * g[k];
      }
      double n2 = 0;
      for (size_t k = 0; k < dim; ++k) n2 += static_cast<double>(v[k]) * v[k];
      float inv = n2 > 0 ? static_cast<float>(1.0 / std::sqrt(n2)) : 0.0f;
      for (size_t k = 0; k < dim; ++k) v[k] *= inv;
    }
  }
  model->quantize();
  model->finish();
  return std::shared_ptr<const LocalModel>(std::move(model));
}

void LocalModel::quantize() {
  // Exactly what save() keeps, so a fitted model and the same model loaded embed identically.
  for (size_t i = 0; i < terms_.size(); ++i) {
    float* v = &vectors_[i * dim_];
    float m = 0;
    for (size_t k = 0; k < dim_; ++k) m = std::max(m, std::fabs(v[k]));
    float scale = m > 0 ? m / 127.0f : 1.0f;
    for (size_t k = 0; k < dim_; ++k) v[k] = scale * static_cast<float>(std::lround(v[k] / scale));
  }
}

void LocalModel::finish() {
  index_.clear();
  index_.reserve(terms_.size());
  for (size_t i = 0; i < terms_.size(); ++i) index_.emplace(terms_[i], static_cast<uint32_t>(i));
  if (id_.empty()) id_ = "local-lsa1-" + sha256_hex(serialize()).substr(0, 8);
  static std::atomic<uint64_t> next_serial{1};
  serial_ = next_serial.fetch_add(1);
}

const float* LocalModel::term_vector(const std::string& stem_text) const {
  auto it = index_.find(stem_text);
  return it == index_.end() ? nullptr : &vectors_[it->second * dim_];
}

std::vector<float> LocalModel::embed(std::string_view text) const {
  std::vector<float> out(dim_);
  embed(text, out.data());
  return out;
}

void LocalModel::embed(std::string_view text, float* out) const {
  // Per-thread cache from a surface token to its vocabulary row (or its stem, outside the
  // vocabulary): stemming is the costly part of embedding.
  struct Entry {
    int64_t row = -1;
    std::string stem;
  };
  struct Cache {
    uint64_t serial = 0;
    std::unordered_map<std::string, Entry> map;
  };
  thread_local Cache cache;
  if (cache.serial != serial_ || cache.map.size() > 500000) {
    cache.map.clear();
    cache.serial = serial_;
  }
  thread_local std::string lowered;
  thread_local std::vector<std::string_view> toks;
  thread_local std::vector<const Entry*> entries;
  tokenize_prose(text, lowered, toks);
  entries.clear();
  for (auto t : toks) {
    auto it = cache.map.find(std::string(t));
    if (it == cache.map.end()) {
      Entry e;
      e.stem = stem(t);
      if (auto f = index_.find(e.stem); f != index_.end() && !all_digits(e.stem)) e.row = f->second;
      it = cache.map.emplace(std::string(t), std::move(e)).first;
    }
    entries.push_back(&it->second);
  }
  std::fill(out, out + dim_, 0.0f);
  // Group equal stems (tf) by sorting entry pointers by stem.
  std::sort(entries.begin(), entries.end(), [](const Entry* a, const Entry* c) { return a->stem < c->stem; });
  for (size_t i = 0; i < entries.size();) {
    size_t j = i;
    while (j < entries.size() && entries[j]->stem == entries[i]->stem) ++j;
    const Entry& e = *entries[i];
    float w = 1.0f + std::log(static_cast<float>(j - i));
    if (e.row >= 0) {
      w *= idf_[static_cast<size_t>(e.row)];
      const float* v = &vectors_[static_cast<size_t>(e.row) * dim_];
      for (size_t k = 0; k < dim_; ++k) out[k] += w * v[k];
    } else {
      add_identity_vector(e.stem, dim_, w * oov_idf_ * static_cast<float>(identity_), out);
    }
    i = j;
  }
  double n2 = 0;
  for (size_t k = 0; k < dim_; ++k) n2 += static_cast<double>(out[k]) * out[k];
  if (n2 <= 0) return;
  float inv = static_cast<float>(1.0 / std::sqrt(n2));
  for (size_t k = 0; k < dim_; ++k) out[k] *= inv;
}

// Layout: magic, then little-endian u64 dim, f64 identity, f32 oov_idf, i64 fitted_emails,
// u64 terms; per term u32 length + bytes + f32 idf; then per term a f32 scale and dim int8.
std::string LocalModel::serialize() const {
  std::string out(kMagic);
  auto put = [&out](const auto& v) { out.append(reinterpret_cast<const char*>(&v), sizeof(v)); };
  put(static_cast<uint64_t>(dim_));
  put(identity_);
  put(oov_idf_);
  put(fitted_emails_);
  put(static_cast<uint64_t>(terms_.size()));
  for (size_t i = 0; i < terms_.size(); ++i) {
    put(static_cast<uint32_t>(terms_[i].size()));
    out += terms_[i];
    put(idf_[i]);
  }
  for (size_t i = 0; i < terms_.size(); ++i) {
    const float* v = &vectors_[i * dim_];
    float m = 0;
    for (size_t k = 0; k < dim_; ++k) m = std::max(m, std::fabs(v[k]));
    float scale = m > 0 ? m / 127.0f : 1.0f;
    put(scale);
    for (size_t k = 0; k < dim_; ++k) {
      out.push_back(static_cast<char>(static_cast<int8_t>(std::lround(v[k] / scale))));
    }
  }
  return out;
}

Result<void> LocalModel::save(const std::string& path) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  std::string body = serialize();
  std::string bytes(kMagic);
  bytes += id_ + "\n";
  bytes.append(body, kMagic.size());
  bytes += sha256_hex(bytes);
  std::string tmp = path + ".tmp";
  {
    std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
    if (!f) return fail(Code::kIo, "cannot write " + tmp);
    f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!f) return fail(Code::kIo, "cannot write " + tmp);
  }
  fs::rename(tmp, path, ec);
  if (ec) return fail(Code::kIo, "cannot rename " + tmp + ": " + ec.message());
  return ok();
}

Result<std::shared_ptr<const LocalModel>> LocalModel::load(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) return fail(Code::kNotFound, "no embedding model at " + path);
  std::stringstream ss;
  ss << f.rdbuf();
  std::string bytes = ss.str();
  auto corrupt = [&path] {
    return fail(Code::kParse, "the embedding model " + path + " is damaged",
                "run `mailsift reindex --refit` to fit it again");
  };
  if (bytes.size() < kMagic.size() + 64 || bytes.compare(0, kMagic.size(), kMagic) != 0) return corrupt();
  std::string_view body(bytes.data(), bytes.size() - 64);
  if (sha256_hex(body) != std::string_view(bytes).substr(bytes.size() - 64)) return corrupt();
  size_t pos = kMagic.size();
  size_t eol = body.find('\n', pos);
  if (eol == std::string_view::npos || eol - pos > 100) return corrupt();
  std::string id(body.substr(pos, eol - pos));
  pos = eol + 1;
  auto get = [&](auto& v) {
    if (pos + sizeof(v) > body.size()) return false;
    std::memcpy(&v, body.data() + pos, sizeof(v));
    pos += sizeof(v);
    return true;
  };
  auto model = std::shared_ptr<LocalModel>(new LocalModel());
  uint64_t dim = 0, n = 0;
  if (!get(dim) || !get(model->identity_) || !get(model->oov_idf_) || !get(model->fitted_emails_) || !get(n)) {
    return corrupt();
  }
  if (dim == 0 || dim > 4096 || n > 10'000'000) return corrupt();
  model->dim_ = dim;
  model->terms_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint32_t len = 0;
    float idf = 0;
    if (!get(len) || pos + len > body.size()) return corrupt();
    model->terms_.emplace_back(body.substr(pos, len));
    pos += len;
    if (!get(idf)) return corrupt();
    model->idf_.push_back(idf);
  }
  if (body.size() - pos != n * (sizeof(float) + dim)) return corrupt();
  model->vectors_.resize(n * dim);
  for (uint64_t i = 0; i < n; ++i) {
    float scale = 0;
    get(scale);
    for (uint64_t k = 0; k < dim; ++k) {
      model->vectors_[i * dim + k] = scale * static_cast<float>(static_cast<int8_t>(body[pos + k]));
    }
    pos += dim;
  }
  model->id_ = std::move(id);
  model->finish();
  return std::shared_ptr<const LocalModel>(std::move(model));
}

}  // namespace mailsift::search
