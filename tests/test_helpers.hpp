#pragma once

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include "networks/network.hpp"
#include "support/input_error.hpp"

namespace roof::testing_helpers {

inline const Layer& find_layer(const Network& network, const std::string& name) {
  for (const Layer& layer : network.layers) {
    if (layer.name == name) return layer;
  }
  throw std::runtime_error("no layer " + name + " in " + network.name);
}

// Runs f and expects an InputError whose text contains `needle`.
template <typename F>
void expect_input_error(F f, const std::string& needle) {
  try {
    f();
    ADD_FAILURE() << "no InputError; expected one mentioning '" << needle << "'";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

}  // namespace roof::testing_helpers
