// GET /api/search, and the contacts and contractor registry.
#include "core/strings.h"
#include "server/http.h"

namespace mailsift::server::detail {

void add_search_routes(httplib::Server& http, Shared& s) {
  http.Get("/api/search", route("GET /api/search", [&s](const httplib::Request& req, httplib::Response& res) {
             SearchRequest q;
             q.query = text_param(req, "q");
             if (q.query.size() > 10'000) {
               return send_error(res, 400, "invalid_argument", "the query is longer than 10,000 bytes");
             }
             q.mode = text_param(req, "mode");
             if (q.mode.empty()) q.mode = "hybrid";
             if (q.mode != "hybrid" && q.mode != "bm25" && q.mode != "vector") {
               return send_error(res, 400, "invalid_argument", "mode must be hybrid, bm25 or vector");
             }
             auto limit = int_param(req, "limit", 20, 1, 200);
             auto offset = int_param(req, "offset", 0, 0, 100'000);
             auto threads = bool_param(req, "threads");
             if (!limit) return send_error(res, limit.error());
             if (!offset) return send_error(res, offset.error());
             if (!threads) return send_error(res, threads.error());
             q.limit = *limit;
             q.offset = *offset;
             q.threads = *threads;
             auto out = s.backend.search(q);
             if (!out) return send_error(res, out.error());
             send_json(res, 200, *out);
           }));
}

void add_directory_routes(httplib::Server& http, Shared& s) {
  http.Get("/api/contacts", route("GET /api/contacts", [&s](const httplib::Request& req, httplib::Response& res) {
             auto limit = int_param(req, "limit", 50, 1, 500);
             auto offset = int_param(req, "offset", 0, 0, 10'000'000);
             if (!limit) return send_error(res, limit.error());
             if (!offset) return send_error(res, offset.error());
             auto out = s.backend.contacts(text_param(req, "q"), *limit, *offset);
             if (!out) return send_error(res, out.error());
             send_json(res, 200, *out);
           }));

  http.Get(R"(/api/contacts/([^/]+))",
           route("GET /api/contacts/{address}", [&s](const httplib::Request& req, httplib::Response& res) {
             std::string address = req.matches[1].str();
             if (address.size() > 320) return send_error(res, 400, "invalid_argument", "that is not an email address");
             auto out = s.backend.contact(address);
             if (!out) return send_error(res, out.error());
             send_json(res, 200, *out);
           }));

  http.Get("/api/contractors", route("GET /api/contractors", [&s](const httplib::Request& req, httplib::Response& res) {
             ContractorQuery q;
             q.region = text_param(req, "region");
             q.scheme = text_param(req, "scheme");
             q.scope = text_param(req, "scope");
             q.status = text_param(req, "status");
             q.query = text_param(req, "q");
             auto limit = int_param(req, "limit", 50, 1, 500);
             auto offset = int_param(req, "offset", 0, 0, 1'000'000);
             if (!limit) return send_error(res, limit.error());
             if (!offset) return send_error(res, offset.error());
             q.limit = *limit;
             q.offset = *offset;
             auto out = s.backend.contractors(q);
             if (!out) return send_error(res, out.error());
             send_json(res, 200, *out);
           }));

  http.Get(R"(/api/contractors/([^/]+))",
           route("GET /api/contractors/{id}", [&s](const httplib::Request& req, httplib::Response& res) {
             std::string id = req.matches[1].str();
             if (id.size() > 100) return send_error(res, 400, "invalid_argument", "that is not a contractor id");
             auto out = s.backend.contractor(id);
             if (!out) return send_error(res, out.error());
             send_json(res, 200, *out);
           }));
}

}  // namespace mailsift::server::detail
