#include <algorithm>
#include <cstring>
#include <type_traits>
#include <utility>

#include "text/folding.h"
#include "text/text.h"

namespace rasd::text {
namespace {

// The two-byte character at text[i] as the fast path of FoldText folds it (kNone for anything
// else, and at the end of the text).
inline TwoByteFold ReadTwoByte(const CharTable& table, std::string_view text, size_t i) {
  if (i + 1 >= text.size()) return {};
  const unsigned lead = static_cast<unsigned char>(text[i]) - 0xC0u;       // 2 to 1F: a lead
  const unsigned trail = static_cast<unsigned char>(text[i + 1]) ^ 0x80u;  // below 40: a trail
  if (lead - 2 >= 0x1E || trail >= 0x40) return {};
  return table.TwoByte((lead << 6) | trail);
}

// The key bytes and, when asked, the offsets FoldText writes: sized ahead and written by
// index, as a push_back a byte cost more than the folding itself.
template <bool kOffsets, bool kEnds, typename Vector>
class FoldOutput {
 public:
  // Capacity for `expected` bytes is reserved at once; the buffers are sized (and so zeroed) a
  // chunk at a time as they fill, while the chunk is still in cache.
  FoldOutput(size_t expected, std::string& key, Vector* starts, Vector* ends)
      : key_(key), starts_(starts), ends_(ends) {
    key_.reserve(expected);
    if constexpr (kOffsets) starts_->reserve(expected + 1);
    if constexpr (kEnds) ends_->reserve(expected + 1);
    Resize(std::min(expected, kChunk));
  }

  size_t size() const { return size_; }

  // Room for `n` more bytes.
  void Reserve(size_t n) {
    if (size_ + n > key_.size()) [[unlikely]]
      Grow(n);
  }
  // One key byte from the input unit [at, end); Reserve first.
  void Put(char c, uint32_t at, uint32_t end) {
    if constexpr (kOffsets) starts_data_[size_] = at;
    if constexpr (kEnds) ends_data_[size_] = end;
    key_data_[size_++] = c;
    (void)at;
    (void)end;
  }
  // Folds the run of two-byte characters that starts at text[i] with a letter, as
  // ReadTwoByte reads them: letters are written, marks widen the letter before them. Returns
  // the input offset after the run; `letter` is the key index of the run's last letter.
  // The buffers and the table are held in locals: every key byte written is a char store,
  // which the compiler must assume changes any member it would otherwise read again.
  size_t PutTwoByteRun(const CharTable& table, std::string_view text, size_t i, size_t& letter) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    const TwoByteFold* two_byte = table.TwoByteTable();
    char* key = key_data_;
    uint32_t* starts = starts_data_;
    uint32_t* ends = ends_data_;
    size_t size = size_;
    size_t room = key_.size();
    letter = size;
    while (i + 1 < n) {
      const unsigned lead = s[i] - 0xC0u;       // 2 to 1F: a lead
      const unsigned trail = s[i + 1] ^ 0x80u;  // below 40: a trail
      if (lead - 2 >= 0x1E || trail >= 0x40) break;
      const TwoByteFold c = two_byte[(lead << 6) | trail];
      if (c.kind == TwoByteKind::kNone) break;
      const auto at = static_cast<uint32_t>(i);
      if (c.kind == TwoByteKind::kMark) {
        if constexpr (kEnds) {
          for (size_t k = letter; k < size; ++k) ends[k] = at + 2;
        }
      } else {
        if (size + 2 > room) [[unlikely]] {
          size_ = size;
          Grow(2);
          key = key_data_;
          starts = starts_data_;
          ends = ends_data_;
          room = key_.size();
        }
        letter = size;
        if constexpr (kOffsets) {
          starts[size] = at;
          starts[size + 1] = at;
        }
        if constexpr (kEnds) {
          ends[size] = at + 2;
          ends[size + 1] = at + 2;
        }
        std::memcpy(key + size, c.bytes, 2);
        size += 2;
      }
      i += 2;
    }
    size_ = size;
    (void)starts;
    (void)ends;
    return i;
  }
  void Append(std::string_view bytes, uint32_t at, uint32_t end) {
    Reserve(bytes.size());
    for (char c : bytes) Put(c, at, end);
  }
  // Widens the input unit of key bytes [from, size()) to end at `end`.
  void Widen(size_t from, uint32_t end) {
    if constexpr (kEnds) {
      for (size_t k = from; k < size_; ++k) ends_data_[k] = end;
    }
    (void)from;
    (void)end;
  }
  // Trims the buffers to what was written and closes the offsets with the input size.
  void Finish(uint32_t input_size) {
    key_.resize(size_);
    if constexpr (kOffsets) {
      starts_->resize(size_);
      starts_->push_back(input_size);
    }
    if constexpr (kEnds) {
      ends_->resize(size_);
      ends_->push_back(input_size);
    }
  }

