#include "store/sqlite.h"

#include <cmath>
#include <utility>

namespace rasd::store::internal {

Status SqliteError(sqlite3* db, std::string_view path, std::string_view what) {
  const int code = db != nullptr ? sqlite3_extended_errcode(db) : SQLITE_CANTOPEN;
  const char* message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(code);
  std::string text = std::string(path) + ": " + std::string(what) + ": " + message;
  switch (code & 0xff) {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return Status::InvalidInput(std::move(text));
    default:
      return Status::IoError(std::move(text));
  }
}

Use::~Use() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

Use::Use(Use&& other) noexcept
    : stmt_(std::exchange(other.stmt_, nullptr)), db_(other.db_), path_(other.path_) {}

void Use::Bind(const char* name, std::string_view value) {
  Bind(sqlite3_bind_parameter_index(stmt_, name), value);
}
void Use::BindInt(const char* name, int64_t value) {
  BindInt(sqlite3_bind_parameter_index(stmt_, name), value);
}
void Use::BindDouble(const char* name, double value) {
  BindDouble(sqlite3_bind_parameter_index(stmt_, name), value);
}
void Use::BindNullIfEmpty(const char* name, std::string_view value) {
  BindNullIfEmpty(sqlite3_bind_parameter_index(stmt_, name), value);
}

// Index 0 means "no such parameter" (sqlite3_bind_parameter_index); binding it would fail
// with SQLITE_RANGE, which we do not want to report for an optional filter.
void Use::Bind(int index, std::string_view value) {
  if (index <= 0) return;
  sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
}
void Use::BindBlob(int index, std::string_view bytes) {
  if (index <= 0) return;
  sqlite3_bind_blob64(stmt_, index, bytes.data(), bytes.size(), SQLITE_TRANSIENT);
}
void Use::BindInt(int index, int64_t value) {
  if (index <= 0) return;
  sqlite3_bind_int64(stmt_, index, value);
}
void Use::BindDouble(int index, double value) {
  if (index <= 0) return;
  if (std::isnan(value)) {
    sqlite3_bind_null(stmt_, index);
  } else {
    sqlite3_bind_double(stmt_, index, value);
  }
}
void Use::BindNullIfEmpty(int index, std::string_view value) {
  if (index <= 0) return;
  if (value.empty()) {
    sqlite3_bind_null(stmt_, index);
  } else {
    Bind(index, value);
  }
}

namespace {

// The start of a statement, enough to tell which one failed without pasting a 52-column
// SELECT into an error message.
std::string SqlHead(const char* sql) {
  std::string_view s = sql != nullptr ? sql : "";
  if (s.size() <= 60) return std::string(s);
  size_t cut = 60;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

}  // namespace

Result<bool> Use::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(db_, *path_, "executing " + SqlHead(sqlite3_sql(stmt_)));
}

Status Use::Run() {
  Result<bool> r = Step();
  // Reset at once so the same Use can be bound and run again in a loop of inserts.
  sqlite3_reset(stmt_);
  if (!r.ok()) return r.status();
  return Status::Ok();
}

std::string Use::Text(int col) const {
  const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  if (p == nullptr) return "";
  return std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

std::string_view Use::View(int col) const {
  const void* p = sqlite3_column_blob(stmt_, col);
  if (p == nullptr) return {};
  return {static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, col))};
}

double Use::Double(int col) const {
  if (IsNull(col)) return NAN;
  return sqlite3_column_double(stmt_, col);
}

Connection::~Connection() {
  for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

Status Connection::Open(const std::string& path) {
  path_ = path;
  // NOMUTEX: the Store serialises every call with its own mutex. EXRESCODE: extended codes so
  // SqliteError can tell a corrupt file from an I/O failure.
  const int flags =
      SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
  const int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = db_ != nullptr
                   ? SqliteError(db_, path_, "cannot open database")
                   : Status::IoError(path + ": cannot open database: " + sqlite3_errstr(rc));
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = nullptr;
    return s;
  }
  return Status::Ok();
}

Result<Use> Connection::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
      return Error("preparing " + SqlHead(sql.c_str()));
    }
    it = cache_.emplace(sql, stmt).first;
  }
  return Use(it->second, db_, &path_);
}

Status Connection::Exec(const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    sqlite3_free(message);  // sqlite3_errmsg still holds the same text
    return Error("executing " + SqlHead(sql.c_str()));
  }
  return Status::Ok();
}

Result<int64_t> Connection::QueryInt(const std::string& sql) {
  ASSIGN_OR_RETURN(Use q, Prepare(sql));
  ASSIGN_OR_RETURN(bool row, q.Step());
  if (!row) return int64_t{0};
  return q.Int(0);
}

}  // namespace rasd::store::internal
