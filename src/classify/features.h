// The evidence the local classifier looks at, extracted from a parsed Email as named features:
//
//   hdr:*   header evidence: List-Id, List-Unsubscribe, Precedence, Auto-Submitted, bulk-sender
//           and ticket/monitoring-system headers, threading, failed authentication
//   from:*  the sender: no-reply and system mailboxes, role accounts, a person's name
//   to:*    direct or bulk addressing
//   mime:*  multipart/report, calendar parts, forwarded messages, HTML-only, attachments
//   mailer:* the sending program, reduced to a kind (mail client, bulk mailer, system)
//   subj:* / body:*  subject and body patterns (reply, auto-reply, bounce, greeting, unsubscribe)
//   contact:known  the sender is a known contact (when a lookup is given)
//   s:WORD  subject words; w:WORD body words; b:W1_W2 body word pairs (text.h normalises them)
//
// Header and pattern features have value 1; the text features of one message share a fixed
// total weight (each is text_scale / sqrt(count)), so a long body does not drown the headers.
// A feature's id is feature_id(name); names are built only when asked (training), so scoring
// allocates nothing per feature. Thread-safe: a FeatureExtractor is immutable.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "classify/text.h"
#include "core/types.h"

namespace mailsift::classify {

// Answers whether a normalised (lower-case) address belongs to a known contact.
using ContactLookup = std::function<bool(std::string_view address)>;

struct FeatureOptions {
  size_t max_subject_tokens = 40;
  size_t max_body_tokens = 600;
  size_t max_body_bytes = 12000;  // of the visible text scanned for words
  bool body_pairs = true;
  bool lexicons = true;           // lex:* features (word lists with a known meaning)
  double text_scale = 6.0;
  size_t text_min_count = 20;     // a short text's words weigh as if it had this many
};

struct Feature {
  uint64_t id = 0;
  float value = 1;
};

// The features of one message. Reuse one bag per thread: its buffers stay allocated.
struct FeatureBag {
  std::vector<Feature> features;
  std::vector<std::string> names;  // parallel to features, only when names were asked for
  TokenBuffer tokens;              // scratch

  void clear() {
    features.clear();
    names.clear();
    tokens.clear();
  }
};

class FeatureExtractor {
 public:
  FeatureExtractor() = default;
  explicit FeatureExtractor(FeatureOptions options) : options_(options) {}

  // Fills `bag` (cleared first) with the message's features; a feature may appear more than
  // once (a repeated word): consumers count each distinct id once. With `with_names`, fills
  // bag.names too. `contacts` may be null.
  void extract(const Email& email, FeatureBag& bag, bool with_names, const ContactLookup* contacts = nullptr) const;

  const FeatureOptions& options() const { return options_; }

 private:
  FeatureOptions options_;
};

// What is known about header evidence before any training: for each such feature, weights per
// class (BUSINESS, OPERATIONAL, NOISE, summing to zero). Training starts from them and pulls
// the weights back towards them (not towards zero), so evidence that the labelled data rarely
// shows alone — a calendar subject, a delivery report, a known contact — keeps its meaning.
struct Prior {
  std::string_view feature;
  float business, operational, noise;
};
const std::vector<Prior>& evidence_priors();

// "w:" -> "word", ... : how a feature name reads in `mailsift show` reasons.
std::string describe_feature(std::string_view name);

}  // namespace mailsift::classify
