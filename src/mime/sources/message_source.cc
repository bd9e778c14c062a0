#include "mime/sources/message_source.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <filesystem>

#include "core/strings.h"
#include "mime/parser.h"

namespace fs = std::filesystem;

namespace mailsift {

bool is_mbox_from_line(std::string_view line) {
  if (!line.starts_with("From ")) return false;
  std::string_view rest = trim(line.substr(5));
  if (rest.empty()) return false;
  // "From sender date": a sender token, then a tail with a clock (12:36) or a 4-digit year.
  auto sp = rest.find(' ');
  if (sp == std::string_view::npos) return false;
  std::string_view tail = rest.substr(sp);
  for (size_t i = 0; i + 4 < tail.size(); ++i) {
    auto d = [&](size_t k) { return tail[k] >= '0' && tail[k] <= '9'; };
    if (d(i) && d(i + 1) && tail[i + 2] == ':' && d(i + 3) && d(i + 4)) return true;
  }
  for (size_t i = 0; i + 3 < tail.size(); ++i) {
    bool year = (tail[i] == '1' || tail[i] == '2');
    for (size_t k = 1; k < 4 && year; ++k) year = tail[i + k] >= '0' && tail[i + k] <= '9';
    if (year && (i == 0 || tail[i - 1] == ' ') && (i + 4 == tail.size() || tail[i + 4] == ' ')) return true;
  }
  return false;
}

namespace {

constexpr size_t kChunk = 64 * 1024;

struct FileCloser {
  void operator()(FILE* f) const {
    if (f) std::fclose(f);
  }
};
using FilePtr = std::unique_ptr<FILE, FileCloser>;

struct Entry {
  std::string path;  // "-" for stdin
  uint64_t size = 0;
};

// Splits one open stream into messages: a single message, or an mbox when the stream starts
// with an envelope line. Memory is bounded by the per-message limit plus one chunk.
class StreamSplitter {
 public:
  StreamSplitter(FilePtr file, std::string origin, uint64_t max_bytes, bool only_copy)
      : file_(std::move(file)), origin_(std::move(origin)), max_(max_bytes), only_copy_(only_copy) {}

  // Reads until one item is complete. Returns nullopt at the end of the stream.
  std::optional<SourceItem> next(uint64_t& done_bytes) {
    while (!finished_) {
      std::string_view piece = read_piece();
      const size_t n = piece.size();
      if (n == 0) {
        finished_ = true;
        if (std::ferror(file_.get())) {
          return SourceItem{SourceItem::Kind::kError, {}, origin_, 0, std::string("read error: ") + std::strerror(errno), only_copy_};
        }
        return flush(/*at_end=*/true);
      }
      done_bytes += n;
      const bool line_start = at_line_start_;
      at_line_start_ = piece.back() == '\n';
      if (line_start && offset_ == n && piece.starts_with("From ") && is_mbox_from_line(trim(piece))) {
        // The first line is an envelope: this stream is an mbox (or a message with a stray one).
        mbox_ = true;
        start_message(n);
        prev_blank_ = false;
        continue;
      }
      if (mbox_ && line_start && prev_blank_ && piece.starts_with("From ") && is_mbox_from_line(trim(piece))) {
        auto done = flush(/*at_end=*/false);
        start_message(offset_);
        prev_blank_ = false;
        if (done) return done;
        continue;
      }
      if (mbox_ && line_start && piece.starts_with(">")) {
        size_t k = piece.find_first_not_of('>');
        if (k != std::string_view::npos && piece.substr(k).starts_with("From ")) piece.remove_prefix(1);  // mboxrd
      }
      append(piece);
      if (at_line_start_ && line_start) prev_blank_ = piece == "\n" || piece == "\r\n";
      else if (at_line_start_) prev_blank_ = false;
    }
    return std::nullopt;
  }

 private:
  // The next line (with its newline), or kChunk bytes of a longer line. Empty at the end.
  std::string_view read_piece() {
    auto find_nl = [&]() -> const char* {
      return static_cast<const char*>(std::memchr(buf_.get() + rpos_, '\n', rlen_ - rpos_));
    };
    const char* nl = find_nl();
    if (!nl && !eof_) {
      // Keep the unread tail, then fill the buffer so a line is not cut at a buffer boundary.
      std::memmove(buf_.get(), buf_.get() + rpos_, rlen_ - rpos_);
      rlen_ -= rpos_;
      rpos_ = 0;
      size_t n = std::fread(buf_.get() + rlen_, 1, kChunk - rlen_, file_.get());
      rlen_ += n;
      if (n == 0) eof_ = true;
      nl = find_nl();
    }
    size_t end = nl ? static_cast<size_t>(nl - buf_.get()) + 1 : rlen_;
    std::string_view piece(buf_.get() + rpos_, end - rpos_);
    rpos_ = end;
    offset_ += piece.size();
    return piece;
  }

