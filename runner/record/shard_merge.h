// ShardMerger: joins the per-process shard files of one run into a single
// history.
//
// When a run uses several worker processes, each records its own shard with
// its own HistoryRecorder: the same header (marked as a shard, a mark the
// merged file drops), its own indices from 0, times
// from the machine-wide CLOCK_MONOTONIC. The merged history orders events by
// (time_ns, shard position, shard index) — shard indices keep each worker's
// own order among equal times — and numbers them afresh from 0. Fault
// records (the nemesis's, in the parent's shard) are merged in by their
// time, unchanged.
//
// Streams with one record per shard in memory, so shard size is not bounded
// by RAM. A shard cut by a killed worker contributes its whole records and
// is listed in the summary; an empty shard (the worker died before its
// header) contributes nothing. Shards whose identity differs (magic, format
// version, workload, isolation, seed), a missing header, or times/indices
// going backwards within a shard throw std::runtime_error naming the shard
// file, the record and the field.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace isocheck::runner {

struct ShardMergeSummary {
  uint64_t events = 0;
  std::vector<std::string> cut_shards;    // ended in a cut record
  std::vector<std::string> empty_shards;  // no header at all
};

class ShardMerger {
 public:
  explicit ShardMerger(std::vector<std::string> shard_paths);

  // Writes the merged history to `output_path` (created or truncated; must
  // not be one of the shards). The header is the first shard's, with the
  // earliest start_unix_ns of all shards.
  ShardMergeSummary merge_into(const std::string& output_path) const;

 private:
  std::vector<std::string> shard_paths_;
};

}  // namespace isocheck::runner
