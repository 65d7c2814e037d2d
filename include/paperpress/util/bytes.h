// Arrays of plain values in and out of byte strings, in this machine's byte order: for the
// build caches, which are read back only by the program that wrote them (their key names it).
#pragma once

#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

namespace paperpress {

template <typename T>
requires std::is_trivially_copyable_v<T>
void put_array(std::string& out, const T* data, size_t count) {
  if (count > 0) out.append(reinterpret_cast<const char*>(data), count * sizeof(T));
}

// Copies `count` values from the front of `in` and drops them from it; false when `in` is
// shorter.
template <typename T>
requires std::is_trivially_copyable_v<T>
bool take_array(std::string_view& in, T* data, size_t count) {
  if (count > in.size() / sizeof(T)) return false;
  if (count > 0) std::memcpy(data, in.data(), count * sizeof(T));
  in.remove_prefix(count * sizeof(T));
  return true;
}

}  // namespace paperpress
