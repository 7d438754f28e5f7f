// The report built from recorded bench_roofs and bench_layers runs: every file well-formed,
// every link resolving, the charts holding what they should, the same bytes every time, and
// one clear error for input that is not what it claims to be.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "networks/catalogue.hpp"
#include "reports/bench_files.hpp"
#include "reports/breakdown_chart.hpp"
#include "reports/report_builder.hpp"
#include "reports/report_figures.hpp"
#include "reports/run_comparison.hpp"
#include "support/input_error.hpp"
#include "tests/reports/chart_test_helpers.hpp"
#include "tests/reports/svg_boxes.hpp"

namespace roof::report {
namespace {

const std::string kRoofsData = ROOF_ROOFS_TEST_DATA;
const std::string kCliData = ROOF_CLI_TEST_DATA;
const std::string kReportsData = ROOF_REPORTS_TEST_DATA;

std::string read(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

const DeviceCatalogue& catalogue() {
  static const DeviceCatalogue c = DeviceCatalogue::builtin();
  return c;
}

ReportInputs inputs(const std::string& roofs_file) {
  ReportInputs in;
  in.command = "roofline report (test)";
  for (const char* name : {"vgg16", "googlenet"}) {
    in.networks.push_back(build_network(name, {Dataset::cifar10, 100, false}));
  }
  for (const char* name : {"P100", "K40m", "K80"}) in.devices.push_back(catalogue().find(name));
  in.options.images_per_epoch = 50000;
  in.options.epochs = 1;
  in.machines.push_back(read_measured_machine(read(roofs_file), roofs_file));
  const std::string bench = kCliData + "/bench_layers_recorded.json";
  in.runs = read_measured_runs(read(bench), bench, in.machines, Dataset::imagenet, {});
  in.scaling = ScalingSetup{build_network("alexnet_owt", {Dataset::imagenet, 128, false}),
                            catalogue().find("K20"),
                            {1, 2, 4, 8},
                            {seed_owt_scaling()}};
  in.catalogue = &catalogue();
  return in;
}

const std::map<std::string, std::string>& files() {
  static const auto f =
      report_files(build_report(inputs(kReportsData + "/bench_roofs_with_sweep.json")));
  return f;
}

int conv_and_fc_passes(const Network& network) {
  TrainingOptions options;
  options.images_per_epoch = 1;
  int count = 0;
  for (const PlacedPass& p : place(network, catalogue().find("P100"), options.placement).rows) {
    count += p.op == "conv" || p.op == "conv1x1" || p.op == "fc";
  }
  return count;
}

TEST(Report, WritesThePagesAndOneSvgPerChart) {
  std::vector<std::string> names;
  for (const auto& [name, content] : files()) names.push_back(name);
  // Every chart with its data beside it.
  EXPECT_EQ(names, (std::vector<std::string>{"breakdown-googlenet.csv",
                                             "breakdown-googlenet.svg",
                                             "breakdown-vgg16.csv",
                                             "breakdown-vgg16.svg",
                                             "index.html",
                                             "measured-1-alexnet-owt-breakdown.csv",
                                             "measured-1-alexnet-owt-breakdown.svg",
                                             "measured-1-alexnet-owt.csv",
                                             "measured-1-alexnet-owt.svg",
                                             "report.md",
                                             "roofline-k40m.csv",
                                             "roofline-k40m.svg",
                                             "roofline-k80.csv",
                                             "roofline-k80.svg",
                                             "roofline-p100-pcie-16gb-vs-k40m.csv",
                                             "roofline-p100-pcie-16gb-vs-k40m.svg",
                                             "roofline-p100-pcie-16gb-vs-k80.csv",
                                             "roofline-p100-pcie-16gb-vs-k80.svg",
                                             "roofline-p100-pcie-16gb.csv",
                                             "roofline-p100-pcie-16gb.svg",
                                             "scaling-alexnet-owt-k20.csv",
                                             "scaling-alexnet-owt-k20.svg"}));
}

// A chart's CSV holds one row per mark of its SVG, under a header, and the pages link it.
TEST(Report, EachChartsDataSitsBesideItAsCsv) {
  for (const auto& [name, content] : files()) {
    if (!name.ends_with(".svg")) continue;
    SCOPED_TRACE(name);
    const std::string csv_name = name.substr(0, name.size() - 4) + ".csv";
    ASSERT_TRUE(files().contains(csv_name));
    const std::string& csv = files().at(csv_name);
    const auto lines = static_cast<std::size_t>(std::count(csv.begin(), csv.end(), '\n'));
    const auto svg = test::parse_xml(content);
    std::size_t marks = svg->by_class("point").size();
    if (name.starts_with("breakdown") || name.ends_with("-breakdown.svg")) {
      // Every part of every bar, zero or not: the segments drawn are the non-zero ones.
      EXPECT_GE(lines - 1, svg->by_class("segment").size());
      EXPECT_EQ((lines - 1) % chart::kIterationParts.size(), 0u);
    } else if (name.starts_with("scaling")) {
      EXPECT_GE(lines - 1, marks);
    } else {
      EXPECT_EQ(lines - 1, marks);
      EXPECT_TRUE(csv.starts_with("network,roof,roof_peak_flops") ||
                  csv.starts_with("device,roof,roof_peak_flops") ||
                  csv.starts_with("implementation,roof,roof_peak_flops"))
          << csv.substr(0, 80);
    }
    EXPECT_NE(files().at("index.html").find("href=\"" + csv_name + "\""), std::string::npos);
    EXPECT_NE(files().at("report.md").find("(" + csv_name + ")"), std::string::npos);
  }
}

// Each pair chart draws its two devices apart: two roofs whose FP32 peaks are at least 20 pixels
// apart, each with its own points (a K80 die's roof, within a pixel of the K40m's, no longer
// shares a chart with it).
TEST(Report, EachComparedDeviceIsVisibleInItsPairChart) {
  for (const char* file :
       {"roofline-p100-pcie-16gb-vs-k40m.svg", "roofline-p100-pcie-16gb-vs-k80.svg"}) {
    SCOPED_TRACE(file);
    const auto svg = test::parse_xml(files().at(file));
    const auto roofs = svg->by_class("roof");
    ASSERT_EQ(roofs.size(), 2u);
    std::vector<double> peak_y;
    for (const auto* roof : roofs) {
      for (const auto* line : roof->by_class("compute-ceiling")) {
        if (line->attribute("stroke-dasharray").empty())
          peak_y.push_back(std::stod(line->attribute("y1")));
      }
    }
    ASSERT_EQ(peak_y.size(), 2u);
    EXPECT_GT(std::abs(peak_y[0] - peak_y[1]), 20.0);
  }
  // A device keeps its colour from chart to chart: P100 the same in both, K40m and K80 apart.
  std::map<std::string, std::set<std::string>> colours;
  for (const char* file :
       {"roofline-p100-pcie-16gb-vs-k40m.svg", "roofline-p100-pcie-16gb-vs-k80.svg"}) {
    const auto svg = test::parse_xml(files().at(file));
    for (const auto* roof : svg->by_class("roof")) {
      for (const auto* line : roof->by_class("compute-ceiling")) {
        colours[roof->attribute("data-device")].insert(line->attribute("stroke"));
      }
    }
  }
  EXPECT_EQ(colours["P100-PCIe-16GB"].size(), 1u);
  EXPECT_NE(colours["K40m"], colours["K80"]);
}

TEST(Report, EverySvgIsWellFormedWithEveryPointInsideItsPlot) {
  for (const auto& [name, content] : files()) {
    if (!name.ends_with(".svg")) continue;
    SCOPED_TRACE(name);
    const auto svg = test::parse_xml(content);
    ASSERT_EQ(svg->name, "svg");
    ASSERT_NE(svg->child("title"), nullptr);
    if (name.starts_with("breakdown") || name.ends_with("-breakdown.svg")) continue;
    // Every point has a tooltip and lies inside the plot: the roofline's layer-passes and the
    // scaling chart's measured speedups.
    const chart::Box plot = test::plot_area(*svg);
    for (const auto* point : svg->by_class("point")) {
      ASSERT_NE(point->child("title"), nullptr);
      const auto [x, y] = test::translation(*point);
      EXPECT_TRUE(plot.contains(x, y)) << point->child("title")->text;
    }
  }
}

TEST(Report, EachDeviceChartHasOnePointPerConvAndFcLayerPass) {
  const int expected =
      conv_and_fc_passes(build_network("vgg16", {Dataset::cifar10, 100, false})) +
      conv_and_fc_passes(build_network("googlenet", {Dataset::cifar10, 100, false}));
  for (const char* file :
       {"roofline-p100-pcie-16gb.svg", "roofline-k40m.svg", "roofline-k80.svg"}) {
    const auto svg = test::parse_xml(files().at(file));
    EXPECT_EQ(svg->by_class("point").size(), static_cast<std::size_t>(expected)) << file;
    EXPECT_EQ(svg->by_class("compute-ceiling").size() >= 2, true) << file;  // FP32 and FP64
  }
  // vgg16 on each pair of devices.
  for (const char* file :
       {"roofline-p100-pcie-16gb-vs-k40m.svg", "roofline-p100-pcie-16gb-vs-k80.svg"}) {
    const auto comparison = test::parse_xml(files().at(file));
    EXPECT_EQ(comparison->by_class("point").size(),
              2u * static_cast<std::size_t>(
                       conv_and_fc_passes(build_network("vgg16", {Dataset::cifar10, 100, false}))))
        << file;
    EXPECT_EQ(comparison->by_class("roof").size(), 2u) << file;
  }
}

// A partly measured iteration says how much of its bar is the model's: the recording measured
// only alexnet_owt's fc layers, so the conv passes and the update are modelled.
TEST(Report, PartlyMeasuredBarsSayHowMuchIsModelled) {
  const auto svg = test::parse_xml(files().at("measured-1-alexnet-owt-breakdown.svg"));
  const auto totals = svg->by_class("bar-total");
  ASSERT_EQ(totals.size(), 3u);  // the model, blas, onednn
  const std::regex share(R"(measured \(([0-9]+)% of it modelled, [0-9]+ passes, the update)");
  for (std::size_t i = 1; i < totals.size(); ++i) {
    std::smatch m;
    ASSERT_TRUE(std::regex_search(totals[i]->text, m, share)) << totals[i]->text;
    EXPECT_GT(std::stoi(m[1]), 0);
    EXPECT_LT(std::stoi(m[1]), 100);
  }
}

TEST(Report, MeasuredPointsSitOnTheMeasuredRoofWithTheCacheCeilings) {
  const auto svg = test::parse_xml(files().at("measured-1-alexnet-owt.svg"));
  // The recording: alexnet_owt's fc6, fc7, fc8 in three passes (fc6 reads the input: no
  // bwd_data, but fc6 follows conv layers so it has one), blas and onednn: 9 each, and the
  // model's 9 beside them.
  EXPECT_EQ(svg->by_class("point").size(), 27u);
  std::set<std::string> labels;
  for (const auto* label : svg->by_class("ceiling-label")) labels.insert(label->text);
  EXPECT_TRUE(labels.count("L2 (read) 374 GB/s measured"));
  EXPECT_TRUE(labels.count("L3 (read) 59.4 GB/s measured"));
  // The recording's add (32.03 GB/s) beat its triad (31.96): the roof is the fastest of the four.
  EXPECT_TRUE(labels.count("DRAM (STREAM add) 32.0 GB/s measured"));
  // Hot-cache fc passes above the DRAM roof are drawn, marked and explained.
  const auto above = svg->by_class("above-roof");
  EXPECT_FALSE(above.empty());
  for (const auto* p : above) {
    EXPECT_NE(p->child("title")->text.find("hot caches"), std::string::npos);
  }
}

// The provenance lists every memory stream of the --roofs file and marks the ceilings.
TEST(Report, ProvenanceListsEveryMemoryStreamAndMarksTheCeilings) {
  const std::string& md = files().at("report.md");
  EXPECT_NE(md.find("| DRAM | STREAM add | 32.0 GB/s | the DRAM roof |"), std::string::npos);
  EXPECT_NE(md.find("| DRAM | STREAM triad | 32.0 GB/s |  |"), std::string::npos);
  EXPECT_NE(md.find("| L2 | read sweep | 374 GB/s | the L2 ceiling |"), std::string::npos);
  EXPECT_EQ(md.find("warning:"), std::string::npos);  // the recording was undisturbed
}

// Each level's ceiling is its fastest sweep kernel, whichever it is; every kernel stays listed.
TEST(Report, ACacheLevelsCeilingIsItsFastestSweepKernel) {
  const auto row = [](const std::string& name, const std::string& level, double rate) {
    return R"({"name": ")" + name + R"(/real_time", "run_type": "iteration", "label": ")" + level +
           R"(, avx2", "bytes_per_second": )" + std::to_string(rate) + "}";
  };
  const std::string json =
      R"({"context": {}, "benchmarks": [)" + row("roof/cache/16384", "L1", 900e9) + "," +
      row("roof/cache/262144", "L2", 300e9) + "," + row("roof/cache/524288", "L2", 320e9) + "," +
      row("roof/cache_write/16384", "L1", 500e9) + "," +
      row("roof/cache_write/262144", "L2", 350e9) + "," +
      row("roof/cache_copy/262144", "L2", 340e9) + "]}";
  const auto rates = read_cache_rates(parse_benchmark_file(json, "roofs.json"));
  ASSERT_EQ(rates.size(), 5u);
  // Levels in the hierarchy's order, kernels read, write, copy within each, each at its best.
  EXPECT_EQ(rates[0].level + " " + rates[0].kernel, "L1 read");
  EXPECT_EQ(rates[1].level + " " + rates[1].kernel, "L1 write");
  EXPECT_EQ(rates[2].level + " " + rates[2].kernel, "L2 read");
  EXPECT_DOUBLE_EQ(rates[2].bytes_per_second, 320e9);
  EXPECT_EQ(rates[4].level + " " + rates[4].kernel, "L2 copy");
  const auto ceilings = read_cache_ceilings(parse_benchmark_file(json, "roofs.json"));
  ASSERT_EQ(ceilings.size(), 2u);
  EXPECT_EQ(ceilings[0].kernel, "read");
  EXPECT_EQ(ceilings[1].kernel, "write");
  EXPECT_DOUBLE_EQ(ceilings[1].bytes_per_second, 350e9);
}

