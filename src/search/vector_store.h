// VectorStore: nearest-neighbour search over the embeddings of emails (DESIGN.md).
//
// Adapters: HNSW in memory with a file on disk (hnsw_vector_store.h); S3 Vectors later. The
// vectors' source of truth is the store (the `embeddings` table, vector_index.h); a
// VectorStore is an accelerator that can always be rebuilt from it.
//
// Vectors are L2-normalised; a hit's score is the inner product (cosine similarity, -1..1).
// Thread-safety: implementations are safe for concurrent calls (searches run in parallel,
// writes exclude searches).
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "core/result.h"
#include "core/types.h"

namespace mailsift::search {

struct VectorHit {
  EmailId id = 0;
  float score = 0;  // higher is closer
};

// Returns true for the ids a search may return.
using VectorFilter = std::function<bool(EmailId)>;

class VectorStore {
 public:
  virtual ~VectorStore() = default;
  VectorStore(const VectorStore&) = delete;
  VectorStore& operator=(const VectorStore&) = delete;

  // Adds or replaces the vector of an id. Errors: kInvalidArgument (wrong dimension), kInternal.
  virtual Result<void> upsert(EmailId id, std::span<const float> vector) = 0;
  // Removes an id; removing an absent id is not an error.
  virtual Result<void> remove(EmailId id) = 0;
  // The k nearest ids to query, best first, among those the filter accepts (all when empty).
  // Approximate: see the adapter for the recall it reaches.
  virtual Result<std::vector<VectorHit>> knn(std::span<const float> query, size_t k,
                                             const VectorFilter& filter = {}) const = 0;
  // Exact scores of the given ids (absent ones are skipped), best first, at most k.
  virtual Result<std::vector<VectorHit>> score(std::span<const float> query, std::span<const EmailId> ids,
                                               size_t k) const = 0;
  // The stored vector of an id; empty when absent.
  virtual std::vector<float> get(EmailId id) const = 0;
  virtual bool contains(EmailId id) const = 0;
  virtual size_t size() const = 0;
  virtual size_t dimension() const = 0;

 protected:
  VectorStore() = default;
};

}  // namespace mailsift::search
