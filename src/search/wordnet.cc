#include "search/wordnet.h"

#include <charconv>
#include <fstream>
#include <string_view>
#include <unordered_map>

namespace mailsift::search {

namespace {

// Pointer kinds that relate meanings closely enough to share a topic. Antonyms ("!") are left
// out: "paid" should not pull documents about "unpaid" closer.
bool useful_pointer(std::string_view symbol) {
  return symbol == "@" || symbol == "@i" || symbol == "~" || symbol == "~i" || symbol == "&" ||
         symbol == "+" || symbol == "^" || symbol == "=" || symbol == "\\" || symbol == "<" ||
         symbol == "$" || symbol == "*" || symbol == ">" || symbol == "#p" || symbol == "%p";
}

struct Cursor {
  std::string_view s;
  std::string_view next() {
    size_t i = 0;
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    std::string_view out = s.substr(i, j - i);
    s = s.substr(j);
    return out;
  }
};

bool to_number(std::string_view text, uint64_t& out, int base) {
  auto r = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return r.ec == std::errc() && r.ptr == text.data() + text.size();
}

std::string clean_lemma(std::string_view w) {
  std::string out(w);
  if (auto p = out.find('('); p != std::string::npos) out.resize(p);  // "late(a)"
  for (char& c : out) {
    if (c == '_') c = ' ';
  }
  return out;
}

}  // namespace

std::string default_wordnet_dir() { return "/usr/share/wordnet"; }

Result<WordNet> read_wordnet(const std::string& dir) {
  WordNet wn;
  struct Pending {
    std::vector<std::pair<char, uint64_t>> pointers;
    std::vector<bool> close;
  };
  std::vector<Pending> pending;
  // (pos, offset) -> index. Satellite adjectives ('s') live in data.adj with pos 'a' pointers.
  std::unordered_map<uint64_t, uint32_t> index;
  auto key = [](char pos, uint64_t offset) {
    char p = pos == 's' ? 'a' : pos;
    return (static_cast<uint64_t>(static_cast<unsigned char>(p)) << 40) | offset;
  };
  int files = 0;
  for (const char* name : {"data.noun", "data.verb", "data.adj", "data.adv"}) {
    std::ifstream in(dir + "/" + name);
    if (!in) continue;
    ++files;
    std::string line;
    int line_no = 0;
    while (std::getline(in, line)) {
      ++line_no;
      if (line.empty() || line[0] == ' ') continue;  // licence header
      auto bar = line.find(" | ");
      std::string_view head(line.data(), bar == std::string::npos ? line.size() : bar);
      Cursor c{head};
      uint64_t offset = 0, wcnt = 0, pcnt = 0;
      std::string_view off_s = c.next();
      c.next();  // lex_filenum
      std::string_view pos = c.next();
      if (!to_number(off_s, offset, 10) || pos.size() != 1 || !to_number(c.next(), wcnt, 16)) {
        return fail(Code::kParse, std::string("WordNet ") + name + " line " + std::to_string(line_no) + " is malformed");
      }
      Synset syn;
      for (uint64_t i = 0; i < wcnt; ++i) {
        syn.words.push_back(clean_lemma(c.next()));
        c.next();  // lex_id
      }
      if (!to_number(c.next(), pcnt, 10)) {
        return fail(Code::kParse, std::string("WordNet ") + name + " line " + std::to_string(line_no) + " has no pointer count");
      }
      Pending p;
      for (uint64_t i = 0; i < pcnt; ++i) {
        std::string_view symbol = c.next();
        uint64_t target = 0;
        bool good = to_number(c.next(), target, 10);
        std::string_view tpos = c.next();
        c.next();  // source/target
        if (good && tpos.size() == 1 && useful_pointer(symbol)) {
          p.pointers.emplace_back(tpos[0], target);
          p.close.push_back(symbol == "&" || symbol == "+" || symbol == "^" || symbol == "$" || symbol == "\\");
        }
      }
      if (bar != std::string::npos) syn.gloss = line.substr(bar + 3);
      index.emplace(key(pos[0], offset), static_cast<uint32_t>(wn.synsets.size()));
      wn.synsets.push_back(std::move(syn));
      pending.push_back(std::move(p));
    }
  }
  if (files == 0) {
    return fail(Code::kNotFound, "no WordNet data files in " + dir,
                "install the Debian package wordnet-base, or set embeddings.wordnet_dir");
  }
  for (size_t i = 0; i < wn.synsets.size(); ++i) {
    for (size_t k = 0; k < pending[i].pointers.size(); ++k) {
      auto [pos, offset] = pending[i].pointers[k];
      auto it = index.find(key(pos, offset));
      if (it == index.end()) continue;
      wn.synsets[i].related.push_back(it->second);
      if (pending[i].close[k]) wn.synsets[i].similar.push_back(it->second);
    }
  }
  return wn;
}

}  // namespace mailsift::search
