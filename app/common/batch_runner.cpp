// SPDX-License-Identifier: GPL-3.0-or-later
// irisize batch: a CSV of workloads in, a CSV of plan summaries out, one row per input row,
// in input order. Reads in blocks (constant memory, batch_input.cpp), sizes each block on all
// cores, writes through a temporary that is renamed into place only when the run completes.

#include "batch_runner.hpp"

#include "batch_input.hpp"
#include "checked_sizing.hpp"
#include "csv_out.hpp"
#include "data_location.hpp"
#include "irisize/workload/csv_row.hpp"
#include "irisize/plan/plan_json.hpp"
#include "irisize/report/report_model.hpp"
#include "irisize/sizing/sizing.hpp"
#include "output.hpp"
#include "plan_writer.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>
#include <unordered_map>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>
#include <thread>

namespace irisize::app {

namespace fs = std::filesystem;

namespace {

// --- workers ------------------------------------------------------------------------------

/// A fixed set of threads that run `fn(i, worker)` for i in [0, count) and return when all are
/// done; `worker` (0 .. jobs - 1) names the thread, for scratch space of its own. The calling
/// thread works too, as worker 0, so `jobs` threads share the work.
class Workers {
public:
    explicit Workers(unsigned jobs) {
        for (unsigned i = 1; i < jobs; ++i)
            m_threads.emplace_back([this, i] { loop(i); });
    }
    ~Workers() {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_start.notify_all();
        for (auto& t : m_threads)
            t.join();
    }
    Workers(const Workers&) = delete;
    Workers& operator=(const Workers&) = delete;

    using Task = std::function<void(std::size_t, unsigned)>;

