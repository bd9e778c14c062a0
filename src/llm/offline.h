// The offline model: the default when no provider is configured. It generates nothing; every
// call fails with kUnavailable and a hint on how to configure a provider. The chat layer checks
// ChatModel::offline() (or info().offline) before calling and instead answers with the best
// matching emails followed by offline_notice().
#pragma once

#include <memory>
#include <string_view>

#include "llm/chat_model.h"

namespace mailsift::llm {

std::unique_ptr<ChatModel> make_offline_chat_model();

// One line for users: no model is configured, and how to configure one.
std::string_view offline_notice();

}  // namespace mailsift::llm
