// Build-time tool: expands the Arabic Hunspell dictionary (Debian package hunspell-ar, the
// Ayaspell project; GPL-2.0 / LGPL-2.1 / MPL-1.1) into the word forms the treebank segmenter
// looks stems up in. Not part of any stage: src/text/CMakeLists.txt runs it and embeds its
// output in rasd_text.
//
//   expand_hunspell ar.aff ar.dic out.txt
//
// Out: one line per distinct form, "form<TAB>pos" sorted by form, pos "V" (a verb form), "N"
// (anything else) or "VN", followed by "r" when every verb entry behind the form is rare in
// news: an imperative (اكد، اعلن) or a first person singular imperfect (أعتبر، أسم), the forms
// that compete with a past verb or a noun written with a bare alef. A form is a dictionary
// word or that word with one suffix rule of its flags applied, with diacritics removed. Left
// out on purpose:
// - prefixes (و ف ل ب ال س and the interrogative أ): the segmenter separates them itself;
// - suffix rules that attach a pronoun: in ar.aff these are the verb flags whose second letter
//   is lower case (Ab..Ai, Hb..Hi, Qa..Qi...; "x" is the bare inflection: Fx شهدت) and the noun
//   rules whose continuation class replaces the pronoun ه (aa, bb: جلسته); the segmenter
//   separates pronouns itself and must find the stem without them;
// - second-level suffixes (continuation classes): in ar.aff they only add pronouns;
// - the section stopwords.dic, which lists function words with their clitics already attached
//   (وبيد، فبيد) and would make every such word look unsegmentable.
// Assumes ar.aff's "FLAG long" (two-character flags) and its AF/AM alias tables; malformed
// lines are skipped. Exit status 1 when an input cannot be read.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::u32string Decode(const std::string& s) {
  std::u32string out;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    int n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? b : n == 2 ? b & 0x1F : n == 3 ? b & 0x0F : b & 0x07;
    for (int k = 1; k < n && i + k < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += n;
  }
  return out;
}

std::string Encode(const std::u32string& s) {
  std::string out;
  for (char32_t cp : s) {
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
      out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
  }
  return out;
}

// Harakat, tanween, shadda, sukun, dagger alef and tatweel: not part of the form.
bool IsMark(char32_t cp) {
  return (cp >= U'\u064B' && cp <= U'\u0652') || cp == U'\u0670' || cp == U'\u0640';
}

std::u32string StripMarks(const std::u32string& s) {
  std::u32string out;
  for (char32_t cp : s) {
    if (!IsMark(cp)) out.push_back(cp);
  }
  return out;
}

std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> out;
  std::istringstream in(line);
  std::string f;
  while (in >> f) out.push_back(f);
  return out;
}

std::vector<std::string> SplitFlags(const std::string& s) {
  std::vector<std::string> out;
  for (size_t i = 0; i + 1 < s.size(); i += 2) out.push_back(s.substr(i, 2));
  return out;
}

// A Hunspell condition: a sequence of ".", one character, or a bracket class ("[^ةى]").
struct Condition {
  struct Element {
    bool any = false;
    bool negate = false;
    std::u32string set;
  };
  std::vector<Element> elements;

  static Condition Parse(const std::u32string& c) {
    Condition out;
    for (size_t i = 0; i < c.size(); ++i) {
      Element e;
      if (c[i] == U'.') {
        e.any = true;
      } else if (c[i] == U'[') {
        size_t j = i + 1;
        if (j < c.size() && c[j] == U'^') {
          e.negate = true;
          ++j;
        }
        for (; j < c.size() && c[j] != U']'; ++j) e.set.push_back(c[j]);
        i = j;
      } else {
        e.set.push_back(c[i]);
      }
      out.elements.push_back(e);
    }
    return out;
  }

  // The condition matches the end of `word` (suffix rules).
  bool MatchesEnd(const std::u32string& word) const {
    if (elements.size() > word.size()) return false;
    const size_t start = word.size() - elements.size();
    for (size_t i = 0; i < elements.size(); ++i) {
      const Element& e = elements[i];
      if (e.any) continue;
      const bool in = e.set.find(word[start + i]) != std::u32string::npos;
      if (in == e.negate) return false;
    }
    return true;
  }
};

struct SuffixRule {
  std::u32string strip;
  std::u32string add;
  std::vector<std::string> continuation;
  Condition condition;
};

struct Affixes {
  std::vector<std::vector<std::string>> flag_aliases;  // AF n: index n-1
  std::vector<std::string> morph_aliases;              // AM n: index n-1
  std::map<std::string, std::vector<SuffixRule>> suffixes;
};

