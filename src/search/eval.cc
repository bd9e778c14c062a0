#include "search/eval.h"

#include <cmath>
#include <fstream>
#include <set>

#include "core/strings.h"

namespace mailsift::search {

Result<std::vector<JudgedQuery>> read_judged_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in) return fail(Code::kNotFound, "cannot read " + path);
  std::vector<JudgedQuery> out;
  std::string line;
  int n = 0;
  bool header = true;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (trim(line).empty() || line[0] == '#') continue;
    auto cols = split(line, '\t');
    if (header) {
      header = false;
      if (!cols.empty() && iequals(trim(cols[0]), "kind")) continue;
    }
    if (cols.size() < 3) {
      return fail(Code::kParse, path + " line " + std::to_string(n) + ": expected kind, query and relevant, tab-separated");
    }
    JudgedQuery q;
    q.kind = std::string(trim(cols[0]));
    q.query = std::string(trim(cols[1]));
    for (const auto& id : split(cols[2], ' ', true)) {
      std::string m(trim(id));
      if (m.size() > 2 && m.front() == '<' && m.back() == '>') m = m.substr(1, m.size() - 2);
      if (!m.empty()) q.relevant.push_back(m);
    }
    if (q.relevant.empty()) return fail(Code::kParse, path + " line " + std::to_string(n) + ": no relevant Message-IDs");
    q.line = n;
    out.push_back(std::move(q));
  }
  return out;
}

namespace {

void add(Metrics& m, double ndcg, double recall, double rr) {
  ++m.queries;
  m.ndcg += ndcg;
  m.recall += recall;
  m.mrr += rr;
  if (rr > 0) ++m.hit_at_10;
}

void finish(Metrics& m) {
  if (m.queries == 0) return;
  m.ndcg /= m.queries;
  m.recall /= m.queries;
  m.mrr /= m.queries;
}

}  // namespace

Result<EvalReport> evaluate(Searcher& searcher, const std::vector<JudgedQuery>& queries,
                            const std::vector<SearchMode>& modes) {
  EvalReport report;
  for (const auto& q : queries) {
    // Skip queries whose judged messages are not in this data directory.
    std::string missing;
    for (const auto& mid : q.relevant) {
      SearchRequest probe;
      probe.query = "id:\"" + mid + "\"";
      probe.mode = SearchMode::kBm25;
      probe.limit = 1;
      auto r = searcher.search(probe);
      if (!r || r->hits.empty()) {
        missing = mid;
        break;
      }
    }
    if (!missing.empty()) {
      report.skipped.push_back("line " + std::to_string(q.line) + ": " + q.query + ": <" + missing + "> is not stored");
      continue;
    }
    QueryOutcome outcome;
    outcome.query = &q;
    const std::set<std::string> relevant(q.relevant.begin(), q.relevant.end());
    for (SearchMode mode : modes) {
      SearchRequest req;
      req.query = q.query;
      req.mode = mode;
      req.limit = 10;
      auto r = searcher.search(req);
      if (!r) {
        return fail(r.error().code, "line " + std::to_string(q.line) + " (" + q.query + "): " + r.error().message,
                    r.error().hint);
      }
      double dcg = 0, idcg = 0, rr = 0;
      int found = 0, first = 0;
      std::set<std::string> seen;
      for (size_t i = 0; i < r->hits.size() && i < 10; ++i) {
        const std::string& mid = r->hits[i].message_id;
        if (relevant.count(mid) && seen.insert(mid).second) {
          dcg += 1.0 / std::log2(static_cast<double>(i) + 2.0);
          ++found;
          if (first == 0) {
            first = static_cast<int>(i) + 1;
            rr = 1.0 / first;
          }
        }
      }
      for (size_t i = 0; i < std::min<size_t>(relevant.size(), 10); ++i) idcg += 1.0 / std::log2(static_cast<double>(i) + 2.0);
      double ndcg = idcg > 0 ? dcg / idcg : 0;
      double recall = static_cast<double>(found) / static_cast<double>(relevant.size());
      std::string name(mode_name(mode));
      add(report.overall[name], ndcg, recall, rr);
      add(report.by_kind[q.kind][name], ndcg, recall, rr);
      outcome.ndcg[name] = ndcg;
      outcome.first_rank[name] = first;
    }
    report.outcomes.push_back(std::move(outcome));
  }
  for (auto& [mode, m] : report.overall) finish(m);
  for (auto& [kind, by_mode] : report.by_kind) {
    for (auto& [mode, m] : by_mode) finish(m);
  }
  return report;
}

}  // namespace mailsift::search
