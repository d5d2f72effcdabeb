// events: PLOVER events (type, mode, CAMEO code) with source and target actors, date, status
// and the evidence sentence.
//
// In: an Article (with id and published), its text::Analysis, its Mentions and Timexes, and
// the ner::Recognizer for entity details. Out: Events, each with evidence (sentence span and
// text), trigger span, actors resolved to entities and actor codes where the text says who,
// when (a date in the same sentence, else the publication date for past-tense reports; marked
// historical when before the publication date's year-month and narrated as background),
// status (occurred, claimed when attributed to a party, intended for future/plans, requested),
// negated, a confidence, and the casualties an attack's sentence counts (killed and wounded,
// approximate counts as ranges, with group and side; data/lexicon/event_cues.tsv kinds killed
// and wounded). Guaranteed: one event per trigger at most; never throws; thread-safe after
// Load(). Not guaranteed (yet): claimant chains, every PLOVER type.
//
//   ASSIGN_OR_RETURN(events::Coder coder, events::Coder::Load(analyzer));
//   std::vector<Event> ev = coder.Code(article, analysis, mentions, timexes, ner);
#ifndef RASD_EVENTS_EVENTS_H_
#define RASD_EVENTS_EVENTS_H_

#include <memory>
#include <span>
#include <vector>

#include "core/core.h"
#include "ner/ner.h"
#include "text/text.h"
#include "time/time.h"

namespace rasd::events {

// Event::confidence is how sure rasd is that its sentence reports the event as news: a logistic
// of the evidence the sentence gives (particulars named, the event led with or come to late,
// a verb or a bare verbal noun; docs/events.md, Confidence). From this value on, an event
// counts as reported where a yes or no is needed (rasd eval events --gsr).
inline constexpr double kReportedConfidence = 0.5;

class Coder {
 public:
  // Reads data/lexicon/triggers.tsv (lemmas with forms, type, mode, CAMEO code) and
  // data/lexicon/event_cues.tsv (attribution, negation, future and request cues).
  static Result<Coder> Load(const text::Analyzer& analyzer);
  Coder();
  ~Coder();
  Coder(Coder&&) noexcept;
  Coder& operator=(Coder&&) noexcept;

  std::vector<Event> Code(const Article& article, const text::Analysis& analysis,
                          std::span<const Mention> mentions, std::span<const Timex> timexes,
                          const ner::Recognizer& ner) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One line in English from the event's fields, for readers without Arabic:
// "Russia (RUSGOV) consulted Armenia (ARMGOV) by phone, 2023-08-16".
std::string Gloss(const Event& event);

}  // namespace rasd::events

#endif  // RASD_EVENTS_EVENTS_H_
