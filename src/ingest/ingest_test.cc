#include "ingest/ingest.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "ingest/byte_reader.h"
#include "ingest/test_util.h"
#include "ingest/text_checks.h"

namespace rasd::ingest {
namespace {

namespace fs = std::filesystem;

TEST(ReaderTest, WalksDirectoriesSortedAndSkipsOtherFormats) {
  TempDir dir;
  dir.Write("corpus/README.md", "# notes\n");
  dir.Write("corpus/image.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  dir.Write("corpus/a.txt", "زار لافروف يريفان.\n");
  dir.Write("corpus/b.jsonl", "{\"text\":\"أول\"}\n{\"text\":\"ثان\"}\n");
  dir.Write("corpus/c.HTML", "<html><body><p>نص</p></body></html>");
  dir.Write("corpus/sub/d.txt", "نص د\n");
  dir.Write("corpus/sub/deeper/e.htm", "<p>نص هـ</p>");
  dir.Write("corpus/sub/deeper/f.JSON", "{}");

  Reader reader({dir.Path("corpus")}, {});
  std::vector<Item> items = ReadAll(reader);
  // Byte order: upper case sorts before lower case.
  std::vector<std::string> expected = {
      "skip README.md",           "document a.txt txt",
      "document b.jsonl:1 jsonl", "document b.jsonl:2 jsonl",
      "document c.HTML html",     "skip image.png",
      "document sub/d.txt txt",   "document sub/deeper/e.htm html",
      "skip sub/deeper/f.JSON",
  };
  EXPECT_EQ(DescribeAll(items, dir.Path("corpus")), expected);
  EXPECT_EQ(reader.files_read(), 5u);

  // Progress ends at the total size of the files of readable formats, which is what the CLI
  // measures up front.
  uint64_t total = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir.Path("corpus"))) {
    if (e.is_regular_file() && IsReadableFormat(e.path().string())) total += e.file_size();
  }
  EXPECT_EQ(reader.bytes_read(), total);

