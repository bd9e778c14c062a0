// Remote adapters of the Embedder port (src/search/embedder.h):
//   - OpenAI-compatible POST {base_url}/embeddings {model, input:[...], encoding_format,
//     dimensions?} -> {data:[{index, embedding}]}, float arrays or base64 little-endian float32;
//     OpenAI, vLLM, llama.cpp (--embeddings), Ollama's /v1.
//   - Ollama POST {base_url}/api/embed {model, input:[...]} -> {embeddings:[[...]]}.
//   - Bedrock Titan Text Embeddings V2: InvokeModel POST /model/{id}/invoke {inputText,
//     dimensions, normalize} -> {embedding}, one text per call, SigV4 service "bedrock".
//
// embed() accepts up to max_batch() texts, splits them into requests of request_batch texts
// (1 for Titan), runs up to `concurrency` requests at once, and returns the vectors in input
// order. Every vector must have dimension() values (else kParse with a hint to set
// embeddings.dimensions). HTTP retries (429/5xx, Retry-After) come from the HttpClient.
// Thread-safe: embed() may be called from several threads.
#pragma once

#include <memory>
#include <string>

#include "aws/credentials.h"
#include "net/http_client.h"
#include "search/embedder.h"

namespace mailsift::llm {

struct RemoteEmbedderOptions {
  std::string provider;  // "openai", "ollama", "bedrock" (also the model_id() prefix)
  std::string base_url;  // openai / ollama; Bedrock: the endpoint override (tests)
  std::string model;
  std::string api_key;  // secret; openai-compatible only ("Authorization: Bearer")
  std::string key_hint;
  size_t dimension = 0;                   // required
  bool send_dimensions = false;           // send "dimensions" (OpenAI text-embedding-3, Titan V2)
  std::string encoding_format = "float";  // openai: "float" or "base64"
  size_t request_batch = 32;
  size_t max_batch = 256;
  size_t concurrency = 4;
  bool normalize = true;                 // Titan's "normalize"
  std::string region;                    // Bedrock
  aws::CredentialsProvider credentials;  // Bedrock
  net::HttpOptions http;
};

std::unique_ptr<Embedder> make_openai_embedder(RemoteEmbedderOptions options);
std::unique_ptr<Embedder> make_ollama_embedder(RemoteEmbedderOptions options);
std::unique_ptr<Embedder> make_titan_embedder(RemoteEmbedderOptions options);

// Decodes OpenAI's base64 embedding: little-endian IEEE-754 float32 values.
// Errors: kParse (bad base64, or a length that is not a multiple of 4).
Result<Vector> decode_base64_floats(std::string_view text);

}  // namespace mailsift::llm
