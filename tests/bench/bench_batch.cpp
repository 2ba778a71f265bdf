// SPDX-License-Identifier: GPL-3.0-or-later
// Batch throughput and memory: generates N synthetic rows, then runs the batch engine with
// rows only read and checked ("parse") and fully sized ("size"), on 1 core and on all cores.
// Each run happens in a child process so that its peak memory (max RSS) and CPU time are its
// own, and each is repeated (5 times unless -r says otherwise): the median run is the figure,
// the fastest is shown beside it (a shared machine's speed swings from run to run). "per CPU s"
// divides the rows by the CPU time the run's threads used (user and system, all threads; the
// median of the runs): the rate per core busy, which a virtual machine's stolen time does not
// lower as it lowers the wall clock's.
//
//   irisize_bench_batch [-r REPEATS] [N ...]        (default: 10000 100000)
//
// Reports figures only; nothing here passes or fails.

#include "batch_runner.hpp"
#include "irisize/data/catalog.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

void generate(const fs::path& file, long n) {
    std::ofstream out(file, std::ios::binary);
    out << "name,product,region,rules,size_gib,growth_percent_per_year,horizon_years,read_iops,write_iops,"
           "journal_mibps,peak_cores,global_buffers_gib,concurrent_users,mirror,arbiter,dr_region,dr_members,"
           "dr_capacity_percent,web_servers,app_servers,print_servers,target_cpu_percent,snapshot_retention_days,"
           "families\n";
    const char* regions[] = {"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"};
    const char* products[] = {"trakcare", "healthshare-ie", "healthshare-pi", "healthconnect", "iris"};
    std::uint64_t x = 88172645463325252ull;
    auto rnd = [&](std::uint64_t m) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        return x % m;
    };
    for (long i = 0; i < n; ++i) {
        const bool dr = rnd(2) == 0;
        const auto r = rnd(5);
        out << "site-" << i << "," << products[rnd(5)] << "," << regions[r] << ",aws-2025," << 50 + rnd(8000) << ","
            << rnd(30) << "," << 1 + rnd(5) << "," << 200 + rnd(40000) << "," << 50 + rnd(10000) << ","
            << 1 + rnd(40) << "," << 1 + rnd(40) << "," << 4 + rnd(300) << ",," << "true,true,"
            << (dr ? regions[(r + 1) % 5] : "") << "," << (dr ? "1" : "") << "," << (dr ? "100" : "") << ","
            << rnd(3) << "," << rnd(3) << ",0,65,7,\n";
    }
}

struct Figures {
    double seconds = 0;
    double cpu_seconds = 0; ///< user and system time of every thread of the run
    long max_rss_kib = 0;
    int status = 0;
};

Figures measure(const irisize::Catalog& catalog, const fs::path& in, bool check_only, int jobs) {
    const auto t0 = std::chrono::steady_clock::now();
    const pid_t pid = ::fork();
    if (pid == 0) {
        irisize::app::BatchOptions opt;
        opt.input = in.string();
        opt.output = "/dev/null";
        opt.jobs = jobs;
        opt.check_only = check_only;
        ::_exit(irisize::app::run_batch(catalog, opt).status);
    }
    int st = 0;
    rusage ru{};
    ::wait4(pid, &st, 0, &ru);
    const auto t1 = std::chrono::steady_clock::now();
    auto secs = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return {std::chrono::duration<double>(t1 - t0).count(), secs(ru.ru_utime) + secs(ru.ru_stime), ru.ru_maxrss,
            WIFEXITED(st) ? WEXITSTATUS(st) : -1};
}

} // namespace

int main(int argc, char** argv) {
    std::vector<long> sizes;
    int repeats = 5;
    for (int i = 1; i < argc; ++i) {
        if (std::string_view(argv[i]) == "-r" && i + 1 < argc) {
            repeats = std::max(1, std::atoi(argv[++i]));
            continue;
        }
        sizes.push_back(std::atol(argv[i]));
    }
    if (sizes.empty())
        sizes = {10000, 100000};
    auto catalog = irisize::load_catalog(IRISIZE_BENCH_DATA_DIR);
    if (!catalog) {
        fmt::print(stderr, "cannot load data: {}\n", catalog.error().what());
        return 1;
    }
    const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    fmt::print("batch over synthetic rows ({} cores); the median of {} runs, and the fastest; peak memory (max RSS)\n",
               cores, repeats);
    fmt::print("{:>9} {:>7} {:>5} {:>10} {:>12} {:>14} {:>16} {:>12} {:>10}\n", "rows", "mode", "jobs", "seconds",
               "rows/s", "rows/s/core", "fastest per core", "per CPU s", "max RSS");
    const fs::path dir = fs::temp_directory_path() / "irisize-bench-batch";
    fs::create_directories(dir);
    for (long n : sizes) {
        const fs::path in = dir / fmt::format("sites-{}.csv", n);
        generate(in, n);
        for (bool check_only : {true, false})
            for (int jobs : {1, cores}) {
                std::vector<Figures> runs;
                for (int r = 0; r < repeats; ++r)
                    runs.push_back(measure(*catalog, in, check_only, jobs));
                std::sort(runs.begin(), runs.end(),
                          [](const Figures& a, const Figures& b) { return a.seconds < b.seconds; });
                const Figures& f = runs[runs.size() / 2];
                const double rate = static_cast<double>(n) / f.seconds;
                const double fastest = static_cast<double>(n) / runs.front().seconds;
                std::vector<double> cpu;
                for (const auto& run : runs)
                    cpu.push_back(run.cpu_seconds);
                std::sort(cpu.begin(), cpu.end());
                const double per_cpu_second = static_cast<double>(n) / cpu[cpu.size() / 2];
                long rss = 0;
                int status = 0;
                for (const auto& run : runs) {
                    rss = std::max(rss, run.max_rss_kib);
                    if (run.status != 0 && run.status != 3)
                        status = run.status;
                }
                fmt::print("{:>9} {:>7} {:>5} {:>10.3f} {:>12.0f} {:>14.0f} {:>16.0f} {:>12.0f} {:>7.1f} MiB{}\n", n,
                           check_only ? "parse" : "size", jobs, f.seconds, rate, rate / jobs, fastest / jobs,
                           per_cpu_second, static_cast<double>(rss) / 1024.0,
                           status == 0 ? "" : fmt::format("  (exit {})", status));
                if (cores == 1)
                    break;
            }
        fs::remove(in);
    }
    return 0;
}
