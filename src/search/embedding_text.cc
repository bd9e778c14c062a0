#include "core/strings.h"
#include "search/embedder.h"

namespace mailsift {

std::string embedding_text(const Email& email, size_t max_bytes) {
  std::string text = email.subject;
  const std::string& body = trim(email.visible_text).empty() ? email.text_body : email.visible_text;
  if (!body.empty()) {
    text += "\n";
    text += body;
  }
  return std::string(utf8_prefix(text, max_bytes));
}

}  // namespace mailsift
