#pragma once

// The companion of bench_layers' --benchmark_out file: one CSV row per registered case with
// the fields its name encodes (op, network, layer, pass, batch, impl, cache) and the benchdnn
// arguments of a conv or fc layer-pass, keyed by the row's run_name as Google Benchmark writes
// it. A data frame then joins the JSON's rows without parsing names:
//   rows = pd.json_normalize(json.load(open("run.json"))["benchmarks"])
//   rows.merge(pd.read_csv("run.cases.csv"), on="run_name")

#include <string>
#include <vector>

namespace roof::bench {

struct CaseRow {
  std::string run_name;  // the registered name with Google Benchmark's /real_time or /manual_time
  std::string benchdnn;  // "" for the ops benchdnn's conv and ip drivers do not run
};

// "run.json" -> "run.cases.csv"; "out" -> "out.cases.csv".
std::string case_table_path(const std::string& benchmark_out);

// Writes the table; InputError naming the file when it cannot be written whole.
void write_case_table(const std::string& path, const std::vector<CaseRow>& rows);

}  // namespace roof::bench
