// SPDX-License-Identifier: GPL-3.0-or-later
// The irisize command as a user runs it: exit codes, formats, files, stdin, errors.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

struct Run {
    int status = -1;
    std::string out; // stdout, or stdout+stderr when asked
};

// Runs irisize with `args` (shell words), capturing stdout; stderr joins when `with_stderr`.
Run irisize(const std::string& args, bool with_stderr = false, const std::string& stdin_file = "") {
    std::string cmd = std::string("'") + IRISIZE_BIN + "' " + args;
    if (!stdin_file.empty())
        cmd += " < '" + stdin_file + "'";
    cmd += with_stderr ? " 2>&1" : " 2>/dev/null";
    Run r;
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p);
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0)
        r.out.append(buf, n);
    const int st = ::pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    return r;
}

const std::string data = IRISIZE_TEST_DATA_DIR;
const std::string example = data + "/examples/trakcare-regional-hospital.json";

fs::path scratch(const std::string& name) {
    auto dir = fs::temp_directory_path() / "irisize-cli-test";
    fs::create_directories(dir);
    auto p = dir / name;
    fs::remove_all(p);
    return p;
}

void write(const fs::path& p, const std::string& s) {
    std::ofstream(p, std::ios::binary) << s;
}

} // namespace

TEST_CASE ("irisize size prints the plan of the bundled example", "[cli]") {
    auto r = irisize("--data '" + data + "' size '" + example + "'");
    CHECK(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("Regional hospital TrakCare") && Catch::Contains("primary") &&
                          Catch::Contains("Monthly cost $") && Catch::Contains("Why"));
}

TEST_CASE ("irisize size --format json has the documented keys", "[cli]") {
    auto r = irisize("--data '" + data + "' size '" + example + "' --format json");
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
    const auto out = scratch("plan.md");
    auto r = irisize("--data '" + data + "' size - --format markdown -o '" + out.string() + "'", false, example);
    CHECK(r.status == 0);
    REQUIRE(fs::exists(out));
    std::ifstream in(out);
    std::string first;
    std::getline(in, first);
    CHECK(first == "# irisize plan: Regional hospital TrakCare");
    // No temporary left beside it.
    int files = 0;
    for (const auto& e : fs::directory_iterator(out.parent_path()))
        files += e.path().filename().string().rfind(".plan.md", 0) == 0;
    CHECK(files == 0);
}

TEST_CASE ("a bad workload exits 1 with the field named, and writes nothing", "[cli][errors]") {
    const auto bad = scratch("bad.json");
    write(bad, R"({"schema": 1, "name": "x", "product": "trakcare", "region": "us-east-1",
                   "database": {"size_gib": -3}})");
    const auto out = scratch("never.json");
    auto r = irisize("--data '" + data + "' size '" + bad.string() + "' -o '" + out.string() + "'", true);
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("database.size_gib") && Catch::Contains("greater than 0"));
    CHECK_FALSE(fs::exists(out));

    auto missing = irisize("--data '" + data + "' size /nonexistent/w.json", true);
    CHECK(missing.status == 1);
    CHECK_THAT(missing.out, Catch::Contains("/nonexistent/w.json"));
}

TEST_CASE ("usage errors exit 2 while --help and --version exit 0", "[cli][errors]") {
    CHECK(irisize("--data '" + data + "' size").status == 2);
    CHECK(irisize("--data '" + data + "' size '" + example + "' --format pdfx").status == 2);
    CHECK(irisize("--no-such-flag").status == 2);
    CHECK(irisize("").status == 2);
    auto h = irisize("--help");
    CHECK(h.status == 0);
    CHECK_THAT(h.out, Catch::Contains("size") && Catch::Contains("check-volume") && Catch::Contains("catalog"));
    auto v = irisize("--version");
    CHECK(v.status == 0);
    CHECK_THAT(v.out, Catch::StartsWith("irisize "));
}

TEST_CASE ("check-volume: valid exits 0, invalid exits 1 listing each rule", "[cli]") {
    auto ok = irisize("--data '" + data + "' check-volume --type io1 --size 100 --iops 3000 --rules aws-2016");
    CHECK(ok.status == 0);
    CHECK_THAT(ok.out, Catch::Contains("valid"));

    auto bad =
        irisize("--data '" + data + "' check-volume --type io1 --size 99 --iops 20001 --rules aws-2016 --format json");
    CHECK(bad.status == 1);
    const json j = json::parse(bad.out);
    CHECK_FALSE(j["valid"].get<bool>());
    std::vector<std::string> rules;
    for (const auto& v : j["violations"])
        rules.push_back(v["rule"]);
    CHECK(rules == std::vector<std::string>{"io1.iops.max", "io1.iops.ratio"});
    CHECK(j["max_throughput_mibps"].get<double>() == 320.0);
    CHECK(j["min_size_gib_for_iops"].is_null());

    auto gp2 = irisize("--data '" + data + "' check-volume --type gp2 --size 100 --format json");
    const json g = json::parse(gp2.out);
    CHECK(g["baseline_iops"].get<double>() == 300.0);
    CHECK(g["max_iops"].get<double>() == 3000.0);

    CHECK(irisize("--data '" + data + "' check-volume --type gp3 --size -5").status == 2);
}

TEST_CASE ("catalog lists instances, volumes and regions in three formats", "[cli]") {
    auto csv = irisize("--data '" + data + "' catalog instances --family r6i --format csv");
    REQUIRE(csv.status == 0);
    CHECK_THAT(csv.out, Catch::StartsWith("type,family,purpose,vcpu,memory_gib"));
    CHECK_THAT(csv.out, Catch::Contains("r6i.large,r6i,memory,2,16,"));
    CHECK_THAT(csv.out, !Catch::Contains("m5.large"));
    const json vols = json::parse(irisize("--data '" + data + "' catalog volumes --format json").out);
    CHECK(vols.size() == 7);
    const json regions = json::parse(irisize("--data '" + data + "' catalog regions --format json").out);
    CHECK(regions.size() >= 5);
    CHECK(irisize("--data '" + data + "' catalog instances --family zz9").status == 2);
}

TEST_CASE ("a missing or corrupt data directory is an error naming the file", "[cli][errors]") {
    auto none = irisize("--data /nonexistent-irisize-data catalog regions", true);
    CHECK(none.status == 1);
    CHECK_THAT(none.out, Catch::Contains("/nonexistent-irisize-data"));

    const auto copy = scratch("data");
    fs::copy(data, copy, fs::copy_options::recursive);
    write(copy / "prices" / "eu-west-1.json", "{ \"schema\": 1, \"region\": ");
    auto corrupt = irisize("--data '" + copy.string() + "' catalog regions", true);
    CHECK(corrupt.status == 1);
    CHECK_THAT(corrupt.out, Catch::Contains("eu-west-1.json") && Catch::Contains("not valid JSON"));

    write(copy / "prices" / "eu-west-1.json", R"({"schema": 1, "kind": "price-list", "region": "eu-west-1"})");
    auto incomplete = irisize("--data '" + copy.string() + "' catalog regions", true);
    CHECK(incomplete.status == 1);
    CHECK_THAT(incomplete.out, Catch::Contains("eu-west-1.json") && Catch::Contains("availability_zones"));
}