TEST(Report, HtmlIsOneWellFormedPageWhoseLinksResolve) {
  const std::string& html = files().at("index.html");
  const auto page = test::parse_xml(html);
  EXPECT_EQ(page->name, "html");
  // Self-contained: no script, no stylesheet or image fetched from anywhere.
  EXPECT_TRUE(page->by_name("script").empty());
  EXPECT_TRUE(page->by_name("link").empty());
  EXPECT_TRUE(page->by_name("img").empty());
  EXPECT_EQ(html.find("http://www.w3.org/2000/svg"), html.find("http"));  // only the namespace
  std::set<std::string> ids;
  std::vector<const test::XmlNode*> with_id;
  page->collect([](const test::XmlNode& n) { return n.attributes.count("id") > 0; }, with_id);
  for (const auto* n : with_id) EXPECT_TRUE(ids.insert(n->attribute("id")).second) << "twice";
  const auto links = page->by_name("a");
  ASSERT_GT(links.size(), 10u);
  for (const auto* a : links) {
    const std::string href = a->attribute("href");
    if (href.starts_with("#")) {
      EXPECT_TRUE(ids.count(href.substr(1))) << href;
    } else {
      EXPECT_TRUE(files().count(href)) << href;
    }
  }
  // Every chart inline, once.
  std::size_t charts = 0;
  for (const auto& [name, content] : files()) charts += name.ends_with(".svg");
  EXPECT_EQ(page->by_name("figure").size(), charts);
  EXPECT_EQ(page->by_name("svg").size(), charts);
}

