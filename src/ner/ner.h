// ner: mentions of countries, places, people, organisations and international bodies, each
// linked to a canonical entity from data/lexicon/.
//
// In: the article text and its text::Analysis. Out: Mentions (sorted by position, not
// overlapping) and the entity table. Guaranteed: matching is on normalised, clitic-stripped
// tokens (so لروسيا, وروسيا and بروسيا find روسيا), longest match wins; every linked mention
// carries the actor it stands for (country + sector, or IGO code): nationality adjectives
// (القوات الأرمنية -> ARMMIL), capitals acting as governments (باكو -> AZEGOV), titles with a
// nationality (وزير الخارجية الروسي -> RUSGOV), and within one document a surname after the
// full name (لافروف after سيرغي لافروف). Thread-safe after Load(). People outside the
// lexicon are found after a title, rank or occupation, after a given name, after a verb of
// saying, after a nationality with the article, and as two words or more the Arabic dictionary
// lacks; organisations outside it after a head word (حزب الليكود, شركة موتورولا, صحيفة
// "النهار"), and clubs as a city with a masculine nationality or its country in brackets
// (data/lexicon/README.md). Not guaranteed: other unknown names (a surname alone with no cue)
// are missed.
//
// The shapes of mentions (events/ relies on them):
//   - title + country + name (وزير الخارجية الروسي سيرغي لافروف): one kName mention over the
//     name only, entity = the person ("" for a name the lexicon lacks), actor from the title
//     (RUSGOV); the title words belong to no mention. A country or organisation written by name
//     between title and name (وزير خارجية روسيا سيرغي لافروف, الأمين العام للأمم المتحدة
//     أنطونيو غوتيريش) is a kName mention of its own, before it.
//   - title + country, no name (الوزير الروسي, نظيره الأرميني): kRole over the title, type
//     person, linked to the person of that role and country named earlier in the document, else
//     to the one named next within two sentences; a country written by name (سفير غانا) is a
//     kName mention of its own after the role.
//   - a definite title alone (وأضاف الوزير, كما وجه السفير): kRole linked to the person of that
//     role named last, with their actor; no mention when none was named.
//   - a definite body title alone (وقالت الوزارة, وأضافت الخارجية, أعلن الجيش): kBody linked to
//     the body of that kind named last (the generic الوزارة to any ministry); none otherwise.
//   - type words, titles and epithets written in a lexicon name (مدينة غزة, جنوب لبنان, الملك
//     سلمان, مكة المكرمة) are outside the mention, which links to the longer name's entity.
//   - body + country (وزارة الدفاع الأذربيجانية): kBody, entity "AZE:ministry-of-defence"; a
//     nationality coordinated right after it (القوات الأذربيجانية والأرمينية) is the same body
//     of its country (kBody, "ARM:armed-forces").
//   - الجانب + nationality: kNationality with COUNTRY+GOV; a nationality alone (الأرمن,
//     القصف الأرميني): kNationality with the bare country code; entity = the country's id.
//   - a capital: kCapital with COUNTRY+GOV, except in a dateline or after العاصمة (kName, no
//     actor). Whether "في باكو" is a place or the government elsewhere is left to events/.
//   - a country name: kName with actor = its ISO code; other places: kName with no actor.
//
//   ASSIGN_OR_RETURN(ner::Recognizer ner, ner::Recognizer::Load(analyzer));
//   std::vector<Mention> m = ner.Recognize(article.text, analysis);
//   const Entity* e = ner.FindEntity(m[0].entity);
#ifndef RASD_NER_NER_H_
#define RASD_NER_NER_H_

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/core.h"
#include "text/text.h"

namespace rasd::ner {

class Recognizer {
 public:
  // Compiles data/lexicon/{countries,places,people,organizations,nationalities,titles}.tsv
  // with `analyzer` (kept by reference: it must outlive the Recognizer), and has the analyzer
  // index its Arabic dictionary (about 0.3 s, once per analyzer), which tells unknown names
  // from common words. Fails with a message naming the file and line of a malformed lexicon
  // row.
  static Result<Recognizer> Load(const text::Analyzer& analyzer);
  Recognizer();
  ~Recognizer();
  Recognizer(Recognizer&&) noexcept;
  Recognizer& operator=(Recognizer&&) noexcept;

  std::vector<Mention> Recognize(std::string_view text, const text::Analysis& analysis) const;

  // nullptr when unknown.
  const Entity* FindEntity(std::string_view id) const;
  // Every entity of the lexicon. Bodies found by pattern (وزارة الدفاع الأذربيجانية) have ids
  // of the form "<COUNTRY>:<body>" (e.g. "AZE:ministry-of-defence"); FindEntity resolves them
  // too, though entities() does not list them.
  std::span<const Entity> entities() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace rasd::ner

#endif  // RASD_NER_NER_H_
