#include "search/hnsw_vector_store.h"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <mutex>

#include <hnswlib/hnswlib.h>
#include <nlohmann/json.hpp>

namespace mailsift::search {

namespace {

constexpr int kFormat = 1;

Unexpected internal(const char* what, const std::exception& e) {
  return fail(Code::kInternal, std::string("vector index: ") + what + ": " + e.what());
}

uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h * 0xff51afd7ed558ccdULL;
}

}  // namespace

Result<std::string> file_checksum(const std::string& path, uint64_t* size) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(Code::kNotFound, "cannot read " + path);
  std::vector<char> buf(1 << 20);
  uint64_t h = 0x243f6a8885a308d3ULL, total = 0;
  while (in) {
    in.read(buf.data(), static_cast<std::streamsize>(buf.size()));
    size_t n = static_cast<size_t>(in.gcount());
    size_t words = n / 8;
    for (size_t i = 0; i < words; ++i) {
      uint64_t v;
      std::memcpy(&v, buf.data() + i * 8, 8);
      h = mix(h, v);
    }
    for (size_t i = words * 8; i < n; ++i) h = mix(h, static_cast<unsigned char>(buf[i]));
    total += n;
  }
  h = mix(h, total);
  if (size) *size = total;
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return std::string(hex);
}

HnswVectorStore::HnswVectorStore(const HnswParams& params) : params_(params) {}
HnswVectorStore::~HnswVectorStore() = default;

Result<std::unique_ptr<HnswVectorStore>> HnswVectorStore::create(const HnswParams& params) {
  if (params.dim == 0) return fail(Code::kInvalidArgument, "vector index: dimension 0");
  std::unique_ptr<HnswVectorStore> s(new HnswVectorStore(params));
  try {
    s->space_ = std::make_unique<hnswlib::InnerProductSpace>(params.dim);
    s->index_ = std::make_unique<hnswlib::HierarchicalNSW<float>>(s->space_.get(), 1024, params.m,
                                                                  params.ef_construction, 100);
    s->apply_ef_locked();
  } catch (const std::exception& e) {
    return internal("create", e);
  }
  return s;
}

Result<std::unique_ptr<HnswVectorStore>> HnswVectorStore::load(const std::string& path, const HnswParams& params,
                                                               HnswFileMeta* meta) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec) || !fs::exists(path + ".meta", ec)) {
    return fail(Code::kNotFound, "no vector index at " + path);
  }
  auto damaged = [&path](const std::string& why) {
    return fail(Code::kParse, "the vector index " + path + " is damaged (" + why + ")");
  };
  nlohmann::json j;
  {
    std::ifstream in(path + ".meta");
    j = nlohmann::json::parse(in, nullptr, /*allow_exceptions=*/false);
  }
  if (!j.is_object() || j.value("format", 0) != kFormat || !j.contains("checksum") || !j["checksum"].is_string() ||
      !j.contains("size") || !j["size"].is_number_unsigned()) {
    return damaged("unreadable .meta");
  }
  uint64_t size = 0;
  auto sum = file_checksum(path, &size);
  if (!sum) return fail(sum.error());
  if (size != j["size"].get<uint64_t>() || *sum != j["checksum"].get<std::string>()) return damaged("checksum mismatch");
  HnswFileMeta m;
  m.model = j.value("model", "");
  m.dim = j.value("dim", size_t{0});
  m.last_seq = j.value("last_seq", int64_t{0});
  m.count = j.value("count", size_t{0});
  if (m.dim != params.dim) return damaged("dimension " + std::to_string(m.dim) + ", expected " + std::to_string(params.dim));
  std::unique_ptr<HnswVectorStore> s(new HnswVectorStore(params));
  try {
    s->space_ = std::make_unique<hnswlib::InnerProductSpace>(params.dim);
    s->index_ = std::make_unique<hnswlib::HierarchicalNSW<float>>(s->space_.get(), path, false, 0);
    // hnswlib 0.6.2 leaves num_deleted_ uninitialised when it loads a file: count them here.
    size_t deleted = 0;
    for (size_t i = 0; i < s->index_->cur_element_count; ++i) {
      deleted += s->index_->isMarkedDeleted(static_cast<hnswlib::tableint>(i)) ? 1 : 0;
    }
    s->index_->num_deleted_ = deleted;
    s->live_ = s->index_->cur_element_count - deleted;
    s->apply_ef_locked();
  } catch (const std::exception& e) {
    return damaged(e.what());
  }
  if (meta) *meta = m;
  return s;
}