TEST(Report, MarkdownSaysTheSameAndItsLinksResolve) {
  const std::string& md = files().at("report.md");
  std::set<std::string> anchors;
  const std::regex anchor("<a id=\"([^\"]+)\"></a>");
  for (auto it = std::sregex_iterator(md.begin(), md.end(), anchor); it != std::sregex_iterator();
       ++it) {
    anchors.insert((*it)[1]);
  }
  const std::regex link("\\]\\(([^)]+)\\)");
  int links = 0;
  for (auto it = std::sregex_iterator(md.begin(), md.end(), link); it != std::sregex_iterator();
       ++it, ++links) {
    const std::string target = (*it)[1];
    if (target.starts_with("#")) {
      EXPECT_TRUE(anchors.count(target.substr(1))) << target;
    } else {
      EXPECT_TRUE(files().count(target)) << target;
    }
  }
  EXPECT_GT(links, 10);
  // The same sections as the HTML, in the same order.
  const auto page = test::parse_xml(files().at("index.html"));
  std::vector<std::string> html_titles;
  for (const auto* h : page->by_name("h2")) {
    if (h->attribute("id") != "") html_titles.push_back(h->text);
  }
  std::size_t at = 0;
  for (const std::string& title : html_titles) {
    at = md.find("\n## " + title + "\n", at);
    EXPECT_NE(at, std::string::npos) << title;
  }
}

