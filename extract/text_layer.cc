#include "pdfrecon/text_layer.h"

#include <algorithm>

namespace pdfrecon {

double TextLayer::median_height() const {
  if (words.empty()) return 0;
  std::vector<double> h;
  h.reserve(words.size());
  for (const Word& w : words) h.push_back(w.box.height());
  std::nth_element(h.begin(), h.begin() + h.size() / 2, h.end());
  return h[h.size() / 2];
}

int TextLayer::dominant_rotation() const {
  double weight[4] = {0, 0, 0, 0};
  for (const Word& w : words) weight[(w.rotation / 90) & 3] += double(w.text.size());
  int best = 0;
  for (int i = 1; i < 4; ++i) {
    if (weight[i] > weight[best]) best = i;
  }
  return best * 90;
}

}  // namespace pdfrecon