  EXPECT_EQ(items[1].document.body, "زار لافروف يريفان.\n");
  EXPECT_EQ(items[2].document.body, "أول");
  EXPECT_EQ(items[2].document.input_bytes, std::string("{\"text\":\"أول\"}\n").size());
}

// The checked-in corpus under testdata/mixed: the shapes a real input folder has.
TEST(ReaderTest, FixtureCorpus) {
  const std::string root = std::string(RASD_SOURCE_DIR) + "/src/ingest/testdata/mixed";
  Reader reader({root}, {});
  std::vector<Item> items = ReadAll(reader);
  std::vector<std::string> expected = {
      "skip README.md",           "document a.txt txt",
      "document b.jsonl:1 jsonl", "rejection b.jsonl:3 malformed-json",
      "document b.jsonl:4 jsonl", "rejection b.jsonl:5 no-text",
      "document sub/c.html html",
  };
  ASSERT_EQ(DescribeAll(items, root), expected);
  EXPECT_EQ(items[1].document.body,
            "زار وزير الخارجية الروسي يريفان يوم الثلاثاء.\r\nوالتقى نظيره الأرميني.\r\n");
  EXPECT_EQ(items[2].document.title, "لافروف في باكو");
  EXPECT_EQ(items[2].document.published, "2023-08-16");
  EXPECT_EQ(items[2].document.outlet, "المثال");
  EXPECT_EQ(items[2].document.metadata_json, "{\"lang\":\"ar\"}");
  EXPECT_EQ(items[4].document.body, "سطر بلا نص في الحقل text.");
  EXPECT_EQ(items[4].document.url, "https://example.com/2022/09/15/a");
  EXPECT_EQ(items[4].document.metadata_json, "{\"tags\":[\"أذربيجان\",\"روسيا\"]}");
  EXPECT_EQ(reader.files_read(), 3u);
}

TEST(ReaderTest, PathsAreReadInOrderGiven) {
  TempDir dir;
  std::string b = dir.Write("b.txt", "ب");
  std::string a = dir.Write("a.txt", "أ");
  Reader reader({b, a}, {});
  EXPECT_EQ(DescribeAll(ReadAll(reader), dir.Path()),
            (std::vector<std::string>{"document b.txt txt", "document a.txt txt"}));
}

TEST(ReaderTest, SymlinkLoopIsSkippedNotFollowedForever) {
  TempDir dir;
  dir.Write("root/a.txt", "نص");
  dir.Write("root/sub/b.txt", "نص");
  fs::create_directory_symlink(dir.Path("root"), dir.Path("root/sub/up"));
  fs::create_symlink(dir.Path("root/a.txt"), dir.Path("root/sub/link.txt"));
  fs::create_symlink(dir.Path("root/nowhere.txt"), dir.Path("root/sub/dangling.txt"));

  Reader reader({dir.Path("root")}, {});
  std::vector<std::string> expected = {
      "document a.txt txt",
      "document sub/b.txt txt",
      "rejection sub/dangling.txt missing",
      "document sub/link.txt txt",  // a link to a file is read like the file
      "skip sub/up",                // a link back to an ancestor
  };
  EXPECT_EQ(DescribeAll(ReadAll(reader), dir.Path("root")), expected);
}

TEST(ReaderTest, UnreadableSubdirectoryIsRejectedAndWalkGoesOn) {
  if (RunningAsRoot()) GTEST_SKIP() << "root reads directories whatever their permissions";
  TempDir dir;
  dir.Write("root/a.txt", "نص");
  dir.Write("root/locked/b.txt", "نص");
  dir.Write("root/z.txt", "نص");
  fs::permissions(dir.Path("root/locked"), fs::perms::none);
  Reader reader({dir.Path("root")}, {});
  std::vector<std::string> expected = {"document a.txt txt", "rejection locked unreadable",
                                       "document z.txt txt"};
  EXPECT_EQ(DescribeAll(ReadAll(reader), dir.Path("root")), expected);
}

TEST(ReaderTest, UnreadableFileIsRejected) {
  if (RunningAsRoot()) GTEST_SKIP() << "root reads files whatever their permissions";
  TempDir dir;
  std::string path = dir.Write("secret.txt", "نص");
  fs::permissions(path, fs::perms::none);
  Reader reader({path}, {});
  std::vector<Item> items = ReadAll(reader);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].rejection.reason, RejectReason::kUnreadable);
  EXPECT_NE(items[0].rejection.message.find("ermission denied"), std::string::npos)
      << items[0].rejection.message;
}

TEST(ReaderTest, NamedFileOfUnknownExtensionIsSniffed) {
  TempDir dir;
  struct Row {
    std::string name;
    std::string content;
    std::string expected;
  };
  const std::vector<Row> rows = {
      {"feed.ndjson", "\n  {\"text\":\"نص\"}\n", "document feed.ndjson:2 jsonl"},
      {"page.php", "\xEF\xBB\xBF <!doctype html><p>نص</p>", "document page.php html"},
      {"notes.md", "نص عادي", "document notes.md txt"},
      {"noext", "{\"text\":\"نص\"}", "document noext:1 jsonl"},
  };
  for (const Row& row : rows) {
    Reader reader({dir.Write(row.name, row.content)}, {});
    EXPECT_EQ(DescribeAll(ReadAll(reader), dir.Path()), std::vector<std::string>{row.expected})
        << row.name;
  }
}

TEST(ReaderTest, StdinIsSniffed) {
  struct Row {
    std::string input;
    std::vector<std::string> expected;
    std::string first_body;
  };
  const std::vector<Row> rows = {
      {"{\"text\":\"أ\"}\n\n{\"text\":\"ب\"}\n", {"document -:1 jsonl", "document -:3 jsonl"}, "أ"},
      {"\n\n{\"text\":\"أ\"}", {"document -:3 jsonl"}, "أ"},  // line numbers count the blanks
      {"\xEF\xBB\xBF{\"text\":\"أ\"}\r\n", {"document -:1 jsonl"}, "أ"},
      {"  <html><body><p>نص</p></body></html>",
       {"document - html"},
       "  <html><body><p>نص</p></body></html>"},
      {"زار لافروف يريفان.\r\nثم غادر.", {"document - txt"}, "زار لافروف يريفان.\r\nثم غادر."},
      {"", {"rejection - empty"}, ""},
      {" \n\t\n", {"rejection - empty"}, ""},
  };
  for (const Row& row : rows) {
    std::istringstream in(row.input);
    Reader reader({"-"}, {}, &in);
    std::vector<Item> items = ReadAll(reader);
    EXPECT_EQ(DescribeAll(items, ""), row.expected) << row.input;
    if (!row.first_body.empty() && !items.empty()) {
      EXPECT_EQ(items[0].document.body, row.first_body);
    }
    EXPECT_EQ(reader.bytes_read(), row.input.size()) << row.input;
    EXPECT_EQ(reader.files_read(), 1u);
  }
}