    void run(std::size_t count, const Task& fn) {
        {
            std::lock_guard lock(m_mutex);
            m_fn = &fn;
            m_count = count;
            m_next = 0;
            m_busy = static_cast<unsigned>(m_threads.size());
            ++m_generation;
        }
        m_start.notify_all();
        work(0);
        std::unique_lock lock(m_mutex);
        m_done.wait(lock, [this] { return m_busy == 0; });
        m_fn = nullptr;
    }

private:
    void work(unsigned worker) {
        for (std::size_t i = m_next++; i < m_count; i = m_next++)
            (*m_fn)(i, worker);
    }
    void loop(unsigned worker) {
        std::uint64_t seen = 0;
        for (;;) {
            {
                std::unique_lock lock(m_mutex);
                m_start.wait(lock, [&] { return m_stop || m_generation != seen; });
                if (m_stop)
                    return;
                seen = m_generation;
            }
            work(worker);
            {
                std::lock_guard lock(m_mutex);
                --m_busy;
            }
            m_done.notify_one();
        }
    }

    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_start, m_done;
    const Task* m_fn = nullptr;
    std::size_t m_count = 0;
    std::atomic<std::size_t> m_next{0};
    unsigned m_busy = 0;
    std::uint64_t m_generation = 0;
    bool m_stop = false;
};

// One row's plan in the --details format, all or nothing (the service `irisize size` uses).
Result<bool> write_detail(const Catalog& catalog, const Workload& workload, const Plan& plan,
                          const std::string& format, const fs::path& file) {
    return write_plan(catalog, plan, plan_format_from(format).value_or(PlanFormat::json), file.string(),
                      {to_json(workload)});
}

// The file of one row's plan: its number, its name made safe, the format's extension.
std::string detail_file_name(std::size_t row, const std::string& name, const std::string& format) {
    return fmt::format("{}-{}{}", row, file_safe_name(name),
                       plan_format_extension(plan_format_from(format).value_or(PlanFormat::json)));
}

} // namespace

BatchResult run_batch(const Catalog& catalog, const BatchOptions& args) {
    const unsigned jobs =
        args.jobs > 0 ? static_cast<unsigned>(args.jobs) : std::max(1u, std::thread::hardware_concurrency());
    auto cancelled = [&] { return args.cancel && args.cancel->load(std::memory_order_relaxed); };
    auto fail = [](BatchStatus st, std::string message) {
        BatchResult r;
        r.status = st;
        r.message = std::move(message);
        return r;
    };

    BatchInput reader(args.cancel);
    char delim = 0;
    if (args.delimiter == ";" || args.delimiter == "semicolon")
        delim = ';';
    else if (args.delimiter == "," || args.delimiter == "comma")
        delim = ',';
    else if (args.delimiter == "tab" || args.delimiter == "\\t")
        delim = '\t';
    if (auto opened = reader.open(args.input, delim); !opened)
        return fail(cancelled() ? BatchCancelled : BatchInputUnreadable, opened.error().what());
    std::vector<std::vector<std::string>> rows;
    auto first = reader.next(rows, 1);
    if (cancelled())
        return fail(BatchCancelled, "interrupted before the header was read; nothing written");
    if (!first)
        return fail(BatchInputUnreadable, first.error().what());
    if (rows.empty())
        return fail(BatchInputUnreadable, Error{args.input, "is empty: no header row"}.what());
    std::vector<std::string> header_names = std::move(rows.front());
    rows.erase(rows.begin()); // the rest of the first buffer's rows start the first block
    if (!args.rules.empty() && !catalog.rule_set(args.rules))
        return fail(BatchInputUnreadable, fmt::format("--rules: unknown rule set '{}'", args.rules));
    if (!args.region.empty() && !catalog.price_list(args.region))
        return fail(BatchInputUnreadable, fmt::format("--region: unknown region '{}'", args.region));
    auto header = BatchHeader::make(header_names, args.region.empty());
    if (!header)
        return fail(BatchInputUnreadable, args.input + ": " + header.error().what());
    BatchResult result;
    // An optional `deployment` column groups rows into deployments, each given a total row at the end.
    std::optional<std::size_t> deployment_column;
    for (std::size_t i = 0; i < header_names.size() && !deployment_column; ++i) {
        std::string h = header_names[i];
        h.erase(0, h.find_first_not_of(" \t"));
        h.erase(h.find_last_not_of(" \t") + 1);
        std::transform(h.begin(), h.end(), h.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (h == "deployment")
            deployment_column = i;
    }
    for (std::size_t i = 0; i < header_names.size(); ++i) {
        bool used = deployment_column == i;
        for (auto c : batch_input_columns())
            used = used || header->index(c) == i;
        if (!used)
            result.passed_through.push_back(header_names[i]);
    }
    if (!args.details.empty()) {
        static constexpr std::string_view formats[] = {"json", "text", "markdown", "html", "xlsx"};
        if (std::find(std::begin(formats), std::end(formats), args.details_format) == std::end(formats))
            return fail(BatchOutputFailed,
                        fmt::format("--details-format: unknown format '{}' (json, text, markdown, html or xlsx)",
                                    args.details_format));
        std::error_code ec;
        fs::create_directories(args.details, ec);
        if (ec || !fs::is_directory(args.details))
            return fail(BatchOutputFailed,
                        fmt::format("--details: cannot create directory {}: {}", args.details, ec.message()));
    }

    StreamingOutput out;
    if (auto o = out.open(args.output); !o)
        return fail(BatchOutputFailed, o.error().what());

    // What a failure leaves: a file appears only on success; a stream keeps what was sent.
    auto stop_note = [&] {
        return out.streams() && out.bytes_written() > 0 ? std::string(" (output stopped early)")
                                                        : std::string(" (no output written)");
    };
    const char out_delim = reader.delimiter() == ';' ? ';' : ',';
    std::string buffer;
    {
        std::vector<std::string> head = header_names;
        for (auto c : batch_output_columns())
            head.emplace_back(c);
        append_csv_row(buffer, head, out_delim);
    }

    SizeOptions sopt;
    sopt.rules = args.rules;
    sopt.region = args.region;
    sopt.explain = !args.details.empty(); // the summary needs no explanations; the details do
    const BatchRowOptions ropt{reader.delimiter() == ';'};
    const std::size_t block = 256 * static_cast<std::size_t>(jobs);
    const std::size_t empty_summary = batch_output_columns().size() - 2;
    std::vector<std::size_t> money_cells; // positions in the summary
    for (std::size_t k = 2; k < batch_output_columns().size(); ++k)
        if (batch_output_columns()[k].rfind("monthly_", 0) == 0)
            money_cells.push_back(k - 2);

    Workers workers(jobs);
    std::vector<std::string> lines; // one per row of a block, kept (with their capacity) from block to block
    // Deployment totals: each row's money cells in cents (-1: the row was not sized), then per
    // deployment in order of first appearance.
    std::vector<std::array<long long, 3>> row_cents;
    struct DeploymentTotal {
        std::string name;
        std::size_t rows = 0, failed = 0;
        std::array<long long, 3> cents{};
    };
    std::vector<DeploymentTotal> totals;
    std::unordered_map<std::string, std::size_t> total_of;
    std::vector<std::vector<std::string>> summaries(jobs); // each worker's summary cells, reused row after row
    std::atomic<std::size_t> failed{0};
    std::size_t row_base = 0;
    std::atomic<bool> detail_error{false};
    std::string detail_message;
    std::mutex detail_mutex;
    std::vector<BatchRowError> row_errors;
    std::mutex row_errors_mutex;
    auto progress = [&] {
        if (args.on_progress)
            args.on_progress({row_base, reader.bytes_read(), reader.total_bytes()});
    };

    for (;;) {
        auto more = reader.next(rows, rows.size() < block ? block - rows.size() : 0);
        if (cancelled())
            break;
        if (!more)
            return fail(BatchInputUnreadable, more.error().what() + stop_note());
        // Rows with no text at all (",,,," as spreadsheets leave them) are blank lines, not data.
        rows.erase(std::remove_if(rows.begin(), rows.end(),
                                  [](const std::vector<std::string>& r) {
                                      return std::all_of(r.begin(), r.end(), [](const std::string& f) {
                                          return f.find_first_not_of(" \t") == std::string::npos;
                                      });
                                  }),
                   rows.end());
        if (rows.empty()) {
            if (!more.value())
                break;
            continue;
        }
        lines.resize(rows.size());
        if (deployment_column)
            row_cents.assign(rows.size(), {-1, -1, -1});
        workers.run(rows.size(), [&](std::size_t i, unsigned worker) {
            if (cancelled())
                return;
            const auto& fields = rows[i];
            const std::size_t row_number = row_base + i + 1;
            std::string_view status = "ok";
            std::string error;
            BatchRowError listed{row_number, {}, {}};
            std::vector<std::string>& summary = summaries[worker];
            bool summarised = false;
            auto w = workload_from_row(*header, fields, ropt);
            if (!w) {
                status = "error";
                error = w.error().what();
                listed.column = w.error().field;
                listed.message = w.error().message;
            } else if (!args.check_only) {
                auto plan = size_checked(*w, catalog, sopt); // a plan failing its check is an error row
                if (!plan) {
                    status = "error";
                    const auto& e = plan.error();
                    const bool no_column = e.field.rfind("--", 0) == 0 || e.field.empty();
                    error = no_column ? e.what() : batch_column_for(e.field) + ": " + e.message;
                    listed.column = no_column ? e.field : batch_column_for(e.field);
                    listed.message = e.message;
                } else {
                    batch_summary(*plan, summary);
                    summarised = true;
                    if (deployment_column)
                        for (std::size_t m = 0; m < money_cells.size() && m < 3; ++m)
                            row_cents[i][m] = std::llround(std::strtod(summary[money_cells[m]].c_str(), nullptr) * 100.0);
                    if (out_delim == ';') // the decimal comma of the spreadsheets that write semicolons
                        for (std::size_t k : money_cells)
                            std::replace(summary[k].begin(), summary[k].end(), '.', ',');
                    if (!args.details.empty()) {
                        const auto file =
                            fs::path(args.details) / detail_file_name(row_number, w->name, args.details_format);
                        auto written = write_detail(catalog, *w, *plan, args.details_format, file);
                        if (!written && !detail_error.exchange(true)) {
                            std::lock_guard lock(detail_mutex);
                            detail_message = written.error().what();
                        }
                    }
                }
            }
            if (status != "ok") {
                ++failed;
                // Blocks are sized in input order, so once the list is full no later row belongs in it.
                std::lock_guard lock(row_errors_mutex);
                if (row_errors.size() < BatchResult::kMaxListedErrors + block)
                    row_errors.push_back(std::move(listed));
            }
            // The row as read (cut or padded to the header's columns), status, error, summary.
            std::string& line = lines[i];
            line.clear();
            bool first_cell = true;
            auto put = [&](std::string_view cell) {
                if (!first_cell)
                    line += out_delim;
                first_cell = false;
                append_csv_field(line, cell, out_delim);
            };
            for (std::size_t k = 0; k < header->size(); ++k)
                put(k < fields.size() ? std::string_view(fields[k]) : std::string_view());
            put(status);
            put(error);
            for (std::size_t k = 0; k < empty_summary; ++k)
                put(summarised ? std::string_view(summary[k]) : std::string_view());
            line += '\n';
        });
        if (cancelled())
            break;
        for (const auto& l : lines)
            buffer += l;
        if (deployment_column)
            for (std::size_t i = 0; i < rows.size(); ++i) {
                if (*deployment_column >= rows[i].size())
                    continue;
                std::string name = rows[i][*deployment_column];
                name.erase(0, name.find_first_not_of(" \t"));
                name.erase(name.find_last_not_of(" \t") + 1);
                if (name.empty())
                    continue;
                auto [it, fresh] = total_of.try_emplace(name, totals.size());
                if (fresh)
                    totals.push_back({name, 0, 0, {}});
                DeploymentTotal& t = totals[it->second];
                ++t.rows;
                if (row_cents[i][0] < 0 && !args.check_only)
                    ++t.failed;
                else
                    for (std::size_t m = 0; m < 3; ++m)
                        t.cents[m] += std::max(0LL, row_cents[i][m]);
            }
        if (auto wr = out.write(buffer); !wr)
            return fail(BatchOutputFailed, wr.error().what() + stop_note());
        buffer.clear();
        row_base += rows.size();
        reader.recycle(rows);
        progress();
        if (detail_error)
            return fail(BatchOutputFailed, "--details: " + detail_message + stop_note());
    }
    result.rows = row_base;
    result.failed = failed;
    std::sort(row_errors.begin(), row_errors.end(),
              [](const BatchRowError& a, const BatchRowError& b) { return a.row < b.row; });
    if (row_errors.size() > BatchResult::kMaxListedErrors)
        row_errors.resize(BatchResult::kMaxListedErrors);
    result.errors = std::move(row_errors);
    if (cancelled()) {
        out.abandon();
        result.status = BatchCancelled;
        result.message = "interrupted;" + stop_note();
        return result;
    }
    // One total row per deployment, after every data row: the input columns empty but `deployment`,
    // status "total", the sum of its sized rows' money columns, and how many rows failed.
    for (const auto& t : totals) {
        std::vector<std::string> cells(header_names.size());
        cells[*deployment_column] = t.name;
        cells.emplace_back("total");
        cells.emplace_back(t.failed == 0 ? fmt::format("{} rows", t.rows)
                                         : fmt::format("{} rows; {} failed and are not in the total", t.rows, t.failed));
        std::vector<std::string> summary(empty_summary);
        if (!args.check_only)
            for (std::size_t m = 0; m < money_cells.size() && m < 3; ++m) {
                std::string cell = fmt::format("{}.{:02}", t.cents[m] / 100, t.cents[m] % 100);
                if (out_delim == ';')
                    std::replace(cell.begin(), cell.end(), '.', ',');
                summary[money_cells[m]] = std::move(cell);
            }
        for (auto& s : summary)
            cells.push_back(std::move(s));
        append_csv_row(buffer, cells, out_delim);
    }
    if (!buffer.empty())
        if (auto wr = out.write(buffer); !wr)
            return fail(BatchOutputFailed, wr.error().what() + stop_note());
    if (auto c = out.commit(); !c)
        return fail(BatchOutputFailed, c.error().what());
    progress();
    result.status = result.failed > 0 ? BatchSomeRowsFailed : BatchAllOk;
    return result;
}

} // namespace irisize::app
