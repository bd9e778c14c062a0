#include "store/compress.h"

#include <zstd.h>

#include <memory>

namespace mailsift::store {

std::string compress(std::string_view bytes, int level) {
  // One reusable context per thread: creating a context per call costs more than compressing
  // a typical message.
  thread_local std::unique_ptr<ZSTD_CCtx, size_t (*)(ZSTD_CCtx*)> ctx(ZSTD_createCCtx(), ZSTD_freeCCtx);
  // A scratch buffer per thread, never zero-filled: only the compressed bytes are copied out.
  thread_local std::unique_ptr<char[]> scratch;
  thread_local size_t scratch_size = 0;
  const size_t bound = ZSTD_compressBound(bytes.size());
  if (bound > scratch_size) {
    scratch.reset(new char[bound]);
    scratch_size = bound;
  }
  size_t n = ZSTD_compressCCtx(ctx.get(), scratch.get(), bound, bytes.data(), bytes.size(), level);
  if (ZSTD_isError(n)) return {};  // cannot happen with a bound-sized buffer
  return std::string(scratch.get(), n);
}

Result<std::string> decompress(std::string_view data) {
  unsigned long long size = ZSTD_getFrameContentSize(data.data(), data.size());
  if (size == ZSTD_CONTENTSIZE_ERROR || size == ZSTD_CONTENTSIZE_UNKNOWN) {
    return fail(Code::kIo, "stored data is not a valid zstd frame");
  }
  if (size > (1ull << 32)) return fail(Code::kIo, "stored data claims an impossible size");
  std::string out(static_cast<size_t>(size), '\0');
  size_t n = ZSTD_decompress(out.data(), out.size(), data.data(), data.size());
  if (ZSTD_isError(n)) return fail(Code::kIo, std::string("stored data is corrupt: ") + ZSTD_getErrorName(n));
  out.resize(n);
  return out;
}

}  // namespace mailsift::store