 private:
  // Out of line, so that Reserve and the loop's small helpers inline.
  [[gnu::noinline]] void Grow(size_t n) { Resize(std::max(key_.size() + kChunk, size_ + n)); }
  void Resize(size_t n) {
    key_.resize(n);
    key_data_ = key_.data();
    if constexpr (kOffsets) {
      starts_->resize(n);
      starts_data_ = starts_->data();
    }
    if constexpr (kEnds) {
      ends_->resize(n);
      ends_data_ = ends_->data();
    }
  }

  static constexpr size_t kChunk = 4096;

  std::string& key_;
  char* key_data_ = nullptr;
  uint32_t* starts_data_ = nullptr;
  uint32_t* ends_data_ = nullptr;
  Vector* starts_;
  Vector* ends_;
  size_t size_ = 0;
};

// The one folding loop. kOffsets/kEnds select what is recorded; Key() pays for neither.
// Contract (text.h): context-free per unit except for whitespace, so the key of a token is the
// key of its text alone (Analyzer::AnalyzeWord relies on it).
template <bool kOffsets, bool kEnds, typename Vector = std::vector<uint32_t>>
void FoldText(const CharTable& table, std::string_view text, std::string& key,
              std::type_identity_t<Vector>* starts, std::type_identity_t<Vector>* ends) {
  key.clear();
  if constexpr (kOffsets) starts->clear();
  if constexpr (kEnds) ends->clear();
  // Folding shortens most text (marks, entities): the input size is room enough but rarely.
  FoldOutput<kOffsets, kEnds, Vector> out(text.size() + 16, key, starts, ends);
  bool pending_space = false;
  uint32_t space_at = 0;
  size_t last_char = std::string::npos;  // key index where the last emitted character begins

  auto begin_char = [&](uint32_t at) {
    if (pending_space) {
      out.Reserve(1);
      out.Put(' ', space_at, at);
      pending_space = false;
    }
    last_char = out.size();
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
        out.Reserve(1);
        out.Put(static_cast<char>(b), at, at + 1);
      } else if (f.kind == FoldKind::kMap) {
        begin_char(at);
        out.Append(table.Replacement(f), at, at + 1);
      } else if (f.kind == FoldKind::kSpace) {
        if (out.size() > 0 && !pending_space) {
          pending_space = true;
          space_at = at;
        }
      }
      ++i;
      continue;
    }
    // Fast path: a run of two-byte characters (an Arabic word) that are kept as written,
    // mapped to two bytes (أ -> ا, ة -> ه) or dropped (harakat).
    if (ReadTwoByte(table, text, i).kind == TwoByteKind::kLetter) {
      begin_char(at);
      i = out.PutTwoByteRun(table, text, i, last_char);
      continue;
    }
    const Unit u = table.DecodeUnit(text, i);
    const uint32_t end = at + u.length;
    const Fold f = table.Lookup(u.cp);
    switch (f.kind) {
      case FoldKind::kKeep: {
        begin_char(at);
        if (u.raw) {
          out.Append(text.substr(i, u.length), at, end);
        } else {
          std::string encoded;
          AppendUtf8(u.cp, encoded);
          out.Append(encoded, at, end);
        }
        break;
      }
      case FoldKind::kMap: {
        begin_char(at);
        out.Append(table.Replacement(f), at, end);
        break;
      }
      case FoldKind::kSpace:
        if (out.size() > 0 && !pending_space) {
          pending_space = true;
          space_at = at;
        }
        break;
      case FoldKind::kDrop:
        // A haraka belongs to the letter before it: widen that letter's unit.
        if (last_char != std::string::npos && !pending_space) out.Widen(last_char, end);
        break;
      case FoldKind::kIgnore:
        break;
    }
    i = end;
  }
  out.Finish(static_cast<uint32_t>(n));
}

}  // namespace

void FoldKey(const CharTable& table, std::string_view text, std::string& key) {
  FoldText<false, false>(table, text, key, nullptr, nullptr);
}

void FoldWithOffsets(const CharTable& table, std::string_view text, bool with_ends,
                     FoldedText& out) {
  if (with_ends) {
    FoldText<true, true, Offsets>(table, text, out.key, &out.starts, &out.ends);
  } else {
    out.ends.clear();
    FoldText<true, false, Offsets>(table, text, out.key, &out.starts, nullptr);
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