TEST(ReaderTest, JsonlFieldsAndMetadata) {
  TempDir dir;
  std::string path =
      dir.Write("feed.jsonl",
                "\xEF\xBB\xBF{\"title\":\"عنوان\",\"url\":\"https://example.com/a\","
                "\"published\":\"2023-08-16\",\"outlet\":\"سبوتنيك\",\"text\":\"نص\","
                "\"tags\":[\"أرمينيا\"],\"id\":7,\"author\":null}\r\n"
                "{\"body\":\"من body\",\"content\":\"من content\"}\n"
                "{\"text\":null,\"content\":\"من content\",\"published\":null}\n");
  Reader reader({path}, {});
  std::vector<Item> items = ReadAll(reader);
  ASSERT_EQ(items.size(), 3u);
  for (const Item& item : items) ASSERT_EQ(item.kind, ItemKind::kDocument);

  const RawDocument& a = items[0].document;
  EXPECT_EQ(a.source, path + ":1");
  EXPECT_EQ(a.format, "jsonl");
  EXPECT_EQ(a.body, "نص");
  EXPECT_EQ(a.title, "عنوان");
  EXPECT_EQ(a.url, "https://example.com/a");
  EXPECT_EQ(a.published, "2023-08-16");
  EXPECT_EQ(a.outlet, "سبوتنيك");
  EXPECT_EQ(a.metadata_json, "{\"author\":null,\"id\":7,\"tags\":[\"أرمينيا\"]}");

  EXPECT_EQ(items[1].document.body, "من body");
  // Every field but the one the text came from is kept, including the other text fields.
  EXPECT_EQ(items[1].document.metadata_json, "{\"content\":\"من content\"}");

  EXPECT_EQ(items[2].document.body, "من content");
  EXPECT_EQ(items[2].document.published, "");
  EXPECT_EQ(items[2].document.metadata_json, "{\"text\":null}");
}

struct RejectRow {
  std::string name;                   // file name under the temp directory ("" = stdin)
  std::string content;                // file content
  std::vector<std::string> expected;  // Describe() of every item
  std::string message;                // a part of the first rejection's message
  uint64_t max_bytes = 64ull << 20;
};

