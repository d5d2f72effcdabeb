#include "ingest/decode.h"

#include <gtest/gtest.h>
#include <unicode/unistr.h>

#include <string>
#include <vector>

namespace rasd::ingest {
namespace {

// Written for these tests: a news paragraph long enough for the detector to be sure.
constexpr std::string_view kParagraph =
    "أعلنت وزارة الخارجية اليوم أن الوزير سيزور العاصمة الأردنية الأسبوع المقبل لبحث العلاقات "
    "الثنائية والأوضاع في المنطقة، وقال المتحدث باسم الوزارة إن الزيارة تأتي بدعوة رسمية وإن "
    "الجانبين سيوقعان اتفاقية للتعاون الاقتصادي والتجاري.";

// `utf8` in `charset`, through ICU.
std::string Encode(std::string_view utf8, const char* charset) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::string out(static_cast<size_t>(u.length()) * 4 + 4, '\0');
  int32_t n = u.extract(0, u.length(), out.data(), static_cast<uint32_t>(out.size()), charset);
  out.resize(static_cast<size_t>(n));
  return out;
}

std::string Html(std::string_view head, std::string_view body) {
  return "<html><head>" + std::string(head) + "<title>t</title></head><body><p>" +
         std::string(body) + "</p></body></html>";
}

struct Row {
  std::string name;
  std::string bytes;
  std::string declared;  // the HTTP header's charset
  bool html = false;
  // Expected:
  std::string text;     // "" when rejected
  std::string charset;  // or the reject reason's name
  uint64_t replaced = 0;
  std::string warning;  // a part of one warning, or of the rejection's problem
};

TEST(DecodeTextTest, CharsetsAndRepairs) {
  const std::string para(kParagraph);
  const std::string cp1256 = Encode(kParagraph, "windows-1256");
  const std::string iso6 = Encode(kParagraph, "ISO-8859-6");
  ASSERT_NE(cp1256, iso6);
  const std::string utf16le = Encode("نص قصير", "UTF-16LE");
  const std::string utf16be = Encode("نص قصير", "UTF-16BE");
  // A lead byte without its continuation after the first word, a byte never in UTF-8 later.
  const size_t a = para.find(' ') + 1;
  const size_t b = para.find(' ', a + 10) + 1;
  const std::string damaged =
      para.substr(0, a) + "\xD8" + para.substr(a, b - a) + "\xFF" + para.substr(b);
  const std::string repaired =
      para.substr(0, a) + "\uFFFD" + para.substr(a, b - a) + "\uFFFD" + para.substr(b);
  const std::string meta_1256 = Html(
      "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">", cp1256);
  const std::string meta_iso6 = Html("<meta charset=\"ISO-8859-6\">", iso6);

  const std::vector<Row> rows = {
      {"utf-8", para, "", false, para, "utf-8"},
      {"utf-8 bom", "\xEF\xBB\xBF" + para, "windows-1256", false, para, "utf-8"},
      {"utf-16le bom", "\xFF\xFE" + utf16le, "", false, "نص قصير", "utf-16le"},
      {"utf-16be bom", "\xFE\xFF" + utf16be, "", false, "نص قصير", "utf-16be"},
      {"utf-16 odd bytes", "\xFF\xFE" + utf16le + "x", "", false, "نص قصير\uFFFD", "utf-16le", 1,
       "odd number of bytes"},
      {"windows-1256 from the header", cp1256, "windows-1256", false, para, "windows-1256"},
      {"header label in upper case, quoted", cp1256, "\"CP1256\"", false, para, "windows-1256"},
      {"iso-8859-6 from the header", iso6, "iso-8859-6", false, para, "iso-8859-6"},
      {"windows-1256 from <meta http-equiv>", meta_1256, "", true,
       Html("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1256\">", para),
       "windows-1256"},
      {"iso-8859-6 from <meta charset>", meta_iso6, "", true,
       Html("<meta charset=\"ISO-8859-6\">", para), "iso-8859-6"},
      {"the header wins over <meta>", Html("<meta charset=\"iso-8859-6\">", cp1256), "windows-1256",
       true, Html("<meta charset=\"iso-8859-6\">", para), "windows-1256"},
      {"windows-1256 detected", cp1256, "", false, para, "windows-1256", 0, "detected"},
      {"unknown charset: detected", cp1256, "x-no-such-charset", false, para, "windows-1256", 0,
       "'x-no-such-charset' in the header is unknown"},
      {"utf-8 declared, windows-1256 given", cp1256, "utf-8", false, para, "windows-1256", 0,
       "'utf-8' in the header ignored"},
      {"windows-1256 declared, utf-8 given", para, "windows-1256", false, para, "utf-8", 0,
       "the bytes are valid UTF-8"},
      {"mostly utf-8: repaired", damaged, "", false, repaired, "utf-8", 2,
       "2 bytes not valid utf-8 replaced with U+FFFD"},
      // The detector is not sure of 300 letters; one bad byte in 306 is repaired.
      {"ascii with one latin-1 byte", std::string(300, 'a') + "\xA9 2024", "", false,
       std::string(300, 'a') + "\uFFFD 2024", "utf-8", 1},
      {"too short to tell", "\xC7\xE1\xD1\xC6\xED\xD3 \xff\xfe text", "", false, "", "invalid-utf8",
       0, "8 of 14 bytes invalid, the first at byte 0"},
      {"binary", std::string("GIF89a\0\0\x01\x02", 10), "", false, "", "binary"},
      {"utf-16 spelling NUL", std::string("\xFF\xFE\0\0\0\0", 6), "", false, "", "binary"},
  };
  for (const Row& row : rows) {
    Decoded d = DecodeText(row.bytes, row.declared, row.html);
    std::string all_warnings;
    for (const std::string& w : d.warnings) all_warnings += w + "\n";
    if (row.text.empty()) {
      EXPECT_FALSE(d.ok) << row.name;
      EXPECT_EQ(RejectReasonName(d.reason), row.charset) << row.name << ": " << d.problem;
      EXPECT_NE(d.problem.find(row.warning), std::string::npos) << row.name << ": " << d.problem;
      continue;
    }
    ASSERT_TRUE(d.ok) << row.name << ": " << d.problem;
    EXPECT_EQ(d.text, row.text) << row.name;
    EXPECT_EQ(d.charset, row.charset) << row.name << "\n" << all_warnings;
    EXPECT_EQ(d.replaced_bytes, row.replaced) << row.name;
    EXPECT_NE(all_warnings.find(row.warning), std::string::npos)
        << row.name << ": " << all_warnings;
    if (row.replaced > 0) {
      EXPECT_NE(all_warnings.find("replaced with U+FFFD"), std::string::npos) << row.name;
    }
  }
}

TEST(DecodeTextTest, PrescanHtmlCharset) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"<meta charset=\"UTF-8\">", "utf-8"},
      {"<!doctype html><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; "
       "charset=windows-1256\">",
       "windows-1256"},
      {"<meta content='text/html; charset=iso-8859-6' http-equiv='content-type'>", "iso-8859-6"},
      {"<meta content=\"text/html; charset=iso-8859-6\">", ""},  // content without http-equiv
      {"<!-- <meta charset=\"koi8-r\"> --><meta charset='windows-1256'>", "windows-1256"},
      {"<div title=\"<meta charset=koi8-r>\"><meta charset=utf-8>", "utf-8"},
      {"<meta charset=\"windows-1256\" charset=\"utf-8\">", "windows-1256"},  // first one counts
      {"<meta charset=\"\">", ""},
      {"<metadata charset=\"utf-8\">", ""},
      {"<p>" + std::string(1100, 'x') + "<meta charset=\"utf-8\">", ""},  // past 1024 bytes
      {"", ""},
      {"<meta", ""},
      {"<!--", ""},
  };
  for (const auto& [html, charset] : rows) EXPECT_EQ(PrescanHtmlCharset(html), charset) << html;
}

