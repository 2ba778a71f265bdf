// SPDX-License-Identifier: GPL-3.0-or-later
// The irisize command as a user runs it: exit codes, formats, files, stdin, errors.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <iterator>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_support.hpp"
#include "skip.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace irisize::test;

namespace {

const std::string data = IRISIZE_TEST_DATA_DIR;
const std::string example = data + "/examples/trakcare-regional-hospital.json";

} // namespace

TEST_CASE ("irisize size prints the plan of the bundled example", "[cli]") {
    auto r = run_irisize("--data '" + data + "' size '" + example + "'");
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("Regional hospital TrakCare") && Catch::Contains("primary") &&
                          Catch::Contains("Monthly cost $") && Catch::Contains("Why"));
}

TEST_CASE ("irisize size --format json has the documented keys", "[cli]") {
    auto r = run_irisize("--data '" + data + "' size '" + example + "' --format json");
    REQUIRE(r.status == 0);
    const json j = json::parse(r.out);
    for (const char* k : {"members", "cost", "rules", "price_data", "warnings", "assumptions", "explanations"})
        CHECK(j.contains(k));
    CHECK(j["price_data"].contains("source"));
    CHECK(j["price_data"].contains("as_of"));
    CHECK(j["cost"]["monthly_usd"].get<double>() > 0);
    CHECK(j["cost"]["lines"].size() > 3);
    const auto& m = j["members"][0];
    for (const char* k : {"role", "region", "availability_zone", "instance_type", "count", "demand", "volumes"})
        CHECK(m.contains(k));
    for (const char* k : {"vcpu", "memory_gib", "iops", "throughput_mibps", "capacity_gib"})
        CHECK(m["demand"].contains(k));
    for (const char* k : {"purpose", "type", "size_gib", "iops", "throughput_mibps", "stripe_width"})
        CHECK(m["volumes"][0].contains(k));
}

TEST_CASE ("irisize size reads standard input and writes files whole", "[cli]") {
    const auto out = scratch_path("plan.md");
    auto r = run_irisize("--data '" + data + "' size - --format markdown -o '" + out.string() + "'", false, example);
    CHECK(r.status == 0);
    REQUIRE(fs::exists(out));
    std::ifstream in(out);
    std::string first;
    std::getline(in, first);
    CHECK(first == "# Sizing of Regional hospital TrakCare");
    // No temporary left beside it.
    int files = 0;
    for (const auto& e : fs::directory_iterator(out.parent_path()))
        files += e.path().filename().string().rfind(".plan.md", 0) == 0;
    CHECK(files == 0);
}

TEST_CASE ("a bad workload exits 1 with the field named, and writes nothing", "[cli][errors]") {
    const auto bad = scratch_path("bad.json");
    spit(bad, R"({"schema": 1, "name": "x", "product": "trakcare", "region": "us-east-1",
                   "database": {"size_gib": -3}})");
    const auto out = scratch_path("never.json");
    auto r = run_irisize("--data '" + data + "' size '" + bad.string() + "' -o '" + out.string() + "'", true);
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("database.size_gib") && Catch::Contains("greater than 0"));
    CHECK_FALSE(fs::exists(out));

    auto missing = run_irisize("--data '" + data + "' size /nonexistent/w.json", true);
    CHECK(missing.status == 1);
    CHECK_THAT(missing.out, Catch::Contains("/nonexistent/w.json"));
}

TEST_CASE ("usage errors exit 2 while --help and --version exit 0", "[cli][errors]") {
    CHECK(run_irisize("--data '" + data + "' size").status == 2);
    CHECK(run_irisize("--data '" + data + "' size '" + example + "' --format pdfx").status == 2);
    CHECK(run_irisize("--no-such-flag").status == 2);
    CHECK(run_irisize("").status == 2);
    auto h = run_irisize("--help");
    CHECK(h.status == 0);
    CHECK_THAT(h.out, Catch::Contains("size") && Catch::Contains("check-volume") && Catch::Contains("catalog"));
    auto v = run_irisize("--version");
    CHECK(v.status == 0);
    CHECK_THAT(v.out, Catch::StartsWith("irisize "));
}