  void start_message(uint64_t offset) {
    msg_.clear();
    msg_size_ = 0;
    discarding_ = false;
    msg_offset_ = offset;
    have_message_ = true;
  }

  void append(std::string_view piece) {
    have_message_ = true;
    msg_size_ += piece.size();
    if (discarding_) return;
    if (msg_size_ > max_) {
      discarding_ = true;
      msg_.clear();
      msg_.shrink_to_fit();
      return;
    }
    msg_.append(piece);
  }

  std::optional<SourceItem> flush(bool at_end) {
    if (!have_message_) return std::nullopt;
    have_message_ = false;
    SourceItem item;
    // An mbox entry is named by its offset, unless it is the file's only message.
    item.origin = mbox_ && !(at_end && count_ == 0) ? origin_ + "@" + std::to_string(msg_offset_) : origin_;
    item.only_copy = only_copy_;
    ++count_;
    if (!at_end && msg_.ends_with("\n\n")) msg_.pop_back();  // the blank separator before "From "
    else if (!at_end && msg_.ends_with("\r\n\r\n")) msg_.resize(msg_.size() - 2);
    item.size = msg_size_;
    if (discarding_) {
      item.kind = SourceItem::Kind::kTooLarge;
      item.reason = "message of " + std::to_string(msg_size_) + " bytes is over the limit of " + std::to_string(max_);
      return item;
    }
    if (trim(msg_).empty()) {
      if (mbox_ && count_ > 1) return std::nullopt;  // trailing blank lines of an mbox
      item.kind = SourceItem::Kind::kSkipped;
      item.reason = msg_size_ == 0 ? "empty file" : "only whitespace";
      return item;
    }
    item.raw = std::move(msg_);
    msg_.clear();
    return item;
  }

  FilePtr file_;
  std::string origin_;
  uint64_t max_;
  bool only_copy_;
  std::unique_ptr<char[]> buf_{new char[kChunk]};  // not zero-filled: only [rpos_, rlen_) is read
  size_t rpos_ = 0, rlen_ = 0;
  bool eof_ = false;
  std::string msg_;
  uint64_t msg_size_ = 0, msg_offset_ = 0, offset_ = 0;
  bool at_line_start_ = true, prev_blank_ = true, mbox_ = false, discarding_ = false;
  bool have_message_ = false, finished_ = false;
  int count_ = 0;
};

class ArgsSource final : public MessageSource {
 public:
  ArgsSource(std::vector<Entry> entries, SourceOptions options) : entries_(std::move(entries)), options_(options) {
    for (const auto& e : entries_) total_ += e.size;
  }

  std::optional<SourceItem> next() override {
    while (true) {
      if (splitter_) {
        if (auto item = splitter_->next(done_)) return finish(std::move(*item));
        splitter_.reset();
      }
      if (pos_ >= entries_.size()) return std::nullopt;
      const Entry& e = entries_[pos_++];
      if (auto item = open_entry(e)) return finish(std::move(*item));
    }
  }

  uint64_t total_bytes() const override { return total_; }
  uint64_t done_bytes() const override { return done_; }

 private:
  // Opens an entry; returns an item directly when the entry is decided without splitting.
  std::optional<SourceItem> open_entry(const Entry& e) {
    if (e.path == "-") {
      splitter_ = std::make_unique<StreamSplitter>(FilePtr(fdopen(dup(0), "rb")), "stdin", options_.max_message_bytes, true);
      return std::nullopt;
    }
    if (e.size == 0) {
      return SourceItem{SourceItem::Kind::kSkipped, {}, e.path, 0, "empty file", false};
    }
    FilePtr f(std::fopen(e.path.c_str(), "rb"));
    if (!f) {
      return SourceItem{SourceItem::Kind::kError, {}, e.path, e.size, std::string("cannot open: ") + std::strerror(errno), false};
    }
    // Decide from the first bytes: an mbox, a message, or something else.
    std::string head(4096, '\0');
    size_t n = std::fread(head.data(), 1, head.size(), f.get());
    head.resize(n);
    std::rewind(f.get());
    std::string_view first_line = std::string_view(head).substr(0, head.find('\n'));
    const bool mbox = is_mbox_from_line(trim(first_line));
    if (!mbox && !mime::looks_like_message(head)) {
      done_ += e.size;
      return SourceItem{SourceItem::Kind::kSkipped, {}, e.path, e.size, "not an email (no header block at the start)", false};
    }
    if (!mbox && e.size > options_.max_message_bytes) {
      done_ += e.size;
      return SourceItem{SourceItem::Kind::kTooLarge, {}, e.path, e.size,
                        "file of " + std::to_string(e.size) + " bytes is over the limit of " +
                            std::to_string(options_.max_message_bytes),
                        false};
    }
    if (!mbox) {
      // One message per file (Maildir, .eml): read it whole, no line splitting needed.
      std::string raw;
      raw.resize(e.size);
      size_t got = std::fread(raw.data(), 1, raw.size(), f.get());
      raw.resize(got);  // a message file does not change once delivered; read what was listed
      done_ += raw.size();
      return SourceItem{SourceItem::Kind::kMessage, std::move(raw), e.path, got, {}, false};
    }
    splitter_ = std::make_unique<StreamSplitter>(std::move(f), e.path, options_.max_message_bytes, false);
    return std::nullopt;
  }

