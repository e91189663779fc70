#include "checker/claims/timeline_chart.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "checker/claims/markup_escape.h"

namespace isocheck {
namespace {

constexpr double kWidth = 640, kHeight = 220;
constexpr double kLeft = 56, kRight = 52, kTop = 28, kBottom = 36;
constexpr double kPlotW = kWidth - kLeft - kRight, kPlotH = kHeight - kTop - kBottom;
constexpr const char* kOkColor = "#1f77b4";
constexpr const char* kAbortColor = "#d62728";
constexpr const char* kFaultColor = "#ffbf00";

// A "nice" axis maximum (1, 2 or 5 times a power of ten) at or above `v`.
double nice_ceiling(double v) {
  if (v <= 0) return 1;
  double p = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * p >= v) return m * p;
  return 10 * p;
}

std::string number_label(double v) {
  return v == std::floor(v) ? fmt::format("{:.0f}", v) : fmt::format("{:.1f}", v);
}

}  // namespace

std::string timeline_svg(const Timeline& timeline, const std::string& title) {
  std::string out = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" width=\"{0}\" height=\"{1}\" "
      "viewBox=\"0 0 {0} {1}\" role=\"img\">\n<title>{2}</title>\n",
      kWidth, kHeight, markup_escape(title));
  const auto& buckets = timeline.buckets;
  if (buckets.empty()) {
    out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">no completions</text>\n",
                       kWidth / 2, kHeight / 2);
    return out + "</svg>\n";
  }
  const double width = timeline.bucket_seconds > 0 ? timeline.bucket_seconds : 1;
  double max_rate = 0;
  for (const TimelineBucket& b : buckets) max_rate = std::max(max_rate, b.ok / width);
  const double y_max = nice_ceiling(max_rate);
  const double duration = static_cast<double>(buckets.size()) * width;
  auto x_of = [&](double seconds) { return kLeft + kPlotW * seconds / duration; };
  auto y_rate = [&](double rate) { return kTop + kPlotH * (1 - rate / y_max); };
  auto y_pct = [&](double pct) { return kTop + kPlotH * (1 - pct / 100); };

  // Fault windows first, so the series are drawn over them.
  for (const TimelineFault& f : timeline.faults) {
    double x = x_of(f.start_seconds);
    double w = std::max(1.0, x_of(f.end_seconds) - x);
    out += fmt::format(
        "<rect class=\"fault-window fault-{0}\" x=\"{1:.1f}\" y=\"{2}\" width=\"{3:.1f}\" "
        "height=\"{4}\" fill=\"{5}\" fill-opacity=\"0.25\"><title>{0} {6:.1f}s to "
        "{7:.1f}s{8}</title></rect>\n",
        markup_escape(f.kind), x, kTop, w, kPlotH, kFaultColor, f.start_seconds, f.end_seconds,
        f.healed ? "" : " (not healed)");
  }
  out += fmt::format(
      "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#999\"/>\n", kLeft,
      kTop, kPlotW, kPlotH);
  // Horizontal grid with both axes' labels: the left in ok/s, the right in %.
  for (int i = 0; i <= 4; ++i) {
    double f = i / 4.0;
    double y = kTop + kPlotH * (1 - f);
    out += fmt::format(
        "<line x1=\"{0}\" x2=\"{1}\" y1=\"{2:.1f}\" y2=\"{2:.1f}\" stroke=\"#eee\"/>\n"
        "<text x=\"{3}\" y=\"{4:.1f}\" text-anchor=\"end\" font-size=\"10\" "
        "fill=\"{5}\">{6}</text>\n"
        "<text x=\"{7}\" y=\"{4:.1f}\" font-size=\"10\" fill=\"{8}\">{9:.0f}%</text>\n",
        kLeft, kLeft + kPlotW, y, kLeft - 4, y + 3, kOkColor, number_label(y_max * f),
        kLeft + kPlotW + 4, kAbortColor, 100 * f);
  }
  for (int i = 0; i <= 4; ++i) {
    double seconds = duration * i / 4;
    out += fmt::format(
        "<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\">{}s</text>\n",
        x_of(seconds), kTop + kPlotH + 14, number_label(seconds));
  }
  out += fmt::format(
      "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">time since start</text>\n",
      kLeft + kPlotW / 2, kHeight - 4);

  // Points sit at bucket centres; an abort-rate gap starts a new polyline.
  std::string ok_points;
  std::vector<std::string> abort_runs(1);
  for (size_t i = 0; i < buckets.size(); ++i) {
    const TimelineBucket& b = buckets[i];
    double x = x_of((static_cast<double>(i) + 0.5) * width);
    ok_points += fmt::format("{:.1f},{:.1f} ", x, y_rate(b.ok / width));
    size_t decided = b.ok + b.failed;
    if (decided == 0) {
      if (!abort_runs.back().empty()) abort_runs.emplace_back();
      continue;
    }
    abort_runs.back() += fmt::format("{:.1f},{:.1f} ", x, y_pct(100.0 * b.failed / decided));
  }
  out += fmt::format(
      "<polyline class=\"ok-rate\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" "
      "points=\"{}\"/>\n",
      kOkColor, ok_points);
  for (const std::string& run : abort_runs)
    if (!run.empty())
      out += fmt::format(
          "<polyline class=\"abort-rate\" fill=\"none\" stroke=\"{}\" stroke-width=\"1.5\" "
          "stroke-dasharray=\"4 2\" points=\"{}\"/>\n",
          kAbortColor, run);
  out += fmt::format(
      "<text x=\"{}\" y=\"14\" font-size=\"11\" fill=\"{}\">— committed per second</text>\n"
      "<text x=\"{}\" y=\"14\" font-size=\"11\" fill=\"{}\">- - aborted, % of decided</text>\n",
      kLeft, kOkColor, kLeft + 220, kAbortColor);
  if (!timeline.faults.empty())
    out += fmt::format(
        "<text x=\"{}\" y=\"14\" font-size=\"11\" fill=\"#b38600\">■ fault window</text>\n",
        kLeft + 420);
  return out + "</svg>\n";
}

}  // namespace isocheck