TEST_CASE ("check-volume: valid exits 0, invalid exits 1 listing each rule", "[cli]") {
    auto ok = run_irisize("--data '" + data + "' check-volume --type io1 --size 100 --iops 3000 --rules aws-2016");
    CHECK(ok.status == 0);
    CHECK_THAT(ok.out, Catch::Contains("valid"));

    auto bad = run_irisize("--data '" + data +
                           "' check-volume --type io1 --size 99 --iops 20001 --rules aws-2016 --format json");
    CHECK(bad.status == 1);
    const json j = json::parse(bad.out);
    CHECK_FALSE(j["valid"].get<bool>());
    std::vector<std::string> rules;
    for (const auto& v : j["violations"])
        rules.push_back(v["rule"]);
    CHECK(rules == std::vector<std::string>{"io1.iops.max", "io1.iops.ratio"});
    CHECK(j["max_throughput_mibps"].get<double>() == 320.0);
    CHECK(j["min_size_gib_for_iops"].is_null());

    auto gp2 = run_irisize("--data '" + data + "' check-volume --type gp2 --size 100 --format json");
    const json g = json::parse(gp2.out);
    CHECK(g["baseline_iops"].get<double>() == 300.0);
    CHECK(g["max_iops"].get<double>() == 3000.0);

    CHECK(run_irisize("--data '" + data + "' check-volume --type gp3 --size -5").status == 2);
}

TEST_CASE ("check-volume --instance: io2 off Nitro achieves 32,000 IOPS and 500 MiB/s; gp2 throughput at 256 KiB",
           "[cli][limits]") {
    auto m4 = run_irisize("--data '" + data +
                          "' check-volume --type io2 --size 100 --iops 64000 --instance m4.16xlarge --format json");
    CHECK(m4.status == 1);
    const json j = json::parse(m4.out);
    CHECK(j["violations"][0]["rule"] == "io2.iops.nitro");
    CHECK(j["baseline_iops"].get<double>() == 32000.0);
    CHECK(j["sustained_throughput_mibps"].get<double>() == 500.0);
    CHECK(j["instance"] == "m4.16xlarge");
    // The same volume on a Nitro instance is valid and sustains its full rate.
    auto r6i = run_irisize("--data '" + data +
                           "' check-volume --type io2 --size 100 --iops 64000 --instance r6i.16xlarge --format json");
    CHECK(r6i.status == 0);
    CHECK(json::parse(r6i.out)["sustained_throughput_mibps"].get<double>() > 500.0);
    // gp2 50 GiB sustains 150 IOPS x 256 KiB = 37.5 MiB/s: 100 MiB/s is refused.
    auto gp2 = run_irisize("--data '" + data + "' check-volume --type gp2 --size 50 --iops 150 --throughput 100");
    CHECK(gp2.status == 1);
    CHECK_THAT(gp2.out, Catch::Contains("gp2.throughput.max") && Catch::Contains("37.5 MiB/s"));
}

TEST_CASE ("catalog lists instances, volumes and regions in three formats", "[cli]") {
    auto csv = run_irisize("--data '" + data + "' catalog instances --family r6i --format csv");
    REQUIRE(csv.status == 0);
    CHECK_THAT(csv.out, Catch::StartsWith("type,family,purpose,vcpu,memory_gib"));
    CHECK_THAT(csv.out, Catch::Contains("r6i.large,r6i,memory,2,16,"));
    CHECK_THAT(csv.out, !Catch::Contains("m5.large"));
    const json vols = json::parse(run_irisize("--data '" + data + "' catalog volumes --format json").out);
    CHECK(vols.size() == 7);
    const json regions = json::parse(run_irisize("--data '" + data + "' catalog regions --format json").out);
    CHECK(regions.size() >= 5);
    CHECK(run_irisize("--data '" + data + "' catalog instances --family zz9").status == 2);
}

