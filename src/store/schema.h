// Internal to store/: the database schema as an ordered list of migrations.
//
// Migration i (1-based) takes a database from user_version i-1 to i. Migrations are applied in
// order on Open, each in its own transaction together with the PRAGMA user_version bump, so a
// crash leaves the database at a whole version. Never edit a released migration: append a new
// one and raise store::kSchemaVersion.
#ifndef RASD_STORE_SCHEMA_H_
#define RASD_STORE_SCHEMA_H_

#include <span>

#include "core/status.h"
#include "store/sqlite.h"

namespace rasd::store::internal {

// PRAGMA application_id of a rasd database ("rasd" in ASCII). Lets Open refuse to write its
// tables into some other program's SQLite file.
inline constexpr int kApplicationId = 0x72617364;

struct Migration {
  int version;          // user_version after this step
  const char* summary;  // one line, for error messages
  const char* sql;
};

std::span<const Migration> Migrations();

// Brings the database to store::kSchemaVersion. Fails without changing anything when the file
// is newer than this build, or is a SQLite database of another program.
Status Migrate(Connection& db);

}  // namespace rasd::store::internal

#endif  // RASD_STORE_SCHEMA_H_
