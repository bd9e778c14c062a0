#include "pipeline/process.h"

#include <algorithm>

#include "core/strings.h"
#include "core/time.h"

namespace mailsift {

std::string_view outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::kNew: return "new";
    case Outcome::kDuplicate: return "duplicate";
    case Outcome::kQuarantined: return "quarantined";
    case Outcome::kFailed: return "failed";
  }
  return "failed";
}

Prepared prepare(std::string raw, IngestMeta meta, const ProcessPorts& ports, const ProcessOptions& options,
                 bool derive_now) {
  Prepared p;
  if (meta.ingested_at == 0) meta.ingested_at = now_unix();
  if (options.stored_hashes) {
    p.hash = content_hash(raw);
    if (std::binary_search(options.stored_hashes->begin(), options.stored_hashes->end(), hash_prefix(p.hash))) {
      p.raw = std::move(raw);
      p.meta = std::move(meta);
      p.probably_stored = true;
      return p;
    }
  }
  mime::ParseOptions parse = options.parse;
  if (parse.ingest_time == 0) parse.ingest_time = meta.ingested_at;
  parse.content_hash = p.hash;
  p.email = mime::parse_message(raw, parse);
  if (p.email) p.encoded_raw = ports.store.encode_raw(raw);
  p.raw = std::move(raw);
  p.meta = std::move(meta);
  if (p.email && derive_now) derive(p, ports, options);
  return p;
}

void derive(Prepared& p, const ProcessPorts& ports, const ProcessOptions& options) {
  if (!p.email) return;
  const Email& email = *p.email;
  if (ports.classifier) {
    auto c = ports.classifier->classify(email);
    if (c) {
      if (c->decided_at == 0) c->decided_at = p.meta.ingested_at;
      p.classification = std::move(*c);
    } else {
      p.degraded.push_back("classify (" + ports.classifier->name() + "): " + c.error().to_string());
    }
  }
  if (ports.embedder) {
    std::string text = embedding_text(email, options.embed_max_bytes);
    auto v = ports.embedder->embed(std::span<const std::string>(&text, 1), EmbedInput::kDocument);
    if (v && v->size() == 1) {
      p.vector = std::move(v->front());
      p.embed_model = ports.embedder->model_id();
    } else {
      p.degraded.push_back("embed (" + ports.embedder->model_id() + "): " +
                           (v ? std::string("no vector returned") : v.error().to_string()));
    }
  }
}

ProcessResult quarantine(std::string_view raw, uint64_t size, std::string_view reason, const IngestMeta& meta,
                         EmailStore& store) {
  ProcessResult out;
  auto q = store.quarantine(raw, size, reason, meta);
  if (!q) {
    out.outcome = Outcome::kFailed;
    out.reason = "could not quarantine (" + std::string(reason) + "): " + q.error().to_string();
    return out;
  }
  out.outcome = q->inserted ? Outcome::kQuarantined : Outcome::kDuplicate;
  out.id = q->id;
  out.reason = std::string(reason);
  return out;
}

namespace {

// Stores the message (or quarantines what could not be parsed). Derived data is not touched.
ProcessResult store_message(Prepared& p, const ProcessPorts& ports) {
  ProcessResult out;
  if (!p.email) {
    const Error& e = p.email.error();
    if (e.code == Code::kParse || e.code == Code::kTooLarge) {
      return quarantine(p.raw, p.raw.size(), e.message, p.meta, ports.store);
    }
    out.outcome = Outcome::kFailed;
    out.reason = e.to_string();
    return out;
  }
  auto put = ports.store.put(*p.email, p.raw, p.meta, p.encoded_raw);
  if (!put) {
    out.outcome = Outcome::kFailed;
    out.reason = "store: " + put.error().to_string();
    return out;
  }
  out.id = put->id;
  out.thread_id = put->thread_id;
  out.outcome = put->inserted ? Outcome::kNew : Outcome::kDuplicate;
  return out;
}

// Records what was derived from a newly stored message and tells the other stages. A failure
// here degrades the result and is recorded; the email stays stored.
void record_derived(Prepared& p, ProcessResult& out, const ProcessPorts& ports) {
  const Email& email = *p.email;
  for (auto& d : p.degraded) out.degraded.push_back(std::move(d));
  p.degraded.clear();
  if (p.classification) {
    if (auto r = ports.store.add_classification(out.id, *p.classification); !r) {
      out.degraded.push_back("store classification: " + r.error().to_string());
    }
  }
  if (!ports.bus) return;
  Event stored{events::kEmailStored, out.id, "{\"thread_id\":" + std::to_string(out.thread_id) + "}", {}, {}};
  if (auto r = ports.bus->publish(stored); !r) out.degraded.push_back("email.stored: " + r.error().to_string());
  if (p.vector) {
    Event ready{events::kVectorReady, out.id, "{}", std::move(*p.vector), p.embed_model};
    if (auto r = ports.bus->publish(ready); !r) out.degraded.push_back("write vector: " + r.error().to_string());
  }
  const Address& from = email.primary_from();
  if (!from.address.empty()) {
    Event seen{events::kContactSeen, out.id, "{\"from\":" + quote(from.normalized()) + "}", {}, {}, &email};
    if (auto r = ports.bus->publish(seen); !r) out.degraded.push_back("enrich contact: " + r.error().to_string());
  }
}

}  // namespace

ProcessResult commit(Prepared p, const ProcessPorts& ports, const ProcessOptions& options) {
  if (p.probably_stored) {
    auto id = ports.store.find_by_content_hash(p.hash);
    if (id && *id) return ProcessResult{Outcome::kDuplicate, **id, 0, {}, {}};
    // Only the 64-bit prefix matched: a new message after all.
    ProcessOptions again = options;
    again.stored_hashes = nullptr;
    p = prepare(std::move(p.raw), std::move(p.meta), ports, again);
  }
  ProcessResult out = store_message(p, ports);
  if (out.outcome == Outcome::kNew) record_derived(p, out, ports);
  return out;
}

ProcessResult process(std::string raw, IngestMeta meta, const ProcessPorts& ports, const ProcessOptions& options) {
  // Store first, derive later: the message is safe before any classifier or embedder runs.
  Prepared p = prepare(std::move(raw), std::move(meta), ports, options, /*derive_now=*/false);
  ProcessResult out = store_message(p, ports);
  if (out.outcome != Outcome::kNew) return out;
  derive(p, ports, options);
  record_derived(p, out, ports);
  return out;
}

}  // namespace mailsift