TEST(Report, SaysWhatWasMeasuredWhereAndWhatWasModelledFromWhat) {
  const std::string& html = files().at("index.html");
  for (const char* expected : {
           "Intel(R) Xeon(R) Processor, 2 cores, avx512f",            // roof_cpu_model, cores, SIMD
           "4dc5e995ae02",                                            // bench_layers' revision
           "7c3d349e8b1d",                                            // bench_roofs' revision
           "OpenBLAS 0.3.21",                                         // roof_impl_blas
           "oneDNN 2.6.3",                                            // roof_impl_onednn
           "2026-11-24T04:45:56+00:00",                               // the run's own date
           "fp32 peak 9.30 TFLOP/s at boost 1303 MHz (theoretical;",  // P100's Roof label
           "fp32 peak 4.29 TFLOP/s at base 745 MHz (theoretical;",    // K40m's
           "Why P100-PCIe-16GB beats K40m",
           "Modelled, not measured.",  // the explanation's paragraph
       }) {
    EXPECT_NE(html.find(expected), std::string::npos) << expected;
  }
}

// A device's known miss (devices.json's caveat) is printed beside its ceilings in the provenance
// table and in the scaling section's description, not only under its roofline chart; a report
// of devices without one has neither.
TEST(Report, KnownMissesOfTheEntriesSitBesideTheirCeilings) {
  EXPECT_EQ(files().at("report.md").find("Known misses of these entries"), std::string::npos);
  ReportInputs in = inputs(kReportsData + "/bench_roofs_with_sweep.json");
  in.devices = {catalogue().find("T4"), catalogue().find("P100")};
  in.scaling->device = catalogue().find("T4");
  in.scaling->measured.clear();  // the seed's markers are K20 runs
  const std::string md = report_files(build_report(in)).at("report.md");
  const auto provenance = md.find("\n## What was measured and what was modelled\n");
  const auto misses = md.find(
      "Known misses of these entries (devices.json's caveats): T4: under a "
      "sustained FP32 load the 70 W cap");
  ASSERT_NE(misses, std::string::npos);
  EXPECT_LT(provenance, misses);
  EXPECT_LT(misses, md.find("\n## ", provenance + 1));
  const auto scaling = md.find("\n## Scaling on several GPUs\n");
  ASSERT_NE(scaling, std::string::npos);
  EXPECT_NE(md.find("Caveat: under a sustained FP32 load the 70 W cap", scaling),
            std::string::npos);
}

// The parts of a breakdown bar add up to the iteration the table prints, the GPU's wait on the
// host among them: with the host at 60 us per launch (--host-us; docs/validation.md finds 44-95
// us on the published machines) GoogLeNet's kernels at batch 1 are shorter than their launches,
// so the wait is a visible part of the iteration.
TEST(Report, BreakdownPartsSumToTheIterationHostWaitIncluded) {
  TrainingOptions options;
  options.images_per_epoch = 50000;
  options.placement.model = TimeModel::achievable;
  options.placement.dispatch_s = 60e-6;
  for (const std::int64_t batch : {1, 100}) {
    const Network net = build_network("googlenet", {Dataset::cifar10, batch, false});
    const TrainingPrediction p = predict_training(net, catalogue().find("P100"), options);
    const auto parts = iteration_parts(p);
    double sum = 0;
    for (const double part : parts) sum += part;
    EXPECT_NEAR(sum, p.iteration_s, 1e-9 * p.iteration_s) << batch;
    if (batch == 1) {
      EXPECT_GT(parts[chart::kHostWaitPart], 0.05 * p.iteration_s);
    }
  }
  // The table has the column under the achievable model only: the roofline model has no host.
  EXPECT_EQ(files().at("report.md").find("waiting on the host ms"), std::string::npos);
  ReportInputs in = inputs(kReportsData + "/bench_roofs_with_sweep.json");
  in.options.placement.model = TimeModel::achievable;
  EXPECT_NE(report_files(build_report(in))
                .at("report.md")
                .find("| update ms | waiting on the host ms | iteration ms |"),
            std::string::npos);
}

// A reader of "why P100 beats K40m" finds the answer in the section's first lines, before its
// charts and tables.
TEST(Report, TheWhySectionLeadsWithTheAnswer) {
  const std::string& md = files().at("report.md");
  const auto heading = md.find("\n## Why P100-PCIe-16GB beats K40m\n");
  ASSERT_NE(heading, std::string::npos);
  const auto first_figure = md.find("![", heading);
  const auto answer = md.find("is predicted 2.", heading);
  ASSERT_NE(answer, std::string::npos);
  EXPECT_LT(answer, first_figure);
  EXPECT_LT(md.find("x as fast as K40m per training iteration", heading), first_figure);
}

TEST(Report, SeedTableQuotesTheMeasuredSideAndComputesTheModel) {
  const std::string& md = files().at("report.md");
  EXPECT_NE(md.find("| seed 000 | vgg16, CIFAR-10 (32x32), batch 100, 200 epochs | "
                    "P100-PCIe-16GB / K40m | 20 min 38 s / 43 min 12 s | 2.09x |"),
            std::string::npos);
  EXPECT_NE(md.find("16 min 59 s / 47 min 15 s | 2.78x"), std::string::npos);  // 1019.2 s, 2834.6
  EXPECT_NE(md.find("seed 001 (Li, \"Benchmark Deep Neural Network Models\""), std::string::npos);
  // docs/validation.md: the model predicts 2.21 for vgg16 (+5%).
  EXPECT_NE(md.find("| 2.21x | +5% |"), std::string::npos);
}

TEST(Report, SameInputsSameBytes) {
  const auto again =
      report_files(build_report(inputs(kReportsData + "/bench_roofs_with_sweep.json")));
  EXPECT_EQ(again, files());
}