TEST(ReaderTest, RejectionsNameTheFileAndTheProblem) {
  const std::vector<RejectRow> rows = {
      {"binary.txt",
       std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16),
       {"rejection binary.txt binary"},
       "binary data"},
      {"control.txt", "\x01\x02\x03\x04\x05 نص", {"rejection control.txt binary"}, "binary"},
      {"bad.txt",
       "\xC7\xE1\xD1\xC6\xED\xD3 \xff\xfe text",
       {"rejection bad.txt invalid-utf8"},
       "not UTF-8 (8 of 14 bytes invalid, the first at byte 0)"},
      {"overlong.txt", "ab\xC0\xAF", {"rejection overlong.txt invalid-utf8"}, "at byte 2"},
      {"surrogate.html",
       "<p>\xED\xA0\x80</p>",
       {"rejection surrogate.html invalid-utf8"},
       "at byte 3"},
      {"truncated.txt", "نص\xD8", {"rejection truncated.txt invalid-utf8"}, "at byte 4"},
      {"utf16-binary.txt",
       std::string("\xFF\xFE"
                   "a\0\0\0",
                   6),
       {"rejection utf16-binary.txt binary"},
       "binary data after decoding utf-16le"},
      {"empty.txt", "", {"rejection empty.txt empty"}, "empty file"},
      {"blank.html",
       " \n\t\xC2\xA0\n\xE2\x80\x8F",
       {"rejection blank.html empty"},
       "only whitespace"},
      {"bom-only.txt", "\xEF\xBB\xBF", {"rejection bom-only.txt empty"}, "only whitespace"},
      {"big.txt",
       std::string(200, 'a'),
       {"rejection big.txt too-large"},
       "200 bytes, over the limit of 100 bytes",
       100},
      {"empty.jsonl", "\n\n", {"rejection empty.jsonl empty"}, "no JSON lines"},
      {"binary.jsonl", std::string("{\0\0\0\0", 5), {"rejection binary.jsonl binary"}, "binary"},
      {"lines.jsonl",
       "{\"text\":\"أ\"}\n{\"text\": \"ب\",}\n{\"text\":\"ج\"}\n",
       {"document lines.jsonl:1 jsonl", "rejection lines.jsonl:2 malformed-json",
        "document lines.jsonl:3 jsonl"},
       "lines.jsonl:2: not valid JSON (syntax error near byte"},
      {"array.jsonl",
       "[\"نص\"]\n",
       {"rejection array.jsonl:1 malformed-json"},
       "expected a JSON object, got an array"},
      {"deep.jsonl",
       "{\"a\":" + std::string(100, '[') + std::string(100, ']') + "}\n",
       {"rejection deep.jsonl:1 malformed-json"},
       "nested deeper than 64 levels"},
      {"notext.jsonl",
       "{\"title\":\"عنوان\"}\n",
       {"rejection notext.jsonl:1 no-text"},
       "no \"text\", \"body\" or \"content\" string"},
      {"badfield.jsonl",
       "{\"text\":\"نص\",\"published\":5}\n",
       {"rejection badfield.jsonl:1 bad-field"},
       "published must be a string"},
      {"badtitle.jsonl",
       "{\"text\":\"نص\",\"title\":[\"a\"]}\n",
       {"rejection badtitle.jsonl:1 bad-field"},
       "title must be a string, not an array"},
      {"badtext.jsonl",
       "{\"text\":5}\n",
       {"rejection badtext.jsonl:1 bad-field"},
       "text must be a string"},
      {"emptytext.jsonl",
       "{\"text\":\" \\n \"}\n",
       {"rejection emptytext.jsonl:1 empty"},
       "text is empty"},
      {"nul.jsonl", "{\"text\":\"\\u0000\\u0000\"}\n", {"rejection nul.jsonl:1 binary"}, "NUL"},
      {"badutf8.jsonl",
       "{\"text\":\"أ\"}\n{\"text\":\"\xFF\"}\n",
       {"document badutf8.jsonl:1 jsonl", "rejection badutf8.jsonl:2 invalid-utf8"},
       "badutf8.jsonl:2: invalid UTF-8 at byte 9 of the line"},
      {"longline.jsonl",
       "{\"text\":\"" + std::string(300, 'a') + "\"}\n{\"text\":\"أ\"}\n",
       {"rejection longline.jsonl:1 too-large", "document longline.jsonl:2 jsonl"},
       "longline.jsonl:1: line of 312 bytes, over the limit of 100 bytes",
       100},
  };
  for (const RejectRow& row : rows) {
    TempDir dir;
    Reader reader({dir.Write(row.name, row.content)}, {.max_document_bytes = row.max_bytes});
    std::vector<Item> items = ReadAll(reader);
    EXPECT_EQ(DescribeAll(items, dir.Path()), row.expected) << row.name;
    for (const Item& item : items) {
      if (item.kind != ItemKind::kRejection) continue;
      EXPECT_NE(item.rejection.message.find(row.message), std::string::npos)
          << row.name << ": " << item.rejection.message;
      EXPECT_NE(item.rejection.message.find(item.rejection.source), std::string::npos)
          << "the message names the file: " << item.rejection.message;
      break;
    }
  }
}

