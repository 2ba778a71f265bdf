// SPDX-License-Identifier: GPL-3.0-or-later
// The batch-file driver, apart because it needs the application's batch engine (appsupport).
#include "drivers.hpp"

#include "batch_runner.hpp"

#include <fstream>
#include <system_error>

namespace irisize::fuzz {

namespace fs = std::filesystem;

Outcome batch_file(std::string_view bytes, const Catalog& catalog, const fs::path& scratch) {
    Outcome out;
    const fs::path in = scratch / "in.csv", result = scratch / "out.csv", details = scratch / "details";
    std::error_code ec;
    fs::remove(result, ec);
    fs::remove_all(details, ec);
    {
        std::ofstream f(in, std::ios::binary | std::ios::trunc);
        f.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!f) {
            out.bugs.push_back("batch file: cannot write the input to " + in.string() + " (scratch space full?)");
            return out;
        }
    }
    app::BatchOptions opt;
    opt.input = in.string();
    opt.output = result.string();
    opt.jobs = 1;
    opt.details = details.string(); // each plan as JSON too: the writer that met the rows' raw bytes
    const auto r = app::run_batch(catalog, opt);
    const bool wrote = r.status == app::BatchAllOk || r.status == app::BatchSomeRowsFailed;
    switch (r.status) {
    case app::BatchAllOk:
    case app::BatchSomeRowsFailed:
    case app::BatchInputUnreadable:
    case app::BatchOutputFailed:
        break;
    default:
        out.bugs.push_back("batch file: unexpected status " + std::to_string(static_cast<int>(r.status)));
    }
    if (wrote) {
        ++out.accepted;
        out.refused += r.failed;
        if (r.failed > r.rows)
            out.bugs.push_back("batch file: more failed rows than rows");
        if (!fs::is_regular_file(result, ec))
            out.bugs.push_back("batch file: reported success but wrote no output");
        std::size_t plans = 0;
        for (const auto& e : fs::directory_iterator(details, ec)) {
            if (e.path().filename().string().front() == '.')
                out.bugs.push_back("batch file: left the temporary " + e.path().string() + " behind");
            ++plans;
        }
        if (plans != r.rows - r.failed)
            out.bugs.push_back("batch file: " + std::to_string(r.rows - r.failed) + " rows sized but " +
                               std::to_string(plans) + " plans written");
    } else {
        ++out.refused;
        if (r.message.empty())
            out.bugs.push_back("batch file: failed without a message");
        if (fs::exists(result, ec))
            out.bugs.push_back("batch file: failed (" + r.message + ") but left an output file");
    }
    // Nothing else in the scratch directory: no temporary left behind either way.
    for (const auto& e : fs::directory_iterator(scratch, ec))
        if (e.path() != in && e.path() != result && e.path() != details)
            out.bugs.push_back("batch file: left " + e.path().string() + " behind");
    return out;
}

} // namespace irisize::fuzz
