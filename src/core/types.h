// The plain structs that flow between stages.
//
// In/out: every stage takes and returns these by value or by const reference/span. Spans are
// byte offsets into Article::text (the clean UTF-8 text, as written); text/ keeps the map from
// normalised keys back to these offsets. Enums that are stored in the database have explicit
// values: never renumber them, only append. Every struct prints itself on one line (ToString)
// for tests and debugging.
//
//   Article a; a.text = "زار لافروف يريفان.";
//   Span s{0, 6};  // "زار"
//   std::cout << a.ToString();
#ifndef RASD_CORE_TYPES_H_
#define RASD_CORE_TYPES_H_

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rasd {

// Half-open byte range [start, end) into Article::text.
struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - start; }
  bool empty() const { return end <= start; }
  std::string_view In(std::string_view text) const { return text.substr(start, end - start); }
  bool operator==(const Span&) const = default;
};

// One input document after ingest and clean: the article text and its metadata.
struct Article {
  std::string id;         // 32 hex chars: XXH3-128 of the normalised text (text::Key of text)
  std::string text;       // clean article text, UTF-8, as written (display form)
  std::string title;      // empty when unknown
  std::string url;        // verbatim from the input; empty when unknown
  std::string outlet;     // empty when unknown
  std::string published;  // ISO 8601 date or date-time; empty when unknown (never invented)
  std::string language = "ar";
  std::string source;     // where it came from: "path", "path:LINE" for JSONL, "-:LINE" for stdin
  std::string format;     // "txt", "jsonl" or "html"
  std::string metadata_json = "{}";  // unknown input fields, kept as a JSON object
  std::string ToString() const;
};

struct Sentence {
  Span span;
  uint32_t first_token = 0;  // index into Analysis::tokens
  uint32_t end_token = 0;    // one past the last token
  bool dateline = false;     // "موسكو - سبوتنيك." kept apart from the first sentence
  std::string ToString() const;
};

// Stored enum: append only.
enum class TokenKind : uint8_t {
  kWord = 0,     // Arabic word
  kNumber = 1,   // digits in any script, with , . ٫ ٬ separators
  kPunct = 2,
  kLatin = 3,    // a word in Latin script
  kUrl = 4,
  kEmail = 5,
  kHashtag = 6,
  kHandle = 7,   // @name
  kSymbol = 8,   // anything else (emoji, %, currency)
};
const char* TokenKindName(TokenKind kind);  // "word", "number", "punct", "latin", ...

struct Token {
  // Not "= default": a defaulted constructor would make Token() zero all its bytes before
  // constructing the strings, and the analyzer makes one a word.
  Token() {}
  Span span;                  // in the original text
  TokenKind kind = TokenKind::kWord;
  uint32_t sentence = 0;      // index into Analysis::sentences
  std::string key;            // normalised matching key of the whole token (text::Normalizer)
  std::string stem;           // key without clitics: the lexicon key; equals key when none
  std::string proclitics;     // normalised proclitics removed from key ("و", "وب", "ال", "ول"...)
  std::string enclitic;       // normalised enclitic pronoun removed ("ه", "ها", "هم"...), or ""
  std::string ToString() const;
};

// Stored enum: append only.
enum class EntityType : uint8_t {
  kUnknown = 0,
  kCountry = 1,       // a state or territory; also stands for its government when it acts
  kPlace = 2,         // city, region, province, village, disputed area
  kPerson = 3,
  kOrganization = 4,  // ministry, armed force, parliament, agency, party, company
  kIgo = 5,           // international organisation or one of its bodies (UN, EU, NATO)
  kGroup = 6,         // armed or political group, militia
};
const char* EntityTypeName(EntityType type);        // "country", "place", "person"...
EntityType EntityTypeFromName(std::string_view name);  // kUnknown for an unknown name

// A canonical entity: every spelling of one actor or place links to one of these.
struct Entity {
  std::string id;          // stable, e.g. "RUS", "place:yerevan", "person:sergei-lavrov"
  std::string name_en;
  std::string name_ar;     // preferred Arabic spelling
  EntityType type = EntityType::kUnknown;
  std::string country;     // ISO 3166 alpha-3, or "" (IGOs)
  std::string actor_code;  // CAMEO-style: country + sector ("RUSGOV") or IGO code ("UNO")
  std::string role;        // for people and bodies: "foreign minister", "ministry of defence"
  double lat = NAN;        // places only; NAN when unknown
  double lon = NAN;
  std::string ToString() const;
};

// Stored enum: append only. How a mention refers to its entity.
enum class MentionKind : uint8_t {
  kName = 0,         // the entity's name or a variant (روسيا, سيرغي لافروف, لافروف)
  kNationality = 1,  // an adjective standing for the country's actors (الجانب الأذربيجاني)
  kCapital = 2,      // a capital standing for the government (باكو, يريفان)
  kRole = 3,         // a role or title (وزير الخارجية الروسي, نظيره الأرميني)
  kBody = 4,         // an organisation built from a pattern (وزارة الدفاع الأذربيجانية)
};
const char* MentionKindName(MentionKind kind);

