#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "roofline/interconnect.hpp"

namespace roof {

// True for the Google Benchmark JSON bench_comm writes (context.roof_tool == "bench_comm").
bool is_bench_comm_json(const nlohmann::json& doc);

// One measured link from bench_comm's JSON (docs/bench.md). Throws InputError naming origin.
Interconnect read_bench_comm(const nlohmann::json& doc, const std::string& origin);

}  // namespace roof