// Repetitions add mean, median, stddev and cv rows; only the mean is a time (and the stddev's
// `ai` counter, 0, is no intensity to check).
TEST(Report, ReadsARunWithRepetitions) {
  const std::string bench = kReportsData + "/bench_layers_repetitions.json";
  const std::string roofs = kReportsData + "/bench_roofs_with_sweep.json";
  const std::vector<MeasuredMachine> machines = {read_measured_machine(read(roofs), roofs)};
  const auto runs = read_measured_runs(read(bench), bench, machines, Dataset::imagenet, {});
  ASSERT_EQ(runs.size(), 1u);
  ReportInputs in = inputs(roofs);
  in.runs = runs;
  const auto out = report_files(build_report(in));
  const auto svg = test::parse_xml(out.at("measured-1-alexnet-owt.svg"));
  // fc7 and fc8 in three passes, blas and onednn, and the model beside them.
  EXPECT_EQ(svg->by_class("point").size(), 18u);
}

// A bench_roofs run filtered to the GPUs' ceilings (as scripts/gpu-check.sh runs it) and a
// bench_layers run with CPU and GPU rows; both files are synthetic (their contexts say so): the
// GPU rows' times were made up to test where they are drawn, not what a GPU does.
void expect_input_error(const std::function<void()>& f, const std::string& expected);

const std::string kGpuRoofs = kReportsData + "/bench_roofs_gpu_only.json";
const std::string kCpuAndGpuLayers = kReportsData + "/bench_layers_cpu_and_gpu.json";

TEST(ReportInput, AGpuOnlyRoofsFileIsAMachineWithItsGpusAndNoCpu) {
  const MeasuredMachine m = read_measured_machine(read(kGpuRoofs), kGpuRoofs);
  EXPECT_FALSE(m.cpu.has_value());
  ASSERT_EQ(m.gpus.size(), 1u);
  EXPECT_EQ(m.gpus[0].name, "NVIDIA H200");
  EXPECT_EQ(m.gpus[0].device.name, "this-gpu0");
  EXPECT_DOUBLE_EQ(m.gpus[0].device.dram_gbs, 4000);
}

TEST(Report, DrawsGpuRowsOnTheMeasuredRooflineOfTheGpuThatRanThem) {
  ReportInputs in = inputs(kReportsData + "/bench_roofs_with_sweep.json");
  in.machines.push_back(read_measured_machine(read(kGpuRoofs), kGpuRoofs));
  in.runs = read_measured_runs(read(kCpuAndGpuLayers), kCpuAndGpuLayers, in.machines,
                               Dataset::imagenet, {});
  ASSERT_EQ(in.runs.size(), 2u);  // alexnet_owt on the CPU, and on the GPU
  const MeasuredRun& cpu = in.runs[0];
  const MeasuredRun& gpu = in.runs[1];
  EXPECT_FALSE(cpu.on_gpu);
  EXPECT_EQ(cpu.iteration.impls, (std::vector<std::string>{"blas", "onednn"}));
  EXPECT_TRUE(cpu.not_drawn.empty());
  EXPECT_TRUE(gpu.on_gpu);
  EXPECT_EQ(gpu.device.name, "this-gpu0");
  EXPECT_EQ(gpu.iteration.impls, (std::vector<std::string>{"cublas", "cudnn"}));
  EXPECT_TRUE(gpu.caches.empty());  // the CPU's cache sweep is not the GPU's
  EXPECT_EQ(gpu.where(), "NVIDIA H200 (GPU of Intel(R) Xeon(R) Processor, 2 cores, avx512f)");
  // The GPU's fc rows are its own: 0.5 of the DRAM-bound time at cudnn's 50%, as written.
  const auto fc6 = std::find_if(gpu.iteration.rows.begin(), gpu.iteration.rows.end(),
                                [](const MeasuredRow& r) { return r.layer == "fc6"; });
  ASSERT_NE(fc6, gpu.iteration.rows.end());
  EXPECT_NEAR(fc6->model_s / fc6->measured_s.at("cudnn"), 0.5, 0.01);

  const auto out = report_files(build_report(in));
  const auto svg = test::parse_xml(out.at("measured-2-alexnet-owt-this-gpu0.svg"));
  // fc6, fc7 and fc8 in three passes, cublas and cudnn, and the model beside them.
  EXPECT_EQ(svg->by_class("point").size(), 27u);
  EXPECT_NE(out.at("measured-2-alexnet-owt-this-gpu0.svg").find("on NVIDIA H200: measured"),
            std::string::npos);
  EXPECT_EQ(out.count("measured-2-alexnet-owt-this-gpu0-breakdown.svg"), 1u);
  EXPECT_EQ(out.at("measured-1-alexnet-owt.svg").find("Not drawn"), std::string::npos);
  EXPECT_NE(out.at("report.md").find("this-gpu0 (NVIDIA H200): FP32 peak 60.0 TFLOP/s"),
            std::string::npos);
}

TEST(Report, GpuRowsWithoutTheGpusCeilingsAreLeftOutWithANote) {
  ReportInputs in = inputs(kReportsData + "/bench_roofs_with_sweep.json");
  in.runs = read_measured_runs(read(kCpuAndGpuLayers), kCpuAndGpuLayers, in.machines,
                               Dataset::imagenet, {});
  ASSERT_EQ(in.runs.size(), 1u);
  EXPECT_EQ(in.runs[0].not_drawn, (std::vector<std::string>{"cublas", "cudnn"}));
  const auto out = report_files(build_report(in));
  EXPECT_NE(out.at("measured-1-alexnet-owt.svg").find("Not drawn: the GPU implementations"),
            std::string::npos);
}

