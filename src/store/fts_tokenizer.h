// Internal to store/: the "rasd" FTS5 tokenizer.
//
// Why a custom tokenizer: SQLite's unicode61 tokenizer splits Arabic words at diacritics (they
// are not letters to it) and does not fold hamza carriers, alef variants or ta marbuta, so a
// query for محمد would never find مُحَمَّدٌ, and احمد would not find أحمد. It also keeps clitics
// attached, so لمحمد (to Muhammad) would be a different term. This tokenizer emits, for every
// word, the key of text::Analyzer::SearchTerms (normalised, clitics removed) with the word's
// byte offsets in the input, so snippet() and highlight() mark the word as written.
//
// FTS5 calls the same tokenizer on documents and on query strings, so both sides fold alike.
// A consequence worth knowing: the FTS table can only be read or written on a connection that
// registered this tokenizer; the sqlite3 shell can read every other table but not articles_fts.
#ifndef RASD_STORE_FTS_TOKENIZER_H_
#define RASD_STORE_FTS_TOKENIZER_H_

#include <sqlite3.h>

#include <string>

#include "core/status.h"
#include "text/text.h"

namespace rasd::store::internal {

inline constexpr const char* kTokenizerName = "rasd";

// Registers the tokenizer on `db`. `analyzer` must outlive the connection (SQLite keeps the
// pointer until the connection closes). `path` is only used in error messages.
Status RegisterTokenizer(sqlite3* db, const text::Analyzer& analyzer, const std::string& path);

}  // namespace rasd::store::internal

#endif  // RASD_STORE_FTS_TOKENIZER_H_