Result<void> HnswVectorStore::save(const std::string& path, const HnswFileMeta& meta) const {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  const std::string tmp = path + ".tmp";
  {
    std::shared_lock lock(mutex_);
    try {
      index_->saveIndex(tmp);
    } catch (const std::exception& e) {
      return fail(Code::kIo, std::string("cannot write the vector index: ") + e.what());
    }
  }
  uint64_t size = 0;
  auto sum = file_checksum(tmp, &size);
  if (!sum) return fail(Code::kIo, "cannot write the vector index " + tmp);
  nlohmann::json j = {{"format", kFormat},         {"model", meta.model}, {"dim", params_.dim},
                      {"m", params_.m},            {"ef_construction", params_.ef_construction},
                      {"last_seq", meta.last_seq}, {"count", meta.count}, {"size", size},
                      {"checksum", *sum}};
  {
    std::ofstream out(path + ".meta.tmp", std::ios::trunc);
    out << j.dump() << "\n";
    if (!out) return fail(Code::kIo, "cannot write " + path + ".meta.tmp");
  }
  // Graph first, then the sidecar: a crash between the two leaves a checksum mismatch, which
  // load() reports and the caller answers with a rebuild.
  fs::rename(tmp, path, ec);
  if (!ec) fs::rename(path + ".meta.tmp", path + ".meta", ec);
  if (ec) return fail(Code::kIo, "cannot replace the vector index " + path + ": " + ec.message());
  return ok();
}

Result<void> HnswVectorStore::reserve_locked(size_t n) {
  if (n <= index_->max_elements_) return ok();
  size_t cap = std::max<size_t>(index_->max_elements_ * 2, n);
  try {
    index_->resizeIndex(cap);
  } catch (const std::exception& e) {
    return internal("resize", e);
  }
  return ok();
}

Result<void> HnswVectorStore::upsert(EmailId id, std::span<const float> vector) {
  if (vector.size() != params_.dim) {
    return fail(Code::kInvalidArgument, "vector of dimension " + std::to_string(vector.size()) + ", the index holds " +
                                            std::to_string(params_.dim));
  }
  std::unique_lock lock(mutex_);
  auto label = static_cast<hnswlib::labeltype>(id);
  auto it = index_->label_lookup_.find(label);
  bool existed = it != index_->label_lookup_.end();
  bool was_deleted = existed && index_->isMarkedDeleted(it->second);
  if (!existed) MAILSIFT_TRY_VOID(reserve_locked(index_->cur_element_count + 1));
  try {
    index_->addPoint(vector.data(), label);
  } catch (const std::exception& e) {
    return internal("insert", e);
  }
  if (!existed || was_deleted) ++live_;
  apply_ef_locked();
  return ok();
}

Result<void> HnswVectorStore::remove(EmailId id) {
  std::unique_lock lock(mutex_);
  auto it = index_->label_lookup_.find(static_cast<hnswlib::labeltype>(id));
  if (it == index_->label_lookup_.end() || index_->isMarkedDeleted(it->second)) return ok();
  try {
    index_->markDelete(static_cast<hnswlib::labeltype>(id));
  } catch (const std::exception& e) {
    return internal("delete", e);
  }
  --live_;
  return ok();
}