TEST(ReportInput, CpuRowsNeedTheCpusCeilings) {
  const std::vector<MeasuredMachine> gpu_only = {
      read_measured_machine(read(kGpuRoofs), "gpu.json")};
  expect_input_error(
      [&] {
        read_measured_runs(read(kCpuAndGpuLayers), "b.json", gpu_only, Dataset::imagenet, {});
      },
      "--bench 'b.json' has CPU rows, but --roofs 'gpu.json' measured only this machine's GPUs");
}

// Two runs of one network on one machine (two --bench files): the second against the first,
// per implementation and layer-pass, as compare.py does. bench_layers_rerun.json is the
// recorded run with blas at 0.8x its times and onednn at 1.25x (synthetic, its context says).
TEST(Report, TwoRunsOfANetworkAreComparedPassByPass) {
  ReportInputs in = inputs(kReportsData + "/bench_roofs_with_sweep.json");
  const std::string rerun = kReportsData + "/bench_layers_rerun.json";
  for (MeasuredRun& run :
       read_measured_runs(read(rerun), rerun, in.machines, Dataset::imagenet, {})) {
    in.runs.push_back(std::move(run));
  }
  ASSERT_EQ(in.runs.size(), 2u);
  const std::vector<RunComparison> comparisons = compare_runs(in.runs);
  ASSERT_EQ(comparisons.size(), 1u);
  const RunComparison& c = comparisons[0];
  EXPECT_EQ(c.baseline, 0u);
  EXPECT_EQ(c.contender, 1u);
  ASSERT_EQ(c.impls.size(), 2u);
  EXPECT_EQ(c.impls[0].impl, "blas");
  EXPECT_NEAR(c.impls[0].geomean_ratio, 0.8, 1e-9);
  EXPECT_EQ(c.impls[0].passes, 9);  // fc6, fc7, fc8 in three passes
  EXPECT_EQ(c.impls[1].impl, "onednn");
  EXPECT_NEAR(c.impls[1].geomean_ratio, 1.25, 1e-9);
  EXPECT_EQ(c.passes.size(), 18u);

  const auto out = report_files(build_report(in));
  const std::string& md = out.at("report.md");
  EXPECT_NE(md.find("### alexnet\\_owt, batch 2: run 2 against run 1"), std::string::npos);
  EXPECT_NE(md.find("| blas | 9 | 0.80x (-20%) |"), std::string::npos);
  EXPECT_NE(md.find("| onednn | 9 | 1.25x (+25%) |"), std::string::npos);
  // The two measured sections read apart: numbered, each with its file.
  EXPECT_NE(md.find("### run 1: alexnet\\_owt on "), std::string::npos);
  EXPECT_NE(md.find("(bench\\_layers\\_rerun.json)"), std::string::npos);
  // The overlay: the baseline's 18 passes in grey and the contender's 18 in colour.
  const auto svg = test::parse_xml(out.at("compared-2-1-alexnet-owt.svg"));
  EXPECT_EQ(svg->by_class("point").size(), 36u);
  EXPECT_EQ(out.count("compared-2-1-alexnet-owt.csv"), 1u);
}

TEST(Report, OneRunPerNetworkComparesNothing) {
  EXPECT_TRUE(compare_runs(inputs(kReportsData + "/bench_roofs_with_sweep.json").runs).empty());
  EXPECT_EQ(files().at("report.md").find("Measured runs compared"), std::string::npos);
}

// The boxes the layout test reads: the measured chart's five ceilings and its ridge, each box
// where its text is; two boxes at one place overlap, and a point at a label's middle is under it.
TEST(ChartLayout, LabelBoxesAreReadFromTheSvg) {
  const auto svg = test::parse_xml(files().at("measured-1-alexnet-owt.svg"));
  const std::vector<test::Quad> labels = test::label_boxes(*svg);
  ASSERT_EQ(labels.size(), 6u);
  const test::Quad& dram = *std::find_if(labels.begin(), labels.end(), [](const test::Quad& q) {
    return q.text.rfind("DRAM", 0) == 0;
  });
  EXPECT_LT(dram.y[1], dram.y[0]);  // it runs up the slope, to the right
  EXPECT_TRUE(test::overlap(dram, dram));
  const test::Centre middle{(dram.x[0] + dram.x[2]) / 2, (dram.y[0] + dram.y[2]) / 2};
  EXPECT_TRUE(test::inside(dram, middle));
  EXPECT_FALSE(test::inside(dram, {middle.x, middle.y + 40}));
  EXPECT_EQ(test::point_centres(*svg).size(), svg->by_class("point").size());
}

// The layout promise of docs/report.md ("Labels do not cover each other"), read back from
// every roofline chart of three reports (modelled and measured on a CPU; a GPU run; two runs
// compared): no ceiling or ridge label overlaps another, and none lies over a point's centre.
TEST(Report, NoChartLabelCoversAnotherLabelOrAPoint) {
  std::vector<std::map<std::string, std::string>> reports = {files()};
  ReportInputs gpu = inputs(kReportsData + "/bench_roofs_with_sweep.json");
  gpu.machines.push_back(read_measured_machine(read(kGpuRoofs), kGpuRoofs));
  gpu.runs = read_measured_runs(read(kCpuAndGpuLayers), kCpuAndGpuLayers, gpu.machines,
                                Dataset::imagenet, {});
  reports.push_back(report_files(build_report(gpu)));
  ReportInputs two = inputs(kReportsData + "/bench_roofs_with_sweep.json");
  const std::string rerun = kReportsData + "/bench_layers_rerun.json";
  for (MeasuredRun& run :
       read_measured_runs(read(rerun), rerun, two.machines, Dataset::imagenet, {})) {
    two.runs.push_back(std::move(run));
  }
  reports.push_back(report_files(build_report(two)));
  int charts = 0;
  for (const auto& report : reports) {
    for (const auto& [name, content] : report) {
      if (name.size() < 4 || name.substr(name.size() - 4) != ".svg") continue;
      const auto svg = test::parse_xml(content);
      const std::vector<test::Quad> labels = test::label_boxes(*svg);
      if (labels.empty()) continue;  // a bar chart
      ++charts;
      for (std::size_t i = 0; i < labels.size(); ++i) {
        for (std::size_t j = i + 1; j < labels.size(); ++j) {
          EXPECT_FALSE(test::overlap(labels[i], labels[j]))
              << name << ": '" << labels[i].text << "' over '" << labels[j].text << "'";
        }
        for (const test::Centre& c : test::point_centres(*svg)) {
          EXPECT_FALSE(test::inside(labels[i], c))
              << name << ": '" << labels[i].text << "' over the point at " << c.x << ", " << c.y;
        }
      }
    }
  }
  EXPECT_GE(charts, 12);
}

