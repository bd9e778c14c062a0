// Embedder: turns texts into vectors for semantic search (DESIGN.md).
//
// Adapters: local (offline, deterministic), OpenAI-compatible, Ollama, Bedrock Titan. Every
// vector is stored with the model_id() and dimension() that produced it, so a model change is
// detected rather than mixed. Implementations document their own thread-safety.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <vector>

#include "core/result.h"
#include "core/types.h"

namespace mailsift {

using Vector = std::vector<float>;

// Some models embed queries and documents differently (e.g. Cohere input_type); others ignore it.
enum class EmbedInput { kDocument, kQuery };

class Embedder {
 public:
  virtual ~Embedder() = default;
  Embedder(const Embedder&) = delete;
  Embedder& operator=(const Embedder&) = delete;

  // One vector per text, in the same order. Errors: kUnavailable (remote failure),
  // kInvalidArgument (more texts than max_batch()).
  virtual Result<std::vector<Vector>> embed(std::span<const std::string> texts, EmbedInput input) = 0;

  virtual std::string model_id() const = 0;
  virtual size_t dimension() const = 0;
  // How many texts one embed() call accepts.
  virtual size_t max_batch() const { return 64; }
  // True when embed() may be called from several threads at once.
  virtual bool thread_safe() const { return false; }

 protected:
  Embedder() = default;
};

// The text of an email that is embedded: the subject, then the visible text (quoted replies and
// signatures removed; the full text when nothing visible is left), cut to max_bytes on a UTF-8
// boundary. The query path embeds the query string as is.
std::string embedding_text(const Email& email, size_t max_bytes = 4000);

}  // namespace mailsift
