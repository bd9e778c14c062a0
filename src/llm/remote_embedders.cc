#include "llm/remote_embedders.h"

#include <atomic>
#include <cstring>
#include <mutex>
#include <thread>

#include "aws/sigv4.h"
#include "core/time.h"
#include "llm/json_util.h"
#include "llm/provider_util.h"
#include "net/encoding.h"
#include "net/url.h"

namespace mailsift::llm {

namespace {

// Runs tasks 0..n-1 on up to `concurrency` threads; returns the error of the lowest-numbered
// failing task. Stops handing out tasks after a failure.
Result<void> run_bounded(size_t n, size_t concurrency, const std::function<Result<void>(size_t)>& task) {
  if (n == 0) return ok();
  std::vector<std::optional<Error>> errors(n);
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  auto worker = [&] {
    for (size_t i = next++; i < n && !failed; i = next++) {
      auto r = task(i);
      if (!r) {
        errors[i] = r.error();
        failed = true;
      }
    }
  };
  size_t threads = std::min(n, std::max<size_t>(1, concurrency));
  if (threads == 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (size_t t = 0; t < threads; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
  }
  for (auto& e : errors) {
    if (e) return fail(std::move(*e));
  }
  return ok();
}

Result<void> check_dimension(const Vector& v, size_t dimension, std::string_view provider) {
  if (v.size() == dimension) return ok();
  return fail(Code::kParse,
              std::string(provider) + " returned " + std::to_string(v.size()) + " dimensions, expected " +
                  std::to_string(dimension),
              "set embeddings.dimensions to the model's dimension");
}

Result<Vector> to_vector(const Json& value, size_t dimension, std::string_view provider) {
  if (!value.is_array()) return fail(Code::kParse, std::string(provider) + " embedding is not an array");
  Vector v;
  v.reserve(value.size());
  for (const auto& x : value) {
    if (!x.is_number()) return fail(Code::kParse, std::string(provider) + " embedding holds a non-number");
    v.push_back(x.get<float>());
  }
  MAILSIFT_TRY_VOID(check_dimension(v, dimension, provider));
  return v;
}

// The shared shape: batching, concurrency, the HTTP client; subclasses embed one request batch.
class RemoteEmbedder : public Embedder {
 public:
  explicit RemoteEmbedder(RemoteEmbedderOptions options) : options_(std::move(options)), client_(options_.http) {
    options_.request_batch = std::max<size_t>(1, options_.request_batch);
    options_.max_batch = std::max(options_.max_batch, options_.request_batch);
  }

  Result<std::vector<Vector>> embed(std::span<const std::string> texts, EmbedInput input) override {
    if (texts.size() > max_batch()) {
      return fail(Code::kInvalidArgument, "embed() got " + std::to_string(texts.size()) + " texts; at most " +
                                              std::to_string(max_batch()) + " per call");
    }
    std::vector<Vector> out(texts.size());
    size_t batch = options_.request_batch;
    size_t n = (texts.size() + batch - 1) / batch;
    MAILSIFT_TRY_VOID(run_bounded(n, options_.concurrency, [&](size_t b) -> Result<void> {
      size_t begin = b * batch;
      size_t end = std::min(texts.size(), begin + batch);
      auto vectors = MAILSIFT_TRY(embed_batch(texts.subspan(begin, end - begin), input));
      if (vectors.size() != end - begin) {
        return fail(Code::kParse, options_.provider + " returned " + std::to_string(vectors.size()) +
                                      " embeddings for " + std::to_string(end - begin) + " texts");
      }
      for (size_t i = 0; i < vectors.size(); ++i) out[begin + i] = std::move(vectors[i]);
      return ok();
    }));
    return out;
  }

  std::string model_id() const override { return options_.provider + ":" + options_.model; }
  size_t dimension() const override { return options_.dimension; }
  size_t max_batch() const override { return options_.max_batch; }
  bool thread_safe() const override { return true; }

 protected:
  virtual Result<std::vector<Vector>> embed_batch(std::span<const std::string> texts, EmbedInput input) = 0;

  Result<Json> post_json(net::HttpRequest http, std::string_view what) {
    auto res = MAILSIFT_TRY(client_.send(http));
    if (!res.ok()) {
      return fail(detail::http_error(what, http, res, detail::error_message_from_body(res.body), options_.key_hint));
    }
    return parse_json(res.body, std::string(what) + " response");
  }

  RemoteEmbedderOptions options_;
  net::HttpClient client_;
};

class OpenAiEmbedder final : public RemoteEmbedder {
 public:
  using RemoteEmbedder::RemoteEmbedder;

 protected:
  Result<std::vector<Vector>> embed_batch(std::span<const std::string> texts, EmbedInput) override {
    Json body{{"model", options_.model},
              {"input", Json(std::vector<std::string>(texts.begin(), texts.end()))},
              {"encoding_format", options_.encoding_format}};
    if (options_.send_dimensions) body["dimensions"] = options_.dimension;
    net::HttpRequest http{"POST",
                          net::join_url(options_.base_url, "/embeddings"),
                          {{"Content-Type", "application/json"}},
                          dump_json(body)};
    if (!options_.api_key.empty()) http.headers.emplace_back("Authorization", "Bearer " + options_.api_key);
    Json j = MAILSIFT_TRY(post_json(std::move(http), "OpenAI-compatible embeddings"));
    try {
      const Json* data = member(j, "data");
      if (!data || !data->is_array()) return fail(Code::kParse, "embeddings response has no data array");
      std::vector<Vector> out(texts.size());
      std::vector<bool> seen(texts.size(), false);
      size_t position = 0;
      for (const auto& item : *data) {
        size_t index = static_cast<size_t>(int_member(item, "index", static_cast<int64_t>(position)));
        ++position;
        if (index >= texts.size() || seen[index]) return fail(Code::kParse, "embeddings response has a bad index");
        const Json* e = member(item, "embedding");
        if (!e) return fail(Code::kParse, "embeddings response item has no embedding");
        Vector v;
        if (e->is_string()) {
          v = MAILSIFT_TRY(decode_base64_floats(e->get<std::string>()));
          MAILSIFT_TRY_VOID(check_dimension(v, options_.dimension, "OpenAI-compatible"));
        } else {
          v = MAILSIFT_TRY(to_vector(*e, options_.dimension, "OpenAI-compatible"));
        }
        out[index] = std::move(v);
        seen[index] = true;
      }
      for (bool s : seen) {
        if (!s) return fail(Code::kParse, "embeddings response is missing an item");
      }
      return out;
    } catch (const Json::exception&) {
      return fail(Code::kParse, "embeddings response has an unexpected shape");
    }
  }
};

class OllamaEmbedder final : public RemoteEmbedder {
 public:
  using RemoteEmbedder::RemoteEmbedder;

 protected:
  Result<std::vector<Vector>> embed_batch(std::span<const std::string> texts, EmbedInput) override {
    Json body{{"model", options_.model}, {"input", Json(std::vector<std::string>(texts.begin(), texts.end()))}};
    if (options_.send_dimensions) body["dimensions"] = options_.dimension;
    net::HttpRequest http{"POST",
                          net::join_url(options_.base_url, "/api/embed"),
                          {{"Content-Type", "application/json"}},
                          dump_json(body)};
    Json j = MAILSIFT_TRY(post_json(std::move(http), "Ollama embed"));
    try {
      const Json* list = member(j, "embeddings");
      if (!list || !list->is_array()) return fail(Code::kParse, "Ollama embed response has no embeddings");
      std::vector<Vector> out;
      for (const auto& e : *list) out.push_back(MAILSIFT_TRY(to_vector(e, options_.dimension, "Ollama")));
      return out;
    } catch (const Json::exception&) {
      return fail(Code::kParse, "Ollama embed response has an unexpected shape");
    }
  }
};

class TitanEmbedder final : public RemoteEmbedder {
 public:
  explicit TitanEmbedder(RemoteEmbedderOptions options) : RemoteEmbedder(prepare(std::move(options))) {}

 protected:
  Result<std::vector<Vector>> embed_batch(std::span<const std::string> texts, EmbedInput) override {
    std::vector<Vector> out;
    for (const auto& text : texts) {
      Json body{{"inputText", text}, {"normalize", options_.normalize}};
      if (options_.send_dimensions) body["dimensions"] = options_.dimension;
      net::HttpRequest http{
          "POST",
          net::join_url(options_.base_url, "/model/" + net::percent_encode(options_.model) + "/invoke"),
          {{"Content-Type", "application/json"}, {"Accept", "application/json"}},
          dump_json(body)};
      if (!options_.credentials) return fail(Code::kPermission, "no AWS credentials provider configured");
      aws::SigningParams params;
      params.credentials = MAILSIFT_TRY(options_.credentials());
      params.region = options_.region;
      params.service = "bedrock";
      params.time = now_unix();
      MAILSIFT_TRY_VOID(aws::sign_request(http, params));
      Json j = MAILSIFT_TRY(post_json(std::move(http), "Bedrock Titan embeddings"));
      const Json* e = member(j, "embedding");
      if (!e) return fail(Code::kParse, "Titan response has no embedding");
      out.push_back(MAILSIFT_TRY(to_vector(*e, options_.dimension, "Bedrock Titan")));
    }
    return out;
  }

 private:
  static RemoteEmbedderOptions prepare(RemoteEmbedderOptions o) {
    if (o.base_url.empty()) o.base_url = "https://bedrock-runtime." + o.region + ".amazonaws.com";
    o.request_batch = 1;  // one text per InvokeModel call
    return o;
  }
};

}  // namespace

Result<Vector> decode_base64_floats(std::string_view text) {
  std::string bytes = MAILSIFT_TRY(net::base64_decode(text));
  if (bytes.size() % 4 != 0) return fail(Code::kParse, "base64 embedding is not a whole number of float32 values");
  Vector out(bytes.size() / 4);
  for (size_t i = 0; i < out.size(); ++i) {
    uint32_t bits = 0;
    for (int b = 3; b >= 0; --b) bits = (bits << 8) | static_cast<unsigned char>(bytes[i * 4 + static_cast<size_t>(b)]);
    float f;
    std::memcpy(&f, &bits, sizeof f);
    out[i] = f;
  }
  return out;
}

std::unique_ptr<Embedder> make_openai_embedder(RemoteEmbedderOptions options) {
  return std::make_unique<OpenAiEmbedder>(std::move(options));
}

std::unique_ptr<Embedder> make_ollama_embedder(RemoteEmbedderOptions options) {
  return std::make_unique<OllamaEmbedder>(std::move(options));
}

std::unique_ptr<Embedder> make_titan_embedder(RemoteEmbedderOptions options) {
  return std::make_unique<TitanEmbedder>(std::move(options));
}

}  // namespace mailsift::llm