TEST_CASE ("a missing or corrupt data directory is an error naming the file", "[cli][errors]") {
    auto none = run_irisize("--data /nonexistent-irisize-data catalog regions", true);
    CHECK(none.status == 1);
    CHECK_THAT(none.out, Catch::Contains("/nonexistent-irisize-data"));

    const auto copy = scratch_path("data");
    fs::copy(data, copy, fs::copy_options::recursive);
    spit(copy / "prices" / "eu-west-1.json", "{ \"schema\": 1, \"region\": ");
    auto corrupt = run_irisize("--data '" + copy.string() + "' catalog regions", true);
    CHECK(corrupt.status == 1);
    CHECK_THAT(corrupt.out, Catch::Contains("eu-west-1.json") && Catch::Contains("not valid JSON"));

    spit(copy / "prices" / "eu-west-1.json", R"({"schema": 1, "kind": "price-list", "region": "eu-west-1"})");
    auto incomplete = run_irisize("--data '" + copy.string() + "' catalog regions", true);
    CHECK(incomplete.status == 1);
    CHECK_THAT(incomplete.out, Catch::Contains("eu-west-1.json") && Catch::Contains("availability_zones"));
}

// --- batch ----------------------------------------------------------------------------------

namespace {

// A small RFC 4180 reader for checking the command's output in tests.
std::vector<std::vector<std::string>> read_csv(const std::string& text, char delim = ',') {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false, any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
                field += '"', ++i;
            else if (c == '"')
                quoted = false;
            else
                field += c;
        } else if (c == '"') {
            quoted = true;
        } else if (c == delim) {
            rows.back().push_back(field), field.clear();
        } else if (c == '\n') {
            rows.back().push_back(field), field.clear();
            rows.emplace_back();
        } else if (c != '\r') {
            field += c;
        }
        any = true;
    }
    if (!field.empty() || (!rows.back().empty()))
        rows.back().push_back(field);
    if (rows.back().empty())
        rows.pop_back();
    (void)any;
    return rows;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
    auto it = std::find(header.begin(), header.end(), name);
    REQUIRE(it != header.end());
    return static_cast<std::size_t>(it - header.begin());
}

// n synthetic rows; every 7th has a bad size.
void write_sites(const fs::path& p, int n) {
    std::ofstream out(p, std::ios::binary);
    out << "name,product,region,size_gib,read_iops,write_iops,journal_mibps,peak_cores,global_buffers_gib\n";
    for (int i = 0; i < n; ++i)
        out << "site-" << i << ",trakcare,us-east-1," << (i % 7 == 3 ? "x" : std::to_string(100 + i % 900)) << ","
            << 500 + (i * 37) % 20000 << "," << 100 + (i * 13) % 5000 << "," << 1 + i % 30 << "," << 1 + i % 40
            << "," << 4 + i % 200 << "\n";
}

} // namespace

TEST_CASE("batch: every example row sized, input columns kept, rows in order", "[cli][batch]") {
    const auto out = scratch_path("batch-out.csv");
    auto r = run_irisize(
        "--data '" + data + "' batch '" + data + "/examples/batch-sites.csv' -o '" + out.string() + "'", true);
    CHECK(r.status == 0);
    const auto in_rows = read_csv(slurp(data + "/examples/batch-sites.csv"));
    const auto out_rows = read_csv(slurp(out));
    REQUIRE(out_rows.size() == in_rows.size());
    const auto& head = out_rows[0];
    for (std::size_t c = 0; c < in_rows[0].size(); ++c)
        CHECK(head[c] == in_rows[0][c]);
    const auto status = column(head, "status");
    const auto monthly = column(head, "monthly_usd");
    for (std::size_t i = 1; i < out_rows.size(); ++i) {
        INFO("row " << i << ": " << out_rows[i][column(head, "error")]);
        CHECK(out_rows[i][0] == in_rows[i][0]);
        CHECK(out_rows[i][status] == "ok");
        CHECK(std::stod(out_rows[i][monthly]) > 0);
    }
}

