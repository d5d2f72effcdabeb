#include "core/types.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <sstream>

namespace rasd {
namespace {

std::string SpanText(Span s) {
  return "[" + std::to_string(s.start) + "," + std::to_string(s.end) + ")";
}

template <size_t N>
const char* NameAt(const std::array<const char*, N>& names, size_t index) {
  return index < N ? names[index] : "unknown";
}

constexpr std::array<const char*, 9> kTokenKindNames = {
    "word", "number", "punct", "latin", "url", "email", "hashtag", "handle", "symbol"};
constexpr std::array<const char*, 7> kEntityTypeNames = {
    "unknown", "country", "place", "person", "organization", "igo", "group"};
constexpr std::array<const char*, 5> kMentionKindNames = {"name", "nationality", "capital", "role",
                                                          "body"};
constexpr std::array<const char*, 8> kGranularityNames = {"unknown", "minute", "hour",  "day",
                                                          "month",   "year",   "range", "duration"};
constexpr std::array<const char*, 17> kEventTypeNames = {
    "UNKNOWN", "AGREE",    "CONSULT",  "SUPPORT", "CONCEDE", "COOPERATE",
    "AID",     "RETREAT",  "REQUEST",  "ACCUSE",  "REJECT",  "THREATEN",
    "PROTEST", "SANCTION", "MOBILIZE", "COERCE",  "ASSAULT"};
constexpr std::array<const char*, 5> kEventStatusNames = {"occurred", "claimed", "denied",
                                                          "intended", "requested"};

}  // namespace

const char* TokenKindName(TokenKind kind) {
  return NameAt(kTokenKindNames, static_cast<size_t>(kind));
}

const char* EntityTypeName(EntityType type) {
  return NameAt(kEntityTypeNames, static_cast<size_t>(type));
}

EntityType EntityTypeFromName(std::string_view name) {
  for (size_t i = 0; i < kEntityTypeNames.size(); ++i) {
    if (name == kEntityTypeNames[i]) return static_cast<EntityType>(i);
  }
  return EntityType::kUnknown;
}

const char* MentionKindName(MentionKind kind) {
  return NameAt(kMentionKindNames, static_cast<size_t>(kind));
}

const char* GranularityName(Granularity g) {
  return NameAt(kGranularityNames, static_cast<size_t>(g));
}

const char* EventTypeName(EventType type) {
  return NameAt(kEventTypeNames, static_cast<size_t>(type));
}

EventType EventTypeFromName(std::string_view name) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  for (size_t i = 1; i < kEventTypeNames.size(); ++i) {
    if (upper == kEventTypeNames[i]) return static_cast<EventType>(i);
  }
  return EventType::kUnknown;
}

const char* EventStatusName(EventStatus status) {
  return NameAt(kEventStatusNames, static_cast<size_t>(status));
}

std::string Article::ToString() const {
  std::ostringstream o;
  o << "Article{id=" << id << " source=" << source << " format=" << format
    << " published=" << published << " outlet=" << outlet << " title=\"" << title
    << "\" bytes=" << text.size() << "}";
  return o.str();
}

std::string Sentence::ToString() const {
  std::ostringstream o;
  o << "Sentence{" << SpanText(span) << " tokens=" << first_token << ".." << end_token
    << (dateline ? " dateline" : "") << "}";
  return o.str();
}

std::string Token::ToString() const {
  std::ostringstream o;
  o << "Token{" << SpanText(span) << " kind=" << static_cast<int>(kind) << " key=" << key
    << " stem=" << stem;
  if (!proclitics.empty()) o << " pro=" << proclitics;
  if (!enclitic.empty()) o << " enc=" << enclitic;
  o << "}";
  return o.str();
}

std::string Entity::ToString() const {
  std::ostringstream o;
  o << "Entity{" << id << " " << EntityTypeName(type) << " en=\"" << name_en << "\" ar=\""
    << name_ar << "\" country=" << country << " actor=" << actor_code;
  if (!role.empty()) o << " role=\"" << role << "\"";
  if (!std::isnan(lat)) o << " at=" << lat << "," << lon;
  o << "}";
  return o.str();
}

std::string Mention::ToString() const {
  std::ostringstream o;
  o << "Mention{" << SpanText(span) << " \"" << text << "\" " << MentionKindName(kind)
    << " entity=" << entity << " type=" << EntityTypeName(type) << " actor=" << actor_code << "}";
  return o.str();
}

std::string Timex::ToString() const {
  std::ostringstream o;
  o << "Timex{" << SpanText(span) << " \"" << text << "\" value=" << value << " "
    << GranularityName(granularity) << " anchor=" << anchor << (historical ? " historical" : "")
    << "}";
  return o.str();
}

std::string Actor::ToString() const {
  if (!known()) return "-";
  return (actor_code.empty() ? std::string("?") : actor_code) + "(" +
         (entity.empty() ? name_ar : entity) + ")";
}

std::string Event::ToString() const {
  std::ostringstream o;
  o << "Event{" << EventTypeName(type);
  if (!mode.empty()) o << "/" << mode;
  o << " " << source.ToString() << " -> " << target.ToString()
    << " status=" << EventStatusName(status) << " when=" << (when.value.empty() ? "-" : when.value)
    << (when.historical ? " historical" : "") << (background ? " background" : "")
    << (negated ? " negated" : "")
    << " evidence=" << SpanText(evidence.span) << " trigger=\"" << trigger_text << "\"}";
  return o.str();
}

}  // namespace rasd
