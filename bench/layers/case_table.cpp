#include "bench/layers/case_table.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "networks/benchmark_name.hpp"
#include "support/input_error.hpp"
#include "support/text_format.hpp"

namespace roof::bench {

std::string case_table_path(const std::string& benchmark_out) {
  std::filesystem::path path(benchmark_out);
  path.replace_extension(".cases.csv");
  return path.string();
}

void write_case_table(const std::string& path, const std::vector<CaseRow>& rows) {
  errno = 0;
  std::ofstream out(path, std::ios::binary);
  out << "run_name,op,network,layer,pass,batch,impl,cache,benchdnn\n";
  for (const CaseRow& row : rows) {
    const ParsedBenchmarkName name = parse_benchmark_name(row.run_name);
    out << csv_field(row.run_name) << ',' << name.op << ',' << csv_field(name.network) << ','
        << csv_field(name.layer) << ','
        << (name.update ? std::string("update") : std::string(to_string(name.pass))) << ','
        << name.batch << ',' << name.impl << ',' << name.cache << ',' << csv_field(row.benchdnn)
        << '\n';
  }
  out.close();
  if (!out) {
    throw InputError("could not write the case table '" + path +
                     "': " + (errno != 0 ? std::strerror(errno) : "the write failed"));
  }
}

}  // namespace roof::bench
