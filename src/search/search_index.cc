#include "paperpress/search/search_index.h"

#include "paperpress/render/page_path.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <bit>
#include <charconv>
#include <chrono>
#include <cstring>
#include <ctime>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "paperpress/render/output_format.h"
#include "paperpress/search/doc_table.h"
#include "paperpress/search/fold.h"
#include "paperpress/search/json_text.h"
#include "paperpress/search/lookup_keys.h"
#include "paperpress/search/postings.h"
#include "paperpress/search/search_format.h"
#include "paperpress/util/hash.h"
#include "paperpress/util/parallel.h"

namespace paperpress {

namespace {

// CPU time of the whole process so far (of every thread).
double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
}

void append_number(std::string& out, uint64_t n) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, n);
  out.append(buf, static_cast<size_t>(r.ptr - buf));
}

void append_varint(std::string& out, uint64_t n) {
  for (; n >= 0x80; n >>= 7) out += static_cast<char>(n | 0x80);
  out += static_cast<char>(n);
}

// Reads a varint off the front of `in`; false when it is cut or too long.
bool read_varint(std::string_view& in, uint64_t& n) {
  n = 0;
  for (int shift = 0; shift < 64 && !in.empty(); shift += 7) {
    const auto byte = static_cast<unsigned char>(in.front());
    in.remove_prefix(1);
    n |= uint64_t{byte & 0x7Fu} << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

// Calls f(term, df) for each term a segment kept (SearchSegmentInputs::terms); false when
// they are not well formed (after the terms before the fault).
template <typename F>
bool for_each_kept_term(std::string_view kept, F&& f) {
  while (!kept.empty()) {
    uint64_t size = 0, df = 0;
    if (!read_varint(kept, size) || size > kept.size()) return false;
    const std::string_view term = kept.substr(0, size);
    kept.remove_prefix(size);
    if (!read_varint(kept, df) || df > UINT32_MAX) return false;
    f(term, static_cast<uint32_t>(df));
  }
  return true;
}

// Writes files from several threads; the first error wins and stops the rest.
class ShardSink {
 public:
  explicit ShardSink(OutputWriter& writer) : writer_(writer) {}
  void write(const std::string& path, std::string_view bytes) {
    if (failed_) return;
    const Status st = writer_.write(path, bytes);
    if (!st.ok()) return fail(st.error());
    ++files_;
    bytes_ += bytes.size();
  }
  Status status() const { return failed_ ? Status(error_) : Status::success(); }
  size_t files() const { return files_; }
  size_t bytes() const { return bytes_; }

 private:
  void fail(const Error& error) {
    std::lock_guard lock(mutex_);
    if (!failed_) error_ = error;
    failed_ = true;
  }

  OutputWriter& writer_;
  std::mutex mutex_;
  Error error_;
  std::atomic<bool> failed_{false};
  std::atomic<size_t> files_{0}, bytes_{0};
};

// Calls f(i) for every i in [0, n) on `threads` threads, each taking the next i.
template <typename F>
void for_each_index(unsigned threads, size_t n, F&& f) {
  std::atomic<size_t> next{0};
  run_on_threads(threads, [&](unsigned) {
    for (size_t i; (i = next.fetch_add(1)) < n;) f(i);
  });
}

// Postings (in document order, as built) sorted by impact, then newest (highest document
// number) first: a counting sort on the impact, `scratch` its buffer; an insertion sort for
// the many short lists of rare terms.
void sort_by_impact(std::vector<Posting>& postings, std::vector<Posting>& scratch) {
  auto before = [](Posting a, Posting b) {
    return (a & 0xFF) != (b & 0xFF) ? (a & 0xFF) > (b & 0xFF) : a > b;
  };
  if (postings.size() <= 32) {
    for (size_t i = 1; i < postings.size(); ++i) {
      const Posting p = postings[i];
      size_t j = i;
      for (; j > 0 && before(p, postings[j - 1]); --j) postings[j] = postings[j - 1];
      postings[j] = p;
    }
    return;
  }
  size_t start[257] = {};
  for (Posting p : postings) ++start[256 - (p & 0xFF)];
  for (int b = 1; b <= 256; ++b) start[b] += start[b - 1];
  scratch.resize(postings.size());
  for (size_t i = postings.size(); i-- > 0;)
    scratch[start[255 - (postings[i] & 0xFF)]++] = postings[i];
  postings.swap(scratch);
}

// Sorts (key << 24 | document) pairs given in document order by key, then document: a stable
// radix sort on the key's 5 bytes (a byte all pairs share is skipped).
void sort_above_documents(std::vector<uint64_t>& pairs, std::vector<uint64_t>& scratch) {
  scratch.resize(pairs.size());
  for (int shift = 24; shift < 64; shift += 8) {
    size_t start[256] = {};
    for (uint64_t p : pairs) ++start[(p >> shift) & 0xFF];
    if (start[(pairs.empty() ? 0 : pairs[0] >> shift) & 0xFF] == pairs.size()) continue;
    size_t sum = 0;
    for (size_t& c : start) sum += std::exchange(c, sum);
    for (uint64_t p : pairs) scratch[start[(p >> shift) & 0xFF]++] = p;
    pairs.swap(scratch);
  }
}

// `v` as `digits` lowercase hex digits.
void append_hex(std::string& out, uint64_t v, int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  const size_t from = out.size();
  out.resize(from + static_cast<size_t>(digits));
  for (int i = digits - 1; i >= 0; --i, v >>= 4) out[from + static_cast<size_t>(i)] = kHex[v & 15];
}

// `n` in decimal at out (10 bytes free); the small numbers most postings are (distances
// between documents of a common term) without a division loop.
char* write_number(char* out, uint32_t n) {
  if (n < 10) {
    *out = static_cast<char>('0' + n);
    return out + 1;
  }
  if (n < 100) {
    out[0] = static_cast<char>('0' + n / 10);
    out[1] = static_cast<char>('0' + n % 10);
    return out + 2;
  }
  return std::to_chars(out, out + 10, n).ptr;
}

// Postings in impact order as a flat JSON array of runs: impact, count, the first document,
// then each next document as its distance below the one before.
// `scratch` is its buffer.
void append_postings(std::string& out, const Posting* begin, const Posting* end,
                     std::vector<char>& scratch) {
  // A document number or a distance has at most 8 digits (kMaxSearchDocs); a run's impact and
  // count take at most 3 + 8 digits and there are at most 255 runs.
  const size_t most = 2 + 9 * static_cast<size_t>(end - begin) + 14 * 256;
  if (scratch.size() < most) scratch.resize(most);
  char* o = scratch.data();
  *o++ = '[';
  bool first = true;
  for (const Posting* p = begin; p < end;) {
    const uint32_t impact = *p & 0xFF;
    const Posting* run_end = p;
    while (run_end < end && (*run_end & 0xFF) == impact) ++run_end;
    if (!first) *o++ = ',';
    first = false;
    o = write_number(o, impact);
    *o++ = ',';
    o = write_number(o, static_cast<uint32_t>(run_end - p));
    *o++ = ',';
    uint32_t prev = *p >> 8;
    o = write_number(o, prev);
    for (const Posting* q = p + 1; q < run_end; ++q) {
      const uint32_t doc = *q >> 8;
      *o++ = ',';
      o = write_number(o, prev - doc);
      prev = doc;
    }
    p = run_end;
  }
  *o++ = ']';
  out.append(scratch.data(), static_cast<size_t>(o - scratch.data()));
}

// The number of chunks of a term with `df` postings (0: kept in its dictionary entry).
uint32_t chunk_count(size_t df) {
  if (df <= kInlinePostings) return 0;
  uint32_t chunks = 0;
  for (size_t covered = 0, size = kFirstChunk; covered < df; covered += size, size *= kChunkGrowth)
    ++chunks;
  return chunks;
}

// The folder of a segment's shards: search/v4/s<first>/.
std::string segment_dir(uint32_t first) {
  return std::string(kSearchDir) + "s" + std::to_string(first) + "/";
}

std::string chunk_path(std::string_view dir, uint64_t term_hash, uint32_t chunk) {
  std::string hex = to_hex(term_hash, 16);
  return std::string(dir) + "p/" + hex.substr(0, 2) + "/" + hex + "." + std::to_string(chunk) +
         ".json";
}

// Shard `shard` of `kind` in `dir` (the format's folder or a segment's).
std::string shard_path(std::string_view dir, char kind, uint32_t shard) {
  return std::string(dir) + kind + "/" + std::to_string(shard) + ".json";
}

// A segment of the index (search_format.h) and its shard counts once written.
struct SegmentOut {
  SearchSegment docs;
  std::string dir;
  uint32_t term_shards = 0, key_shards = 0;
};

class IndexWriter {
 public:
  IndexWriter(const Config& config, const std::vector<PaperRef>& papers, const Archive& archive,
              OutputWriter& writer, unsigned threads)
      : config_(config),
        papers_(papers),
        archive_(archive),
        writer_(writer),
        sink_(writer),
        threads_(std::max(1u, threads)) {}

  Status write(SearchIndexStats& stats, const std::optional<SearchIndexInputs>& previous,
               SearchIndexInputs& made) {
    auto t = std::chrono::steady_clock::now();
    double cpu = process_cpu_seconds();
    // A step taken once per segment is one entry, its times summed.
    auto step = [&](const char* name) {
      const auto now = std::chrono::steady_clock::now();
      const double cpu_now = process_cpu_seconds();
      const double seconds = std::chrono::duration<double>(now - t).count();
      auto same = std::find_if(stats.step_seconds.begin(), stats.step_seconds.end(),
                               [&](const SearchIndexStats::Step& s) { return s.name == name; });
      if (same == stats.step_seconds.end()) {
        stats.step_seconds.push_back({name, seconds, cpu_now - cpu});
      } else {
        same->seconds += seconds;
        same->cpu_seconds += cpu_now - cpu;
      }
      t = now;
      cpu = cpu_now;
    };
    table_ = build_doc_table(config_, papers_, archive_);
    if (table_.docs.size() >= kMaxSearchDocs) return Error{"search index: too many papers"};
    stats.docs = table_.docs.size();
    for (const SearchSegment& seg :
         search_segments(static_cast<uint32_t>(table_.docs.size()),
                         static_cast<uint32_t>(std::max(1, config_.search.segment_documents))))
      segments_.push_back({seg, segment_dir(seg.first)});
    stats.segments = static_cast<uint32_t>(segments_.size());
    made.hash = inputs_hash();
    step("documents numbered");
    if (previous && previous->hash == made.hash && previous->files > 0 &&
        writer_.keep_folder(kSearchFolder) == previous->files) {
      // Made from the same inputs as the index in place: kept, not computed.
      made.files = previous->files;
      made.segments = previous->segments;
      stats.kept = true;
      stats.files = previous->files;
      stats.segments_kept = stats.segments;
      step("kept");
      return Status::success();
    }
    // One segment at a time, oldest first: its postings and keys are built (numbered from the
    // segment's first document), written and freed, so that the memory they take is a
    // segment's, not the archive's. Each term's df over the archive is kept for the prefixes.
    // A segment made from the same documents as one in place keeps its folder instead.
    for (SegmentOut& seg : segments_) {
      SearchSegmentInputs in;
      in.first = seg.docs.first;
      in.end = seg.docs.end;
      in.hash = segment_hash(seg.docs);
      if (const SearchSegmentInputs* old = kept_segment(previous, in, seg)) {
        seg.term_shards = old->term_shards;
        seg.key_shards = old->key_shards;
        stats.term_shards += old->term_shards;
        stats.key_shards += old->key_shards;
        stats.postings += old->postings;
        stats.keys += old->keys;
        stats.chunk_files += old->chunk_files;
        ++stats.segments_kept;
        add_to_vocabulary(old->terms);
        stats.terms = vocabulary_.size();
        made.segments.push_back(*old);
        step("segments kept");
        continue;
      }
      const size_t files_before = sink_.files();
      const size_t postings_before = stats.postings, keys_before = stats.keys,
                   chunks_before = stats.chunk_files;
      const uint32_t first = seg.docs.first;
      std::vector<KeyBuckets> keys;
      TermPostings index = build_postings(
          seg.docs.end - first,
          [&](size_t d) { return SearchFields::of(paper(first + static_cast<uint32_t>(d))); },
          threads_, &keys,
          [&](size_t d) { __builtin_prefetch(&paper(first + static_cast<uint32_t>(d))); });
      step("postings and keys built");
      write_keys(keys, seg, stats);
      step("key shards");
      add_to_vocabulary(index, in.terms);
      stats.terms = vocabulary_.size();
      step("vocabulary");
      write_terms(index, seg, stats);
      step("term shards and chunks");
      in.files = sink_.files() - files_before;
      in.term_shards = seg.term_shards;
      in.key_shards = seg.key_shards;
      in.postings = stats.postings - postings_before;
      in.keys = stats.keys - keys_before;
      in.chunk_files = stats.chunk_files - chunks_before;
      made.segments.push_back(std::move(in));
    }
    write_docs(stats);
    step("document shards");
    write_prefixes(stats);
    step("prefix shards");
    write_manifest(stats);
    step("manifest");
    stats.files = sink_.files();
    stats.bytes = sink_.bytes();
    made.files = stats.files;
    return sink_.status();
  }

 private:
  // A hash of everything the index's bytes follow from besides the program and site.toml: each
  // document's record (its digest), its place (topic, month, part) and its topics, in document
  // order, and the names of the topics and months that links and the manifest hold.
  uint64_t inputs_hash() const {
    uint64_t h = hash_bytes("search index inputs", table_.docs.size());
    for (uint32_t d = 0; d < table_.docs.size(); ++d) {
      const SearchDoc& doc = table_.docs[d];
      h = hash_combine(h, papers_[doc.paper].digest());
      h = hash_combine(h, uint64_t{doc.topic} << 48 | uint64_t{doc.month} << 32 | doc.part);
      for (uint32_t i = table_.topic_begin[d]; i < table_.topic_begin[d + 1]; ++i)
        h = hash_combine(h, table_.topics[i]);
    }
    for (const TopicArchive& ta : archive_.topics) {
      h = hash_combine(h, hash_bytes(ta.topic->slug));
      h = hash_combine(h, hash_bytes(ta.topic->name));
      for (const MonthGroup& m : ta.months) h = hash_combine(h, hash_bytes(m.key));
    }
    return h;
  }

  // A hash of a segment's documents: its range and their records' digests in order (its
  // files follow from these alone).
  uint64_t segment_hash(const SearchSegment& seg) const {
    uint64_t h = hash_combine(hash_bytes("search segment", seg.first), seg.end);
    for (uint32_t d = seg.first; d < seg.end; ++d) h = hash_combine(h, paper(d).digest());
    return h;
  }

  // The last build's segment made from the same documents as `in`, when its folder's files
  // are all in place and now kept; else null.
  const SearchSegmentInputs* kept_segment(const std::optional<SearchIndexInputs>& previous,
                                          const SearchSegmentInputs& in, const SegmentOut& seg) {
    if (!previous) return nullptr;
    for (const SearchSegmentInputs& old : previous->segments)
      if (old.first == in.first && old.end == in.end && old.hash == in.hash && old.files > 0 &&
          for_each_kept_term(old.terms, [](std::string_view, uint32_t) {}))
        return writer_.keep_folder(seg.dir) == old.files ? &old : nullptr;
    return nullptr;
  }

  const PaperRef& paper(uint32_t doc) const { return papers_[table_.docs[doc].paper]; }

  void write_docs(SearchIndexStats& stats) {
    const size_t n = table_.docs.size();
    stats.doc_shards = static_cast<uint32_t>((n + kDocsPerShard - 1) / kDocsPerShard);
    for_each_index(threads_, stats.doc_shards, [&](size_t s) {
      // Written in place into a buffer of this thread, grown to the most a record can take
      // before each record (no check per byte).
      thread_local std::vector<char> buf;
      size_t used = 0;
      auto room = [&](size_t bytes) {
        if (buf.size() < used + bytes) buf.resize(std::max(used + bytes, 2 * buf.size()));
      };
      room(2);
      buf[used++] = '[';
      const size_t first = s * kDocsPerShard, end = std::min(n, first + kDocsPerShard);
      // Documents are not in the store's order: each one's PaperRef is prefetched 8 ahead
      // and its record 4 ahead.
      for (size_t d = first; d < end && d < first + 8; ++d)
        __builtin_prefetch(&paper(static_cast<uint32_t>(d)));
      for (size_t d = first; d < end && d < first + 4; ++d) prefetch_record(d);
      for (size_t d = first; d < end; ++d) {
        if (d + 8 < n) __builtin_prefetch(&paper(static_cast<uint32_t>(d + 8)));
        if (d + 4 < n) prefetch_record(d + 4);
        room(record_bound(static_cast<uint32_t>(d)) + 2);
        if (d > first) {
          buf[used++] = ',';
          buf[used++] = '\n';
        }
        used = static_cast<size_t>(write_record(buf.data() + used, static_cast<uint32_t>(d)) -
                                   buf.data());
      }
      room(2);
      buf[used++] = ']';
      buf[used++] = '\n';
      sink_.write(shard_path(kSearchDir, 'd', static_cast<uint32_t>(s)),
                  std::string_view(buf.data(), used));
    });
  }

  void prefetch_record(size_t doc) const {
    const PaperRef& p = paper(static_cast<uint32_t>(doc));
    __builtin_prefetch(p.id().data());
    __builtin_prefetch(p.title().data());
    __builtin_prefetch(p.authors().data());
  }

  // The most bytes write_record writes for document `doc`.
  size_t record_bound(uint32_t doc) const {
    const PaperRef& p = paper(doc);
    const SearchDoc& d = table_.docs[doc];
    const TopicArchive& ta = archive_.topics[d.topic];
    const size_t link = ta.topic->slug.size() + ta.months[d.month].key.size() + p.id().size();
    const size_t topics = table_.topic_begin[doc + 1] - table_.topic_begin[doc];
    return json_string_bound(p.id().size() + p.title().size() + p.authors().size() +
                             p.categories().size() + link + 64) +
           12 * topics + 128;
  }

  // [id, version, title, [authors…], author count, date, categories, link, [topics…]], at
  // `o` (record_bound bytes free); returns its end.
  char* write_record(char* o, uint32_t doc) const {
    const PaperRef& p = paper(doc);
    *o++ = '[';
    o = write_json_string(o, p.id());
    *o++ = ',';
    o = write_number(o, static_cast<uint32_t>(std::max(0, p.version())));
    *o++ = ',';
    o = write_json_string(o, p.title());
    *o++ = ',';
    *o++ = '[';
    uint32_t authors = 0;
    p.for_each_author([&](std::string_view a) {
      if (authors < kRecordAuthors) {
        if (authors) *o++ = ',';
        o = write_json_string(o, a);
      }
      ++authors;
    });
    *o++ = ']';
    *o++ = ',';
    o = write_number(o, authors);
    *o++ = ',';
    o = write_json_string(o, DocTable::date(p).substr(0, 10));
    *o++ = ',';
    o = write_json_string(o, p.categories());
    *o++ = ',';
    thread_local std::string link;  // reused: no allocation per record
    table_.link_into(link, archive_, papers_, doc);
    o = write_json_string(o, link);
    *o++ = ',';
    *o++ = '[';
    for (uint32_t i = table_.topic_begin[doc]; i < table_.topic_begin[doc + 1]; ++i) {
      if (i > table_.topic_begin[doc]) *o++ = ',';
      o = write_number(o, table_.topics[i]);
    }
    *o++ = ']';
    *o++ = ']';
    return o;
  }

  // Writes a segment's key shards from the pairs build_postings gave for its documents
  // (numbered from its first; freed as they are written).
  void write_keys(std::vector<KeyBuckets>& parts, SegmentOut& seg, SearchIndexStats& stats) {
    constexpr uint32_t kBuckets = kKeyBuckets;
    size_t total = 0;
    for (const KeyBuckets& part : parts)
      for (const auto& bucket : part) total += bucket.size();
    const uint32_t shards = shard_count(total, kKeysPerShard);
    seg.key_shards = shards;
    stats.key_shards += shards;
    const int shard_bits = std::countr_zero(shards);
    const uint32_t groups = std::min(shards, kBuckets);
    std::atomic<size_t> distinct{0};
    for_each_index(threads_, groups, [&](size_t g) {
      // The pairs of the group's shards, each as (shard, the value's other bits, document):
      // sorted, a shard's keys are together and each key's documents in order.
      std::vector<uint64_t> keys, scratch;
      size_t size = 0;
      for (uint32_t b = static_cast<uint32_t>(g); b < kBuckets; b += groups)
        for (const KeyBuckets& part : parts) size += part[b].size();
      keys.reserve(size);
      for (uint32_t b = static_cast<uint32_t>(g); b < kBuckets; b += groups) {
        for (KeyBuckets& part : parts) {
          for (uint64_t k : part[b]) {
            const uint64_t value = k >> 24, shard = value & (shards - 1);
            keys.push_back((shard << (40 - shard_bits) | value >> shard_bits) << 24 |
                           (k & 0xFFFFFF));
          }
          std::vector<uint64_t>().swap(part[b]);
        }
      }
      if (groups == kBuckets) {
        // One bucket, its pairs in document order: a stable radix sort of the keys' bits
        // above the document's puts them in order.
        sort_above_documents(keys, scratch);
      } else {
        std::sort(keys.begin(), keys.end());
      }
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      distinct += keys.size();
      std::string out;
      size_t i = 0;
      for (uint32_t s = static_cast<uint32_t>(g); s < shards; s += groups) {
        out.assign("{");
        const size_t first = i;
        for (; i < keys.size() && (keys[i] >> 24) >> (40 - shard_bits) == s;) {
          const uint64_t sorted = keys[i] >> 24;
          size_t j = i;
          while (j < keys.size() && keys[j] >> 24 == sorted) ++j;
          const uint64_t value = (sorted & ((1ull << (40 - shard_bits)) - 1)) << shard_bits | s;
          if (i > first) out += ",\n";
          out += '"';
          append_hex(out, value, 10);
          out += "\":[";
          // Newest first, numbered from the segment's first document: the first, then each
          // next as its distance below the one before.
          for (size_t k = j; k-- > i;) {
            const uint64_t doc = keys[k] & 0xFFFFFF;
            append_number(out, k + 1 == j ? doc : (keys[k + 1] & 0xFFFFFF) - doc);
            if (k > i) out += ',';
          }
          out += ']';
          i = j;
        }
        out += "}\n";
        sink_.write(shard_path(seg.dir, 'k', s), out);
      }
    });
    stats.keys += distinct;
  }

  // Writes a segment's term shards and chunks from its postings (numbered from its first
  // document; freed as they are written).
  void write_terms(TermPostings& index, SegmentOut& seg, SearchIndexStats& stats) {
    const size_t terms = index.size();
    const uint32_t shards = shard_count(terms, kTermsPerShard);
    seg.term_shards = shards;
    stats.term_shards += shards;
    // The terms of each shard (a counting sort by shard; each shard's sorted by bytes on the
    // thread that writes it).
    std::vector<uint64_t> hashes(terms);
    std::vector<size_t> start(shards + 1, 0);
    for (uint32_t i = 0; i < terms; ++i) {
      hashes[i] = search_hash(index.term(i));
      ++start[(hashes[i] & (shards - 1)) + 1];
      stats.postings += index.postings[i].size();
    }
    for (uint32_t sh = 0; sh < shards; ++sh) start[sh + 1] += start[sh];
    std::vector<uint32_t> order(terms);
    {
      std::vector<size_t> next(start.begin(), start.end() - 1);
      for (uint32_t i = 0; i < terms; ++i) order[next[hashes[i] & (shards - 1)]++] = i;
    }
    const Posting offset = seg.docs.first << 8;
    std::atomic<size_t> chunk_files{0};
    for_each_index(threads_, shards, [&](size_t s) {
      std::sort(order.begin() + static_cast<ptrdiff_t>(start[s]),
                order.begin() + static_cast<ptrdiff_t>(start[s + 1]),
                [&](uint32_t a, uint32_t b) { return index.term(a) < index.term(b); });
      std::string out = "{";
      std::vector<Posting> postings, scratch;
      std::vector<char> text;
      // Terms in byte order are all over the dictionary: each one's list is prefetched 16
      // terms ahead, and its bytes 8 ahead.
      const size_t end = start[s + 1];
      for (size_t i = start[s]; i < end && i < start[s] + 16; ++i)
        __builtin_prefetch(&index.postings[order[i]]);
      for (size_t i = start[s]; i < end; ++i) {
        if (i + 16 < end) __builtin_prefetch(&index.postings[order[i + 16]]);
        if (i + 8 < end) index.postings[order[i + 8]].prefetch();
        const uint32_t t = order[i];
        postings.clear();
        index.postings[t].decode(postings);
        index.postings[t].clear();
        for (Posting& p : postings) p += offset;  // the archive's document numbers
        sort_by_impact(postings, scratch);
        const uint32_t chunks = chunk_count(postings.size());
        if (i > start[s]) out += ",\n";
        append_json_string(out, index.term(t));
        out += ":[";
        append_number(out, written_df(postings.size()));
        out += ',';
        append_number(out, chunks);
        if (chunks == 0) {
          out += ',';
          append_postings(out, postings.data(), postings.data() + postings.size(), text);
        }
        out += ']';
        size_t begin = 0, size = kFirstChunk;
        for (uint32_t c = 0; c < chunks; ++c, size *= kChunkGrowth) {
          const size_t stop = std::min(postings.size(), begin + size);
          std::string chunk;
          append_postings(chunk, postings.data() + begin, postings.data() + stop, text);
          chunk += '\n';
          sink_.write(chunk_path(seg.dir, hashes[t], c), chunk);
          begin = stop;
        }
        chunk_files += chunks;
      }
      out += "}\n";
      sink_.write(shard_path(seg.dir, 't', static_cast<uint32_t>(s)), out);
    });
    stats.chunk_files += chunk_files;
  }

  // Adds a segment's terms to the archive's vocabulary (vocabulary_, with each term's df over
  // the archive in dfs_), which the prefixes' completions are drawn from.
  void add_to_vocabulary(const TermPostings& index, std::string& kept) {
    for (uint32_t i = 0; i < index.size(); ++i) {
      const std::string_view term = index.term(i);
      const auto df = static_cast<uint32_t>(index.postings[i].size());
      add_term(term, df);
      append_varint(kept, term.size());
      kept += term;
      append_varint(kept, df);
    }
  }

  // Adds the terms a segment kept (SearchSegmentInputs::terms, well formed).
  void add_to_vocabulary(std::string_view kept) {
    for_each_kept_term(kept, [&](std::string_view term, uint32_t df) { add_term(term, df); });
  }

  void add_term(std::string_view term, uint32_t df) {
    if (vocabulary_slots_.empty()) vocabulary_slots_.assign(1024, UINT32_MAX);
    if ((vocabulary_.size() + 1) * 2 > vocabulary_slots_.size()) grow_vocabulary();
    const size_t mask = vocabulary_slots_.size() - 1;
    size_t slot = search_hash(term) & mask;
    while (vocabulary_slots_[slot] != UINT32_MAX &&
           vocabulary_.term(vocabulary_slots_[slot]) != term)
      slot = (slot + 1) & mask;
    if (vocabulary_slots_[slot] == UINT32_MAX) {
      vocabulary_slots_[slot] = static_cast<uint32_t>(vocabulary_.size());
      vocabulary_.bytes += term;
      vocabulary_.ends.push_back(static_cast<uint32_t>(vocabulary_.bytes.size()));
      dfs_.push_back(0);
    }
    dfs_[vocabulary_slots_[slot]] += df;
  }

  void grow_vocabulary() {
    std::vector<uint32_t> slots(vocabulary_slots_.size() * 2, UINT32_MAX);
    const size_t mask = slots.size() - 1;
    for (uint32_t id = 0; id < vocabulary_.size(); ++id) {
      size_t slot = search_hash(vocabulary_.term(id)) & mask;
      while (slots[slot] != UINT32_MAX) slot = (slot + 1) & mask;
      slots[slot] = id;
    }
    vocabulary_slots_.swap(slots);
  }

  void write_prefixes(SearchIndexStats& stats) {
    // The archive's vocabulary, each term's df over the archive written as the format rounds
    // it (the postings were freed as they were written). Each term longer than its first
    // kPrefixChars code points is a completion of that prefix; the prefixes are numbered
    // through a hash map, the terms grouped by prefix and the prefixes by shard with counting
    // sorts, and only each shard's prefixes and each prefix's terms are sorted.
    const TermPostings& index = vocabulary_;
    for (uint32_t& df : dfs_) df = written_df(df);
    std::unordered_map<std::string_view, uint32_t> prefix_ids;
    std::vector<std::string_view> prefixes;
    std::vector<uint32_t> prefix_of(index.size(), UINT32_MAX);
    for (uint32_t i = 0; i < index.size(); ++i) {
      std::string_view t = index.term(i);
      size_t bytes = 0, chars = 0;
      while (bytes < t.size() && chars < kPrefixChars) {
        ++bytes;
        while (bytes < t.size() && (static_cast<unsigned char>(t[bytes]) & 0xC0) == 0x80) ++bytes;
        ++chars;
      }
      if (chars < kPrefixChars || bytes == t.size()) continue;  // a longer term than its prefix
      const auto [it, added] =
          prefix_ids.emplace(t.substr(0, bytes), static_cast<uint32_t>(prefixes.size()));
      if (added) prefixes.push_back(it->first);
      prefix_of[i] = it->second;
    }
    std::unordered_map<std::string_view, uint32_t>().swap(prefix_ids);
    const uint32_t shards = shard_count(prefixes.size(), kPrefixesPerShard);
    stats.prefix_shards = shards;
    // Each prefix's terms (CSR: term_start by prefix), then each shard's prefixes.
    std::vector<uint32_t> term_start(prefixes.size() + 1, 0);
    for (uint32_t p : prefix_of)
      if (p != UINT32_MAX) ++term_start[p + 1];
    for (size_t p = 0; p < prefixes.size(); ++p) term_start[p + 1] += term_start[p];
    std::vector<uint32_t> terms_by_prefix(term_start.back());
    {
      std::vector<uint32_t> next(term_start.begin(), term_start.end() - 1);
      for (uint32_t i = 0; i < index.size(); ++i)
        if (prefix_of[i] != UINT32_MAX) terms_by_prefix[next[prefix_of[i]]++] = i;
    }
    std::vector<uint32_t>().swap(prefix_of);
    std::vector<uint32_t> shard_start(shards + 1, 0), shard_of(prefixes.size());
    for (size_t p = 0; p < prefixes.size(); ++p) {
      shard_of[p] = static_cast<uint32_t>(search_hash(prefixes[p]) & (shards - 1));
      ++shard_start[shard_of[p] + 1];
    }
    for (uint32_t sh = 0; sh < shards; ++sh) shard_start[sh + 1] += shard_start[sh];
    std::vector<uint32_t> prefixes_by_shard(prefixes.size());
    {
      std::vector<uint32_t> next(shard_start.begin(), shard_start.end() - 1);
      for (uint32_t p = 0; p < prefixes.size(); ++p) prefixes_by_shard[next[shard_of[p]]++] = p;
    }
    for_each_index(threads_, shards, [&](size_t s) {
      const auto first = prefixes_by_shard.begin() + shard_start[s];
      const auto last = prefixes_by_shard.begin() + shard_start[s + 1];
      std::sort(first, last, [&](uint32_t a, uint32_t b) { return prefixes[a] < prefixes[b]; });
      std::string out = "{";
      for (auto p = first; p != last; ++p) {
        // The prefix's kCompletions most frequent terms, by df then bytes.
        const auto begin = terms_by_prefix.begin() + term_start[*p];
        const auto end = terms_by_prefix.begin() + term_start[*p + 1];
        const auto kept = begin + std::min<ptrdiff_t>(end - begin, kCompletions);
        auto before = [&](uint32_t a, uint32_t b) {
          if (dfs_[a] != dfs_[b]) return dfs_[a] > dfs_[b];
          return index.term(a) < index.term(b);
        };
        if (kept != end) std::nth_element(begin, kept, end, before);
        std::sort(begin, kept, before);
        if (p != first) out += ",\n";
        append_json_string(out, prefixes[*p]);
        out += ":[";
        for (auto t = begin; t != kept; ++t) {
          if (t != begin) out += ',';
          append_json_string(out, index.term(*t));
          out += ',';
          append_number(out, dfs_[*t]);
        }
        out += ']';
      }
      out += "}\n";
      sink_.write(shard_path(kSearchDir, 'x', static_cast<uint32_t>(s)), out);
    });
  }

  void write_manifest(const SearchIndexStats& stats) {
    std::string out = "{\"format\":";
    append_number(out, kSearchFormat);
    out += ",\"dir\":";
    append_json_string(out, kSearchDir.substr(std::string_view("search/").size()));
    out += ",\"docs\":";
    append_number(out, stats.docs);
    out += ",\"doc_shard\":";
    append_number(out, kDocsPerShard);
    out += ",\"prefix_shards\":";
    append_number(out, stats.prefix_shards);
    out += ",\"first_chunk\":";
    append_number(out, kFirstChunk);
    out += ",\"chunk_growth\":";
    append_number(out, kChunkGrowth);
    out += ",\"impact_scale\":";
    append_number(out, static_cast<uint64_t>(kImpactScale));
    // Each segment as [first document, end, term shards, key shards]; its folder is s<first>/.
    out += ",\n\"segments\":[";
    for (size_t i = 0; i < segments_.size(); ++i) {
      const SegmentOut& seg = segments_[i];
      if (i) out += ',';
      out += '[';
      append_number(out, seg.docs.first);
      out += ',';
      append_number(out, seg.docs.end);
      out += ',';
      append_number(out, seg.term_shards);
      out += ',';
      append_number(out, seg.key_shards);
      out += ']';
    }
    out += "],\n\"topics\":[";
    for (size_t t = 0; t < archive_.topics.size(); ++t) {
      if (t) out += ',';
      out += '[';
      append_json_string(out, archive_.topics[t].topic->slug);
      out += ',';
      append_json_string(out, archive_.topics[t].topic->name);
      out += ']';
    }
    out += "],\n\"years\":[";
    // Documents are in date order: each year is one range of numbers.
    bool first = true;
    for (size_t d = 0; d < table_.docs.size();) {
      const int y = table_.docs[d].year;
      size_t e = d + 1;
      while (e < table_.docs.size() && table_.docs[e].year == y) ++e;
      if (!first) out += ',';
      first = false;
      out += '[';
      append_number(out, static_cast<uint64_t>(y));
      out += ',';
      append_number(out, d);
      out += ',';
      append_number(out, e - 1);
      out += ']';
      d = e;
    }
    out += "]}\n";
    sink_.write(std::string(kSearchManifest), out);
  }

  const Config& config_;
  const std::vector<PaperRef>& papers_;
  const Archive& archive_;
  OutputWriter& writer_;
  ShardSink sink_;
  unsigned threads_;
  DocTable table_;
  std::vector<SegmentOut> segments_;
  TermPostings vocabulary_;                 // every term of the archive (no postings)
  std::vector<uint32_t> vocabulary_slots_;  // open addressing: term ids by hash
  std::vector<uint32_t> dfs_;               // each term's df over the archive
};

}  // namespace

std::string SearchIndexInputs::encode() const {
  std::string out;
  for (uint64_t n : {hash, files, uint64_t{segments.size()}}) append_varint(out, n);
  for (const SearchSegmentInputs& s : segments) {
    for (uint64_t n :
         {uint64_t{s.first}, uint64_t{s.end}, uint64_t{s.term_shards}, uint64_t{s.key_shards},
          s.hash, s.files, s.postings, s.keys, s.chunk_files, uint64_t{s.terms.size()}})
      append_varint(out, n);
    out += s.terms;
  }
  return out;
}

std::optional<SearchIndexInputs> SearchIndexInputs::decode(std::string_view payload) {
  SearchIndexInputs in;
  uint64_t count = 0;
  if (!read_varint(payload, in.hash) || !read_varint(payload, in.files) ||
      !read_varint(payload, count) || count > payload.size())
    return std::nullopt;
  for (uint64_t i = 0; i < count; ++i) {
    SearchSegmentInputs s;
    uint64_t n[10];
    for (uint64_t& v : n)
      if (!read_varint(payload, v)) return std::nullopt;
    if (n[0] > UINT32_MAX || n[1] > UINT32_MAX || n[2] > UINT32_MAX || n[3] > UINT32_MAX ||
        n[9] > payload.size())
      return std::nullopt;
    s.first = static_cast<uint32_t>(n[0]);
    s.end = static_cast<uint32_t>(n[1]);
    s.term_shards = static_cast<uint32_t>(n[2]);
    s.key_shards = static_cast<uint32_t>(n[3]);
    s.hash = n[4];
    s.files = n[5];
    s.postings = n[6];
    s.keys = n[7];
    s.chunk_files = n[8];
    s.terms.assign(payload.substr(0, n[9]));
    payload.remove_prefix(n[9]);
    in.segments.push_back(std::move(s));
  }
  if (!payload.empty()) return std::nullopt;
  return in;
}

Status write_search_index(const Config& config, const std::vector<PaperRef>& papers,
                          const Archive& archive, OutputWriter& writer, unsigned threads,
                          SearchIndexStats* stats, const std::optional<SearchIndexInputs>& previous,
                          SearchIndexInputs* made) {
  SearchIndexStats local;
  SearchIndexInputs inputs;
  IndexWriter index(config, papers, archive, writer, threads);
  Status st = index.write(local, previous, inputs);
  if (stats) *stats = local;
  if (made) *made = inputs;
  return st;
}

}  // namespace paperpress
