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

void put_str(std::string& out, std::string_view s) {
  put_u32(out, static_cast<uint32_t>(s.size()));
  out.append(s);
}

template <typename Range>
void put_joined(std::string& out, const Range& parts, char sep) {
  size_t total = 0;
  for (const auto& p : parts) total += p.size() + 1;
  put_u32(out, static_cast<uint32_t>(total == 0 ? 0 : total - 1));
  bool first = true;
  for (const auto& p : parts) {
    if (!first) out.push_back(sep);
    out.append(p);
    first = false;
  }
}

// Authors and categories are stored joined; a separator inside a name would split it.
std::string clean_part(const std::string& s, char sep) {
  std::string out = s;
  for (char& c : out)
    if (c == sep || c == '\n') c = ' ';
  return out;
}

}  // namespace

void encode_paper(const Paper& p, std::string& out) {
  put_str(out, p.id);
  put_u32(out, static_cast<uint32_t>(p.version < 0 ? 0 : p.version));
  put_str(out, p.title);
  std::vector<std::string> authors, categories;
  for (const auto& a : p.authors) authors.push_back(clean_part(a, '\n'));
  for (const auto& c : p.categories) categories.push_back(clean_part(c, ' '));
  put_joined(out, authors, '\n');
  put_str(out, p.abstract);
  put_str(out, p.comment);
  put_str(out, p.journal_ref);
  put_str(out, p.doi);
  put_joined(out, categories, ' ');
  put_str(out, p.primary_category);
  put_str(out, p.published);
  put_str(out, p.updated);
  put_str(out, p.abs_url);
  put_str(out, p.pdf_url);
}

std::optional<PaperRef> decode_paper(std::string_view bytes, uint64_t digest) {
  // A record is the id, the version (4 bytes), then the other fields; each field is its
  // length (4 bytes) and its bytes.
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
  for (int f = PaperRef::kTitle; f < PaperRef::kFieldCount; ++f) {
    p.start_[f - 1] = static_cast<uint32_t>(pos + 4);
    if (!skip_field()) return std::nullopt;
  }
  if (pos != bytes.size()) return std::nullopt;
  p.end_ = static_cast<uint32_t>(pos);
  p.record_ = bytes.data();
  p.version_ = static_cast<int32_t>(version);
  p.digest_ = digest;
  return p;
}

PaperRef::Stored PaperRef::stored(const char* base) const {
  Stored s{};
  s.record = static_cast<uint64_t>(record_ - base);
  std::memcpy(s.start, start_, sizeof start_);
  s.end = end_;
  s.version = version_;
  s.digest = digest_;
  return s;
}

std::optional<PaperRef> PaperRef::from_stored(const Stored& s, const char* base, size_t size) {
  if (s.record > size || size - s.record < s.end) return std::nullopt;
  // Each field starts at least 4 bytes (its length) after the one before; the title at least 8
  // after the id (the version too).
  uint32_t at = kIdStart;
  for (int f = kTitle; f < kFieldCount; ++f) {
    const uint32_t gap = f == kTitle ? 8 : 4;
    if (s.start[f - 1] < at || s.start[f - 1] - at < gap) return std::nullopt;
    at = s.start[f - 1];
  }
  if (s.end < at) return std::nullopt;
  PaperRef p;
  p.record_ = base + s.record;
  std::memcpy(p.start_, s.start, sizeof p.start_);
  p.end_ = s.end;
  p.version_ = s.version;
  p.digest_ = s.digest;
  return p;
}

Paper to_paper(const PaperRef& ref) {
  Paper p;
  p.id = ref.id();
  p.version = ref.version();
  p.title = ref.title();
  ref.for_each_author([&](std::string_view a) { p.authors.emplace_back(a); });
  p.abstract = ref.abstract();
  p.comment = ref.comment();
  p.journal_ref = ref.journal_ref();
  p.doi = ref.doi();
  ref.for_each_category([&](std::string_view c) { p.categories.emplace_back(c); });
  p.primary_category = ref.primary_category();
  p.published = ref.published();
  p.updated = ref.updated();
  p.abs_url = ref.abs_url();
  p.pdf_url = ref.pdf_url();
  return p;
}

}  // namespace paperpress