// Bytes that are not UTF-8 are converted or repaired, and the metadata and warnings say so.
TEST(ReaderTest, EncodingsOfWholeFilesAndJsonlLines) {
  TempDir dir;
  // The sentence `utf8` below in Windows-1256 bytes; "نص" in UTF-16LE.
  const std::string cp1256 =
      "\xC8\xCD\xCB \xC7\xE1\xE6\xD2\xED\xD1 \xE3\xDA \xE4\xD9\xED\xD1\xE5 "
      "\xC7\xE1\xE3\xD3\xC7\xC6\xE1 \xC7\xE1\xE3\xD4\xCA\xD1\xDF\xC9 \xDD\xED "
      "\xC7\xE1\xE3\xE4\xD8\xDE\xC9 \xE6\xC7\xCA\xDD\xDE\xC7 \xDA\xE1\xEC "
      "\xE3\xE6\xC7\xD5\xE1\xC9 \xC7\xE1\xCA\xD4\xC7\xE6\xD1 \xE6\xC7\xE1\xCA\xDA\xC7\xE6\xE4.";
  const std::string utf8 =
      "بحث الوزير مع نظيره المسائل المشتركة في المنطقة واتفقا على مواصلة التشاور والتعاون.";
  std::string html = dir.Write("page.html", "<meta charset=\"windows-1256\"><p>" + cp1256 + "</p>");
  std::string utf16 = dir.Write("utf16.txt", std::string("\xFF\xFE\x46\x06\x35\x06", 6));
  std::string jsonl = dir.Write("repair.jsonl", "{\"text\":\"" + utf8 + "\xFF\"}\n");
  Reader reader({html, utf16, jsonl}, {});
  std::vector<Item> items = ReadAll(reader);
  ASSERT_EQ(DescribeAll(items, dir.Path()),
            (std::vector<std::string>{"document page.html html", "document utf16.txt txt",
                                      "document repair.jsonl:1 jsonl"}));
  EXPECT_EQ(items[0].document.body, "<meta charset=\"windows-1256\"><p>" + utf8 + "</p>");
  EXPECT_EQ(items[0].document.metadata_json, "{\"charset\":\"windows-1256\"}");
  EXPECT_EQ(items[1].document.body, "نص");
  EXPECT_EQ(items[1].document.metadata_json, "{\"charset\":\"utf-16le\"}");
  EXPECT_EQ(items[2].document.body, utf8 + "\uFFFD");
  EXPECT_EQ(items[2].document.metadata_json, "{\"replaced_bytes\":1}");
  EXPECT_EQ(items[2].document.warnings,
            std::vector<std::string>{"1 bytes not valid utf-8 replaced with U+FFFD"});
}

TEST(ReaderTest, MissingPathIsRejectedAndTheRestIsRead) {
  TempDir dir;
  std::string good = dir.Write("good.txt", "نص");
  Reader reader({dir.Path("nope.txt"), dir.Path("nodir/"), good}, {});
  std::vector<Item> items = ReadAll(reader);
  std::vector<std::string> expected = {"rejection nope.txt missing", "rejection nodir/ missing",
                                       "document good.txt txt"};
  EXPECT_EQ(DescribeAll(items, dir.Path()), expected);
  EXPECT_EQ(items[0].rejection.message, dir.Path("nope.txt") + ": no such file or directory");
}

TEST(ReaderTest, StdinOverTheLimitIsRejected) {
  std::istringstream in(std::string(1000, 'a'));
  Reader reader({"-"}, {.max_document_bytes = 100}, &in);
  EXPECT_EQ(DescribeAll(ReadAll(reader), ""), std::vector<std::string>{"rejection - too-large"});
  EXPECT_EQ(reader.bytes_read(), 101u);  // stops at the limit + 1
}

