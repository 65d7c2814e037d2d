#include "paperpress/digest/digest_file.h"

#include <cstdio>

#include "paperpress/util/fs.h"
#include "paperpress/util/hash.h"
#include "paperpress/util/text.h"

namespace paperpress {

namespace {

constexpr std::string_view kHashKey = "generated_hash: ";

// The text without the hash line, and the hash it names ("" when none).
std::string without_hash_line(std::string_view text, std::string& named) {
  std::string out;
  size_t pos = 0;
  bool in_front = starts_with(text, "---\n");
  int line_no = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    size_t next = end == std::string_view::npos ? text.size() : end + 1;
    std::string_view line = text.substr(pos, next - pos);
    if (line_no > 0 && in_front && (line == "---\n" || line == "---")) in_front = false;
    if (in_front && named.empty() && starts_with(line, kHashKey)) {
      named = std::string(line.substr(kHashKey.size()));
      while (!named.empty() && (named.back() == '\n' || named.back() == '\r')) named.pop_back();
    } else {
      out.append(line);
    }
    pos = next;
    ++line_no;
  }
  return out;
}

}  // namespace

std::string front_matter_value(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  for (size_t p; (p = out.find(" #")) != std::string::npos;) out.erase(p + 1, 1);
  size_t b = out.find_first_not_of(' ');
  if (b == std::string::npos) return "";
  size_t e = out.find_last_not_of(' ');
  return out.substr(b, e - b + 1);
}

std::string render_digest_file(const DigestDocument& digest) {
  std::string body = "---\n";
  body += "title: " + front_matter_value(digest.title) + "\n";
  body += "date: " + digest.date + "\n";
  body += "papers: [";
  for (size_t i = 0; i < digest.sections.size(); ++i)
    body += (i ? ", " : "") + digest.sections[i].id;
  body += "]\n";
  body += "generated_by: " + front_matter_value(digest.generated_by) + "\n";
  std::string rest = "---\n";
  rest += digest.overview;
  if (!rest.empty() && rest.back() != '\n') rest += '\n';
  for (const DigestSection& s : digest.sections) {
    rest += "\n### arXiv:" + s.id + "\n";
    if (!s.markdown.empty()) {
      rest += "\n" + s.markdown;
      if (rest.back() != '\n') rest += '\n';
    }
  }
  std::string hash = hex64(hash_bytes(body + rest, 0x6469676573740001ull));
  return body + std::string(kHashKey) + hash + "\n" + rest;
}

Result<DigestFileState> inspect_digest_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return DigestFileState::kAbsent;
  auto text = read_file(path);
  if (!text) return text.error();
  std::string named;
  std::string rest = without_hash_line(*text, named);
  size_t front_end = starts_with(*text, "---\n") ? text->find("\n---", 3) : std::string::npos;
  bool generated = front_end != std::string::npos &&
                   std::string_view(*text).substr(0, front_end).find("\ngenerated_by: ") !=
                       std::string_view::npos;
  if (!generated) return DigestFileState::kHandWritten;
  if (named.empty()) return DigestFileState::kEdited;
  return hex64(hash_bytes(rest, 0x6469676573740001ull)) == named ? DigestFileState::kGenerated
                                                                 : DigestFileState::kEdited;
}

}  // namespace paperpress
