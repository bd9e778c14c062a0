#include "pipeline/ingest.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <thread>

#include "core/time.h"

namespace mailsift {

namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kMaxDegradedNotes = 20;

struct Work {
  uint64_t seq = 0;
  SourceItem item;
  Prepared prepared;
  bool is_message = false;
};

// A fixed pool that prepares messages; results are handed back by sequence number.
class PreparePool {
 public:
  PreparePool(int threads, const ProcessPorts& ports, const ProcessOptions& options, bool derive)
      : ports_(ports), options_(options), derive_(derive) {
    for (int i = 0; i < threads; ++i) workers_.emplace_back([this] { run(); });
  }
  ~PreparePool() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    cv_in_.notify_all();
    for (auto& t : workers_) t.join();
  }

  void submit(Work work) {
    {
      std::lock_guard lock(mu_);
      in_.push_back(std::move(work));
    }
    cv_in_.notify_one();
  }

  // Blocks until the work with this sequence number is done.
  Work take(uint64_t seq) {
    std::unique_lock lock(mu_);
    cv_out_.wait(lock, [&] { return out_.count(seq) > 0; });
    Work w = std::move(out_[seq]);
    out_.erase(seq);
    return w;
  }

 private:
  void run() {
    while (true) {
      Work w;
      {
        std::unique_lock lock(mu_);
        cv_in_.wait(lock, [&] { return stop_ || !in_.empty(); });
        if (stop_ && in_.empty()) return;
        w = std::move(in_.front());
        in_.pop_front();
      }
      w.prepared = prepare(std::move(w.item.raw), IngestMeta{w.item.origin, now_unix()}, ports_, options_, derive_);
      {
        std::lock_guard lock(mu_);
        uint64_t seq = w.seq;
        out_.emplace(seq, std::move(w));
      }
      cv_out_.notify_all();
    }
  }

  const ProcessPorts& ports_;
  const ProcessOptions& options_;
  bool derive_;
  std::mutex mu_;
  std::condition_variable cv_in_, cv_out_;
  std::deque<Work> in_;
  std::map<uint64_t, Work> out_;
  std::vector<std::thread> workers_;
  bool stop_ = false;
};

class Runner {
 public:
  Runner(MessageSource& source, const ProcessPorts& ports, const IngestOptions& options)
      : source_(source), ports_(ports), options_(options), process_options_(options.process), start_(Clock::now()) {}

  Result<IngestSummary> run() {
    // Messages already stored are recognised by hash before they are parsed.
    stored_hashes_ = MAILSIFT_TRY(ports_.store.content_hash_prefixes());
    if (!stored_hashes_.empty()) process_options_.stored_hashes = &stored_hashes_;
    int threads = options_.threads > 0 ? options_.threads : static_cast<int>(std::thread::hardware_concurrency());
    if (threads < 1) threads = 1;
    // Derive on the workers only when the ports may be called from several threads.
    const bool parallel_derive = (!ports_.classifier || ports_.classifier->thread_safe()) &&
                                 (!ports_.embedder || ports_.embedder->thread_safe());
    if (threads == 1) {
      while (auto item = source_.next()) {
        Work w{next_seq_++, std::move(*item), {}, false};
        if (w.item.kind == SourceItem::Kind::kMessage) {
          w.is_message = true;
          w.prepared = prepare(std::move(w.item.raw), IngestMeta{w.item.origin, now_unix()}, ports_, process_options_);
        }
        MAILSIFT_TRY_VOID(handle(std::move(w)));
      }
    } else {
      PreparePool pool(threads, ports_, process_options_, parallel_derive);
      const uint64_t max_in_flight = static_cast<uint64_t>(threads) * 16;
      uint64_t next_out = 0;
      std::map<uint64_t, Work> direct;  // items decided without parsing, waiting for their turn
      bool more = true;
      while (more || next_out < next_seq_) {
        while (more && next_seq_ - next_out < max_in_flight) {
          auto item = source_.next();
          if (!item) {
            more = false;
            break;
          }
          Work w{next_seq_++, std::move(*item), {}, false};
          if (w.item.kind == SourceItem::Kind::kMessage) {
            w.is_message = true;
            pool.submit(std::move(w));
          } else {
            direct.emplace(w.seq, std::move(w));
          }
        }
        if (next_out == next_seq_) continue;
        Work w;
        if (auto it = direct.find(next_out); it != direct.end()) {
          w = std::move(it->second);
          direct.erase(it);
        } else {
          w = pool.take(next_out);
          if (!parallel_derive && w.prepared.email) derive(w.prepared, ports_, process_options_);
        }
        ++next_out;
        MAILSIFT_TRY_VOID(handle(std::move(w)));
      }
    }
    if (in_batch_) {
      MAILSIFT_TRY_VOID(ports_.store.commit_batch());
      in_batch_ = false;
    }
    summary_.seconds = elapsed();
    summary_.bytes = source_.done_bytes();
    report(/*force=*/true);
    return std::move(summary_);
  }

