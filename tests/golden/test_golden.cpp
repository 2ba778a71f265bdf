// SPDX-License-Identifier: GPL-3.0-or-later
// Golden files: what irisize writes today, kept byte-identical while the core is moved and
// split (#15). The examples and the bundled batch site files go through the real `irisize`
// binary and are stored whole; a few hundred generated workloads go through the `size`
// command in this process (cli::run_size, the function `irisize size` calls after parsing its
// arguments) and are stored as SHA-256 digests in a manifest. How to update and how to read
// a failure: tests/golden/README.md.

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.hpp"
#include "irisize/data/catalog.hpp"
#include "sha256.hpp"
#include "test_support.hpp"
#include "workload_generator.hpp"

namespace fs = std::filesystem;
using irisize::golden::sha256_hex;
using irisize::test::shell_quoted;
using irisize::test::slurp;
using irisize::test::spit;

namespace {

// --- what is pinned ----------------------------------------------------------------------

constexpr std::uint64_t generator_seed = 20250915;
constexpr int generator_count = 300;
/// Reports print a date: 2025-01-01 (UTC) for every golden run, whatever today is.
constexpr const char* source_date_epoch = "1735689600";
const std::vector<std::string> rule_sets = {"aws-2025", "aws-2016"};
const std::vector<std::string> formats = {"json", "text", "markdown", "html", "terraform", "icm"};

const fs::path expected_root = IRISIZE_GOLDEN_DIR;
const fs::path data_dir = IRISIZE_TEST_DATA_DIR;

// --- small helpers -----------------------------------------------------------------------

bool updating() {
    const char* v = std::getenv("IRISIZE_GOLDEN_UPDATE");
    return v && std::string(v) == "1";
}

void replace_all(std::string& s, const std::string& from, const std::string& to) {
    for (std::size_t at = s.find(from); !from.empty() && at != std::string::npos; at = s.find(from, at + to.size()))
        s.replace(at, from.size(), to);
}

std::string format_file(const std::string& format) {
    if (format == "terraform" || format == "icm")
        return format; // a directory
    if (format == "text")
        return "plan.txt";
    if (format == "markdown")
        return "plan.md";
    return "plan." + format;
}

/// A scratch directory on a RAM disk when there is one: the writers fsync every file.
fs::path scratch_root() {
    const fs::path shm = "/dev/shm";
    std::error_code ec;
    const fs::path base = fs::is_directory(shm, ec) ? shm : fs::temp_directory_path();
    const fs::path dir = base / fmt::format("irisize-golden-{}", ::getpid());
    fs::remove_all(dir);
    fs::create_directories(dir);
    return dir;
}

/// Files under `dir`, relative, sorted, '/'-separated.
std::vector<std::string> files_under(const fs::path& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        return out;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file())
            out.push_back(fs::relative(e.path(), dir).generic_string());
    std::sort(out.begin(), out.end());
    return out;
}

/// "line N" and both versions of the first line that differs.
std::string first_difference(const std::string& expected, const std::string& actual) {
    std::istringstream e(expected), a(actual);
    std::string le, la;
    for (int line = 1;; ++line) {
        const bool he = static_cast<bool>(std::getline(e, le));
        const bool ha = static_cast<bool>(std::getline(a, la));
        if (!he && !ha)
            return "the files differ only in their final newline";
        if (he != ha || le != la) {
            auto cut = [](const std::string& s) { return s.size() > 240 ? s.substr(0, 240) + "..." : s; };
            return fmt::format("first difference at line {}:\n      expected: {}\n      actual:   {}", line,
                               he ? cut(le) : "(end of file)", ha ? cut(la) : "(end of file)");
        }
    }
}

/// Compares every file under `actual` with the one of the same name under `expected` (both
/// ways); with IRISIZE_GOLDEN_UPDATE=1 replaces `expected` by `actual` instead.
void check_tree(const fs::path& expected, const fs::path& actual, const std::string& label,
                std::vector<std::string>& mismatches) {
    if (updating()) {
        fs::remove_all(expected);
        fs::create_directories(expected);
        fs::copy(actual, expected, fs::copy_options::recursive);
        return;
    }
    const auto want = files_under(expected);
    const auto got = files_under(actual);
    const std::string rel = fs::relative(expected, expected_root.parent_path().parent_path().parent_path())
                                .generic_string(); // tests/golden/expected/...
    for (const auto& f : want)
        if (!std::binary_search(got.begin(), got.end(), f))
            mismatches.push_back(fmt::format("{}: {} is no longer written ({}/{})", label, f, rel, f));
    for (const auto& f : got) {
        if (!std::binary_search(want.begin(), want.end(), f)) {
            mismatches.push_back(fmt::format("{}: {} is new (no {}/{})", label, f, rel, f));
            continue;
        }
        const std::string e = slurp(expected / f), a = slurp(actual / f);
        if (e != a)
            mismatches.push_back(fmt::format("{}: {} differs from {}/{}; {}", label, f, rel, f, first_difference(e, a)));
    }
}

