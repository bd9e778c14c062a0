// The shipped model (src/classify/model/model.tsv) and its training set (model/training.zst),
// compiled into the binary (the build generates the definitions with embed_file.cmake), so a
// fresh clone classifies, and `mailsift train` refits, with no file beside the binary.
#pragma once

#include <cstddef>

namespace mailsift::classify {

extern const unsigned char kShippedModel[];
extern const size_t kShippedModelSize;
extern const unsigned char kShippedTraining[];
extern const size_t kShippedTrainingSize;

}  // namespace mailsift::classify
