#pragma once

// What bench_comm's collective rows may hold, checked alike by the two readers of its files:
// roofline/measured_interconnect (--interconnect-file, a link fitted to the all-reduce rows) and
// reports/measured_collectives (report --comm, a table of every collective).

#include <optional>
#include <string>

namespace roof {

// Why a row's `bytes` or `busbw` is no measurement, or nullopt when both are: a buffer of whole
// bytes from 1 to 2^50 (as its name's bytes:<size>), a bus bandwidth from 1e3 to 1e18 bytes/s
// (1e-6 to 1e9 GB/s, the range any link of the catalogues may have). The message starts with
// the field it names.
std::optional<std::string> collective_row_problem(double bytes, double busbw);

}  // namespace roof
