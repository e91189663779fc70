#include "bench/lib/anomaly_script.h"

#include <charconv>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace isocheck::bench {
namespace {

// Spacing between a recipe's events: comparable to a simulated client's
// think and service times.
constexpr int64_t kStepNs = 100'000;

struct ScriptMop {
  MopKind kind = MopKind::kAppend;
  char key = 0;
  int64_t value = 0;  // writes and register reads
  bool is_nil = false;
  std::vector<int64_t> list;
};

[[noreturn]] void malformed(std::string_view text, std::string_view why) {
  throw std::logic_error("anomaly recipe \"" + std::string(text) + "\": " + std::string(why));
}

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view part = s.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) parts.push_back(part);
    start = end + 1;
  }
  return parts;
}

int64_t parse_int(std::string_view text, std::string_view token) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), v);
  if (ec != std::errc() || end != token.data() + token.size()) malformed(text, "not a number");
  return v;
}

std::vector<ScriptMop> parse_mops(std::string_view text) {
  std::vector<ScriptMop> mops;
  for (std::string_view mop : split(text, ',')) {
    std::vector<std::string_view> words = split(mop, ' ');
    if (words.size() < 3 || words[1].size() != 1) malformed(text, "expected: op key value");
    ScriptMop m;
    m.key = words[1][0];
    if (words[0] == "a" || words[0] == "w") {
      if (words.size() != 3) malformed(text, "a write takes one value");
      m.kind = words[0] == "a" ? MopKind::kAppend : MopKind::kWrite;
      m.value = parse_int(text, words[2]);
    } else if (words[0] == "r" && words[2].front() == '[') {
      m.kind = MopKind::kReadList;
      std::string_view rest = mop.substr(mop.find('[') + 1);
      if (rest.empty() || rest.back() != ']') malformed(text, "unclosed list");
      rest.remove_suffix(1);
      for (std::string_view v : split(rest, ' ')) m.list.push_back(parse_int(text, v));
    } else if (words[0] == "r" && words.size() == 3) {
      m.kind = MopKind::kReadRegister;
      m.is_nil = words[2] == "nil";
      if (!m.is_nil) m.value = parse_int(text, words[2]);
    } else {
      malformed(text, "unknown micro-op");
    }
    mops.push_back(std::move(m));
  }
  return mops;
}

}  // namespace

InjectionSite emit_recipe(const AnomalyRecipe& recipe, EventWriter& writer, SimulatedDatabase& db,
                          int64_t& next_process) {
  std::vector<std::vector<ScriptMop>> txns;
  for (const RecipeTxn& t : recipe.txns) txns.push_back(parse_mops(t.mops));
  std::map<int, int64_t> processes;
  for (const RecipeTxn& t : recipe.txns)
    if (!processes.contains(t.process)) processes[t.process] = next_process++;
  std::map<char, int64_t> keys;
  for (const auto& mops : txns)
    for (const ScriptMop& m : mops)
      if (!keys.contains(m.key)) keys[m.key] = db.fresh_key();

  InjectionSite site{writer.invocations(), recipe.txns.size()};
  int64_t time = writer.last_time();
  for (std::string_view step : split(recipe.order, ' ')) {
    if (step.size() < 2 || (step[0] != '+' && step[0] != '-')) malformed(recipe.order, "bad step");
    int64_t i = parse_int(recipe.order, step.substr(1));
    if (i < 0 || static_cast<size_t>(i) >= txns.size()) malformed(recipe.order, "no such txn");
    const RecipeTxn& t = recipe.txns[i];
    HistoryBuilder& b = writer.builder();
    time += kStepNs;
    bool invoke = step[0] == '+';
    EventType type = invoke                         ? EventType::kInvoke
                     : t.status == TxnStatus::kOk   ? EventType::kOk
                     : t.status == TxnStatus::kFail ? EventType::kFail
                                                    : EventType::kInfo;
    time = writer.begin(processes[t.process], type, time);
    if (t.final_read) b.set_final_read();
    if (type == EventType::kFail) b.set_error("40001", "could not serialize access");
    if (invoke || type == EventType::kOk) {
      for (const ScriptMop& m : txns[i]) {
        int64_t key = keys[m.key];
        if (invoke || m.kind == MopKind::kAppend || m.kind == MopKind::kWrite)
          b.add_mop(m.kind, key, m.value);
        else if (m.kind == MopKind::kReadList)
          b.add_list_read(key, m.list);
        else
          b.add_register_read(key, m.value, m.is_nil);
      }
    }
    writer.end();
  }
  return site;
}

}  // namespace isocheck::bench
