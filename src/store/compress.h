// zstd compression of stored raw messages and other large blobs.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace mailsift::store {

std::string compress(std::string_view bytes, int level = 3);
// Errors: kIo when the data is corrupt (with zstd's reason).
Result<std::string> decompress(std::string_view data);

}  // namespace mailsift::store
