// Conversions between proto/history.proto messages and the in-memory
// History, shared by the protobuf reader and writer so that both sides
// agree field by field.
//
// header_from_proto and event_to_builder validate what protobuf itself
// cannot (magic, version, enum values, workload names).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "checker/history/history.h"
#include "checker/history/history_builder.h"
#include "proto/history.pb.h"

namespace isocheck {

inline constexpr std::string_view kHistoryMagic = "isocheck-history";
// The version this isocheck writes; it reads every version from 1 up to it
// (proto/README.md lists what each added).
inline constexpr uint32_t kHistoryFormatVersion = 2;

void header_from_proto(const proto::Header& in, HistoryHeader& out, std::string_view file,
                       std::string_view where);
void header_to_proto(const HistoryHeader& in, proto::Header& out);

// Begins an event in `builder` and adds its micro-ops, error and final-read
// mark; the caller calls end_event(). Returns "<field>: <problem>" for an
// unknown enum value (the hot path formats no location unless it fails).
std::optional<std::string> event_to_builder(const proto::Event& in, HistoryBuilder& builder);

// A fault record's content; returns "fault.<field>: <problem>" for an
// unknown phase or a missing kind.
std::optional<std::string> fault_to_builder(const proto::Fault& in, HistoryBuilder& builder);
void fault_to_proto(const Fault& in, proto::Fault& out);
std::optional<std::string> session_to_builder(const proto::Session& in, HistoryBuilder& builder);
void session_to_proto(const Session& in, proto::Session& out);

// An epoch mark's content; returns "epoch.<field>: <problem>" for an unknown
// phase or a mark out of sequence.
std::optional<std::string> epoch_to_builder(const proto::Epoch& in, HistoryBuilder& builder);
// The mark alone (events_before 0); "epoch.phase: ..." for an unknown phase.
std::optional<std::string> epoch_from_proto(const proto::Epoch& in, EpochMark& out);
void epoch_to_proto(const EpochMark& in, proto::Epoch& out);

// Appends `mop` to `out`; with `with_result` false, a read goes out as an
// invocation's read (result unknown).
void mop_to_proto(const History& h, const Mop& mop, bool with_result, proto::Event& out);
// The predicate workload's part of mop_to_proto: predicate, group, rows.
void row_mop_to_proto(const History& h, const Mop& mop, bool with_result, proto::Mop& out);

}  // namespace isocheck