Result<std::vector<VectorHit>> HnswVectorStore::knn(std::span<const float> query, size_t k,
                                                    const VectorFilter& filter) const {
  if (query.size() != params_.dim) return fail(Code::kInvalidArgument, "query vector of the wrong dimension");
  std::vector<VectorHit> out;
  std::shared_lock lock(mutex_);
  if (k == 0 || live_ == 0) return out;
  // hnswlib 0.6 has no filtered search: widen the beam until enough accepted hits come back.
  size_t want = filter ? std::max<size_t>(k * 4, 64) : k;
  while (true) {
    out.clear();
    size_t fetch = std::min(want, live_);
    std::priority_queue<std::pair<float, hnswlib::labeltype>> top;
    try {
      // searchKnn's beam is max(ef, fetch): asking for more widens it.
      top = index_->searchKnn(query.data(), fetch);
    } catch (const std::exception& e) {
      return internal("search", e);
    }
    std::vector<VectorHit> all;
    all.reserve(top.size());
    while (!top.empty()) {
      all.push_back(VectorHit{static_cast<EmailId>(top.top().second), 1.0f - top.top().first});
      top.pop();
    }
    std::reverse(all.begin(), all.end());
    for (const auto& h : all) {
      if (!filter || filter(h.id)) out.push_back(h);
      if (out.size() == k) break;
    }
    if (out.size() >= k || fetch >= live_ || !filter) break;
    want *= 4;
  }
  return out;
}

Result<std::vector<VectorHit>> HnswVectorStore::score(std::span<const float> query, std::span<const EmailId> ids,
                                                      size_t k) const {
  if (query.size() != params_.dim) return fail(Code::kInvalidArgument, "query vector of the wrong dimension");
  std::vector<VectorHit> out;
  std::shared_lock lock(mutex_);
  out.reserve(ids.size());
  for (EmailId id : ids) {
    auto it = index_->label_lookup_.find(static_cast<hnswlib::labeltype>(id));
    if (it == index_->label_lookup_.end() || index_->isMarkedDeleted(it->second)) continue;
    const float* v = reinterpret_cast<const float*>(index_->getDataByInternalId(it->second));
    float dot = 0;
    for (size_t i = 0; i < params_.dim; ++i) dot += v[i] * query[i];
    out.push_back(VectorHit{id, dot});
  }
  size_t n = std::min(k, out.size());
  std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n), out.end(),
                    [](const VectorHit& a, const VectorHit& b) { return a.score > b.score || (a.score == b.score && a.id < b.id); });
  out.resize(n);
  return out;
}

std::vector<float> HnswVectorStore::get(EmailId id) const {
  std::shared_lock lock(mutex_);
  auto it = index_->label_lookup_.find(static_cast<hnswlib::labeltype>(id));
  if (it == index_->label_lookup_.end() || index_->isMarkedDeleted(it->second)) return {};
  const float* v = reinterpret_cast<const float*>(index_->getDataByInternalId(it->second));
  return std::vector<float>(v, v + params_.dim);
}

bool HnswVectorStore::contains(EmailId id) const {
  std::shared_lock lock(mutex_);
  auto it = index_->label_lookup_.find(static_cast<hnswlib::labeltype>(id));
  return it != index_->label_lookup_.end() && !index_->isMarkedDeleted(it->second);
}

size_t HnswVectorStore::size() const {
  std::shared_lock lock(mutex_);
  return live_;
}

void HnswVectorStore::set_ef_search(size_t ef) {
  std::unique_lock lock(mutex_);
  params_.ef_search = ef;
  apply_ef_locked();
}

size_t HnswVectorStore::ef_search_in_use() const {
  std::shared_lock lock(mutex_);
  return index_->ef_;
}

void HnswVectorStore::apply_ef_locked() {
  constexpr size_t kAutoEfAbove = 50000;
  index_->setEf(params_.ef_search > 0 ? params_.ef_search : (live_ > kAutoEfAbove ? 1024 : 256));
}

size_t HnswVectorStore::memory_bytes() const {
  std::shared_lock lock(mutex_);
  size_t per = index_->size_data_per_element_;
  size_t upper = 0;
  for (size_t i = 0; i < index_->cur_element_count; ++i) {
    upper += index_->element_levels_[i] > 0 ? index_->size_links_per_element_ * static_cast<size_t>(index_->element_levels_[i]) : 0;
  }
  return index_->max_elements_ * per + upper;
}

}  // namespace mailsift::search
