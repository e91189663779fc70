#include "runner/workload/mop_encoding.h"

#include <array>

namespace isocheck::runner {

namespace {

// Indexed by MopKind.
constexpr std::array kProtoKinds{
    proto::Mop::APPEND,        proto::Mop::READ_LIST, proto::Mop::WRITE,
    proto::Mop::READ_REGISTER, proto::Mop::ADJUST,
};
static_assert(static_cast<size_t>(MopKind::kAdjust) + 1 == kProtoKinds.size());

}  // namespace

proto::Mop::Kind proto_mop_kind(MopKind kind) { return kProtoKinds[static_cast<size_t>(kind)]; }

void set_planned_mops(const TxnPlan& plan, proto::Event& event) {
  auto* mops = event.mutable_mops();
  mops->Clear();
  for (const PlannedMop& m : plan.mops) {
    proto::Mop* out = mops->Add();
    out->set_kind(proto_mop_kind(m.kind));
    out->set_key(m.key);
    bool is_read = m.kind == MopKind::kReadList || m.kind == MopKind::kReadRegister;
    if (!is_read) out->set_value(m.value);
  }
}

}  // namespace isocheck::runner
