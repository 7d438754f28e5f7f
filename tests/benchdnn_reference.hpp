#pragma once

// How benchdnn reads a convolution descriptor, written again for the tests from oneDNN's
// tests/benchdnn/conv/conv_aux.cpp (str2desc) and tests/benchdnn/common.cpp (sanitize_desc),
// commit 515bfba6: the oracle the suite's parser and printer are checked against. Only what
// decides the shape is kept (no data types, no printing).

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace roof::benchdnn_reference {

struct Desc {
  bool ok = false;
  std::string error;  // benchdnn's reason when !ok
  int ndims = 0;      // 3 (1-D), 4 (2-D) or 5 (3-D)
  std::int64_t g = 1, mb = 2, ic = 0, oc = 0;
  std::int64_t id = 0, ih = 0, iw = 0, od = 0, oh = 0, ow = 0, kd = 0, kh = 0, kw = 0;
  std::int64_t sd = 1, sh = 1, sw = 1, pd = -1, ph = -1, pw = -1, dd = 0, dh = 0, dw = 0;
  std::string name;  // everything after 'n', quotes included, as benchdnn keeps it
};

inline Desc read(std::string_view text) {
  Desc d;
  d.g = -1;
  const std::string str(text);
  const char* s = str.c_str();
  const auto fail = [&](const std::string& why) {
    d.ok = false;
    d.error = why;
    return d;
  };
  while (*s) {
    bool ok = false;
    struct Field {
      const char* key;
      std::int64_t* value;
    };
    const Field fields[] = {
        {"g", &d.g},   {"mb", &d.mb}, {"ic", &d.ic}, {"id", &d.id}, {"ih", &d.ih}, {"iw", &d.iw},
        {"oc", &d.oc}, {"od", &d.od}, {"oh", &d.oh}, {"ow", &d.ow}, {"kd", &d.kd}, {"kh", &d.kh},
        {"kw", &d.kw}, {"sd", &d.sd}, {"sh", &d.sh}, {"sw", &d.sw}, {"pd", &d.pd}, {"ph", &d.ph},
        {"pw", &d.pw}, {"dd", &d.dd}, {"dh", &d.dh}, {"dw", &d.dw}};
    // benchdnn tries every key in this order at the same position, each advancing on a match.
    for (const Field& f : fields) {
      if (std::strncmp(f.key, s, std::strlen(f.key)) != 0) continue;
      ok = true;
      s += std::strlen(f.key);
      char* end = nullptr;
      *f.value = std::strtol(s, &end, 10);
      if (end == s) return fail(std::string("no value for ") + f.key);
      s = end;
      if (*f.value < 0) return fail(std::string(f.key) + " must be positive");
    }
    if (*s == 'n') {
      d.name = s + 1;
      break;
    }
    if (*s == '_') ++s;
    if (!ok) return fail("unrecognized pattern");
  }
  if (d.g >= 0) {
    if (d.g <= 0) return fail("g not specified or 0");
  } else {
    d.g = 1;
  }
  for (std::int64_t v : {d.ic, d.oc, d.sd, d.sh, d.sw}) {
    if (v <= 0) return fail("ic, oc or a stride not specified or 0");
  }
  const auto out = [](std::int64_t i, std::int64_t k, std::int64_t st, std::int64_t p,
                      std::int64_t dl) { return (i - ((k - 1) * (dl + 1) + 1) + 2 * p) / st + 1; };
  const auto pad = [](std::int64_t o, std::int64_t i, std::int64_t k, std::int64_t st,
                      std::int64_t dl) {
    return ((o - 1) * st - i + ((k - 1) * (dl + 1) + 1)) / 2;
  };
  struct Axis {
    std::int64_t &i, &k, &o, &st, &p, &dl;
  };
  Axis axes[] = {{d.id, d.kd, d.od, d.sd, d.pd, d.dd},
                 {d.ih, d.kh, d.oh, d.sh, d.ph, d.dh},
                 {d.iw, d.kw, d.ow, d.sw, d.pw, d.dw}};
  for (Axis& a : axes) {
    const bool absent = (a.i | a.k | a.o | a.dl) == 0 && a.st == 1 && a.p < 1;
    if (absent) continue;
    if (a.i <= 0 || a.k <= 0) return fail("an input or kernel extent not specified");
    if (!a.o) {
      if (a.p < 0) a.p = 0;
      a.o = out(a.i, a.k, a.st, a.p, a.dl);
      if (a.o <= 0) return fail("a deduced output is not positive");
    } else if (a.p < 0) {
      a.p = pad(a.o, a.i, a.k, a.st, a.dl);
    }
  }
  // sanitize_desc: the dimensions from the outputs given, copies and defaults.
  d.ndims = 5;
  const bool no_d = d.od == 0, no_h = d.oh == 0, no_w = d.ow == 0;
  if (no_d) --d.ndims;
  if (no_d && no_h) --d.ndims;
  if (no_d && no_h && no_w) --d.ndims;
  if (d.ndims <= 2) return fail("no spatial dimension");
  Axis& da = axes[0];
  Axis& ha = axes[1];
  Axis& wa = axes[2];
  const auto copy = [](Axis& to, const Axis& from) {
    to.i = from.i, to.k = from.k, to.o = from.o, to.st = from.st, to.p = from.p, to.dl = from.dl;
  };
  if (d.ndims == 5) {
    if (no_h && no_w) {
      copy(ha, da);
      copy(wa, da);
    } else if (no_h || no_w) {
      return fail("either all h and w dimensions or none");
    }
  } else if (d.ndims == 4 && no_w) {
    copy(wa, ha);
  }
  const auto defaults = [](Axis& a) { a.o = a.i = a.k = a.st = 1, a.p = 0, a.dl = 0; };
  if (d.ndims < 5) defaults(da);
  if (d.ndims < 4) defaults(ha);
  d.ok = true;
  return d;
}

}  // namespace roof::benchdnn_reference
