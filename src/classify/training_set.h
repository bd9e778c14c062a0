// The shipped training set: the labelled examples the shipped model was trained on, kept as
// feature lists so `mailsift train` can refit on them plus a data directory's human labels
// without the original messages (which are not in the repository).
//
// Each example keeps its label, its source and the features it had that the model knows,
// as indices into the model's feature list (so the file is tied to one model, named in it).
// Text format before zstd compression (model/training.zst):
//   mailsift-training-set<TAB>1
//   model<TAB>lr-1a2b3c4d
//   sources<TAB>spamassassin<TAB>synthetic<TAB>...
//   examples<TAB>N
//   LABEL<TAB>SOURCE-INDEX<TAB>TEXT-VALUE<TAB>I1 D2 D3 ...   (first index, then deltas)
// TEXT-VALUE is the value of the example's word features (every other feature has value 1).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "classify/model.h"
#include "classify/train.h"
#include "core/result.h"

namespace mailsift::classify {

// The examples as the model sees them (features it does not know are left out), compressed.
std::string serialize_training_set(const LinearModel& model, const std::vector<Example>& examples);

// Errors: kParse (not this format, or made for another model), kIo (corrupt compression).
Result<std::vector<Example>> parse_training_set(std::string_view compressed, const LinearModel& model);

// The training set compiled into the binary, for the shipped model.
Result<std::vector<Example>> shipped_training_set();

}  // namespace mailsift::classify