void report(const std::vector<std::string>& mismatches, const std::string& how_to_see) {
    if (updating()) {
        WARN("IRISIZE_GOLDEN_UPDATE=1: expected files rewritten; commit them on their own, saying what changed and why");
        return;
    }
    if (mismatches.empty())
        return;
    std::string msg = fmt::format("{} golden output(s) differ:\n", mismatches.size());
    const std::size_t shown = std::min<std::size_t>(mismatches.size(), 40);
    for (std::size_t i = 0; i < shown; ++i)
        msg += "  " + mismatches[i] + "\n";
    if (shown < mismatches.size())
        msg += fmt::format("  ... and {} more\n", mismatches.size() - shown);
    msg += how_to_see + "\n";
    // Standard error, unwrapped (Catch wraps its messages at 80 columns); the failure names the count.
    fmt::print(stderr, "\n{}", msg);
    FAIL(fmt::format("{} golden output(s) differ: the list is on standard error above", mismatches.size()));
}

/// Runs `irisize ARGS` (the real binary, the source tree's data, the pinned report date),
/// standard output to `stdout_file` (or discarded), standard error to `stderr_file`.
int run_irisize(const std::string& args, const fs::path& stdout_file, const fs::path& stderr_file) {
    const std::string cmd = fmt::format("SOURCE_DATE_EPOCH={} {} --data {} {} >{} 2>{}", source_date_epoch,
                                        shell_quoted(IRISIZE_BIN), shell_quoted(data_dir.string()), args,
                                        stdout_file.empty() ? std::string("/dev/null") : shell_quoted(stdout_file),
                                        shell_quoted(stderr_file));
    const int st = std::system(cmd.c_str());
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/// "exit N" and standard error, indented, with the scratch directory named $OUT.
std::string status_entry(const std::string& what, int status, std::string err, const fs::path& scratch) {
    replace_all(err, scratch.string(), "$OUT");
    std::string s = fmt::format("{}: exit {}\n", what, status);
    std::istringstream in(err);
    for (std::string line; std::getline(in, line);)
        s += "  " + line + "\n";
    return s;
}

bool is_project(const fs::path& file) {
    const auto doc = nlohmann::json::parse(slurp(file), nullptr, false);
    return doc.is_object() && doc.contains("kind") && doc["kind"] == "irisize-project";
}

std::vector<fs::path> example_files(const std::string& extension) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(data_dir / "examples"))
        if (e.is_regular_file() && e.path().extension() == extension)
            out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

/// Standard error of this process, to a file, while it lives (the commands report there).
class StderrCapture {
public:
    explicit StderrCapture(const fs::path& file) : m_file(file) {
        std::fflush(stderr);
        m_saved = ::dup(STDERR_FILENO);
        const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        REQUIRE(fd >= 0);
        ::dup2(fd, STDERR_FILENO);
        ::close(fd);
    }
    StderrCapture(const StderrCapture&) = delete;
    StderrCapture& operator=(const StderrCapture&) = delete;
    ~StderrCapture() { restore(); }
    std::string finish() {
        restore();
        return slurp(m_file);
    }

private:
    void restore() {
        if (m_saved < 0)
            return;
        std::fflush(stderr);
        ::dup2(m_saved, STDERR_FILENO);
        ::close(m_saved);
        m_saved = -1;
    }
    fs::path m_file;
    int m_saved = -1;
};

/// The bytes a format wrote: the file, or each file of a directory as "== NAME (N bytes)" and its content.
std::string output_bytes(const fs::path& out) {
    std::error_code ec;
    if (!fs::is_directory(out, ec))
        return fs::exists(out, ec) ? slurp(out) : std::string();
    std::string all;
    for (const auto& f : files_under(out)) {
        const std::string content = slurp(out / f);
        all += fmt::format("== {} ({} bytes)\n", f, content.size()) + content;
    }
    return all;
}

std::string escaped(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\\')
            out += "\\\\";
        else
            out += c;
    }
    return out;
}

} // namespace

TEST_CASE("golden: SHA-256 of the manifest matches the FIPS 180-4 examples", "[golden]") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1000000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("golden: the generator gives the same workloads for the same seed", "[golden]") {
    const auto a = irisize::golden::generate_workloads(generator_seed, 20);
    const auto b = irisize::golden::generate_workloads(generator_seed, 20);
    REQUIRE(a.size() == 20);
    for (std::size_t i = 0; i < a.size(); ++i)
        CHECK(a[i].doc.dump() == b[i].doc.dump());
    CHECK(irisize::golden::generate_workloads(generator_seed + 1, 1).front().doc.dump() != a.front().doc.dump());
}