TEST(Report, WithoutMeasurementsSaysSo) {
  ReportInputs in = inputs(kRoofsData + "/bench_roofs_recorded.json");
  in.machines.clear();
  in.runs.clear();
  const auto out = report_files(build_report(in));
  EXPECT_EQ(out.count("measured-1-alexnet-owt.svg"), 0u);
  EXPECT_NE(out.at("report.md").find("Measured: nothing."), std::string::npos);
  EXPECT_NO_THROW(test::parse_xml(out.at("index.html")));
}

TEST(Report, ScalingSectionHasTheChartTheTableAndWhatItShows) {
  const std::string& md = files().at("report.md");
  const auto section = md.find("\n## Scaling on several GPUs\n");
  ASSERT_NE(section, std::string::npos);
  // After the iteration times, before the measured runs.
  EXPECT_LT(md.find("\n## Time of a training iteration\n"), section);
  EXPECT_LT(section, md.find("\n## Measured on this machine\n"));
  EXPECT_NE(md.find("![scaling-alexnet-owt-k20.svg](scaling-alexnet-owt-k20.svg)"),
            std::string::npos);
  EXPECT_NE(md.find("| GPUs | strategy | iteration ms | compute ms | exposed communication ms | "
                    "speedup | efficiency |"),
            std::string::npos);
  // The OWT rows, as `roofline train --network alexnet_owt --batch 128 --device K20
  // --strategy owt --sweep` prints them.
  for (const char* row : {"| 1 | one GPU (every strategy) | 166.3 | 166.3 | 0.0 | 1.00x | 100% |",
                          "| 2 | one weird trick (owt) | 167.0 | 163.5 | 3.5 | 1.99x | 100% |",
                          "| 4 | one weird trick (owt) | 170.8 | 162.1 | 8.7 | 3.90x | 97% |",
                          "| 8 | one weird trick (owt) | 179.5 | 161.4 | 18.1 | 7.41x | 93% |",
                          "| 8 | data parallel | 219.9 | 166.3 | 53.5 | 6.05x | 76% |"}) {
    EXPECT_NE(md.find(row), std::string::npos) << row;
  }
  // The paragraph's numbers come from the predictions.
  for (const char* words : {"data parallel all-reduces the gradients of all 61.1 M parameters "
                            "(244.4 MB)",
                            "only the convolutions' 2.5 M parameters (9.9 MB)",
                            "1.95x, 3.74x and 6.25x on 2, 4 and 8 GPUs, where the model's owt "
                            "line gives 1.99x, 3.90x and 7.41x",
                            "on 8 GPUs the model is +19% off the measurement"}) {
    EXPECT_NE(md.find(words), std::string::npos) << words;
  }
  const auto svg = test::parse_xml(files().at("scaling-alexnet-owt-k20.svg"));
  EXPECT_EQ(svg->by_class("scaling-line").size(), 3u);
  EXPECT_EQ(svg->by_class("measured").size(), 3u);
  // No --comm: the subsection says how to make one.
  EXPECT_NE(md.find("\n### Measured collectives\n\nNo bench\\_comm run was given (--comm)."),
            std::string::npos);
}

TEST(Report, WithoutAScalingSetupTheCollectivesAreASectionOfTheirOwn) {
  ReportInputs in = inputs(kReportsData + "/bench_roofs_with_sweep.json");
  in.scaling.reset();
  const auto out = report_files(build_report(in));
  EXPECT_EQ(out.count("scaling-alexnet-owt-k20.svg"), 0u);
  EXPECT_EQ(out.at("report.md").find("## Scaling on several GPUs"), std::string::npos);
  EXPECT_NE(out.at("report.md").find("\n## Measured collectives\n"), std::string::npos);
}

CommRun comm_run(const std::string& name) {
  const std::string path = kReportsData + "/" + name;
  return read_comm_run(read(path), name);
}

TEST(MeasuredCollectives, ReadsTheBestOfEverySizeAndRepetition) {
  const CommRun run = comm_run("bench_comm_1node.json");
  EXPECT_EQ(run.gpus, "2 x Tesla V100-SXM2-16GB");
  EXPECT_EQ(run.hosts, "gpu-node-01");
  EXPECT_EQ(run.nccl_version, "2.18.3");
  ASSERT_EQ(run.collectives.size(), 2u);
  const MeasuredCollective& all_reduce = run.collectives[0];
  EXPECT_EQ(all_reduce.collective, "all_reduce");
  EXPECT_EQ(all_reduce.ranks, 2);
  EXPECT_EQ(all_reduce.nodes, "1");
  EXPECT_EQ(all_reduce.largest_bytes, 268435456.0);
  // 256 MiB in 2.8 ms; the stddev row's counters are no bandwidth.
  EXPECT_NEAR(all_reduce.best_busbw, 268435456 / 2.8e-3, 1e3);
  EXPECT_NEAR(all_reduce.smallest_time_s, 21e-6, 1e-12);  // the faster repetition
  // The 512 MiB broadcast failed its check: not a measurement.
  EXPECT_EQ(run.collectives[1].collective, "broadcast");
  EXPECT_EQ(run.collectives[1].largest_bytes, 268435456.0);
  EXPECT_EQ(size_text(268435456), "256 MiB");
  EXPECT_EQ(size_text(8192), "8 KiB");
  EXPECT_EQ(size_text(1.5 * 1024 * 1024 * 1024), "1.5 GiB");
}

