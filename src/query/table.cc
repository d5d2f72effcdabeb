// Terminal renderings: aligned tables and the marked article text of `rasd show`.
//
// Alignment is by display width, not bytes: an Arabic word with harakat is twice as many bytes
// as letters and its marks take no column. A terminal lays cells out left to right whatever
// their script; one that applies the bidi algorithm would also merge two neighbouring Arabic
// cells into one right-to-left run and show them swapped, so a cell holding right-to-left text
// ends with LEFT-TO-RIGHT MARK (U+200E, zero width), which closes the run at the cell's edge.
#include <algorithm>
#include <cstdio>
#include <vector>

#include "query/query.h"
#include "query/render.h"

namespace rasd::query {
namespace {

using internal::CutToWidth;
using internal::DisplayWidth;
using internal::OneLine;

constexpr std::string_view kLrm = "\u200E";
constexpr std::string_view kEllipsis = "…";

struct Column {
  std::string header;
  int max_width;  // cells are cut to this many columns
};

// Columns separated by two spaces; the last one is not padded.
std::string RenderTable(const std::vector<Column>& columns,
                        const std::vector<std::vector<std::string>>& rows) {
  if (rows.empty()) return "(none)\n";
  std::vector<std::vector<std::string>> cells;
  std::vector<int> widths(columns.size(), 0);
  for (size_t c = 0; c < columns.size(); ++c) widths[c] = DisplayWidth(columns[c].header);
  for (const auto& row : rows) {
    std::vector<std::string> out;
    for (size_t c = 0; c < columns.size(); ++c) {
      std::string cell = CutToWidth(OneLine(c < row.size() ? row[c] : ""), columns[c].max_width);
      widths[c] = std::max(widths[c], DisplayWidth(cell));
      out.push_back(std::move(cell));
    }
    cells.push_back(std::move(out));
  }
  std::string text;
  auto line = [&](const std::vector<std::string>& row) {
    for (size_t c = 0; c < row.size(); ++c) {
      text += row[c];
      if (internal::HasRtl(row[c])) text += kLrm;
      if (c + 1 < row.size()) text.append(widths[c] - DisplayWidth(row[c]) + 2, ' ');
    }
    text += '\n';
  };
  std::vector<std::string> header;
  for (const Column& c : columns) header.push_back(c.header);
  line(header);
  for (const auto& row : cells) line(row);
  return text;
}

std::string Dash(const std::string& s) { return s.empty() ? "-" : s; }

// The part of the evidence sentence around the trigger that fits `width` columns: about a
// third of the room before the trigger, the rest after, "…" where the sentence is cut.
std::string EvidenceExcerpt(const Event& e, int width) {
  const std::string sentence = OneLine(e.evidence.text);
  if (DisplayWidth(sentence) <= width) return sentence;
  size_t trigger = 0;
  if (e.trigger.start >= e.evidence.span.start &&
      e.trigger.start - e.evidence.span.start < sentence.size()) {
    trigger = e.trigger.start - e.evidence.span.start;
  }
  // Walk back from the trigger by whole characters until a third of the width is used.
  size_t start = trigger;
  const int before = width / 3;
  while (start > 0) {
    size_t prev = start - 1;
    while (prev > 0 && (static_cast<unsigned char>(sentence[prev]) & 0xC0) == 0x80) --prev;
    if (DisplayWidth(std::string_view(sentence).substr(prev, trigger - prev)) > before) break;
    start = prev;
  }
  std::string out;
  int room = width;
  if (start > 0) {
    out = std::string(kEllipsis);
    room -= 1;
  }
  return out + CutToWidth(std::string_view(sentence).substr(start), room);
}

}  // namespace

std::string EventsTable(std::span<const Event> events, int excerpt_width) {
  std::vector<std::vector<std::string>> rows;
  for (const Event& e : events) {
    std::string date = Dash(e.when.value);
    if (e.when.historical) date += " (bg)";
    std::string type = EventTypeName(e.type);
    if (e.negated) type = "NOT " + type;
    if (e.status != EventStatus::kOccurred) {
      type += " (" + std::string(EventStatusName(e.status)) + ")";
    }
    rows.push_back({date, type, Dash(e.mode), Dash(internal::ActorName(e.source)),
                    Dash(internal::ActorName(e.target)),
                    EvidenceExcerpt(e, std::max(excerpt_width, 8))});
  }
  return RenderTable({{"DATE", 24},
                      {"TYPE", 24},
                      {"MODE", 16},
                      {"SOURCE", 24},
                      {"TARGET", 24},
                      {"EVIDENCE", std::max(excerpt_width, 8)}},
                     rows);
}

std::string ArticlesTable(std::span<const store::ArticleRow> rows) {
  std::vector<std::vector<std::string>> cells;
  for (const store::ArticleRow& r : rows) {
    const Article& a = r.article;
    std::string title = a.title.empty() ? a.source : a.title;
    if (!r.duplicate_of.empty()) title = "[copy of " + r.duplicate_of.substr(0, 12) + "] " + title;
    cells.push_back({Dash(a.published.substr(0, std::min<size_t>(a.published.size(), 16))),
                     a.id.substr(0, 12), Dash(a.outlet), std::to_string(r.event_count),
                     std::to_string(r.mention_count), title});
  }
  return RenderTable({{"PUBLISHED", 16},
                      {"ID", 12},
                      {"OUTLET", 20},
                      {"EVENTS", 6},
                      {"MENTIONS", 8},
                      {"TITLE", 60}},
                     cells);
}

std::string StoriesTable(std::span<const store::StoryRow> rows) {
  std::vector<std::vector<std::string>> cells;
  for (const store::StoryRow& r : rows) {
    const Event& e = r.first;
    std::string seen = Dash(r.first_seen.substr(0, std::min<size_t>(r.first_seen.size(), 10)));
    if (r.last_seen.substr(0, 10) != r.first_seen.substr(0, 10)) {
      seen += ".." + r.last_seen.substr(0, std::min<size_t>(r.last_seen.size(), 10));
    }
    cells.push_back({seen, EventTypeName(e.type), Dash(internal::ActorName(e.source)),
                     Dash(internal::ActorName(e.target)), std::to_string(r.events),
                     std::to_string(r.articles), std::to_string(r.outlets), internal::ClaimsText(r),
                     e.id.substr(0, 12)});
  }
  return RenderTable({{"SEEN", 22},
                      {"TYPE", 10},
                      {"SOURCE", 24},
                      {"TARGET", 24},
                      {"EVENTS", 6},
                      {"ARTICLES", 8},
                      {"OUTLETS", 7},
                      {"CLAIMS", 48},
                      {"STORY", 12}},
                     cells);
}

std::string StoryText(const store::StoryDetail& detail) {
  const store::StoryRow& r = detail.row;
  const Event& e = r.first;
  auto day = [](const std::string& v) { return v.substr(0, std::min<size_t>(v.size(), 10)); };
  std::string seen = Dash(day(r.first_seen));
  if (day(r.last_seen) != day(r.first_seen)) seen += " to " + day(r.last_seen);
  std::string out = "story " + e.id + "\n" + internal::Gloss(e) + "\n";
  out += "seen " + seen + "; " + std::to_string(r.events) + " report" + (r.events == 1 ? "" : "s") +
         " in " + std::to_string(r.articles) + " article" + (r.articles == 1 ? "" : "s") + ", " +
         std::to_string(r.outlets) + " outlet" + (r.outlets == 1 ? "" : "s") + "\n";
  for (const internal::ClaimGroup& g : internal::GroupByClaim(detail)) {
    out += "\n" + g.text + " (" + std::to_string(g.reports.size()) + ")\n";
    for (const size_t i : g.reports) {
      const store::StoryReport& report = detail.reports[i];
      const std::string where = !report.outlet.empty() ? report.outlet : report.source;
      out += "  " + Dash(day(report.published)) + "  " + internal::OneLine(where);
      if (!report.title.empty()) out += "  " + internal::OneLine(report.title);
      out += "  [" + report.event.article.substr(0, 12) + "]\n";
      out += "    " + internal::OneLine(report.event.evidence.text) + "\n";
    }
  }
  return out;
}

std::string EntitiesTable(std::span<const store::EntityRow> rows) {
  std::vector<std::vector<std::string>> cells;
  for (const store::EntityRow& r : rows) {
    const Entity& e = r.entity;
    cells.push_back({e.id, Dash(e.name_en), Dash(e.name_ar),
                     e.type == EntityType::kUnknown ? "-" : EntityTypeName(e.type),
                     Dash(e.actor_code), std::to_string(r.mentions), std::to_string(r.articles),
                     std::to_string(r.events)});
  }
  return RenderTable({{"ID", 32},
                      {"NAME", 28},
                      {"ARABIC", 28},
                      {"TYPE", 12},
                      {"ACTOR", 8},
                      {"MENTIONS", 8},
                      {"ARTICLES", 8},
                      {"EVENTS", 6}},
                     cells);
}

std::string SearchTable(std::span<const store::SearchHit> hits) {
  std::vector<std::vector<std::string>> cells;
  for (const store::SearchHit& h : hits) {
    const Article& a = h.row.article;
    cells.push_back({a.id.substr(0, 12),
                     Dash(a.published.substr(0, std::min<size_t>(a.published.size(), 10))),
                     Dash(a.outlet), h.snippet});
  }
  return RenderTable({{"ID", 12}, {"PUBLISHED", 10}, {"OUTLET", 20}, {"PASSAGE", 90}}, cells);
}

std::string StatsTable(const store::Stats& s) {
  std::string out;
  auto line = [&](const std::string& name, const std::string& value) {
    out += name;
    out.append(name.size() < 22 ? 22 - name.size() : 1, ' ');
    out += value + "\n";
  };
  line("articles", std::to_string(s.articles));
  line("  marked duplicate", std::to_string(s.duplicates));
  for (const auto& [format, n] : s.articles_by_format) {
    line("  " + (format.empty() ? std::string("(unknown)") : format), std::to_string(n));
  }
  line("events", std::to_string(s.events));
  for (const auto& [type, n] : s.events_by_type) line("  " + type, std::to_string(n));
  line("entities", std::to_string(s.entities));
  line("mentions", std::to_string(s.mentions));
  line("rejects", std::to_string(s.rejects));
  for (const auto& [reason, n] : s.rejects_by_reason) line("  " + reason, std::to_string(n));
  line("schema version", std::to_string(s.schema_version));
  const double mb = static_cast<double>(s.db_bytes) / (1024.0 * 1024.0);
  char size[32];
  std::snprintf(size, sizeof size, "%.1f MB", mb);
  line("database size", size);
  return out;
}

std::string MarkedText(const store::ArticleDetail& detail) {
  const std::string& text = detail.row.article.text;
  // Insertions at byte positions of the text. At one position: a mention closes, then event
  // marks follow, then a mention opens, so marks never land inside [[...]] that end there.
  struct Insert {
    size_t pos;
    int order;
    std::string text;
  };
  std::vector<Insert> inserts;
  auto boundary = [&](size_t pos) {
    return pos == text.size() ||
           (pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80);
  };
  size_t last_end = 0;
  std::vector<Mention> mentions(detail.mentions.begin(), detail.mentions.end());
  std::stable_sort(mentions.begin(), mentions.end(),
                   [](const Mention& a, const Mention& b) { return a.span.start < b.span.start; });
  for (const Mention& m : mentions) {
    // Overlapping or nested mentions (a role inside a name) would interleave brackets: the
    // first one wins. Spans that do not fall on characters of this text are skipped.
    if (m.span.empty() || m.span.start < last_end || m.span.end > text.size() ||
        !boundary(m.span.start) || !boundary(m.span.end)) {
      continue;
    }
    std::string label = !m.entity.empty() ? m.entity : !m.actor_code.empty() ? m.actor_code : "?";
    inserts.push_back({m.span.start, 2, "[["});
    inserts.push_back({m.span.end, 0, "|" + label + "]]"});
    last_end = m.span.end;
  }
  for (const Event& e : detail.events) {
    size_t pos = std::min<size_t>(e.evidence.span.end, text.size());
    if (e.evidence.span.empty() || !boundary(pos)) pos = text.size();
    std::string mark = " ⟦";
    if (e.negated) mark += "NOT ";
    mark += EventTypeName(e.type);
    if (!e.mode.empty()) mark += "/" + e.mode;
    mark += " " + internal::ActorCode(e.source) + "→" + internal::ActorCode(e.target);
    if (e.status != EventStatus::kOccurred) mark += " " + std::string(EventStatusName(e.status));
    if (!e.when.value.empty()) mark += " " + e.when.value;
    mark += "⟧";
    inserts.push_back({pos, 1, std::move(mark)});
  }
  std::stable_sort(inserts.begin(), inserts.end(), [](const Insert& a, const Insert& b) {
    return a.pos != b.pos ? a.pos < b.pos : a.order < b.order;
  });
  std::string out;
  size_t at = 0;
  for (const Insert& ins : inserts) {
    out.append(text, at, ins.pos - at);
    out += ins.text;
    at = ins.pos;
  }
  out.append(text, at, std::string::npos);
  return out;
}

}  // namespace rasd::query
