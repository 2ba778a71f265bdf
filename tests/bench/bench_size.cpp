// SPDX-License-Identifier: GPL-3.0-or-later
// Median wall time of one size() call over the full instance catalog. Reports figures only.
//
//   irisize_bench_size [WORKLOAD.json ...] [--iterations N]
//
// Without workloads it times the bundled examples. Each workload is sized `N` times after a
// warm-up; the median, the 10th and 90th percentiles are printed per workload.

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "irisize/data/catalog.hpp"
#include "irisize/sizing/sizing.hpp"

int main(int argc, char** argv) {
    using namespace irisize;
    int iterations = 2000;
    std::vector<std::string> files;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--iterations") == 0 && i + 1 < argc)
            iterations = std::max(1, std::atoi(argv[++i]));
        else
            files.emplace_back(argv[i]);
    }
    const std::string data = IRISIZE_BENCH_DATA_DIR;
    if (files.empty())
        for (const char* n :
             {"trakcare-regional-hospital", "healthshare-ie-region", "healthconnect-small", "trakcare-users-only"})
            files.push_back(data + "/examples/" + n + ".json");

    auto cat = load_catalog(data);
    if (!cat) {
        fmt::print(stderr, "cannot load data: {}\n", cat.error().what());
        return 1;
    }
    fmt::print("size() over {} instance types, {} iterations each\n", cat->instances.instances.size(), iterations);
    fmt::print("{:<40} {:>12} {:>12} {:>12} {:>16}\n", "workload", "median us", "p10 us", "p90 us", "no-explain med");
    for (const auto& f : files) {
        std::ifstream in(f);
        auto w = read_workload(in, f);
        if (!w) {
            fmt::print(stderr, "{}: {}\n", f, w.error().what());
            return 1;
        }
        auto time = [&](const SizeOptions& opt) {
            for (int i = 0; i < 50; ++i) // warm-up
                (void)size(*w, *cat, opt);
            std::vector<double> us;
            us.reserve(static_cast<std::size_t>(iterations));
            for (int i = 0; i < iterations; ++i) {
                const auto t0 = std::chrono::steady_clock::now();
                auto p = size(*w, *cat, opt);
                const auto t1 = std::chrono::steady_clock::now();
                if (!p) {
                    fmt::print(stderr, "{}: {}\n", f, p.error().what());
                    std::exit(1);
                }
                us.push_back(std::chrono::duration<double, std::micro>(t1 - t0).count());
            }
            std::sort(us.begin(), us.end());
            return us;
        };
        auto at = [](const std::vector<double>& us, double q) {
            return us[static_cast<std::size_t>(q * static_cast<double>(us.size() - 1))];
        };
        const auto full = time(SizeOptions{});
        SizeOptions quiet;
        quiet.explain = false;
        const auto bare = time(quiet);
        const auto name = f.substr(f.find_last_of('/') + 1);
        fmt::print("{:<40} {:>12.1f} {:>12.1f} {:>12.1f} {:>16.1f}\n", name, at(full, 0.5), at(full, 0.1),
                   at(full, 0.9), at(bare, 0.5));
    }
    return 0;
}