TEST(Report, CommFilesMergeIntoOneTableByCollectiveThenRanks) {
  ReportInputs in = inputs(kReportsData + "/bench_roofs_with_sweep.json");
  in.comm = {comm_run("bench_comm_2nodes.json"), comm_run("bench_comm_1node.json")};
  const auto out = report_files(build_report(in));
  const std::string& md = out.at("report.md");
  const std::string header =
      "| file | collective | ranks | nodes | largest size | best busbw GB/s | smallest size | "
      "its time us |";
  const auto table = md.find(header);
  ASSERT_NE(table, std::string::npos);
  const std::vector<std::string> rows = {
      "| bench\\_comm\\_1node.json | all\\_reduce | 2 | 1 | 256 MiB | 95.9 | 8 KiB | 21.0 |",
      "| bench\\_comm\\_2nodes.json | all\\_reduce | 16 | 2 | 128 MiB | 21.0 | 8 KiB | 62.0 |",
      "| bench\\_comm\\_1node.json | broadcast | 2 | 1 | 256 MiB | 107.4 | 8 KiB | 15.5 |"};
  std::size_t at = table;
  for (const std::string& row : rows) {
    const auto found = md.find(row, at);
    EXPECT_NE(found, std::string::npos) << row;
    at = found == std::string::npos ? at : found;
  }
  // Each run's provenance: under the table, and among the measured files.
  EXPECT_NE(md.find("bench\\_comm\\_2nodes.json: 16 x Tesla V100-SXM2-16GB, on "
                    "gpu-node-01,gpu-node-02, NCCL 2.18.3"),
            std::string::npos);
  EXPECT_NE(md.find("| bench\\_comm\\_1node.json | bench\\_comm | 2 x Tesla V100-SXM2-16GB |"),
            std::string::npos);
  EXPECT_NO_THROW(test::parse_xml(out.at("index.html")));
}

void expect_input_error(const std::function<void()>& f, const std::string& expected) {
  try {
    f();
    ADD_FAILURE() << "no InputError; expected: " << expected;
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos)
        << e.what() << "\nexpected: " << expected;
  }
}

TEST(ReportInput, BadFilesGetOneClearError) {
  const std::vector<MeasuredMachine> machines = {
      read_measured_machine(read(kRoofsData + "/bench_roofs_recorded.json"), "roofs.json")};
  auto runs = [&](const std::string& text, const std::vector<MeasuredMachine>& m) {
    return [text, m] { read_measured_runs(text, "b.json", m, Dataset::imagenet, {}); };
  };
  const std::string layers = read(kCliData + "/bench_layers_recorded.json");
  expect_input_error(runs("", machines), "'b.json' is empty");
  expect_input_error(runs("{\"benchmarks\": [", machines), "'b.json' is not JSON");
  expect_input_error(runs(read(kRoofsData + "/other_tool.json"), machines),
                     "--bench 'b.json' has no bench_layers benchmark");
  expect_input_error(runs(read(kRoofsData + "/bench_roofs_recorded.json"), machines),
                     "--bench 'b.json' is bench_roofs output; pass it with --roofs");
  expect_input_error(runs(layers, {}), "needs the measured roofline of the machine that ran it");
  std::vector<MeasuredMachine> elsewhere = machines;
  elsewhere[0].context.cpu_model = "Another CPU";
  expect_input_error(runs(layers, elsewhere),
                     "ran on Intel(R) Xeon(R) Processor, 2 cores, avx512f, which no --roofs "
                     "file measured (roofs.json: Another CPU, 2 cores, avx512f)");
  // Layers of other shapes than the catalogue's form: their intensities differ.
  std::string reshaped = layers;
  const std::string ai = "\"ai\": 0.999186859651976";
  reshaped.replace(reshaped.find(ai), ai.size(), "\"ai\": 2.5");
  expect_input_error(runs(reshaped, machines), "was it measured with another --dataset?");
  expect_input_error([&] { read_measured_machine(layers, "l.json"); },
                     "--roofs 'l.json' is bench_layers output; pass it with --bench");
  expect_input_error([&] { read_measured_machine("", "e.json"); }, "'e.json' is empty");
}

TEST(ReportInput, AFileThatIsNotBenchCommIsOneClearError) {
  auto comm = [](const std::string& text) { return [text] { read_comm_run(text, "c.json"); }; };
  expect_input_error(comm(""), "'c.json' is empty");
  expect_input_error(comm("[1, 2"), "'c.json' is not JSON");
  expect_input_error(comm(read(kRoofsData + "/other_tool.json")),
                     "--comm 'c.json' is not bench_comm output (its context has no roof_tool "
                     "\"bench_comm\")");
  expect_input_error(comm(read(kRoofsData + "/bench_roofs_recorded.json")),
                     "--comm 'c.json' is not bench_comm output; it is bench_roofs output, pass "
                     "it with --roofs");
  expect_input_error(comm(read(kCliData + "/bench_layers_recorded.json")),
                     "it is bench_layers output, pass it with --bench");
  // bench_comm's context, but every row failed: nothing measured.
  std::string failed = read(kReportsData + "/bench_comm_2nodes.json");
  for (std::size_t at = 0; (at = failed.find("\"run_type\"", at)) != std::string::npos; ++at) {
    failed.insert(at, "\"error_occurred\": true, ");
    at += 25;
  }
  expect_input_error(comm(failed), "--comm 'c.json' has no measured comm/");
}

}  // namespace
}  // namespace roof::report
