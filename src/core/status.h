// Status and Result<T>: errors as values.
//
// In: nothing. Out: a Status that is either ok or carries a code and a one-line message naming
// the file or input and the problem; Result<T> holds a T or a non-ok Status.
// Guaranteed: no exception is thrown by these types. Not guaranteed: messages are for people,
// not for parsing; compare codes, not text.
//
//   Result<int> ParseCount(std::string_view s);
//   ASSIGN_OR_RETURN(int n, ParseCount("12"));
//   RETURN_IF_ERROR(store.Write(batch));
#ifndef RASD_CORE_STATUS_H_
#define RASD_CORE_STATUS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

namespace rasd {

class Status {
 public:
  // Stored in reject tables: values must not be renumbered.
  enum class Code : uint8_t {
    kOk = 0,
    kInvalidArgument = 1,  // a caller's parameter is wrong (HTTP 400, CLI exit 2)
    kNotFound = 2,         // a file, id or entity does not exist (HTTP 404)
    kIoError = 3,          // reading or writing failed
    kInvalidInput = 4,     // input data is malformed (bad UTF-8, bad JSON, binary, empty)
    kTooLarge = 5,         // input exceeds a documented limit
    kInternal = 6,         // a bug or an unexpected library failure
  };

  Status() = default;
  Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) { return {Code::kInvalidArgument, std::move(m)}; }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status IoError(std::string m) { return {Code::kIoError, std::move(m)}; }
  static Status InvalidInput(std::string m) { return {Code::kInvalidInput, std::move(m)}; }
  static Status TooLarge(std::string m) { return {Code::kTooLarge, std::move(m)}; }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "invalid input: notes.jsonl:3: expected a JSON object"
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
};

const char* StatusCodeName(Status::Code code);

// Holds a value or a non-ok Status. Accessing value() of an error is a bug (asserts in debug).
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design, like absl::StatusOr
  Result(Status status) : v_(std::move(status)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(v_); }
  const Status& status() const {
    static const Status kOkStatus;
    return ok() ? kOkStatus : std::get<Status>(v_);
  }
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace rasd

#define RASD_CONCAT_INNER_(a, b) a##b
#define RASD_CONCAT_(a, b) RASD_CONCAT_INNER_(a, b)

#define RETURN_IF_ERROR(expr)                 \
  do {                                        \
    ::rasd::Status rasd_status_ = (expr);     \
    if (!rasd_status_.ok()) return rasd_status_; \
  } while (0)

#define ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                           \
  if (!tmp.ok()) return tmp.status();          \
  lhs = std::move(tmp).value()

#define ASSIGN_OR_RETURN(lhs, expr) \
  ASSIGN_OR_RETURN_IMPL_(RASD_CONCAT_(rasd_result_, __LINE__), lhs, expr)

#endif  // RASD_CORE_STATUS_H_