TEST(DecodeTextTest, CharsetOfContentType) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"text/html; charset=UTF-8", "utf-8"},
      {"text/html;charset=\"windows-1256\"", "windows-1256"},
      {"text/html; boundary=x; charset = iso-8859-6 ", "iso-8859-6"},
      {"text/html", ""},
      {"text/html; foo=bar", ""},
      {"", ""},
  };
  for (const auto& [value, charset] : rows)
    EXPECT_EQ(CharsetOfContentType(value), charset) << value;
}

TEST(DecodeTextTest, RepairUtf8ReplacesEachMaximalSubpart) {
  struct Repair {
    std::string in;
    std::string out;
    uint64_t replaced;
  };
  const std::vector<Repair> rows = {
      {"abc", "abc", 0},
      {"نص", "نص", 0},
      {"a\xFF"
       "b",
       "a\uFFFD"
       "b",
       1},
      {"\xE2\x82", "\uFFFD", 2},                  // one truncated sequence, one U+FFFD
      {"\xED\xA0\x80", "\uFFFD\uFFFD\uFFFD", 3},  // a surrogate: each byte on its own
      {"\xC0\xAF", "\uFFFD\uFFFD", 2},            // overlong
      {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80", 0},
  };
  for (const Repair& row : rows) {
    RepairedUtf8 r = RepairUtf8(row.in);
    EXPECT_EQ(r.text, row.out) << row.in;
    EXPECT_EQ(r.replaced_bytes, row.replaced) << row.in;
  }
  EXPECT_TRUE(MostlyUtf8("نص عربي طويل بما يكفي\xFF"));
  EXPECT_FALSE(MostlyUtf8("\xC7\xE1\xD1\xC6"));
}

}  // namespace
}  // namespace rasd::ingest
