#include "ingest/warc.h"

#include <gtest/gtest.h>
#include <unicode/unistr.h>
#include <zlib.h>

#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/test_util.h"

namespace rasd::ingest {
namespace {

namespace fs = std::filesystem;

// Written for these tests.
constexpr std::string_view kParagraph =
    "قال رئيس الوزراء في مؤتمر صحفي إن الحكومة ستعرض مشروع الموازنة الجديدة على البرلمان "
    "خلال الشهر المقبل، مؤكدا أن المشروع يتضمن زيادة في الإنفاق على التعليم والصحة.";

std::string Page(std::string_view title) {
  return "<html><head><title>" + std::string(title) + "</title></head><body><article><p>" +
         std::string(kParagraph) + "</p></article></body></html>";
}

// One gzip member holding `data`, as Common Crawl writes each record.
std::string Gzip(std::string_view data) {
  z_stream z{};
  deflateInit2(&z, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

std::string Http(int status, std::string_view reason, std::string_view content_type,
                 std::string_view body, std::string_view more_headers = "") {
  std::string h = "HTTP/1.1 " + std::to_string(status) + " " + std::string(reason) + "\r\n";
  if (!content_type.empty()) h += "Content-Type: " + std::string(content_type) + "\r\n";
  return h + std::string(more_headers) + "Content-Length: " + std::to_string(body.size()) +
         "\r\n\r\n" + std::string(body);
}

std::string RecordId(int id) {
  return "<urn:uuid:00000000-0000-0000-0000-" + std::to_string(100000000000 + id) + ">";
}

// A WARC record; `length` replaces the true Content-Length when not empty.
std::string Record(std::string_view type, int id, std::string_view block,
                   std::string_view uri = "https://news.example/2024/03/05/a",
                   std::string length = "") {
  if (length.empty()) length = std::to_string(block.size());
  return "WARC/1.0\r\nWARC-Type: " + std::string(type) +
         "\r\nWARC-Target-URI: " + std::string(uri) +
         "\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Record-ID: " + RecordId(id) +
         "\r\nContent-Type: application/http; msgtype=" + std::string(type) +
         "\r\nContent-Length: " + length + "\r\n\r\n" + std::string(block) + "\r\n\r\n";
}

std::string Warcinfo() {
  std::string info = "software: test\r\nformat: WARC File Format 1.0\r\n";
  return "WARC/1.0\r\nWARC-Type: warcinfo\r\nWARC-Date: 2024-03-05T10:00:00Z\r\nWARC-Record-ID: " +
         RecordId(0) + "\r\nContent-Type: application/warc-fields\r\nContent-Length: " +
         std::to_string(info.size()) + "\r\n\r\n" + info + "\r\n\r\n";
}

// A crawl as Common Crawl News writes it: warcinfo, then request, response and metadata per page.
std::vector<std::string> Crawl(int pages) {
  std::vector<std::string> records = {Warcinfo()};
  for (int i = 1; i <= pages; ++i) {
    std::string uri = "https://news.example/2024/03/05/story-" + std::to_string(i);
    records.push_back(
        Record("request", 10 * i, "GET / HTTP/1.1\r\nHost: news.example\r\n\r\n", uri));
    records.push_back(
        Record("response", 10 * i + 1,
               Http(200, "OK", "text/html; charset=UTF-8", Page("خبر " + std::to_string(i))), uri));
    records.push_back(Record("metadata", 10 * i + 2, "fetchTimeMs: 120\r\n", uri));
  }
  return records;
}

std::string Concat(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += p;
  return out;
}

// Each record its own gzip member; `offsets` gets each member's file offset.
std::string GzipMembers(const std::vector<std::string>& records, std::vector<size_t>* offsets) {
  std::string out;
  for (const std::string& r : records) {
    if (offsets) offsets->push_back(out.size());
    out += Gzip(r);
  }
  return out;
}

std::string Encode(std::string_view utf8, const char* charset) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::string out(static_cast<size_t>(u.length()) * 4 + 4, '\0');
  int32_t n = u.extract(0, u.length(), out.data(), static_cast<uint32_t>(out.size()), charset);
  out.resize(static_cast<size_t>(n));
  return out;
}

struct Outcome {
  std::vector<Item> items;
  std::vector<std::string> described;  // relative to the temp dir
  uint64_t bytes_read = 0;
  uint64_t records_skipped = 0;
};

Outcome ReadFile(const TempDir& dir, const std::string& name, const std::string& content,
                 Options options = {}) {
  std::string path = dir.Write(name, content);
  Reader reader({path}, options);
  Outcome run;
  run.items = ReadAll(reader);
  run.described = DescribeAll(run.items, dir.Path());
  run.bytes_read = reader.bytes_read();
  run.records_skipped = reader.records_skipped();
  return run;
}

// The first rejection's message.
std::string FirstRejection(const Outcome& run) {
  for (const Item& item : run.items) {
    if (item.kind == ItemKind::kRejection) return item.rejection.message;
  }
  return "";
}

TEST(WarcTest, MultiMemberGzipLikeCommonCrawl) {
  TempDir dir;
  std::vector<std::string> records = Crawl(2);
  std::vector<size_t> at;
  std::string file = GzipMembers(records, &at);
  Outcome run = ReadFile(dir, "news.warc.gz", file);
  // Records 2 and 5 are the responses.
  std::vector<std::string> expected = {
      "document news.warc.gz@" + std::to_string(at[2]) + " html",
      "document news.warc.gz@" + std::to_string(at[5]) + " html",
  };
  ASSERT_EQ(run.described, expected);
  const RawDocument& doc = run.items[0].document;
  EXPECT_EQ(doc.body, Page("خبر 1"));
  EXPECT_EQ(doc.url, "https://news.example/2024/03/05/story-1");
  EXPECT_EQ(doc.published, "");  // the crawl date is not the publication date
  EXPECT_EQ(doc.metadata_json, "{\"crawl_date\":\"2024-03-05T10:00:00Z\",\"warc_record_id\":\"" +
                                   RecordId(11) + "\"}");
  EXPECT_TRUE(doc.warnings.empty());
  EXPECT_EQ(doc.input_bytes, records[2].size());
  EXPECT_EQ(run.items[1].document.body, Page("خبر 2"));
  EXPECT_EQ(run.records_skipped, 5u);  // warcinfo, two requests, two metadata records
  EXPECT_EQ(run.bytes_read, file.size());
}

TEST(WarcTest, SingleStreamGzipAndPlainWarc) {
  TempDir dir;
  std::vector<std::string> records = Crawl(2);
  std::string plain = Concat(records);
  size_t second = Concat({records.begin(), records.begin() + 2}).size();
  size_t fifth = Concat({records.begin(), records.begin() + 5}).size();

  Outcome gz = ReadFile(dir, "one-stream.warc.gz", Gzip(plain));
  EXPECT_EQ(gz.described, (std::vector<std::string>{
                              "document one-stream.warc.gz@0+" + std::to_string(second) + " html",
                              "document one-stream.warc.gz@0+" + std::to_string(fifth) + " html",
                          }));
  Outcome warc = ReadFile(dir, "plain.WARC", plain);
  EXPECT_EQ(warc.described, (std::vector<std::string>{
                                "document plain.WARC@" + std::to_string(second) + " html",
                                "document plain.WARC@" + std::to_string(fifth) + " html",
                            }));
  ASSERT_EQ(warc.items.size(), 2u);
  EXPECT_EQ(warc.items[1].document.body, Page("خبر 2"));
  EXPECT_EQ(warc.bytes_read, plain.size());
}

TEST(WarcTest, StatusesMediaTypesAndCharsets) {
  TempDir dir;
  const std::string para(kParagraph);
  std::string chunked_gzip_body = Gzip(Page("مضغوط"));
  std::ostringstream chunks;
  chunks << std::hex << 10 << "\r\n"
         << chunked_gzip_body.substr(0, 10) << "\r\n"
         << chunked_gzip_body.size() - 10 << "\r\n"
         << chunked_gzip_body.substr(10) << "\r\n0\r\n\r\n";
  std::vector<std::string> records = {
      Record("response", 1, Http(404, "Not Found", "text/html", "<p>missing</p>")),
      Record("response", 2, Http(200, "OK", "image/png", "\x89PNG\r\n")),
      Record("response", 3,
             Http(200, "OK", "text/plain; charset=windows-1256", Encode(para, "windows-1256"))),
      Record("response", 4,
             Http(200, "OK", "text/html",
                  "<meta charset=\"iso-8859-6\"><p>" + Encode(para, "ISO-8859-6") + "</p>")),
      Record("response", 5,
             Http(200, "OK", "text/html; charset=x-unheard-of",
                  "<p>" + Encode(para, "windows-1256") + "</p>")),
      Record("response", 6,
             "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
             "Content-Encoding: gzip\r\n\r\n" +
                 chunks.str()),
      Record("response", 7, "this is not an HTTP response"),
      Record("response", 8, Http(200, "OK", "text/html", "<p>br</p>", "Content-Encoding: br\r\n")),
      Record("response", 9, Http(200, "OK", "", "<p>" + para + "</p>")),
      Record("response", 10, Http(200, "OK", "text/html", "<p>" + para + "\xFF</p>")),
  };
  std::vector<size_t> at;
  Outcome run = ReadFile(dir, "mixed.warc.gz", GzipMembers(records, &at));
  auto src = [&](size_t i) { return "mixed.warc.gz@" + std::to_string(at[i]); };
  std::vector<std::string> expected = {
      "rejection " + src(0) + " http-status", "skip " + src(1),
      "document " + src(2) + " txt",          "document " + src(3) + " html",
      "document " + src(4) + " html",         "document " + src(5) + " html",
      "rejection " + src(6) + " bad-record",  "rejection " + src(7) + " binary",
      "document " + src(8) + " html",         "document " + src(9) + " html",
  };
  ASSERT_EQ(run.described, expected);
  EXPECT_EQ(run.items[0].rejection.message,
            dir.Path(src(0)) + ": HTTP 404 Not Found (record " + RecordId(1) + ")");
  EXPECT_EQ(run.items[1].skip_reason,
            "HTTP response of type image/png (record " + RecordId(2) + ")");
  EXPECT_EQ(run.items[2].document.body, para);
  EXPECT_NE(run.items[2].document.metadata_json.find("\"charset\":\"windows-1256\""),
            std::string::npos);
  EXPECT_EQ(run.items[3].document.body, "<meta charset=\"iso-8859-6\"><p>" + para + "</p>");
  EXPECT_EQ(run.items[4].document.body, "<p>" + para + "</p>");
  ASSERT_FALSE(run.items[4].document.warnings.empty());
  EXPECT_EQ(run.items[4].document.warnings[0],
            "charset 'x-unheard-of' in the header is unknown; the bytes decide");
  EXPECT_EQ(run.items[5].document.body, Page("مضغوط"));
  EXPECT_NE(run.items[6].rejection.message.find("unreadable HTTP response header"),
            std::string::npos);
  EXPECT_NE(run.items[7].rejection.message.find("compressed with br"), std::string::npos);
  EXPECT_EQ(run.items[9].document.body, "<p>" + para + "\uFFFD</p>");
  EXPECT_NE(run.items[9].document.metadata_json.find("\"replaced_bytes\":1"), std::string::npos);
}

TEST(WarcTest, RecordOverTheLimitIsRejectedAndTheStreamGoesOn) {
  TempDir dir;
  std::string big(50000, 'x');
  std::vector<std::string> records = {
      Record("response", 1, Http(200, "OK", "text/html", "<p>" + big + "</p>")),
      Record("metadata", 2, big),  // over the limit too, but not a page: passed over silently
      Record("response", 3, Http(200, "OK", "text/html", Page("صغير"))),
  };
  std::vector<size_t> at;
  Outcome run =
      ReadFile(dir, "big.warc.gz", GzipMembers(records, &at), {.max_document_bytes = 4000});
  EXPECT_EQ(run.described, (std::vector<std::string>{
                               "rejection big.warc.gz@0 too-large",
                               "document big.warc.gz@" + std::to_string(at[2]) + " html",
                           }));
  EXPECT_NE(FirstRejection(run).find("over the limit of 4000 bytes"), std::string::npos);
  EXPECT_EQ(run.records_skipped, 1u);
}

TEST(WarcTest, TruncatedGzipKeepsTheRecordsBeforeTheCut) {
  TempDir dir;
  std::vector<std::string> records = Crawl(3);
  std::vector<size_t> at;
  std::string file = GzipMembers(records, &at);
  // Cut in the middle of the last response's member (record 8).
  size_t cut = at[8] + (at[9] - at[8]) / 2;
  file.resize(cut);
  Outcome run = ReadFile(dir, "cut.warc.gz", file);
  ASSERT_EQ(run.described.size(), 3u) << ::testing::PrintToString(run.described);
  EXPECT_EQ(run.described[0], "document cut.warc.gz@" + std::to_string(at[2]) + " html");
  EXPECT_EQ(run.described[1], "document cut.warc.gz@" + std::to_string(at[5]) + " html");
  EXPECT_EQ(run.described[2], "rejection cut.warc.gz@" + std::to_string(at[8]) + " corrupt-gzip");
  EXPECT_NE(run.items[2].rejection.message.find("gzip data cut off at byte " + std::to_string(cut)),
            std::string::npos)
      << run.items[2].rejection.message;
  EXPECT_EQ(run.bytes_read, cut);
}

TEST(WarcTest, CorruptHeaderRejectsThatRecordAndResyncs) {
  TempDir dir;
  std::string bad_length = Record("response", 2, Http(200, "OK", "text/html", Page("ب")),
                                  "https://news.example/b", "twelve");
  std::string bad_line = "WARC/1.0\r\nWARC-Type response\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n";
  std::vector<std::string> records = {
      Record("response", 1, Http(200, "OK", "text/html", Page("أ"))), bad_length,
      Record("response", 3, Http(200, "OK", "text/html", Page("ج"))), bad_line,
      Record("response", 5, Http(200, "OK", "text/html", Page("د"))),
  };
  size_t b = records[0].size();
  size_t c = b + records[1].size();
  size_t d = c + records[2].size();
  size_t e = d + records[3].size();
  Outcome run = ReadFile(dir, "bad.warc", Concat(records));
  EXPECT_EQ(run.described, (std::vector<std::string>{
                               "document bad.warc@0 html",
                               "rejection bad.warc@" + std::to_string(b) + " bad-record",
                               "document bad.warc@" + std::to_string(c) + " html",
                               "rejection bad.warc@" + std::to_string(d) + " bad-record",
                               "document bad.warc@" + std::to_string(e) + " html",
                           }));
  EXPECT_NE(run.items[1].rejection.message.find("no valid Content-Length"), std::string::npos)
      << run.items[1].rejection.message;
  EXPECT_NE(run.items[3].rejection.message.find("not \"Name: value\""), std::string::npos)
      << run.items[3].rejection.message;
  EXPECT_EQ(run.items[4].document.body, Page("د"));
}

TEST(WarcTest, ContentLengthThatLiesRejectsTheRecordOnly) {
  TempDir dir;
  std::string page2 = Http(200, "OK", "text/html", Page("ب"));
  std::string page4 = Http(200, "OK", "text/html", Page("د"));
  std::string page6 = Http(200, "OK", "text/html", Page("و"));
  std::vector<std::string> records = {
      Record("response", 1, Http(200, "OK", "text/html", Page("أ"))),
      // Longer than the record: runs into the next one.
      Record("response", 2, page2, "https://news.example/b", std::to_string(page2.size() + 300)),
      Record("response", 3, Http(200, "OK", "text/html", Page("ج"))),
      // Shorter: ends inside the page.
      Record("response", 4, page4, "https://news.example/d", std::to_string(page4.size() - 100)),
      Record("response", 5, Http(200, "OK", "text/html", Page("هـ"))),
      // The last record claims more than the file holds.
      Record("response", 6, page6, "https://news.example/f", std::to_string(page6.size() + 5000)),
  };
  std::vector<size_t> at;
  size_t offset = 0;
  for (const std::string& r : records) {
    at.push_back(offset);
    offset += r.size();
  }
  for (const auto& [name, content] : std::vector<std::pair<std::string, std::string>>{
           {"lies.warc", Concat(records)}, {"lies.warc.gz", GzipMembers(records, nullptr)}}) {
    Outcome run = ReadFile(dir, name, content);
    std::vector<std::string> kinds;
    for (const Item& item : run.items) {
      kinds.push_back(item.kind == ItemKind::kDocument
                          ? "document"
                          : std::string(RejectReasonName(item.rejection.reason)));
    }
    EXPECT_EQ(kinds, (std::vector<std::string>{"document", "bad-record", "document", "bad-record",
                                               "document", "bad-record"}))
        << name << ": " << ::testing::PrintToString(run.described);
    if (run.items.size() != 6) continue;
    EXPECT_EQ(run.items[2].document.body, Page("ج"));
    EXPECT_EQ(run.items[4].document.body, Page("هـ"));
    EXPECT_NE(run.items[1].rejection.message.find("Content-Length"), std::string::npos);
    EXPECT_NE(run.items[3].rejection.message.find("does not end at the record's end"),
              std::string::npos)
        << run.items[3].rejection.message;
    EXPECT_NE(run.items[5].rejection.message.find("record cut off"), std::string::npos)
        << run.items[5].rejection.message;
  }
}

TEST(WarcTest, GarbageGzipMembersAreRejectedAndReadingGoesOn) {
  TempDir dir;
  std::string garbage;
  for (int i = 0; i < 3000; ++i) garbage += static_cast<char>((i * 37 + 11) % 251);
  ASSERT_EQ(garbage.find("\x1f\x8b\x08"), std::string::npos);
  std::string first = Gzip(Record("response", 1, Http(200, "OK", "text/html", Page("أ"))));
  std::string last = Gzip(Record("response", 3, Http(200, "OK", "text/html", Page("ج"))));
  // A member with a valid gzip header and garbage for its deflate data; then bytes that are not
  // gzip at all.
  std::string bad_member = std::string("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10) + garbage;
  Outcome run = ReadFile(dir, "garbage.warc.gz", first + bad_member + last + garbage + last);
  size_t m2 = first.size();
  size_t m3 = m2 + bad_member.size();
  size_t g = m3 + last.size();
  size_t m4 = g + garbage.size();
  ASSERT_EQ(run.described, (std::vector<std::string>{
                               "document garbage.warc.gz@0 html",
                               "rejection garbage.warc.gz@" + std::to_string(m2) + " corrupt-gzip",
                               "document garbage.warc.gz@" + std::to_string(m3) + " html",
                               "rejection garbage.warc.gz@" + std::to_string(g) + " corrupt-gzip",
                               "document garbage.warc.gz@" + std::to_string(m4) + " html",
                           }))
      << ::testing::PrintToString(run.described);
  EXPECT_NE(run.items[1].rejection.message.find("corrupt gzip data"), std::string::npos)
      << run.items[1].rejection.message;
  EXPECT_NE(run.items[3].rejection.message.find(std::to_string(garbage.size()) +
                                                " bytes that are not gzip data at byte " +
                                                std::to_string(g)),
            std::string::npos)
      << run.items[3].rejection.message;
}

TEST(WarcTest, EmptyAndNonWarcInputs) {
  TempDir dir;
  struct Row {
    std::string name;
    std::string content;
    std::string expected;
    std::string message;
  };
  const std::vector<Row> rows = {
      {"empty.warc.gz", "", "rejection empty.warc.gz empty", "no WARC records (empty file)"},
      {"empty.warc", "", "rejection empty.warc empty", "no WARC records"},
      {"feed.warc.gz", Gzip("{\"text\":\"نص\"}\n"), "rejection feed.warc.gz@0 bad-record",
       "not a WARC file"},
      {"info.warc", Warcinfo(), "skip info.warc", ""},
      {"header-only.warc.gz", std::string("\x1f\x8b\x08\x00\x00\x00", 6),
       "rejection header-only.warc.gz@0 corrupt-gzip", "gzip data cut off at byte 6"},
      {"not-gzip.warc.gz", "\x1f\x8b", "rejection not-gzip.warc.gz@0 corrupt-gzip",
       "2 bytes that are not gzip data at byte 0"},
  };
  for (const Row& row : rows) {
    Outcome run = ReadFile(dir, row.name, row.content);
    EXPECT_EQ(run.described, std::vector<std::string>{row.expected}) << row.name;
    if (!row.message.empty()) {
      EXPECT_NE(FirstRejection(run).find(row.message), std::string::npos)
          << row.name << ": " << FirstRejection(run);
    }
  }
  Outcome info = ReadFile(dir, "info2.warc", Warcinfo());
  ASSERT_EQ(info.items.size(), 1u);
  EXPECT_EQ(info.items[0].skip_reason, "no response records (1 other records)");
}

TEST(WarcTest, WalkAndStdin) {
  TempDir dir;
  std::string crawl = GzipMembers(Crawl(1), nullptr);
  dir.Write("in/a.warc.gz", crawl);
  dir.Write("in/b.warc", Concat(Crawl(1)));
  dir.Write("in/c.gz", crawl);  // not named as a WARC: skipped in a walk
  dir.Write("in/d.txt", "نص");
  Reader reader({dir.Path("in")}, {});
  std::vector<Item> items = ReadAll(reader);
  std::vector<std::string> described = DescribeAll(items, dir.Path("in"));
  ASSERT_EQ(described.size(), 4u) << ::testing::PrintToString(described);
  EXPECT_EQ(described[0].substr(0, 19), "document a.warc.gz@");
  EXPECT_EQ(described[1].substr(0, 16), "document b.warc@");
  EXPECT_EQ(described[2], "skip c.gz");
  EXPECT_EQ(described[3], "document d.txt txt");

  std::istringstream in(crawl);
  Reader from_stdin({"-"}, {}, &in);
  std::vector<Item> got = ReadAll(from_stdin);
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].document.body, Page("خبر 1"));
  EXPECT_EQ(got[0].document.source.substr(0, 2), "-@");
  EXPECT_EQ(from_stdin.bytes_read(), crawl.size());
}

TEST(WarcTest, ManyRecordsStreamOneAtATime) {
  TempDir dir;
  std::vector<std::string> records = Crawl(300);
  std::string path = dir.Write("many.warc.gz", GzipMembers(records, nullptr));
  Reader reader({path}, {});
  int documents = 0;
  uint64_t last_bytes = 0;
  bool progressed = true;
  while (std::optional<Item> item = reader.Next()) {
    ASSERT_EQ(item->kind, ItemKind::kDocument);
    ++documents;
    // Progress moves with the records, not all at once at the start.
    if (documents == 10) progressed = reader.bytes_read() < fs::file_size(path);
    last_bytes = reader.bytes_read();
  }
  EXPECT_EQ(documents, 300);
  EXPECT_TRUE(progressed);
  EXPECT_EQ(last_bytes, fs::file_size(path));
  EXPECT_EQ(reader.records_skipped(), 601u);
}

}  // namespace
}  // namespace rasd::ingest
