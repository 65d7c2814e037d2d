#include "paperpress/store/record_codec.h"

#include <cstdint>
#include <cstring>

namespace paperpress {

namespace {

void put_u32(std::string& out, uint32_t v) {
  char b[4];
  std::memcpy(b, &v, 4);
  out.append(b, 4);
}

void put_field(std::string& out, std::string_view s, char) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}

void put_field(std::string& out, int version, char) {
  put_u32(out, static_cast<uint32_t>(version < 0 ? 0 : version));
}

// A list, joined by `sep`; a separator (or line break) inside an item becomes a space, since
// it would split the item when read back.
void put_field(std::string& out, const std::vector<std::string>& items, char sep) {
  size_t total = 0;
  for (const auto& item : items) total += item.size() + 1;
  put_u32(out, static_cast<uint32_t>(total == 0 ? 0 : total - 1));
  bool first = true;
  for (const auto& item : items) {
    if (!first) out.push_back(sep);
    for (char c : item) out.push_back(c == sep || c == '\n' ? ' ' : c);
    first = false;
  }
}

void copy_field(std::string_view value, char, std::string& out) {
  out = value;
}
void copy_field(int value, char, int& out) {
  out = value;
}
void copy_field(std::string_view joined, char sep, std::vector<std::string>& out) {
  PaperRef::for_each_part(joined, sep, [&](std::string_view item) { out.emplace_back(item); });
}

}  // namespace

void encode_paper(const Paper& p, std::string& out) {
#define PAPERPRESS_ENCODE_FIELD(Name, name, storage, exported, show) \
  put_field(out, p.name, list_separator(PaperFieldSpec::Storage::storage));
  PAPERPRESS_PAPER_FIELDS(PAPERPRESS_ENCODE_FIELD)
#undef PAPERPRESS_ENCODE_FIELD
}

std::optional<PaperRef> decode_paper(std::string_view bytes, uint64_t digest) {
  // A record is the id, the version (4 bytes), then the other fields; each field is its
  // length (4 bytes) and its bytes. A record stored before a field was added ends before it.
  if (bytes.size() > UINT32_MAX) return std::nullopt;
  PaperRef p;
  size_t pos = 0;
  auto skip_field = [&] {
    uint32_t size;
    if (bytes.size() - pos < 4) return false;
    std::memcpy(&size, bytes.data() + pos, 4);
    pos += 4;
    if (bytes.size() - pos < size) return false;
    pos += size;
    return true;
  };
  if (!skip_field() || bytes.size() - pos < 4) return std::nullopt;
  uint32_t version;
  std::memcpy(&version, bytes.data() + pos, 4);
  pos += 4;
  size_t f = 2;
  for (; f < kPaperFieldCount; ++f) {
    if (pos == bytes.size() && f >= kPaperFieldsOfFirstLayout) break;
    p.start_[f - 2] = static_cast<uint32_t>(pos + 4);
    if (!skip_field()) return std::nullopt;
  }
  if (pos != bytes.size()) return std::nullopt;
  // Fields the record lacks start past its end, so that they read as empty.
  for (; f < kPaperFieldCount; ++f) p.start_[f - 2] = static_cast<uint32_t>(pos + 4);
  p.end_ = static_cast<uint32_t>(pos);
  p.record_ = bytes.data();
  p.version_ = static_cast<int32_t>(version);
  p.digest_ = digest;
  return p;
}

PaperRef::Stored PaperRef::stored(const char* base) const {
  Stored s{};
  s.record = static_cast<uint64_t>(record_ - base);
  std::memcpy(s.start, start_.data(), sizeof s.start);
  s.end = end_;
  s.version = version_;
  s.digest = digest_;
  return s;
}

std::optional<PaperRef> PaperRef::from_stored(const Stored& s, const char* base, size_t size) {
  if (s.record > size || size - s.record < s.end) return std::nullopt;
  // Each field starts at least 4 bytes (its length) after the one before; the title at least 8
  // after the id (the version too). A field the record lacks starts 4 bytes past its end.
  uint32_t at = kIdStart;
  for (size_t i = 0; i < kStarts; ++i) {
    const uint32_t gap = i == 0 ? 8 : 4;
    const bool missing = i + 2 >= kPaperFieldsOfFirstLayout && s.start[i] == s.end + 4;
    if (!missing && (s.start[i] < at || s.start[i] - at < gap)) return std::nullopt;
    if (!missing) at = s.start[i];
  }
  if (s.end < at) return std::nullopt;
  PaperRef p;
  p.record_ = base + s.record;
  std::memcpy(p.start_.data(), s.start, sizeof s.start);
  p.end_ = s.end;
  p.version_ = s.version;
  p.digest_ = s.digest;
  return p;
}

Paper to_paper(const PaperRef& ref) {
  Paper p;
#define PAPERPRESS_COPY_FIELD(Name, name, storage, exported, show) \
  copy_field(ref.name(), list_separator(PaperFieldSpec::Storage::storage), p.name);
  PAPERPRESS_PAPER_FIELDS(PAPERPRESS_COPY_FIELD)
#undef PAPERPRESS_COPY_FIELD
  return p;
}

}  // namespace paperpress