bool ReadAffixes(const std::string& path, Affixes& a) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  bool af_count_seen = false, am_count_seen = false;
  std::set<std::string> headers;
  while (std::getline(in, line)) {
    const std::vector<std::string> f = Fields(line);
    if (f.empty() || f[0][0] == '#') continue;
    if (f[0] == "AF" && f.size() >= 2) {
      // The first AF line is the count.
      if (!af_count_seen && std::all_of(f[1].begin(), f[1].end(), ::isdigit)) {
        af_count_seen = true;
        continue;
      }
      a.flag_aliases.push_back(SplitFlags(f[1]));
    } else if (f[0] == "AM") {
      if (!am_count_seen && f.size() == 2 && std::all_of(f[1].begin(), f[1].end(), ::isdigit)) {
        am_count_seen = true;
        continue;
      }
      std::string morph;
      for (size_t i = 1; i < f.size(); ++i) morph += (i > 1 ? " " : "") + f[i];
      a.morph_aliases.push_back(morph);
    } else if (f[0] == "SFX" && f.size() >= 4) {
      const std::string key = f[1];
      if (f.size() == 4 && (f[2] == "Y" || f[2] == "N") && !headers.count(key)) {
        headers.insert(key);
        continue;
      }
      if (f.size() < 5) continue;
      SuffixRule r;
      if (f[2] != "0") r.strip = Decode(f[2]);
      std::string add = f[3];
      if (size_t slash = add.find('/'); slash != std::string::npos) {
        const std::string cont = add.substr(slash + 1);
        add = add.substr(0, slash);
        const int n = std::all_of(cont.begin(), cont.end(), ::isdigit) ? std::stoi(cont) : 0;
        r.continuation = n >= 1 && static_cast<size_t>(n) <= a.flag_aliases.size()
                             ? a.flag_aliases[n - 1]
                             : SplitFlags(cont);
      }
      if (add != "0") r.add = Decode(add);
      if (f[4] != ".") r.condition = Condition::Parse(Decode(f[4]));
      a.suffixes[key].push_back(std::move(r));
    }
  }
  return true;
}

// Suffix flags that attach a pronoun (see the file comment).
bool AttachesPronoun(const std::string& flag, bool verb) {
  if (verb) return flag.size() == 2 && flag[1] >= 'a' && flag[1] <= 'z' && flag[1] != 'x';
  return false;
}
bool ContinuesWithPronoun(const SuffixRule& r) {
  for (const std::string& c : r.continuation) {
    if (c == "aa" || c == "bb") return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: expand_hunspell ar.aff ar.dic out.txt\n";
    return 2;
  }
  Affixes affixes;
  if (!ReadAffixes(argv[1], affixes)) {
    std::cerr << "expand_hunspell: cannot read " << argv[1] << "\n";
    return 1;
  }
  std::ifstream dic(argv[2]);
  if (!dic) {
    std::cerr << "expand_hunspell: cannot read " << argv[2] << "\n";
    return 1;
  }
  // form -> bit 1: verb, bit 2: other, bit 4: a form that is not rare (see above)
  std::map<std::string, int> forms;
  auto add = [&](const std::u32string& form, bool verb, bool rare) {
    const std::u32string bare = StripMarks(form);
    if (bare.size() < 2) return;
    forms[Encode(bare)] |= (verb ? 1 : 2) | (rare ? 0 : 4);
  };
  std::string line, section;
  bool first = true;
  while (std::getline(dic, line)) {
    if (first) {  // the entry count
      first = false;
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#' || line[0] == ':') continue;
    if (line.size() > 4 && line.ends_with(".dic") && line.find('/') == std::string::npos &&
        line.find('\t') == std::string::npos) {
      section = line;
      continue;
    }
    if (section == "stopwords.dic") continue;
    std::string word = line, morph;
    if (size_t tab = line.find('\t'); tab != std::string::npos) {
      word = line.substr(0, tab);
      const std::string m = line.substr(tab + 1);
      const int n = !m.empty() && std::all_of(m.begin(), m.end(), ::isdigit) ? std::stoi(m) : 0;
      morph = n >= 1 && static_cast<size_t>(n) <= affixes.morph_aliases.size()
                  ? affixes.morph_aliases[n - 1]
                  : m;
    }
    std::vector<std::string> flags;
    if (size_t slash = word.find('/'); slash != std::string::npos) {
      const std::string f = word.substr(slash + 1);
      word = word.substr(0, slash);
      const int n = !f.empty() && std::all_of(f.begin(), f.end(), ::isdigit) ? std::stoi(f) : 0;
      flags = n >= 1 && static_cast<size_t>(n) <= affixes.flag_aliases.size()
                  ? affixes.flag_aliases[n - 1]
                  : SplitFlags(f);
    }
    if (word.empty() || std::all_of(word.begin(), word.end(), ::isdigit)) continue;
    const bool verb = morph.find("po:verb") != std::string::npos;
    const bool imperative_only = morph.find("is:imp") != std::string::npos &&
                                 morph.find("is:pst") == std::string::npos &&
                                 morph.find("is:prst") == std::string::npos;
    const bool imperfect_only =
        morph.find("is:prst") != std::string::npos && morph.find("is:pst") == std::string::npos;
    const std::u32string w = Decode(word);
    const bool rare =
        verb && (imperative_only || (imperfect_only && !w.empty() && w[0] == U'\u0623'));
    add(w, verb, rare);
    for (const std::string& flag : flags) {
      if (AttachesPronoun(flag, verb)) continue;
      auto it = affixes.suffixes.find(flag);
      if (it == affixes.suffixes.end()) continue;
      for (const SuffixRule& r : it->second) {
        if (!verb && ContinuesWithPronoun(r)) continue;
        if (!r.condition.MatchesEnd(w)) continue;
        if (w.size() < r.strip.size() ||
            w.compare(w.size() - r.strip.size(), r.strip.size(), r.strip) != 0) {
          continue;
        }
        add(w.substr(0, w.size() - r.strip.size()) + r.add, verb, rare);
      }
    }
  }
  std::ofstream out(argv[3], std::ios::binary);
  for (const auto& [form, bits] : forms) {
    out << form << '\t' << ((bits & 1) ? "V" : "") << ((bits & 2) ? "N" : "")
        << ((bits & 4) ? "" : "r") << '\n';
  }
  if (!out) {
    std::cerr << "expand_hunspell: cannot write " << argv[3] << "\n";
    return 1;
  }
  return 0;
}
