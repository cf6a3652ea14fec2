// hostilegen DIR: writes every hostile case of the benchmark into DIR and
// lists them (name and what each is) on stdout, tab-separated.
#include <iostream>

#include "hostile_pdfs.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: hostilegen DIR\n";
    return 2;
  }
  try {
    for (const auto& c : pdfrecon::hostile::write_all(argv[1])) {
      std::cout << c.name << '\t' << c.what << '\n';
    }
  } catch (const std::exception& e) {
    std::cerr << "hostilegen: " << e.what() << '\n';
    return 1;
  }
}