// A JSONL line far over the limit is skipped in chunks: rejected with its line number, and
// the next line is still read.
TEST(ReaderTest, HundredMegabyteLineIsRejectedAndReadingGoesOn) {
  TempDir dir;
  std::string path = dir.Path("huge.jsonl");
  constexpr size_t kLine = 100u << 20;
  {
    std::ofstream out(path, std::ios::binary);
    out << "{\"text\":\"أول\"}\n";
    out << "{\"text\":\"";
    std::string chunk(1 << 20, 'a');
    for (size_t written = 0; written < kLine; written += chunk.size()) out << chunk;
    out << "\"}\n";
    out << "{\"text\":\"ثالث\"}\n";
  }
  Reader reader({path}, {});
  std::vector<Item> items = ReadAll(reader);
  std::vector<std::string> expected = {"document huge.jsonl:1 jsonl",
                                       "rejection huge.jsonl:2 too-large",
                                       "document huge.jsonl:3 jsonl"};
  ASSERT_EQ(DescribeAll(items, dir.Path()), expected);
  EXPECT_EQ(items[1].rejection.input_bytes, kLine + 12);  // {"text":" + "}\n
  EXPECT_EQ(items[2].document.body, "ثالث");
  EXPECT_EQ(reader.bytes_read(), fs::file_size(path));
}

TEST(ReaderTest, NamedPipeIsReadAsAStream) {
  TempDir dir;
  std::string fifo = dir.Path("pipe");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] {
    std::ofstream out(fifo, std::ios::binary);
    out << "{\"text\":\"نص\"}\n";
  });
  Reader reader({fifo}, {});
  std::vector<Item> items = ReadAll(reader);
  writer.join();
  EXPECT_EQ(DescribeAll(items, dir.Path()), std::vector<std::string>{"document pipe:1 jsonl"});
}

TEST(RejectReasonNameTest, KebabCaseNames) {
  const std::vector<std::pair<RejectReason, std::string>> rows = {
      {RejectReason::kMissing, "missing"},      {RejectReason::kUnreadable, "unreadable"},
      {RejectReason::kBinary, "binary"},        {RejectReason::kInvalidUtf8, "invalid-utf8"},
      {RejectReason::kEmpty, "empty"},          {RejectReason::kMalformedJson, "malformed-json"},
      {RejectReason::kNoText, "no-text"},       {RejectReason::kTooLarge, "too-large"},
      {RejectReason::kBadField, "bad-field"},   {RejectReason::kHttpStatus, "http-status"},
      {RejectReason::kBadRecord, "bad-record"}, {RejectReason::kCorruptGzip, "corrupt-gzip"},
  };
  for (const auto& [reason, name] : rows) EXPECT_EQ(RejectReasonName(reason), name);
}

TEST(FormatTest, IsReadableFormat) {
  const std::vector<std::pair<std::string, bool>> rows = {
      {"a.txt", true},     {"a.TXT", true},       {"dir/a.jsonl", true}, {"a.html", true},
      {"a.HTM", true},     {"a.json", false},     {"README.md", false},  {"a.png", false},
      {"txt", false},      {"a.jsonl.gz", false}, {".txt", false},       {"a.warc", true},
      {"a.warc.gz", true}, {"A.WARC.GZ", true},   {"a.gz", false},       {"warc.gz", false},
  };
  for (const auto& [path, readable] : rows) EXPECT_EQ(IsReadableFormat(path), readable) << path;
}

TEST(FormatTest, SniffFormat) {
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"{\"text\":1}", "jsonl"},
      {" \r\n\t{", "jsonl"},
      {"\xEF\xBB\xBF{", "jsonl"},
      {"<html>", "html"},
      {"\n<!DOCTYPE html>", "html"},
      {"نص", "txt"},
      {"", "txt"},
      {"  ", "txt"},
      {"[1]", "txt"},
      {"WARC/1.0\r\n", "warc"},
      {"\x1f\x8b\x08", "warc"},
  };
  for (const auto& [head, format] : rows) EXPECT_EQ(SniffFormat(head), format) << head;
}

