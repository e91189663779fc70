#include "runner/workload/mop_encoding.h"

#include <array>

namespace isocheck::runner {

namespace {

// Indexed by MopKind.
constexpr std::array kProtoKinds{
    proto::Mop::APPEND, proto::Mop::READ_LIST,      proto::Mop::WRITE,  proto::Mop::READ_REGISTER,
    proto::Mop::ADJUST, proto::Mop::PREDICATE_READ, proto::Mop::INSERT, proto::Mop::DELETE,
    proto::Mop::UPDATE, proto::Mop::READ_ROW,
};
static_assert(static_cast<size_t>(MopKind::kReadRow) + 1 == kProtoKinds.size());

// Indexed by Aggregate.
constexpr std::array kProtoAggregates{
    proto::Mop::ROWS,
    proto::Mop::COUNT,
    proto::Mop::SUM_KEYS,
};

// Indexed by PredicateKind.
constexpr std::array kProtoPredicateKinds{
    proto::Predicate::ALL,
    proto::Predicate::GROUP,
    proto::Predicate::KEY_RANGE,
};

}  // namespace

proto::Mop::Kind proto_mop_kind(MopKind kind) { return kProtoKinds[static_cast<size_t>(kind)]; }

void set_planned_mops(const TxnPlan& plan, proto::Event& event) {
  auto* mops = event.mutable_mops();
  mops->Clear();
  for (const PlannedMop& m : plan.mops) {
    proto::Mop* out = mops->Add();
    out->set_kind(proto_mop_kind(m.kind));
    out->set_key(m.key);
    switch (m.kind) {
      case MopKind::kReadList:
      case MopKind::kReadRegister:
      case MopKind::kDelete:
      case MopKind::kReadRow:
        break;
      case MopKind::kPredicateRead: {
        proto::Predicate& p = *out->mutable_predicate();
        p.set_kind(kProtoPredicateKinds[static_cast<size_t>(m.predicate.kind)]);
        p.set_group(m.predicate.group);
        p.set_key_low(m.predicate.key_low);
        p.set_key_high(m.predicate.key_high);
        p.set_max_rows(m.predicate.max_rows);
        out->set_aggregate(kProtoAggregates[static_cast<size_t>(m.aggregate)]);
        break;
      }
      case MopKind::kInsert:
      case MopKind::kUpdate:
        out->set_value(m.value);
        out->set_group(m.group);
        break;
      case MopKind::kAppend:
      case MopKind::kWrite:
      case MopKind::kAdjust:
        out->set_value(m.value);
        break;
    }
  }
}

}  // namespace isocheck::runner