struct Mention {
  Span span;
  uint32_t sentence = 0;
  uint32_t first_token = 0;
  uint32_t end_token = 0;   // one past the last token
  std::string text;         // surface as written
  std::string entity;       // canonical Entity::id, "" when not linked
  EntityType type = EntityType::kUnknown;
  MentionKind kind = MentionKind::kName;
  std::string country;      // ISO alpha-3 of the actor this mention stands for, or ""
  std::string actor_code;   // the actor this mention stands for: "AZEMIL", "RUSGOV", "UNO"
  std::string ToString() const;
};

// Stored enum: append only.
enum class Granularity : uint8_t {
  kUnknown = 0,
  kMinute = 1,
  kHour = 2,
  kDay = 3,
  kMonth = 4,
  kYear = 5,
  kRange = 6,     // an interval of dates: value "2023-08-16/2023-08-23"
  kDuration = 7,  // an amount of time, not a point: value "P44D", "PT5H"
};
const char* GranularityName(Granularity g);  // "minute", "day", ..., "duration"

// A date or time expression, normalised against the publication date when it is relative.
struct Timex {
  Span span;
  uint32_t sentence = 0;
  std::string text;         // as written
  std::string value;        // ISO 8601 ("2023-08-16", "2020-09", "2020-09-27T23:50"), or a
                            // relative form ("P-1D" = publication day - 1) when the publication
                            // date is unknown; "" when it cannot be resolved
  Granularity granularity = Granularity::kUnknown;
  std::string anchor;       // "absolute", "published", "duration" (an amount, anchored on
                            // nothing) or "" (unresolved)
  bool historical = false;  // clearly before the publication date (background)
  std::string ToString() const;
};

// PLOVER event types. Stored enum: append only.
enum class EventType : uint8_t {
  kUnknown = 0,
  kAgree = 1,
  kConsult = 2,
  kSupport = 3,
  kConcede = 4,
  kCooperate = 5,
  kAid = 6,
  kRetreat = 7,
  kRequest = 8,
  kAccuse = 9,
  kReject = 10,
  kThreaten = 11,
  kProtest = 12,
  kSanction = 13,
  kMobilize = 14,
  kCoerce = 15,
  kAssault = 16,
};
const char* EventTypeName(EventType type);          // "CONSULT"
EventType EventTypeFromName(std::string_view name);  // case-insensitive; kUnknown if unknown

// Stored enum: append only.
enum class EventStatus : uint8_t {
  kOccurred = 0,
  kClaimed = 1,
  kDenied = 2,
  kIntended = 3,
  kRequested = 4,
};
const char* EventStatusName(EventStatus status);  // "occurred"

// One side of an event. Empty entity and actor_code mean unknown (null in JSON).
struct Actor {
  std::string entity;      // Entity::id or ""
  std::string name_en;
  std::string name_ar;     // as written in the evidence when the entity is unknown
  std::string country;
  std::string actor_code;
  Span span;               // the mention in the text, empty when inferred
  bool known() const { return !entity.empty() || !actor_code.empty(); }
  std::string ToString() const;
};

struct Location {
  std::string entity;
  std::string name_en;
  std::string name_ar;
  std::string country;
  double lat = NAN;
  double lon = NAN;
  bool known() const { return !entity.empty() || !name_ar.empty(); }
};

struct When {
  std::string value;       // ISO 8601 or "" when unknown
  Granularity granularity = Granularity::kUnknown;
  bool historical = false;  // background before the publication date, not news
};

struct Casualties {
  std::string side;        // actor code of the side that suffered them, or ""
  int64_t killed = -1;     // -1 = not stated; the low end of an approximate count (عشرات: 20)
  int64_t wounded = -1;
  std::string group;       // "soldiers", "civilians", ...
  int64_t killed_max = -1;   // the high end of an approximate count (عشرات: 90); -1 when the
  int64_t wounded_max = -1;  // count is exact, not stated, or open above (أكثر من 100)
};

struct Evidence {
  uint32_t sentence = 0;
  Span span;               // the sentence in Article::text
  std::string text;        // the sentence as written
};

struct Event {
  std::string id;          // 32 hex chars, stable: hash of article id + evidence span + type
  std::string article;     // Article::id
  EventType type = EventType::kUnknown;
  std::string mode;        // PLOVER mode ("phone", "visit", "shelling") or ""
  std::string cameo;       // CAMEO code ("041")
  Actor source;
  Actor target;
  Location location;
  When when;
  EventStatus status = EventStatus::kOccurred;
  Actor claimant;          // who says so, when the text attributes it
  bool negated = false;
  // The sentence names this event as the matter of another event it reports (an attack
  // condemned, investigated, or the reason for an arrest: أدانت ... الهجوم, اعتقلت ... بعد
  // اغتيال) or in a relative clause that describes someone (الرنتيسي الذي اغتالته إسرائيل),
  // rather than reporting it: still an event, but not the sentence's news (and often one
  // reported in a sentence of its own elsewhere). Counting reports, leave these out.
  bool referenced = false;
  std::vector<Casualties> casualties;
  Evidence evidence;
  Span trigger;            // the trigger word(s) in the text
  std::string trigger_text;
  double confidence = 0.0;  // 0..1
  // The sentence retells a passage that other articles published days before (dedup's
  // background passages): old news, historical, in no story.
  bool background = false;
  std::string story;       // cross-article cluster id, "" until dedup assigns one
  int sources = 1;         // number of outlets reporting it
  std::string ToString() const;
};

}  // namespace rasd

#endif  // RASD_CORE_TYPES_H_
