#include "store/fts_tokenizer.h"

#include <limits>
#include <string_view>
#include <vector>

namespace rasd::store::internal {
namespace {

// The analyzer pointer is both the tokenizer's context and its instance: the tokenizer has no
// per-table state (it takes no arguments), so xCreate hands the context back.
Fts5Tokenizer* AsInstance(const text::Analyzer* analyzer) {
  return reinterpret_cast<Fts5Tokenizer*>(const_cast<text::Analyzer*>(analyzer));
}
const text::Analyzer* AsAnalyzer(Fts5Tokenizer* instance) {
  return reinterpret_cast<const text::Analyzer*>(instance);
}

int Create(void* context, const char** /*args*/, int /*nargs*/, Fts5Tokenizer** out) {
  *out = AsInstance(static_cast<const text::Analyzer*>(context));
  return SQLITE_OK;
}

void Delete(Fts5Tokenizer* /*instance*/) {}

// Called by SQLite's C code: nothing may be thrown through it, so an allocation failure
// becomes SQLITE_NOMEM.
int Tokenize(Fts5Tokenizer* instance, void* ctx, int /*flags*/, const char* text, int size,
             int (*emit)(void*, int, const char*, int, int, int)) {
  if (text == nullptr || size <= 0) return SQLITE_OK;
  try {
    const std::vector<text::Term> terms =
        AsAnalyzer(instance)->SearchTerms(std::string_view(text, static_cast<size_t>(size)));
    for (const text::Term& term : terms) {
      if (term.key.empty() ||
          term.key.size() > static_cast<size_t>(std::numeric_limits<int>::max()) ||
          term.end > static_cast<uint32_t>(size) || term.start > term.end) {
        continue;
      }
      const int rc = emit(ctx, 0, term.key.data(), static_cast<int>(term.key.size()),
                          static_cast<int>(term.start), static_cast<int>(term.end));
      if (rc != SQLITE_OK) return rc;
    }
  } catch (...) {
    return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

// SELECT fts5(?1) with a bound pointer is the documented way to reach the FTS5 API from C
// (https://sqlite.org/fts5.html#extending_fts5); the pointer type string must be exactly
// "fts5_api_ptr".
Result<fts5_api*> FindApi(sqlite3* db, const std::string& path) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) {
    return Status::Internal(path + ": this SQLite has no FTS5: " + sqlite3_errmsg(db));
  }
  sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (api == nullptr || api->iVersion < 2) {
    return Status::Internal(path + ": cannot reach the FTS5 API of this SQLite");
  }
  return api;
}

}  // namespace

Status RegisterTokenizer(sqlite3* db, const text::Analyzer& analyzer, const std::string& path) {
  ASSIGN_OR_RETURN(fts5_api * api, FindApi(db, path));
  // FTS5 copies the struct, so a local is fine.
  fts5_tokenizer tokenizer{&Create, &Delete, &Tokenize};
  if (api->xCreateTokenizer(api, kTokenizerName, const_cast<text::Analyzer*>(&analyzer), &tokenizer,
                            nullptr) != SQLITE_OK) {
    return Status::Internal(path +
                            ": cannot register the rasd FTS5 tokenizer: " + sqlite3_errmsg(db));
  }
  return Status::Ok();
}

}  // namespace rasd::store::internal