TEST_CASE("batch: a deployment column groups rows, each deployment gets a total row", "[cli][batch]") {
    // The bundled sites with a deployment column in front: rows 1, 2 and 4 in "North", 3 and 5 in
    // "South" (row 5 broken), the rest in none.
    const auto sites = read_csv(slurp(data + "/examples/batch-sites.csv"));
    REQUIRE(sites.size() >= 6);
    const std::vector<std::string> group = {"North", "North", "South", " North ", "South"};
    std::string text;
    auto put_row = [&](const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < cells.size(); ++c)
            text += (c ? "," : "") + ("\"" + cells[c] + "\"");
        text += "\n";
    };
    std::vector<std::string> head = {"Deployment"};
    head.insert(head.end(), sites[0].begin(), sites[0].end());
    put_row(head);
    const auto size_col = column(sites[0], "size_gib");
    for (std::size_t i = 1; i < sites.size(); ++i) {
        std::vector<std::string> row = {i <= group.size() ? group[i - 1] : std::string()};
        row.insert(row.end(), sites[i].begin(), sites[i].end());
        if (i == 5)
            row[size_col + 1] = "-5";
        put_row(row);
    }
    const auto in = scratch_path("deployments.csv");
    spit(in, text);
    auto r = run_irisize("--data '" + data + "' batch '" + in.string() + "' -o -", true);
    CHECK(r.status == 3);
    CHECK(r.out.find("passed through") == std::string::npos); // the column is read, not passed through unknown
    const auto rows = read_csv(r.out.substr(0, r.out.find("irisize:")));
    REQUIRE(rows.size() == sites.size() + 2);
    const auto& h = rows[0];
    const auto status = column(h, "status"), error = column(h, "error"), monthly = column(h, "monthly_usd"),
               compute = column(h, "monthly_compute_usd");
    auto cents = [](const std::string& s) { return std::llround(std::stod(s) * 100); };
    const auto& north = rows[rows.size() - 2];
    const auto& south = rows[rows.size() - 1];
    CHECK(north[0] == "North");
    CHECK(north[status] == "total");
    CHECK(north[error] == "3 rows");
    CHECK(cents(north[monthly]) == cents(rows[1][monthly]) + cents(rows[2][monthly]) + cents(rows[4][monthly]));
    CHECK(cents(north[compute]) == cents(rows[1][compute]) + cents(rows[2][compute]) + cents(rows[4][compute]));
    CHECK(south[0] == "South");
    CHECK(rows[5][status] == "error");
    CHECK(south[error] == "2 rows; 1 failed and are not in the total");
    CHECK(cents(south[monthly]) == cents(rows[3][monthly]));
    CHECK(north[1].empty()); // the other input columns of a total row are empty
}

TEST_CASE("batch: quotes, CRLF, a byte-order mark, semicolons and blank lines", "[cli][batch]") {
    const auto in = scratch_path("excel.csv");
    spit(in, "\xEF\xBB\xBF"
             "Name;PRODUCT; Region ;size_gib;read_iops;write_iops;journal_mibps;peak_cores;global_buffers_gib;note\r\n"
             "\"Clinic; \"\"east\"\" wing\";trakcare;eu-west-1;120,5;900;150;1,5;2;8;\"two\r\nlines\"\r\n"
             "\r\n"
             ";;;;;;;;;\r\n"
             "Short row;iris;eu-west-1;50\r\n");
    auto r = run_irisize("--data '" + data + "' batch '" + in.string() + "' -o -", true);
    // The short row lacks its measured demand and has no users: an error row, so exit 3.
    CHECK(r.status == 3);
    const auto rows = read_csv(r.out.substr(0, r.out.find("irisize:")), ';');
    REQUIRE(rows.size() == 3);
    CHECK(rows[0][0] == "Name");
    CHECK(rows[1][0] == "Clinic; \"east\" wing");
    CHECK(rows[1][9] == "two\r\nlines");
    CHECK(rows[1][column(rows[0], "status")] == "ok");
    CHECK(rows[2][0] == "Short row");
    CHECK(rows[2][column(rows[0], "status")] == "error");
    CHECK_THAT(rows[2][column(rows[0], "error")], Catch::Contains("read_iops") && Catch::Contains("users"));
}

