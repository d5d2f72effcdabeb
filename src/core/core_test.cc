#include <gtest/gtest.h>

#include "core/core.h"
#include "core/string_table.h"

namespace rasd {
namespace {

TEST(StatusTest, OkAndError) {
  EXPECT_TRUE(Status::Ok().ok());
  Status s = Status::InvalidInput("a.jsonl:3: expected a JSON object");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.ToString(), "invalid input: a.jsonl:3: expected a JSON object");
}

Result<int> Half(int n) {
  if (n % 2 != 0) return Status::InvalidArgument(std::to_string(n) + " is odd");
  return n / 2;
}

Result<int> Quarter(int n) {
  ASSIGN_OR_RETURN(int h, Half(n));
  ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(ResultTest, PropagatesErrors) {
  EXPECT_EQ(*Quarter(8), 2);
  Result<int> r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "3 is odd");
}

TEST(HashTest, StableHex) {
  std::string h = Hash128Hex("روسيا");
  EXPECT_EQ(h.size(), 32u);
  EXPECT_EQ(h, Hash128Hex("روسيا"));
  EXPECT_NE(h, Hash128Hex("روسيا "));
  // Ids are stored: this value must never change.
  EXPECT_EQ(Hash128Hex(""), "99aa06d3014798d86001c324468d497f");
}

TEST(StringTableTest, FindsWhatWasInsertedAndNothingElse) {
  StringTable<int> t;
  EXPECT_EQ(t.Find("روسيا"), nullptr);
  t["روسيا"] = 7;
  t["قصف"] += 2;
  t["قصف"] += 3;
  // Far more keys than the first table holds: it grows, and every key keeps its value.
  for (int i = 0; i < 5000; ++i) t["w" + std::to_string(i)] = i;
  ASSERT_NE(t.Find("روسيا"), nullptr);
  EXPECT_EQ(*t.Find("روسيا"), 7);
  EXPECT_EQ(*t.Find(std::string_view("قصف")), 5);
  for (int i = 0; i < 5000; i += 499) EXPECT_EQ(*t.Find("w" + std::to_string(i)), i);
  EXPECT_EQ(t.Find("w5000"), nullptr);
  EXPECT_EQ(t.Find(""), nullptr);
  EXPECT_EQ(t.size(), 5002u);
}

// Keys of every length (held in the slot up to 19 bytes, apart beyond) and values too large for
// a slot: each is found under exactly its own key.
TEST(StringTableTest, LongKeysAndLargeValues) {
  StringTable<std::vector<int>> t;
  std::vector<std::string> keys;
  for (size_t n = 0; n <= 60; ++n) {
    keys.push_back(std::string(n, 'k'));
    keys.push_back(std::string(n, 'k') + "x");  // differs in its last byte only
  }
  keys.push_back("المملكة العربية السعودية");  // 46 bytes
  for (size_t i = 0; i < keys.size(); ++i) t[keys[i]].push_back(static_cast<int>(i));
  t[keys[5]].push_back(-1);  // found again, not inserted twice
  EXPECT_EQ(t.size(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    const std::vector<int>* v = t.Find(keys[i]);
    ASSERT_NE(v, nullptr) << keys[i];
    EXPECT_EQ(v->front(), static_cast<int>(i)) << keys[i];
    EXPECT_EQ(v->size(), i == 5 ? 2u : 1u) << keys[i];
  }
  EXPECT_EQ(t.Find(std::string(61, 'k')), nullptr);
  EXPECT_EQ(t.Find(std::string(19, 'j')), nullptr);
  EXPECT_EQ(t.Find("المملكة العربية السعوديه"), nullptr);
  StringTable<uint8_t> bytes;
  bytes[std::string(40, 'a')] = 3;
  bytes[""] = 4;
  EXPECT_EQ(*bytes.Find(std::string(40, 'a')), 3);
  EXPECT_EQ(*bytes.Find(""), 4);
  EXPECT_EQ(bytes.Find(std::string(39, 'a')), nullptr);
}

TEST(EnumTest, NamesRoundTrip) {
  for (int i = 1; i <= 16; ++i) {
    auto t = static_cast<EventType>(i);
    EXPECT_EQ(EventTypeFromName(EventTypeName(t)), t);
  }
  EXPECT_EQ(EventTypeFromName("consult"), EventType::kConsult);
  EXPECT_EQ(EventTypeFromName("nonsense"), EventType::kUnknown);
  EXPECT_EQ(EntityTypeFromName("person"), EntityType::kPerson);
}

TEST(TsvTest, SkipsCommentsBlanksAndHeader) {
  auto rows = ParseTsv("# Format: a\tb\nid\tname\n\nRUS\t روسيا \n# note\nARM\tأرمينيا", "id");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].line, 4);
  EXPECT_EQ(rows[0].fields[1], "روسيا");
  EXPECT_EQ(rows[1].fields[0], "ARM");
}

// Every data file loads in full and parses.
TEST(DataTest, EveryDataFileLoads) {
  std::vector<std::string> names = DataFileNames();
  ASSERT_FALSE(names.empty());
  for (const std::string& name : names) {
    Result<std::string> content = ReadDataFile(name);
    ASSERT_TRUE(content.ok()) << content.status().ToString();
    EXPECT_FALSE(content->empty()) << name;
    EXPECT_FALSE(ParseTsv(*content).empty()) << name << " has no rows";
  }
  EXPECT_FALSE(ReadDataFile("no/such.tsv").ok());
}

}  // namespace
}  // namespace rasd