TEST_CASE("golden: every example through irisize size in every format under both rule sets", "[golden]") {
    const fs::path scratch = scratch_root();
    std::vector<std::string> mismatches;
    const auto examples = example_files(".json");
    REQUIRE(!examples.empty());
    // "as-written": the rule set the example names; "rules-aws-2016": forced with --rules.
    const std::vector<std::pair<std::string, std::string>> variants = {{"as-written", ""},
                                                                       {"rules-aws-2016", "--rules aws-2016"}};
    for (const auto& example : examples) {
        const bool project = is_project(example);
        for (const auto& [variant, option] : variants) {
            const fs::path actual = scratch / example.stem() / variant;
            fs::create_directories(actual);
            std::string status;
            for (const auto& format : formats) {
                // A project of several systems writes each system's plan into the -o directory.
                const fs::path out = project ? actual / format : actual / format_file(format);
                const fs::path err = scratch / "stderr.txt";
                const int rc = run_irisize(fmt::format("size {} --format {} {} -o {}", shell_quoted(example.string()),
                                                       format, option, shell_quoted(out.string())),
                                           {}, err);
                status += status_entry(format, rc, slurp(err), scratch);
            }
            spit(actual / "exit-status.txt", status);
            check_tree(expected_root / "examples" / example.stem() / variant, actual,
                       fmt::format("examples/{} ({})", example.filename().string(), variant), mismatches);
        }
    }
    fs::remove_all(scratch);
    report(mismatches, "Review with `git diff` after IRISIZE_GOLDEN_UPDATE=1 (tests/golden/README.md).");
}

TEST_CASE("golden: the bundled batch site files through irisize batch under both rule sets", "[golden]") {
    const fs::path scratch = scratch_root();
    std::vector<std::string> mismatches;
    const auto sites = example_files(".csv");
    REQUIRE(!sites.empty());
    const std::vector<std::pair<std::string, std::string>> variants = {{"as-written", ""},
                                                                       {"rules-aws-2016", "--rules aws-2016"}};
    const fs::path actual = scratch / "batch";
    fs::create_directories(actual);
    for (const auto& csv : sites) {
        for (const auto& [variant, option] : variants) {
            const std::string base = fmt::format("{}.{}", csv.stem().string(), variant);
            const fs::path err = scratch / "stderr.txt";
            // -j 2: the output order does not depend on the jobs, and two suit a shared machine.
            const int rc =
                run_irisize(fmt::format("batch {} {} -j 2 --no-progress -o -", shell_quoted(csv.string()), option),
                            actual / (base + ".csv"), err);
            spit(actual / (base + ".exit-status.txt"), status_entry("batch", rc, slurp(err), scratch));
        }
    }
    check_tree(expected_root / "batch", actual, "batch", mismatches);
    fs::remove_all(scratch);
    report(mismatches, "Review with `git diff` after IRISIZE_GOLDEN_UPDATE=1 (tests/golden/README.md).");
}