TEST_CASE("batch: --jobs 2 writes the same rows in the same order as --jobs 1", "[cli][batch]") {
    const auto in = scratch_path("many.csv");
    write_sites(in, 3000);
    const auto one = scratch_path("one.csv"), two = scratch_path("two.csv");
    auto a = run_irisize("--data '" + data + "' batch '" + in.string() + "' -j 1 -o '" + one.string() + "'");
    auto b = run_irisize("--data '" + data + "' batch '" + in.string() + "' --jobs 2 -o '" + two.string() + "'");
    CHECK(a.status == 3);
    CHECK(b.status == 3);
    const std::string sa = slurp(one), sb = slurp(two);
    CHECK(sa == sb);
    const auto rows = read_csv(sb);
    REQUIRE(rows.size() == 3001);
    for (int i = 1; i <= 3000; i += 499)
        CHECK(rows[static_cast<std::size_t>(i)][0] == "site-" + std::to_string(i - 1));
    CHECK(rows[4][column(rows[0], "status")] == "error"); // site-3
    CHECK(rows[4][column(rows[0], "error")] == "size_gib: 'x' is not a number");
}

TEST_CASE("batch: an unreadable input exits 2 and writes nothing", "[cli][batch][errors]") {
    const auto out = scratch_path("nothing.csv");
    const auto empty = scratch_path("empty.csv");
    spit(empty, "");
    const auto headless = scratch_path("headless.csv");
    spit(headless, "site,kind\nA,B\n");
    const auto unterminated = scratch_path("unterminated.csv");
    spit(unterminated, "name,product,size_gib,region\n\"A,trakcare,10,us-east-1\n");
    for (const auto& [input, says] : std::vector<std::pair<std::string, std::string>>{
             {"/nonexistent/in.csv", "cannot be opened"},
             {empty.string(), "no header row"},
             {headless.string(), "has no 'name' column"},
             {unterminated.string(), "quoted field"}}) {
        auto r = run_irisize("--data '" + data + "' batch '" + input + "' -o '" + out.string() + "'", true);
        INFO(input << ": " << r.out);
        CHECK(r.status == 2);
        CHECK_THAT(r.out, Catch::Contains(says));
        CHECK_FALSE(fs::exists(out));
    }
    for (const auto& e : fs::directory_iterator(out.parent_path()))
        CHECK(e.path().filename().string().rfind(".nothing.csv", 0) != 0);
}

TEST_CASE("batch: --details writes each plan", "[cli][batch]") {
    const auto in = scratch_path("few.csv");
    write_sites(in, 5);
    const auto dir = scratch_path("details");
    auto r = run_irisize("--data '" + data + "' batch '" + in.string() + "' -o '" +
                         scratch_path("details.csv").string() + "' --details '" + dir.string() + "'");
    CHECK(r.status == 3); // site-3 is bad
    CHECK(fs::exists(dir / "1-site-0.json"));
    CHECK(fs::exists(dir / "5-site-4.json"));
    CHECK_FALSE(fs::exists(dir / "4-site-3.json"));
    const json plan = json::parse(slurp(dir / "1-site-0.json"));
    CHECK(plan["name"] == "site-0");
    CHECK_FALSE(plan["explanations"].empty());
}

TEST_CASE("batch: interrupted or killed, the output is absent, never torn", "[cli][batch][faults]") {
    const auto in = scratch_path("big.csv");
    write_sites(in, 400000);
    for (int sig : {SIGINT, SIGKILL}) {
        const auto out = scratch_path(sig == SIGINT ? "int.csv" : "kill.csv");
        // A temporary left by an earlier run that was killed (as this test kills one) would
        // read as this run's, and the signal would come before the handler is in place.
        const std::string temporary_prefix = "." + out.filename().string() + ".";
        for (const auto& e : fs::directory_iterator(out.parent_path()))
            if (e.path().filename().string().rfind(temporary_prefix, 0) == 0)
                fs::remove(e.path());
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            ::execl(IRISIZE_BIN, IRISIZE_BIN, "--data", data.c_str(), "batch", in.c_str(), "-o", out.c_str(),
                    "--no-progress", static_cast<char*>(nullptr));
            ::_exit(127);
        }
        // Let it start writing (its temporary output exists, so its signal handler is in place),
        // then stop it. A fixed sleep was not enough under ASan on a busy machine: the signal
        // came before the handler and SIGINT killed the process outright.
        auto writing = [&] {
            for (const auto& e : fs::directory_iterator(out.parent_path()))
                if (e.path().filename().string().rfind(temporary_prefix, 0) == 0)
                    return true;
            return false;
        };
        for (int waited = 0; waited < 30000 && !writing(); waited += 10)
            ::usleep(10 * 1000);
        ::usleep(100 * 1000);
        ::kill(pid, sig);
        int st = 0;
        ::waitpid(pid, &st, 0);
        INFO("signal " << sig);
        if (sig == SIGINT) {
            REQUIRE(WIFEXITED(st));
            CHECK(WEXITSTATUS(st) == 130);
            for (const auto& e : fs::directory_iterator(out.parent_path()))
                CHECK(e.path().filename().string().rfind(".int.csv", 0) != 0); // temporary removed
        } else {
            CHECK(WIFSIGNALED(st));
        }
        CHECK_FALSE(fs::exists(out));
    }
}