 private:
  double elapsed() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

  Result<void> handle(Work w) {
    ++items_;
    const SourceItem& item = w.item;
    if (!w.is_message) {
      switch (item.kind) {
        case SourceItem::Kind::kSkipped:
          summary_.skipped.push_back({item.origin, item.reason});
          break;
        case SourceItem::Kind::kTooLarge: {
          MAILSIFT_TRY_VOID(ensure_batch());
          std::string reason = item.reason + (item.only_copy ? "; the message was not kept" : "; the file was left where it is");
          count(quarantine("", item.size, reason, IngestMeta{item.origin, now_unix()}, ports_.store), item.origin);
          break;
        }
        case SourceItem::Kind::kError:
          ++summary_.failed;
          summary_.failures.push_back({item.origin, item.reason});
          break;
        case SourceItem::Kind::kMessage:
          break;
      }
    } else {
      MAILSIFT_TRY_VOID(ensure_batch());
      count(commit(std::move(w.prepared), ports_, process_options_), item.origin);
      ++pending_;
    }
    if (in_batch_ && (pending_ >= options_.batch_size ||
                      std::chrono::duration<double>(Clock::now() - batch_start_).count() >= options_.batch_seconds)) {
      MAILSIFT_TRY_VOID(ports_.store.commit_batch());
      in_batch_ = false;
      pending_ = 0;
    }
    report(false);
    return ok();
  }

  Result<void> ensure_batch() {
    if (in_batch_) return ok();
    MAILSIFT_TRY_VOID(ports_.store.begin_batch());
    in_batch_ = true;
    batch_start_ = Clock::now();
    return ok();
  }

  void count(const ProcessResult& r, const std::string& origin) {
    switch (r.outcome) {
      case Outcome::kNew: ++summary_.added; break;
      case Outcome::kDuplicate: ++summary_.duplicates; break;
      case Outcome::kQuarantined:
        ++summary_.quarantined;
        summary_.quarantines.push_back({origin, r.reason});
        break;
      case Outcome::kFailed:
        ++summary_.failed;
        summary_.failures.push_back({origin, r.reason});
        break;
    }
    if (!r.degraded.empty()) {
      ++summary_.degraded;
      if (summary_.degraded_notes.size() < kMaxDegradedNotes) summary_.degraded_notes.push_back({origin, r.degraded.front()});
    }
  }

  void report(bool force) {
    if (!options_.on_progress) return;
    auto now = Clock::now();
    if (!force && now - last_report_ < std::chrono::milliseconds(100)) return;
    last_report_ = now;
    options_.on_progress(IngestProgress{items_, summary_.added, source_.done_bytes(), source_.total_bytes(), elapsed()});
  }

  MessageSource& source_;
  const ProcessPorts& ports_;
  const IngestOptions& options_;
  ProcessOptions process_options_;
  std::vector<uint64_t> stored_hashes_;
  Clock::time_point start_, batch_start_, last_report_{};
  IngestSummary summary_;
  uint64_t next_seq_ = 0;
  int64_t items_ = 0;
  int pending_ = 0;
  bool in_batch_ = false;
};

}  // namespace

Result<IngestSummary> ingest(MessageSource& source, const ProcessPorts& ports, const IngestOptions& options) {
  Runner runner(source, ports, options);
  auto r = runner.run();
  if (!r) ports.store.rollback_batch();
  return r;
}

}  // namespace mailsift
