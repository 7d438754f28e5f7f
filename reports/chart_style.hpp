#pragma once

#include <string>
#include <string_view>

#include "networks/cost.hpp"

// Colours and marker shapes shared by the charts.
namespace roof::chart {

// The n-th colour of the Okabe-Ito palette (Okabe and Ito, "Color Universal Design", 2008),
// without its yellow: told apart by readers with colour-blindness and in greyscale print, and
// dark enough on white. Wraps around after seven.
std::string_view series_colour(std::size_t n);

// The colour of an implementation, the same in every chart whichever others a run holds:
// our own rungs in blues and green from the slowest (direct) to the fastest, the libraries in
// warm colours (blas vermillion, onednn orange, cudnn reddish purple, cublas black), our CUDA
// kernels sky blue. A name the suite does not know gets dark grey.
std::string_view implementation_colour(std::string_view implementation);

// Points that are the model's prediction beside measured ones.
inline constexpr std::string_view kModelColour = "#8c8c8c";
// The outline that marks a point above its roof.
inline constexpr std::string_view kAboveRoofColour = "#c00000";
inline constexpr std::string_view kInkColour = "#222222";
inline constexpr std::string_view kGridColour = "#e3e3e3";

// How a point is drawn: its pass picks the shape (fwd a circle, bwd_data a triangle,
// bwd_weights a square), its series the colour, and a 1x1 convolution is hollow (a white
// fill inside a thick outline of the colour), so 1x1 layers stand out in any series.
struct MarkerStyle {
  Pass pass = Pass::fwd;
  std::string colour;
  bool hollow = false;
  bool above_roof = false;  // outlined in kAboveRoofColour
  double size = 4.5;        // about the radius, in pixels
};

// The SVG element of the marker centred on (0, 0): its name and attributes, to be placed
// with a translate on its group.
struct MarkerElement {
  std::string name;
  std::string attributes;
};
MarkerElement marker(const MarkerStyle& style);

std::string_view pass_shape_name(Pass pass);  // "circle", "triangle", "square"

}  // namespace roof::chart