TEST_CASE("golden: generated workloads through the size command in every format under both rule sets", "[golden]") {
    ::setenv("SOURCE_DATE_EPOCH", source_date_epoch, 1);
    auto catalog = irisize::load_catalog(data_dir);
    REQUIRE(catalog.ok());

    const char* dump_env = std::getenv("IRISIZE_GOLDEN_DUMP");
    const bool dumping = dump_env && *dump_env;
    const fs::path scratch = dumping ? fs::path(dump_env) : scratch_root();
    if (dumping)
        fs::create_directories(scratch);

    std::string manifest = fmt::format(
        "# irisize golden manifest: the outputs of generated workloads, as SHA-256 of their bytes.\n"
        "# Written by IRISIZE_GOLDEN_UPDATE=1; see tests/golden/README.md. One line per workload,\n"
        "# rule set and format: exit status, then the digest and length of what was written\n"
        "# (a directory: each file as \"== NAME (N bytes)\" and its content), and standard error.\n"
        "seed {}\ncount {}\nrule-sets {}\nformats {}\nsource-date-epoch {}\n",
        generator_seed, generator_count, fmt::join(rule_sets, " "), fmt::join(formats, " "), source_date_epoch);
    std::map<std::string, int> tally; // "ok" / "error" per (workload, rule set)

    std::vector<std::string> binary_differs; // the in-process command against the real binary
    int ordinal = 0;
    for (const auto& g : irisize::golden::generate_workloads(generator_seed, generator_count)) {
        // Every 25th workload also through the real binary: what this process hashes is what irisize writes.
        const bool cross_check = ordinal++ % 25 == 0;
        for (const auto& rules : rule_sets) {
            nlohmann::json doc = g.doc;
            doc["rules"] = rules;
            const std::string workload_text = doc.dump(2) + "\n";
            const fs::path dir = scratch / g.id / rules;
            fs::create_directories(dir);
            const fs::path workload_file = dir / "workload.json";
            spit(workload_file, workload_text);
            manifest += fmt::format("{} {} workload sha256={} bytes={}\n", g.id, rules, sha256_hex(workload_text),
                                    workload_text.size());
            bool all_ok = true;
            for (const auto& format : formats) {
                irisize::cli::SizeArgs args;
                args.workload = workload_file.string();
                args.format = format;
                args.output = (dir / format_file(format)).string();
                int rc = 0;
                std::string err;
                {
                    StderrCapture capture(scratch / "stderr.txt");
                    rc = irisize::cli::run_size(*catalog, args);
                    err = capture.finish();
                }
                replace_all(err, dir.string(), "$OUT");
                std::string line = fmt::format("{} {} {} exit={}", g.id, rules, format, rc);
                if (rc == 0) {
                    const std::string bytes = output_bytes(args.output);
                    line += fmt::format(" sha256={} bytes={}", sha256_hex(bytes), bytes.size());
                } else {
                    all_ok = false;
                }
                if (!err.empty())
                    line += " stderr=" + escaped(err);
                manifest += line + "\n";
                if (cross_check) {
                    const fs::path cli_out = dir / ("cli-" + format_file(format));
                    const int cli_rc = run_irisize(fmt::format("size {} --format {} -o {}", shell_quoted(args.workload),
                                                               format, shell_quoted(cli_out.string())),
                                                   {}, scratch / "stderr.txt");
                    std::string cli_err = slurp(scratch / "stderr.txt");
                    replace_all(cli_err, dir.string(), "$OUT");
                    if (cli_rc != rc || cli_err != err || output_bytes(cli_out) != output_bytes(args.output))
                        binary_differs.push_back(fmt::format("{} {} {}: exit {} here, {} from {}", g.id, rules, format,
                                                             rc, cli_rc, IRISIZE_BIN));
                    fs::remove_all(cli_out);
                }
            }
            ++tally[all_ok ? "ok" : "error"];
            if (!dumping)
                fs::remove_all(dir);
        }
    }
    if (dumping)
        spit(scratch / "generated.manifest", manifest);
    else
        fs::remove_all(scratch);
    INFO(fmt::format("{} workloads x {} rule sets: {} sized in every format, {} with an error", generator_count,
                     rule_sets.size(), tally["ok"], tally["error"]));

    CHECK(binary_differs.empty());
    for (const auto& d : binary_differs)
        UNSCOPED_INFO(d);

    const fs::path expected_file = expected_root / "generated.manifest";
    if (updating()) {
        spit(expected_file, manifest);
        report({}, "");
        return;
    }
    REQUIRE(fs::exists(expected_file));
    const std::string expected = slurp(expected_file);
    if (expected == manifest)
        return;
    // Keyed by "id rules format" (the header lines by their first word), so each difference is named.
    auto index = [](const std::string& text) {
        std::map<std::string, std::string> m;
        std::istringstream in(text);
        for (std::string line; std::getline(in, line);) {
            if (line.empty() || line[0] == '#')
                continue;
            std::istringstream words(line);
            std::string a, b, c;
            words >> a;
            const bool header = a == "seed" || a == "count" || a == "rule-sets" || a == "formats" ||
                                a == "source-date-epoch";
            if (!header)
                words >> b >> c;
            const std::string key = header ? a : a + " " + b + " " + c;
            m[key] = line;
        }
        return m;
    };
    const auto want = index(expected), got = index(manifest);
    std::vector<std::string> mismatches;
    for (const auto& [key, line] : want) {
        const auto it = got.find(key);
        if (it == got.end())
            mismatches.push_back(fmt::format("{}: expected but not produced: {}", key, line));
        else if (it->second != line)
            mismatches.push_back(
                fmt::format("{}:\n      expected: {}\n      actual:   {}", key, line.substr(0, 400), it->second.substr(0, 400)));
    }
    for (const auto& [key, line] : got)
        if (!want.contains(key))
            mismatches.push_back(fmt::format("{}: produced but not expected: {}", key, line));
    if (mismatches.empty())
        mismatches.push_back("the manifest differs only in comments or line order");
    report(mismatches,
           "To see the outputs themselves: IRISIZE_GOLDEN_DUMP=/tmp/golden-new ctest -R generated (this tree), the\n"
           "same on the commit that last wrote tests/golden/expected/generated.manifest into /tmp/golden-old, then\n"
           "diff -r /tmp/golden-old/gNNN/RULES /tmp/golden-new/gNNN/RULES. Each directory holds workload.json and\n"
           "the plan in every format (tests/golden/README.md).");
}
