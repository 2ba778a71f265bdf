// SPDX-License-Identifier: GPL-3.0-or-later
// `irisize batch`: the shared batch engine with a terminal face: Ctrl-C stops cleanly, a
// progress line on stderr when it is a terminal, a one-line summary at the end.

#include "batch_runner.hpp"
#include "commands.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>

#include <unistd.h>

namespace irisize::cli {

namespace {

std::atomic<bool> g_cancel{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the signal handler stores into it");
extern "C" void on_signal(int) { g_cancel.store(true); }

class TerminalProgress {
public:
    explicit TerminalProgress(bool enabled) : m_enabled(enabled), m_start(clock::now()), m_last(m_start) {}
    void operator()(const app::BatchProgress& p, bool final = false) {
        if (!m_enabled)
            return;
        const auto now = clock::now();
        if (!final && now - m_last < std::chrono::milliseconds(200))
            return;
        m_last = now;
        const double secs = std::chrono::duration<double>(now - m_start).count();
        const double rate = secs > 0 ? static_cast<double>(p.rows) / secs : 0;
        std::string eta;
        if (p.total_bytes > 0 && p.bytes_read > 0 && p.bytes_read < p.total_bytes) {
            const double done = static_cast<double>(p.bytes_read) / static_cast<double>(p.total_bytes);
            const double left = secs * (1 - done) / done;
            eta = fmt::format("  {:3.0f} %  ETA {}:{:02}", 100 * done, static_cast<int>(left) / 60,
                              static_cast<int>(left) % 60);
        }
        fmt::print(stderr, "\r  {} rows  {:.0f} rows/s{}   ", p.rows, rate, eta);
        if (final)
            fmt::print(stderr, "\n");
        std::fflush(stderr);
    }

private:
    using clock = std::chrono::steady_clock;
    bool m_enabled;
    clock::time_point m_start, m_last;
};

} // namespace

int run_batch(const Catalog& catalog, const BatchArgs& args) {
    app::BatchOptions opt;
    opt.input = args.input;
    opt.output = args.output;
    opt.rules = args.rules;
    opt.region = args.region;
    for (auto& c : opt.region) // region codes are lower case, as the region column is read
        c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    opt.jobs = args.jobs;
    opt.details = args.details;
    opt.details_format = args.details_format;
    opt.delimiter = args.delimiter;
    opt.check_only = args.check_only;
    opt.cancel = &g_cancel;
    TerminalProgress progress(args.progress && ::isatty(STDERR_FILENO));
    app::BatchProgress last;
    opt.on_progress = [&](const app::BatchProgress& p) {
        last = p;
        progress(p);
    };

    // No SA_RESTART: a Ctrl-C while waiting on a pipe or the terminal interrupts the read.
    struct sigaction act {}, prev_int {}, prev_term {};
    act.sa_handler = on_signal;
    sigemptyset(&act.sa_mask);
    ::sigaction(SIGINT, &act, &prev_int);
    ::sigaction(SIGTERM, &act, &prev_term);
    const app::BatchResult r = app::run_batch(catalog, opt);
    ::sigaction(SIGINT, &prev_int, nullptr);
    ::sigaction(SIGTERM, &prev_term, nullptr);
    progress(last, true);
    if (!r.passed_through.empty() && r.status != app::BatchInputUnreadable)
        fmt::print(stderr, "irisize: note: columns not used for sizing, passed through: {}\n",
                   fmt::join(r.passed_through, ", "));

    switch (r.status) {
    case app::BatchInputUnreadable:
    case app::BatchOutputFailed:
        fmt::print(stderr, "irisize: error: {}\n", r.message);
        break;
    case app::BatchCancelled:
        fmt::print(stderr, "irisize: {} after {} rows\n", r.message, r.rows);
        break;
    default:
        if (args.output != "-" || r.failed > 0)
            fmt::print(stderr, "irisize: {} rows, {} ok, {} with errors{}\n", r.rows, r.rows - r.failed, r.failed,
                       args.output == "-" ? "" : fmt::format("; written to {}", args.output));
    }
    return r.status;
}

} // namespace irisize::cli
