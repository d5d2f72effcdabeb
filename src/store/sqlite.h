// Internal to store/: a thin RAII layer over the SQLite C API. Nothing outside src/store/
// includes this header (the stage's contract is store.h).
//
// In: an open sqlite3 connection owned by the caller. Out: prepared statements that reset
// themselves when a use ends, and Status values carrying the database path and SQLite's own
// message. Guaranteed: no exception; a Statement never outlives the connection it was prepared
// on as long as the owner destroys its statements before closing (Connection does).
//
//   Connection db(path, handle);
//   ASSIGN_OR_RETURN(Use q, db.Prepare("SELECT count(*) FROM articles WHERE outlet = :o"));
//   q.Bind(":o", outlet);
//   ASSIGN_OR_RETURN(bool row, q.Step());
#ifndef RASD_STORE_SQLITE_H_
#define RASD_STORE_SQLITE_H_

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "core/status.h"

namespace rasd::store::internal {

// Builds the Status for a failed SQLite call: "<path>: <what>: <sqlite message>". A file that
// is not a database or is corrupt gives kInvalidInput, everything else kIoError.
Status SqliteError(sqlite3* db, std::string_view path, std::string_view what);

// One use of a cached prepared statement: bind, step, read columns. The destructor resets the
// statement and clears its bindings, so a half-read SELECT never keeps a read transaction open
// (which would stop WAL checkpoints).
class Use {
 public:
  Use(sqlite3_stmt* stmt, sqlite3* db, const std::string* path)
      : stmt_(stmt), db_(db), path_(path) {}
  ~Use();
  Use(Use&& other) noexcept;
  Use& operator=(Use&&) = delete;
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;

  // Binding by name (":name"). A name absent from the SQL is ignored, so one parameter map can
  // serve several variants of a dynamically built query.
  void Bind(const char* name, std::string_view value);
  void BindInt(const char* name, int64_t value);
  void BindDouble(const char* name, double value);  // NaN binds NULL
  void BindNullIfEmpty(const char* name, std::string_view value);
  // Positional (1-based) variants for the hot insert path.
  void Bind(int index, std::string_view value);
  void BindInt(int index, int64_t value);
  void BindDouble(int index, double value);
  void BindNullIfEmpty(int index, std::string_view value);
  void BindBlob(int index, std::string_view bytes);

  // Makes the statement ready to run again with new bindings (for loops of inserts).
  void Reset() { sqlite3_reset(stmt_); }

  // True when a row is available, false when done.
  Result<bool> Step();
  // Steps a statement that returns no rows (INSERT, UPDATE, DDL), then resets it so it can be
  // bound and run again.
  Status Run();

  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string Text(int col) const;  // "" for NULL
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const;  // NaN for NULL
  // Text or blob bytes without a copy; valid until the next Step or the end of this Use.
  std::string_view View(int col) const;

 private:
  sqlite3_stmt* stmt_;
  sqlite3* db_;
  const std::string* path_;
};

// Owns the connection and the statement cache. Not thread-safe: the Store serialises access.
class Connection {
 public:
  Connection() = default;
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Opens (creating when missing) `path`. A failure closes the handle again.
  Status Open(const std::string& path);

  // Prepares `sql` once per distinct text and hands out a Use of the cached statement.
  Result<Use> Prepare(const std::string& sql);
  // Runs one or more statements without results (schema, PRAGMA, BEGIN/COMMIT).
  Status Exec(const std::string& sql);
  // The integer in the first column of the first row of `sql` (PRAGMA user_version, count(*)).
  Result<int64_t> QueryInt(const std::string& sql);

  Status Error(std::string_view what) const { return SqliteError(db_, path_, what); }
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  std::map<std::string, sqlite3_stmt*, std::less<>> cache_;
};

}  // namespace rasd::store::internal

#endif  // RASD_STORE_SQLITE_H_
