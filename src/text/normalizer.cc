#include <utility>

#include "text/folding.h"
#include "text/text.h"

namespace rasd::text {
namespace {

// The one folding loop. kOffsets/kEnds select what is recorded; Key() pays for neither.
// Contract (text.h): context-free per unit except for whitespace, so the key of a token is the
// key of its text alone (Analyzer::AnalyzeWord relies on it).
template <bool kOffsets, bool kEnds>
void FoldText(const CharTable& table, std::string_view text, std::string& key,
              std::vector<uint32_t>* starts, std::vector<uint32_t>* ends) {
  key.clear();
  key.reserve(text.size());
  if constexpr (kOffsets) {
    starts->clear();
    starts->reserve(text.size() + 1);
  }
  if constexpr (kEnds) {
    ends->clear();
    ends->reserve(text.size() + 1);
  }
  bool pending_space = false;
  uint32_t space_at = 0;
  size_t last_char = std::string::npos;  // key index where the last emitted character begins

  auto begin_char = [&](uint32_t at) {
    if (pending_space) {
      key.push_back(' ');
      if constexpr (kOffsets) starts->push_back(space_at);
      if constexpr (kEnds) ends->push_back(at);
      pending_space = false;
    }
    last_char = key.size();
  };
  // Every key byte appended since the last call came from the unit [at, end).
  auto record = [&](uint32_t at, uint32_t end) {
    if constexpr (kOffsets) {
      while (starts->size() < key.size()) starts->push_back(at);
    }
    if constexpr (kEnds) {
      while (ends->size() < key.size()) ends->push_back(end);
    }
    (void)at;
    (void)end;
  };

  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    const auto b = static_cast<unsigned char>(text[i]);
    const auto at = static_cast<uint32_t>(i);
    // ASCII fast path: one flat-array read, no decoding.
    if (b < 0x80 && b != '&') {
      const Fold f = table.Lookup(b);
      if (f.kind == FoldKind::kKeep) {
        begin_char(at);
        key.push_back(static_cast<char>(b));
        record(at, at + 1);
      } else if (f.kind == FoldKind::kMap) {
        begin_char(at);
        key.append(table.Replacement(f));
        record(at, at + 1);
      } else if (f.kind == FoldKind::kSpace) {
        if (!key.empty() && !pending_space) {
          pending_space = true;
          space_at = at;
        }
      }
      ++i;
      continue;
    }
    // Fast path: a run of two-byte letters kept as written (Arabic words), copied at once.
    if (auto kept = [&](size_t j) {
          const auto lead = static_cast<unsigned char>(text[j]);
          if (lead < 0xC2 || lead >= 0xE0 || j + 1 >= n) return false;
          const auto trail = static_cast<unsigned char>(text[j + 1]);
          return (trail & 0xC0) == 0x80 &&
                 table.Lookup(((lead & 0x1Fu) << 6) | (trail & 0x3Fu)).kind == FoldKind::kKeep;
        };
        kept(i)) {
      size_t j = i + 2;
      while (j < n && kept(j)) j += 2;
      begin_char(at);
      const size_t k0 = key.size();
      key.append(text.data() + i, j - i);
      last_char = key.size() - 2;
      if constexpr (kOffsets) {
        starts->resize(key.size());
        uint32_t* out = starts->data() + k0;
        for (size_t a = i; a < j; a += 2, out += 2) out[0] = out[1] = static_cast<uint32_t>(a);
      }
      if constexpr (kEnds) {
        ends->resize(key.size());
        uint32_t* out = ends->data() + k0;
        for (size_t a = i; a < j; a += 2, out += 2) {
          out[0] = out[1] = static_cast<uint32_t>(a + 2);
        }
      }
      i = j;
      continue;
    }
    const Unit u = table.DecodeUnit(text, i);
    const uint32_t end = at + u.length;
    const Fold f = table.Lookup(u.cp);
    switch (f.kind) {
      case FoldKind::kKeep: {
        begin_char(at);
        if (u.raw) {
          key.append(text.data() + i, u.length);
        } else {
          AppendUtf8(u.cp, key);
        }
        record(at, end);
        break;
      }
      case FoldKind::kMap: {
        begin_char(at);
        key.append(table.Replacement(f));
        record(at, end);
        break;
      }
      case FoldKind::kSpace:
        if (!key.empty() && !pending_space) {
          pending_space = true;
          space_at = at;
        }
        break;
      case FoldKind::kDrop:
        // A haraka belongs to the letter before it: widen that letter's unit.
        if constexpr (kEnds) {
          if (last_char != std::string::npos && !pending_space) {
            for (size_t k = last_char; k < key.size(); ++k) (*ends)[k] = end;
          }
        }
        break;
      case FoldKind::kIgnore:
        break;
    }
    i = end;
  }
  if constexpr (kOffsets) starts->push_back(static_cast<uint32_t>(n));
  if constexpr (kEnds) ends->push_back(static_cast<uint32_t>(n));
}

}  // namespace

void FoldKey(const CharTable& table, std::string_view text, std::string& key) {
  FoldText<false, false>(table, text, key, nullptr, nullptr);
}

void FoldWithOffsets(const CharTable& table, std::string_view text, bool with_ends,
                     FoldedText& out) {
  if (with_ends) {
    FoldText<true, true>(table, text, out.key, &out.starts, &out.ends);
  } else {
    out.ends.clear();
    FoldText<true, false>(table, text, out.key, &out.starts, nullptr);
  }
}

Result<Normalizer> Normalizer::Load() {
  ASSIGN_OR_RETURN(CharTable table, CharTable::Load());
  Normalizer n;
  n.impl_ = std::make_unique<Impl>(Impl{std::move(table)});
  return n;
}

Normalizer::Normalizer() = default;
Normalizer::~Normalizer() = default;
Normalizer::Normalizer(Normalizer&&) noexcept = default;
Normalizer& Normalizer::operator=(Normalizer&&) noexcept = default;

Normalized Normalizer::Normalize(std::string_view text) const {
  Normalized out;
  if (impl_ == nullptr) {  // default-constructed: identity key, for callers that never loaded
    out.key = std::string(text);
    out.to_original.resize(text.size() + 1);
    for (size_t i = 0; i <= text.size(); ++i) out.to_original[i] = static_cast<uint32_t>(i);
    return out;
  }
  FoldText<true, false>(impl_->table, text, out.key, &out.to_original, nullptr);
  return out;
}

std::string Normalizer::Key(std::string_view text) const {
  std::string key;
  if (impl_ == nullptr) return std::string(text);
  FoldText<false, false>(impl_->table, text, key, nullptr, nullptr);
  return key;
}

}  // namespace rasd::text