  SourceItem finish(SourceItem item) { return item; }

  std::vector<Entry> entries_;
  SourceOptions options_;
  size_t pos_ = 0;
  uint64_t total_ = 0, done_ = 0;
  std::unique_ptr<StreamSplitter> splitter_;
};

class MemorySource final : public MessageSource {
 public:
  MemorySource(std::string bytes, std::string origin, SourceOptions options)
      : bytes_(std::move(bytes)), total_(bytes_.size()) {
    FILE* f = bytes_.empty() ? nullptr : fmemopen(bytes_.data(), bytes_.size(), "rb");
    if (f) splitter_ = std::make_unique<StreamSplitter>(FilePtr(f), std::move(origin), options.max_message_bytes, true);
    else empty_origin_ = std::move(origin);
  }
  std::optional<SourceItem> next() override {
    if (!splitter_) {
      if (empty_done_) return std::nullopt;
      empty_done_ = true;
      return SourceItem{SourceItem::Kind::kSkipped, {}, empty_origin_, 0, "empty message", true};
    }
    return splitter_->next(done_);
  }
  uint64_t total_bytes() const override { return total_; }
  uint64_t done_bytes() const override { return done_; }

 private:
  std::string bytes_;
  uint64_t total_ = 0, done_ = 0;
  std::unique_ptr<StreamSplitter> splitter_;
  std::string empty_origin_;
  bool empty_done_ = false;
};

bool is_hidden(const fs::path& p) {
  auto name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// A Maildir's tmp/ holds messages still being delivered: never read it.
bool is_maildir_tmp(const fs::path& dir) {
  if (dir.filename() != "tmp") return false;
  auto parent = dir.parent_path();
  std::error_code ec;
  return fs::is_directory(parent / "cur", ec) && fs::is_directory(parent / "new", ec);
}

Result<void> walk(const fs::path& root, std::vector<Entry>& out) {
  std::error_code ec;
  auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) return fail(Code::kIo, "cannot read the directory " + root.string() + ": " + ec.message());
  std::vector<Entry> found;
  for (auto end = fs::recursive_directory_iterator(); it != end; it.increment(ec)) {
    if (ec) break;
    const auto& p = it->path();
    if (is_hidden(p)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_directory(ec)) {
      if (is_maildir_tmp(p)) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file(ec)) continue;
    found.push_back({p.string(), static_cast<uint64_t>(it->file_size(ec))});
  }
  std::sort(found.begin(), found.end(), [](const Entry& a, const Entry& b) { return a.path < b.path; });
  out.insert(out.end(), found.begin(), found.end());
  return ok();
}

}  // namespace

Result<std::unique_ptr<MessageSource>> open_sources(const std::vector<std::string>& args, const SourceOptions& options) {
  std::vector<Entry> entries;
  for (const auto& arg : args) {
    if (arg == "-") {
      entries.push_back({"-", 0});
      continue;
    }
    std::error_code ec;
    auto status = fs::status(arg, ec);
    if (ec || !fs::exists(status)) {
      return fail(Code::kNotFound, "no such file or directory: " + arg);
    }
    if (fs::is_directory(status)) {
      MAILSIFT_TRY_VOID(walk(arg, entries));
    } else {
      entries.push_back({arg, static_cast<uint64_t>(fs::file_size(arg, ec))});
    }
  }
  return std::unique_ptr<MessageSource>(new ArgsSource(std::move(entries), options));
}

std::unique_ptr<MessageSource> memory_source(std::string bytes, std::string origin, const SourceOptions& options) {
  return std::make_unique<MemorySource>(std::move(bytes), std::move(origin), options);
}

}  // namespace mailsift