TEST(Utf8Test, FindInvalidUtf8) {
  const std::vector<std::pair<std::string, std::optional<size_t>>> rows = {
      {"", std::nullopt},
      {"plain ascii text that is longer than eight bytes", std::nullopt},
      {"زار لافروف", std::nullopt},
      {"\xF0\x9F\x98\x80 emoji", std::nullopt},
      {"\xEF\xBF\xBF", std::nullopt},  // U+FFFF: a noncharacter, but well-formed
      {"abcdefghij\x80", 10},          // lone continuation byte after an ASCII run
      {"\xC0\x80", 0},                 // overlong NUL
      {"\xE0\x80\xAF", 0},             // overlong
      {"\xED\xA0\x80", 0},             // surrogate
      {"\xF4\x90\x80\x80", 0},         // above U+10FFFF
      {"\xF5\x80\x80\x80", 0},
      {"ok\xD8", 2},  // truncated at the end
      {"ok\xE2\x82", 2},
      {"\xD8\xB2\xD8", 2},
      {"\xD8\xB2 \xD8\xB2\xC1\xBF", 5},  // an overlong two-byte form after Arabic
      {"\xD8\xB2\xD8\xD8\xB2", 2},       // a lead byte where a continuation should be
      {"\xD8\xB2\x80", 2},
      {"\xD8\xB2 \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", std::nullopt},
  };
  for (const auto& [s, offset] : rows) EXPECT_EQ(FindInvalidUtf8(s), offset) << s;
}

TEST(TextChecksTest, LooksBinaryAndIsBlank) {
  EXPECT_TRUE(LooksBinary(std::string("ab\0cd", 5)));
  EXPECT_TRUE(LooksBinary("\x01\x02\x03\x04xyz"));
  EXPECT_FALSE(LooksBinary("\x01 plain text with one control byte"));
  EXPECT_FALSE(LooksBinary("line\r\n\tindented\f\v"));
  EXPECT_FALSE(LooksBinary(""));
  // Only the first 8 KB count.
  EXPECT_FALSE(LooksBinary(std::string(kBinarySniffBytes, 'a') + std::string(1, '\0')));

  EXPECT_TRUE(IsBlank(""));
  EXPECT_TRUE(IsBlank(" \t\r\n\f\v"));
  EXPECT_TRUE(IsBlank("\xC2\xA0\xE2\x80\x8B\xE2\x80\x8F\xE3\x80\x80\xEF\xBB\xBF"));
  EXPECT_FALSE(IsBlank(" a "));
  EXPECT_FALSE(IsBlank(" \xD9\x80 "));  // tatweel is a letter-like mark, not a space
}

TEST(BufferedReaderTest, LinesAcrossChunksAndTooLongLines) {
  const size_t k = BufferedReader::kChunkBytes;
  std::string long_ok(k + 10, 'x');
  std::string too_long(3 * k, 'y');
  std::istringstream in("a\n\n" + long_ok + "\n" + too_long + "\nlast");
  BufferedReader reader(StreamSource(in));
  struct Want {
    std::string text;
    uint64_t bytes;
    bool too_long;
  };
  const std::vector<Want> want = {
      {"a", 2, false},
      {"", 1, false},
      {long_ok, long_ok.size() + 1, false},
      {"", too_long.size() + 1, true},
      {"last", 4, false},
  };
  for (const Want& w : want) {
    Result<std::optional<BufferedReader::Line>> line = reader.ReadLine(2 * k);
    ASSERT_TRUE(line.ok());
    ASSERT_TRUE(line->has_value());
    EXPECT_EQ((*line)->text, w.text);
    EXPECT_EQ((*line)->bytes, w.bytes);
    EXPECT_EQ((*line)->too_long, w.too_long);
  }
  Result<std::optional<BufferedReader::Line>> end = reader.ReadLine(2 * k);
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(end->has_value());
}

TEST(BufferedReaderTest, PeekThenReadAll) {
  std::istringstream in("hello world");
  BufferedReader reader(StreamSource(in));
  Result<std::string_view> head = reader.Peek(5);
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(*head, "hello");
  Result<BufferedReader::Whole> whole = reader.ReadAll(100, 0);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->data, "hello world");
  EXPECT_EQ(whole->bytes, 11u);
  EXPECT_FALSE(whole->too_large);

  std::istringstream big("0123456789");
  BufferedReader limited(StreamSource(big));
  Result<BufferedReader::Whole> over = limited.ReadAll(4, 0);
  ASSERT_TRUE(over.ok());
  EXPECT_TRUE(over->too_large);
  EXPECT_EQ(over->bytes, 5u);
  EXPECT_TRUE(over->data.empty());
}

}  // namespace
}  // namespace rasd::ingest
