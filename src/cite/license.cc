#include "paperpress/cite/license.h"

#include "paperpress/util/text.h"

namespace paperpress {

namespace {

// "by-nc-sa" → "BY-NC-SA": only letters and dashes, as Creative Commons names its licenses.
std::string cc_code(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c >= 'a' && c <= 'z') {
      out += static_cast<char>(c - 'a' + 'A');
    } else if (c == '-' || (c >= 'A' && c <= 'Z')) {
      out += c;
    } else {
      return {};
    }
  }
  return out;
}

// "4.0", "3.0", "1.0": digits and dots.
bool is_version(std::string_view v) {
  if (v.empty()) return false;
  for (char c : v)
    if (!(c >= '0' && c <= '9') && c != '.') return false;
  return true;
}

}  // namespace

std::string license_name(std::string_view url) {
  std::string_view rest = url;
  if (rest.starts_with("https://")) {
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else {
    return {};
  }
  if (rest.starts_with("www.")) rest.remove_prefix(4);
  if (rest.ends_with('/')) rest.remove_suffix(1);
  if (rest == "arxiv.org/licenses/nonexclusive-distrib/1.0") return "arXiv non-exclusive license";
  if (rest == "arxiv.org/licenses/assumed-1991-2003")
    return "arXiv license (assumed, 1991\xE2\x80\x93" "2003)";
  if (rest.starts_with("creativecommons.org/publicdomain/zero/")) {
    std::string_view version = rest.substr(38);
    return is_version(version) ? "CC0 " + std::string(version) : std::string();
  }
  constexpr std::string_view kLicenses = "creativecommons.org/licenses/";
  if (!rest.starts_with(kLicenses)) return {};
  rest.remove_prefix(kLicenses.size());
  const size_t slash = rest.find('/');
  if (slash == std::string_view::npos) return {};
  const std::string code = cc_code(rest.substr(0, slash));
  const std::string_view version = rest.substr(slash + 1);
  if (code.empty() || !is_version(version)) return {};
  return "CC " + code + " " + std::string(version);
}

}  // namespace paperpress
