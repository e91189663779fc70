#include "runner/record/shard_merge.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <optional>
#include <queue>
#include <stdexcept>
#include <tuple>

#include "checker/formats/protobuf_stream_writer.h"
#include "checker/formats/record_stream_reader.h"

namespace isocheck::runner {
namespace {

// The header fields that say which run a shard belongs to, and so must
// agree across shards.
struct IdentityField {
  const char* name;
  std::function<std::string(const proto::Header&)> value;
};

const IdentityField kIdentityFields[] = {
    {"magic", [](const proto::Header& h) { return h.magic(); }},
    {"format_version", [](const proto::Header& h) { return std::to_string(h.format_version()); }},
    {"workload", [](const proto::Header& h) { return h.workload(); }},
    {"isolation", [](const proto::Header& h) { return h.isolation(); }},
    {"seed", [](const proto::Header& h) { return std::to_string(h.seed()); }},
};

struct ShardCursor {
  size_t shard = 0;
  std::unique_ptr<RecordStreamReader> reader;
  proto::Record current;
  std::optional<int64_t> previous_time;
  std::optional<uint64_t> previous_index;

  const proto::Event& event() const { return current.event(); }
  // Events, faults and sessions share the clock; only events have an index.
  int64_t time_ns() const {
    if (current.has_fault()) return current.fault().time_ns();
    if (current.has_session()) return current.session().time_ns();
    return event().time_ns();
  }
  uint64_t position() const { return reader->records_read(); }

  // Moves to the next event, fault or session; false at the end. Checks
  // the shard's own order.
  bool advance() {
    if (!current.has_header() && current.body_case() != proto::Record::BODY_NOT_SET)
      previous_time = time_ns();
    if (current.has_event()) previous_index = event().index();
    if (!reader->next(current)) return false;
    auto where = [&] {
      return reader->path() + ": record " + std::to_string(reader->records_read()) + ": ";
    };
    if (current.has_header() || current.body_case() == proto::Record::BODY_NOT_SET)
      throw std::runtime_error(where() + "expected an event, a fault or a session, found " +
                               (current.has_header() ? "a header" : "an empty record"));
    if (previous_time && time_ns() < *previous_time) {
      throw std::runtime_error(where() + "field time_ns goes backwards (" +
                               std::to_string(time_ns()) + " after " +
                               std::to_string(*previous_time) + ")");
    }
    if (!current.has_event()) return true;
    if (previous_index && event().index() <= *previous_index) {
      throw std::runtime_error(where() + "field index does not increase (" +
                               std::to_string(event().index()) + " after " +
                               std::to_string(*previous_index) + ")");
    }
    return true;
  }
};

}  // namespace

ShardMerger::ShardMerger(std::vector<std::string> shard_paths)
    : shard_paths_(std::move(shard_paths)) {}

ShardMergeSummary ShardMerger::merge_into(const std::string& output_path) const {
  if (std::find(shard_paths_.begin(), shard_paths_.end(), output_path) != shard_paths_.end()) {
    throw std::runtime_error(output_path + ": the merged history cannot overwrite a shard");
  }
  ShardMergeSummary summary;
  std::vector<ShardCursor> cursors;
  std::optional<proto::Header> header;
  std::string header_source;
  for (size_t shard = 0; shard < shard_paths_.size(); ++shard) {
    ShardCursor cursor{
        shard, std::make_unique<RecordStreamReader>(shard_paths_[shard]), {}, {}, {}};
    proto::Record first;
    if (!cursor.reader->next(first)) {
      summary.empty_shards.push_back(shard_paths_[shard]);
      continue;
    }
    if (!first.has_header()) {
      throw std::runtime_error(shard_paths_[shard] + ": record 1: expected the header");
    }
    if (!header) {
      header = first.header();
      header_source = shard_paths_[shard];
    }
    for (const IdentityField& field : kIdentityFields) {
      if (field.value(first.header()) != field.value(*header)) {
        throw std::runtime_error(shard_paths_[shard] + ": record 1: header field " + field.name +
                                 " is \"" + field.value(first.header()) + "\" but " +
                                 header_source + " has \"" + field.value(*header) + "\"");
      }
    }
    if (first.header().start_unix_ns() != 0 &&
        (header->start_unix_ns() == 0 ||
         first.header().start_unix_ns() < header->start_unix_ns())) {
      header->set_start_unix_ns(first.header().start_unix_ns());
    }
    cursors.push_back(std::move(cursor));
  }
  if (!header) throw std::runtime_error(output_path + ": no shard holds a header to merge");

  // The merged file is a whole history, no longer a shard.
  header->clear_shard();
  ProtobufStreamWriter writer(output_path);
  proto::Record out;
  *out.mutable_header() = *header;
  writer.write(out);

  auto later = [&](size_t a, size_t b) {
    return std::tuple(cursors[a].time_ns(), cursors[a].shard, cursors[a].position()) >
           std::tuple(cursors[b].time_ns(), cursors[b].shard, cursors[b].position());
  };
  std::priority_queue<size_t, std::vector<size_t>, decltype(later)> queue(later);
  for (size_t i = 0; i < cursors.size(); ++i) {
    if (cursors[i].advance()) queue.push(i);
  }
  while (!queue.empty()) {
    size_t i = queue.top();
    queue.pop();
    if (!cursors[i].current.has_event()) {
      writer.write(cursors[i].current);
      if (cursors[i].advance()) queue.push(i);
      continue;
    }
    proto::Event* event = out.mutable_event();
    *event = cursors[i].event();
    event->set_index(summary.events++);
    writer.write(out);
    if (writer.buffered_bytes() >= (4u << 20)) writer.flush();
    if (cursors[i].advance()) queue.push(i);
  }
  for (const ShardCursor& cursor : cursors) {
    if (cursor.reader->cut_at_end()) summary.cut_shards.push_back(cursor.reader->path());
  }
  writer.close();
  return summary;
}

}  // namespace isocheck::runner
