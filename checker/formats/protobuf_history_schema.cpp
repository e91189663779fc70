#include "checker/formats/protobuf_history_schema.h"

#include <fmt/format.h>

#include <array>

#include "checker/formats/load_error.h"

namespace isocheck {
namespace {

struct MopKindPair {
  proto::Mop::Kind wire;
  MopKind kind;
};

constexpr std::array<MopKindPair, 10> kMopKinds{{
    {proto::Mop::APPEND, MopKind::kAppend},
    {proto::Mop::READ_LIST, MopKind::kReadList},
    {proto::Mop::WRITE, MopKind::kWrite},
    {proto::Mop::READ_REGISTER, MopKind::kReadRegister},
    {proto::Mop::ADJUST, MopKind::kAdjust},
    {proto::Mop::PREDICATE_READ, MopKind::kPredicateRead},
    {proto::Mop::INSERT, MopKind::kInsert},
    {proto::Mop::DELETE, MopKind::kDelete},
    {proto::Mop::UPDATE, MopKind::kUpdate},
    {proto::Mop::READ_ROW, MopKind::kReadRow},
}};

struct PredicateKindPair {
  proto::Predicate::Kind wire;
  PredicateKind kind;
};

constexpr std::array<PredicateKindPair, 3> kPredicateKinds{{
    {proto::Predicate::ALL, PredicateKind::kAll},
    {proto::Predicate::GROUP, PredicateKind::kGroup},
    {proto::Predicate::KEY_RANGE, PredicateKind::kKeyRange},
}};

struct AggregatePair {
  proto::Mop::Aggregate wire;
  Aggregate aggregate;
};

constexpr std::array<AggregatePair, 3> kAggregates{{
    {proto::Mop::ROWS, Aggregate::kRows},
    {proto::Mop::COUNT, Aggregate::kCount},
    {proto::Mop::SUM_KEYS, Aggregate::kSumKeys},
}};

struct EventTypePair {
  proto::Event::Type wire;
  EventType type;
};

constexpr std::array<EventTypePair, 4> kEventTypes{{
    {proto::Event::INVOKE, EventType::kInvoke},
    {proto::Event::OK, EventType::kOk},
    {proto::Event::FAIL, EventType::kFail},
    {proto::Event::INFO, EventType::kInfo},
}};

struct FaultPhasePair {
  proto::Fault::Phase wire;
  FaultPhase phase;
};

constexpr std::array<FaultPhasePair, 2> kFaultPhases{{
    {proto::Fault::START, FaultPhase::kStart},
    {proto::Fault::HEAL, FaultPhase::kHeal},
}};

struct EpochPhasePair {
  proto::Epoch::Phase wire;
  EpochPhase phase;
};

constexpr std::array<EpochPhasePair, 2> kEpochPhases{{
    {proto::Epoch::OPEN, EpochPhase::kOpen},
    {proto::Epoch::CLOSED, EpochPhase::kClosed},
}};

}  // namespace

void header_from_proto(const proto::Header& in, HistoryHeader& out, std::string_view file,
                       std::string_view where) {
  if (in.magic() != kHistoryMagic)
    throw LoadError(file, where, "header",
                    fmt::format("magic is \"{}\", expected \"{}\"", in.magic(), kHistoryMagic));
  if (in.format_version() < 1 || in.format_version() > kHistoryFormatVersion)
    throw LoadError(file, where, "header",
                    fmt::format("format_version {} is not one this isocheck reads (1 to {})",
                                in.format_version(), kHistoryFormatVersion));
  if (in.has_shard())
    throw LoadError(file, where, "header.shard",
                    fmt::format("this is shard {} of {} of a multi-process run, not a whole "
                                "history: check the merged file `isocheck run` writes",
                                in.shard().index() + 1, in.shard().count()));
  out.format_version = in.format_version();
  out.workload = parse_workload(in.workload());
  if (out.workload == Workload::kUnknown && !in.workload().empty())
    throw LoadError(file, where, "header", fmt::format("unknown workload \"{}\"", in.workload()));
  out.isolation = in.isolation();
  out.database_version = in.database_version();
  out.settings.clear();
  for (const auto& [k, v] : in.settings()) out.settings.emplace(k, v);
  out.seed = in.seed();
  out.tool_version = in.tool_version();
  out.start_unix_ns = in.start_unix_ns();
  out.bank_accounts = in.bank_accounts();
  out.bank_total = in.bank_total();
  out.statements.clear();
  for (const auto& [k, v] : in.statements()) out.statements.emplace(k, v);
  out.table = in.table();
}

void header_to_proto(const HistoryHeader& in, proto::Header& out) {
  out.set_magic(std::string(kHistoryMagic));
  out.set_format_version(kHistoryFormatVersion);
  if (in.workload != Workload::kUnknown) out.set_workload(workload_name(in.workload));
  out.set_isolation(in.isolation);
  out.set_database_version(in.database_version);
  for (const auto& [k, v] : in.settings) (*out.mutable_settings())[k] = v;
  out.set_seed(in.seed);
  out.set_tool_version(in.tool_version);
  out.set_start_unix_ns(in.start_unix_ns);
  out.set_bank_accounts(in.bank_accounts);
  out.set_bank_total(in.bank_total);
  for (const auto& [k, v] : in.statements) (*out.mutable_statements())[k] = v;
  out.set_table(in.table);
}

std::optional<std::string> event_to_builder(const proto::Event& in, HistoryBuilder& builder) {
  const EventTypePair* type = nullptr;
  for (const EventTypePair& t : kEventTypes)
    if (t.wire == in.type()) type = &t;
  if (!type) return fmt::format("type: unknown event type {}", static_cast<int>(in.type()));
  builder.begin_event({in.index(), in.process(), type->type, in.time_ns()});
  for (int i = 0; i < in.mops_size(); ++i) {
    const proto::Mop& m = in.mops(i);
    const MopKindPair* kind = nullptr;
    for (const MopKindPair& k : kMopKinds)
      if (k.wire == m.kind()) kind = &k;
    if (!kind)
      return fmt::format("mops[{}].kind: unknown micro-op kind {}", i, static_cast<int>(m.kind()));
    if (is_row_mop_kind(kind->kind)) {
      Predicate predicate;
      if (kind->kind == MopKind::kPredicateRead) {
        const proto::Predicate& p = m.predicate();
        const PredicateKindPair* pk = nullptr;
        for (const PredicateKindPair& k : kPredicateKinds)
          if (k.wire == p.kind()) pk = &k;
        if (!pk)
          return fmt::format("mops[{}].predicate.kind: unknown predicate kind {}", i,
                             static_cast<int>(p.kind()));
        predicate = {pk->kind, p.group(), p.key_low(), p.key_high(), p.max_rows()};
        const AggregatePair* ag = nullptr;
        for (const AggregatePair& a : kAggregates)
          if (a.wire == m.aggregate()) ag = &a;
        if (!ag)
          return fmt::format("mops[{}].aggregate: unknown aggregate {}", i,
                             static_cast<int>(m.aggregate()));
        if (ag->aggregate != Aggregate::kRows) {
          if (m.has_result() && m.rows_size() > 0)
            return fmt::format("mops[{}].rows: an aggregate returns a number, not rows", i);
          builder.add_aggregate_read(predicate, ag->aggregate, m.has_result(), m.value());
          continue;
        }
      }
      builder.add_row_mop(kind->kind, m.key(), m.value(), predicate, m.group(), m.has_result());
      if (m.has_result())
        for (const proto::Row& r : m.rows()) builder.push_row({r.key(), r.value(), r.group()});
    } else if (kind->kind == MopKind::kReadList && m.has_result()) {
      builder.add_list_read(m.key(), std::span<const int64_t>(m.list().data(), m.list_size()));
    } else if (kind->kind == MopKind::kReadRegister && m.has_result()) {
      builder.add_register_read(m.key(), m.value(), m.is_nil());
    } else {
      builder.add_mop(kind->kind, m.key(), m.value());
    }
  }
  if (!in.sqlstate().empty() || !in.message().empty())
    builder.set_error(in.sqlstate(), in.message());
  if (in.final_read()) builder.set_final_read();
  return std::nullopt;
}

void row_mop_to_proto(const History& h, const Mop& mop, bool with_result, proto::Mop& m) {
  const RowMop& r = h.row_mop_of(mop);
  if (mop.kind == MopKind::kPredicateRead) {
    proto::Predicate& p = *m.mutable_predicate();
    for (const PredicateKindPair& k : kPredicateKinds)
      if (k.kind == r.predicate.kind) p.set_kind(k.wire);
    p.set_group(r.predicate.group);
    p.set_key_low(r.predicate.key_low);
    p.set_key_high(r.predicate.key_high);
    p.set_max_rows(r.predicate.max_rows);
    for (const AggregatePair& a : kAggregates)
      if (a.aggregate == r.aggregate) m.set_aggregate(a.wire);
    if (r.aggregate != Aggregate::kRows) {
      if (!with_result || !mop.has_result) return;
      m.set_has_result(true);
      m.set_value(mop.value);
      return;
    }
  }
  if (mop.kind == MopKind::kInsert || mop.kind == MopKind::kUpdate) {
    m.set_value(mop.value);
    m.set_group(r.group);
  }
  if (!with_result || !mop.has_result) return;
  m.set_has_result(true);
  for (const Row& row : h.rows_of(mop)) {
    proto::Row& out = *m.add_rows();
    out.set_key(row.key);
    out.set_value(row.value);
    out.set_group(row.group);
  }
}

std::optional<std::string> fault_to_builder(const proto::Fault& in, HistoryBuilder& builder) {
  const FaultPhasePair* phase = nullptr;
  for (const FaultPhasePair& p : kFaultPhases)
    if (p.wire == in.phase()) phase = &p;
  if (!phase) return fmt::format("fault.phase: unknown phase {}", static_cast<int>(in.phase()));
  return builder.add_fault({in.kind(), phase->phase, in.target(), in.detail(), in.time_ns()});
}

void fault_to_proto(const Fault& in, proto::Fault& out) {
  out.set_kind(in.kind);
  for (const FaultPhasePair& p : kFaultPhases)
    if (p.phase == in.phase) out.set_phase(p.wire);
  out.set_target(in.target);
  out.set_detail(in.detail);
  out.set_time_ns(in.time_ns);
}

std::optional<std::string> epoch_from_proto(const proto::Epoch& in, EpochMark& out) {
  const EpochPhasePair* phase = nullptr;
  for (const EpochPhasePair& p : kEpochPhases)
    if (p.wire == in.phase()) phase = &p;
  if (!phase) return fmt::format("epoch.phase: unknown phase {}", static_cast<int>(in.phase()));
  out = EpochMark{};
  out.number = in.number();
  out.phase = phase->phase;
  out.key_low = in.key_low();
  out.key_end = in.key_end();
  out.time_ns = in.time_ns();
  return std::nullopt;
}

std::optional<std::string> epoch_to_builder(const proto::Epoch& in, HistoryBuilder& builder) {
  EpochMark mark;
  if (auto problem = epoch_from_proto(in, mark)) return problem;
  return builder.add_epoch(mark);
}

void epoch_to_proto(const EpochMark& in, proto::Epoch& out) {
  out.set_number(in.number);
  for (const EpochPhasePair& p : kEpochPhases)
    if (p.phase == in.phase) out.set_phase(p.wire);
  out.set_key_low(in.key_low);
  out.set_key_end(in.key_end);
  out.set_time_ns(in.time_ns);
}

std::optional<std::string> session_to_builder(const proto::Session& in, HistoryBuilder& builder) {
  return builder.add_session({in.process(), in.backend_pid(), in.level(), in.time_ns()});
}

void session_to_proto(const Session& in, proto::Session& out) {
  out.set_process(in.process);
  out.set_backend_pid(in.backend_pid);
  out.set_level(in.level);
  out.set_time_ns(in.time_ns);
}

void mop_to_proto(const History& h, const Mop& mop, bool with_result, proto::Event& out) {
  proto::Mop* m = out.add_mops();
  for (const MopKindPair& k : kMopKinds)
    if (k.kind == mop.kind) m->set_kind(k.wire);
  m->set_key(mop.key);
  if (is_row_mop_kind(mop.kind)) {
    row_mop_to_proto(h, mop, with_result, *m);
    return;
  }
  if (mop.is_write()) {
    m->set_value(mop.value);
    return;
  }
  if (!with_result || !mop.has_result) return;
  m->set_has_result(true);
  if (mop.kind == MopKind::kReadList) {
    for (int64_t v : h.list_of(mop)) m->add_list(v);
  } else if (mop.is_nil) {
    m->set_is_nil(true);
  } else {
    m->set_value(mop.value);
  }
}

}  // namespace isocheck