TEST_CASE("output to a device, through a link, or over a file keeps what was there", "[cli][faults]") {
    // /dev/null stays the device (a rename over it would replace it with a file).
    auto r = run_irisize("--data '" + data + "' size '" + example + "' -o /dev/null");
    CHECK(r.status == 0);
    struct stat st {};
    REQUIRE(::stat("/dev/null", &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
    auto b = run_irisize("--data '" + data + "' batch '" + data + "/examples/batch-sites.csv' -o /dev/null");
    CHECK(b.status == 0);
    REQUIRE(::stat("/dev/null", &st) == 0);
    CHECK(S_ISCHR(st.st_mode));

    // A symbolic link stays a link; the file it points to gets the plan.
    const auto real = scratch_path("real-plan.txt"), link = scratch_path("link-plan.txt");
    spit(real, "old");
    fs::create_symlink(real, link);
    CHECK(run_irisize("--data '" + data + "' size '" + example + "' -o '" + link.string() + "'").status == 0);
    CHECK(fs::is_symlink(link));
    CHECK_THAT(slurp(real), Catch::StartsWith("irisize plan"));

    // An existing file keeps its permission bits.
    const auto kept = scratch_path("kept.csv");
    spit(kept, "old");
    fs::permissions(kept, fs::perms::owner_read | fs::perms::owner_write);
    CHECK(run_irisize("--data '" + data + "' batch '" + data + "/examples/batch-sites.csv' -o '" + kept.string() + "'")
              .status == 0);
    CHECK((fs::status(kept).permissions() & fs::perms::all) == (fs::perms::owner_read | fs::perms::owner_write));
}

#include <cstdlib>
#include <map>
#include <vector>

namespace {

// One way of making a directory that irisize cannot write into. chmod 0555 is enough for an
// ordinary user, but root writes through it, and the tests run as root in CI. So, as root:
// the immutable attribute (chattr +i, needs CAP_LINUX_IMMUTABLE and ext2/3/4), the program run
// as `nobody` (setpriv, needs CAP_SETUID/CAP_SETGID), or a read-only bind mount in a private
// mount namespace (unshare -m, needs CAP_SYS_ADMIN). Each is probed before it is relied on.
struct ReadOnlyWay {
    std::string name;
    std::string lock;   ///< shell command making the directory read-only ("" for none)
    std::string unlock; ///< shell command undoing `lock`
    std::string prefix; ///< put before the program on the command line
};

std::vector<ReadOnlyWay> read_only_ways(const fs::path& dir) {
    const std::string d = shell_quoted(dir);
    if (::geteuid() != 0)
        return {{"chmod 0555 (not root)", "chmod 0555 " + d, "chmod 0755 " + d, ""}};
    return {
        {"chattr +i (immutable directory)", "chattr +i " + d, "chattr -i " + d, ""},
        {"setpriv to nobody, directory 0555", "chmod 0555 " + d, "chmod 0755 " + d,
         "setpriv --reuid=65534 --regid=65534 --clear-groups -- "},
        {"unshare -m, read-only bind mount", "", "",
         "unshare -m sh -c 'mount --bind \"$0\" \"$0\" && mount -o remount,bind,ro \"$0\" \"$0\" && shift && "
         "exec \"$@\"' " +
             d + " x "},
    };
}

// The directory's entries, with their contents.
std::map<std::string, std::string> contents(const fs::path& dir) {
    std::map<std::string, std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        out[e.path().filename().string()] = slurp(e.path());
    return out;
}

} // namespace

TEST_CASE ("output into a read-only directory: an error naming it, nothing written", "[cli][faults]") {
    const auto dir = scratch_path("read-only");
    fs::create_directories(dir);
    const auto existing = dir / "plan.txt";
    spit(existing, "the plan from before\n");
    const auto before = contents(dir);
    int checked = 0;
    for (const auto& way : read_only_ways(dir)) {
        INFO(way.name);
        if (!way.lock.empty() && shell(way.lock, true).status != 0) {
            WARN("read-only directory by " << way.name << ": not available here (" << way.lock << " failed)");
            continue;
        }
        struct Unlock {
            std::string cmd;
            ~Unlock() {
                if (!cmd.empty())
                    (void)std::system(cmd.c_str());
            }
        } unlock{way.unlock};
        // Does it hold? A plain write must fail, and the program must still run.
        const auto probe = shell(way.prefix + "touch " + shell_quoted(dir / "probe"), true);
        // ... and irisize must be able to run and read its data this way (as nobody, the
        // checkout may be out of reach, e.g. under /root).
        const auto runs = shell(way.prefix + "'" + IRISIZE_BIN + "' --data '" + data + "' catalog regions", true);
        if (probe.status == 0 || runs.status != 0) {
            std::error_code ec;
            fs::remove(dir / "probe", ec);
            WARN("read-only directory by "
                 << way.name << ": not available here ("
                 << (probe.status == 0 ? "the directory stays writable" : "no program runs this way: " + runs.out)
                 << ")");
            continue;
        }
        ++checked;
        const std::string base = way.prefix + "'" + IRISIZE_BIN + "' --data '" + data + "' ";
        for (const auto& target : {existing, dir / "new-plan.txt"}) {
            INFO(target.string());
            auto s = shell(base + "size '" + example + "' -o " + shell_quoted(target), true);
            CHECK(s.status == 1);
            CHECK_THAT(s.out, Catch::Contains("irisize: error: " + target.string()) &&
                                  Catch::Contains("cannot create a file in " + dir.string()));
            auto b = shell(base + "batch '" + data + "/examples/batch-sites.csv' -o " + shell_quoted(target), true);
            CHECK(b.status == 1);
            CHECK_THAT(b.out, Catch::Contains("irisize: error: " + target.string()) &&
                                  Catch::Contains("cannot create a file in " + dir.string()));
        }
        CHECK(contents(dir) == before); // the old file untouched, nothing new, no temporary
    }
    // The directory was writable all along apart from the locks: the same run succeeds.
    auto ok = run_irisize("--data '" + data + "' size '" + example + "' -o " + shell_quoted(existing));
    CHECK(ok.status == 0);
    CHECK_THAT(slurp(existing), Catch::StartsWith("irisize plan"));
    if (checked == 0)
        skip("no way to make a directory read-only works here: the read-only output case is not checked");
}

TEST_CASE ("a full disk (/dev/full) is an error, exit 1", "[cli][faults]") {
    struct stat st {};
    if (::stat("/dev/full", &st) != 0 || !S_ISCHR(st.st_mode)) {
        return skip("/dev/full is missing here: the full-disk case is not checked");
    }
    auto s = run_irisize("--data '" + data + "' size '" + example + "' -o /dev/full", true);
    CHECK(s.status == 1);
    CHECK_THAT(s.out, Catch::Contains("irisize: error: /dev/full: cannot write: No space left on device"));
    auto b = run_irisize("--data '" + data + "' batch '" + data + "/examples/batch-sites.csv' -o /dev/full", true);
    CHECK(b.status == 1);
    CHECK_THAT(b.out, Catch::Contains("irisize: error: /dev/full: cannot write: No space left on device"));
    REQUIRE(::stat("/dev/full", &st) == 0);
    CHECK(S_ISCHR(st.st_mode)); // still the device, not replaced by a file
}
