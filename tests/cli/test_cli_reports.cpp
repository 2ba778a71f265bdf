// SPDX-License-Identifier: GPL-3.0-or-later
// irisize size --format html|markdown|pdf: the reports an architect hands over, from the
// command line, for every example workload.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "irisize/format.hpp"
#include "skip.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace irisize::test;

namespace {

// The plan of a workload file as `irisize size --format json` writes it.
json plan_json(const fs::path& workload) {
    auto r = irisize_cmd("size '" + workload.string() + "' --format json");
    REQUIRE(r.status == 0);
    return json::parse(r.out);
}

std::string total_of(const json& plan) {
    return irisize::money_str(plan["cost"]["monthly_usd"].get<double>());
}

} // namespace

TEST_CASE ("size --format html writes one self-contained file with the servers and the total", "[cli][report]") {
    for (const auto& ex : example_files()) {
        INFO(ex);
        const json plan = plan_json(ex);
        const auto out = scratch_path(ex.stem().string() + ".html");
        auto r = irisize_cmd("size '" + ex.string() + "' --format html -o '" + out.string() + "'", true);
        REQUIRE(r.status == 0);
        const std::string html = slurp(out);
        CHECK_THAT(html, Catch::StartsWith("<!DOCTYPE html>"));
        CHECK_THAT(html, Catch::EndsWith("</html>\n"));
        CHECK_THAT(html, Catch::Contains(total_of(plan)));
        for (const auto& m : plan["members"])
            CHECK_THAT(html, Catch::Contains(m["instance_type"].get<std::string>()));
        CHECK(html.find("<link") == std::string::npos);
        CHECK(html.find("<script") == std::string::npos);
    }
}

TEST_CASE ("size --format markdown writes the report to standard output", "[cli][report]") {
    const auto ex = example_files().front();
    auto r = irisize_cmd("size '" + ex.string() + "' --format markdown");
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::StartsWith("# Sizing of "));
    CHECK_THAT(r.out, Catch::Contains("## Cost") && Catch::Contains(total_of(plan_json(ex))));
}

TEST_CASE ("the report date can be pinned for reproducible output", "[cli][report]") {
    const auto ex = example_files().front();
    auto a = shell("SOURCE_DATE_EPOCH=0 '" + std::string(IRISIZE_BIN) + "' --data '" IRISIZE_TEST_DATA_DIR "' size '" +
                   ex.string() + "' --format html");
    REQUIRE(a.status == 0);
    CHECK_THAT(a.out, Catch::Contains("1970-01-01"));
    auto b = shell("SOURCE_DATE_EPOCH=0 '" + std::string(IRISIZE_BIN) + "' --data '" IRISIZE_TEST_DATA_DIR "' size '" +
                   ex.string() + "' --format html");
    CHECK(a.out == b.out);
}

#if IRISIZE_HAVE_PDF
TEST_CASE ("size --format pdf writes a PDF whose text holds the instance types and the total", "[cli][report][pdf]") {
    if (!installed("pdftotext") || !installed("pdfinfo")) // poppler-utils, installed by installer/setup-debian.sh
        return skip("pdftotext and pdfinfo (poppler-utils) are not installed");
    for (const auto& ex : example_files()) {
        INFO(ex);
        const json plan = plan_json(ex);
        const auto out = scratch_path(ex.stem().string() + ".pdf");
        auto r = irisize_cmd("size '" + ex.string() + "' --format pdf -o '" + out.string() + "'", true);
        INFO(r.out);
        REQUIRE(r.status == 0);
        CHECK(r.out.empty()); // nothing on the terminal: no Qt start-up chatter
        CHECK(slurp(out).rfind("%PDF-", 0) == 0);
        const auto text = shell("pdftotext -layout '" + out.string() + "' -");
        REQUIRE(text.status == 0);
        CHECK_THAT(text.out, Catch::Contains(total_of(plan)));
        CHECK_THAT(text.out, Catch::Contains(plan["name"].get<std::string>().substr(0, 20)));
        for (const auto& m : plan["members"])
            CHECK_THAT(text.out, Catch::Contains(m["instance_type"].get<std::string>()));
        const auto info = shell("pdfinfo '" + out.string() + "'");
        REQUIRE(info.status == 0);
        CHECK_THAT(info.out, Catch::Contains("595 x 842 pts (A4)"));
        CHECK_THAT(info.out, Catch::Contains("Title:") && Catch::Contains("Sizing of"));
    }
}

TEST_CASE ("size --format pdf --page letter gives US Letter pages", "[cli][report][pdf]") {
    if (!installed("pdfinfo")) // poppler-utils
        return skip("pdfinfo (poppler-utils) is not installed");
    const auto ex = example_files().front();
    const auto out = scratch_path("letter.pdf");
    REQUIRE(irisize_cmd("size '" + ex.string() + "' --format pdf --page letter -o '" + out.string() + "'").status == 0);
    CHECK_THAT(shell("pdfinfo '" + out.string() + "'").out, Catch::Contains("612 x 792 pts (letter)"));
}

TEST_CASE ("a PDF that cannot be written leaves nothing and says where", "[cli][report][pdf]") {
    const auto ex = example_files().front();
    const auto dir = scratch_path("no-such-dir");
    auto r = irisize_cmd("size '" + ex.string() + "' --format pdf -o '" + (dir / "r.pdf").string() + "'", true);
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("no-such-dir"));
    CHECK_FALSE(fs::exists(dir));
}
#else
TEST_CASE ("without the PDF writer, --format pdf is a usage error that says why", "[cli][report]") {
    auto r = irisize_cmd("size '" + example_files().front().string() + "' --format pdf -o /dev/null", true);
    CHECK(r.status == 2);
    CHECK_THAT(r.out, Catch::Contains("without PDF support"));
}
#endif

TEST_CASE ("size --format xlsx writes a workbook, and refuses to write one to a terminal", "[cli][report]") {
    const auto ex = example_files().front();
    const auto out = scratch_path("plan.xlsx");
    REQUIRE(irisize_cmd("size '" + ex.string() + "' --format xlsx -o '" + out.string() + "'").status == 0);
    CHECK(slurp(out).rfind("PK\x03\x04", 0) == 0); // a ZIP container; tests/report/test_xlsx.cpp reads the sheets
    CHECK(slurp(out).find("xl/workbook.xml") != std::string::npos);

    // script(1) (util-linux, in every Debian) gives the command a terminal as standard output,
    // where there are pseudo-terminals to give (not in a chroot without /dev/pts).
    if (shell("script -qec true /dev/null").status != 0) {
        WARN("script(1) cannot open a pseudo-terminal here: the terminal refusal is NOT checked");
        return;
    }
    const std::string cmd = std::string("'") + IRISIZE_BIN + "' --data '" IRISIZE_TEST_DATA_DIR "' size '" +
                            ex.string() + "' --format xlsx";
    auto r = shell("script -qec \"" + cmd + "\" /dev/null", true);
    CHECK(r.status == 2);
    CHECK_THAT(r.out, Catch::Contains("not for the terminal"));
    CHECK(r.out.find("PK") == std::string::npos);
}

TEST_CASE ("size --format terraform writes a directory with one volume resource per planned EBS volume", "[cli][report]") {
    for (const auto& ex : example_files()) {
        INFO(ex);
        const json plan = plan_json(ex);
        const auto dir = scratch_path(ex.stem().string() + "-tf");
        auto r = irisize_cmd("size '" + ex.string() + "' --format terraform -o '" + dir.string() + "'", true);
        INFO(r.out);
        REQUIRE(r.status == 0);
        for (const char* f : {"versions.tf", "providers.tf", "variables.tf", "network.tf", "instances.tf", "storage.tf"})
            CHECK(fs::is_regular_file(dir / f));
        // The os volume is each server's root volume; every other planned volume is a resource.
        std::size_t volumes = 0;
        for (const auto& m : plan["members"])
            for (const auto& v : m["volumes"])
                if (v["purpose"] != "os")
                    volumes += v["stripe_width"].get<std::size_t>() * m["count"].get<std::size_t>();
        const std::string storage = slurp(dir / "storage.tf");
        std::size_t found = 0;
        for (auto p = storage.find("resource \"aws_ebs_volume\""); p != std::string::npos;
             p = storage.find("resource \"aws_ebs_volume\"", p + 1))
            ++found;
        CHECK(found == volumes);
    }
}

TEST_CASE ("size --format icm writes a README and defaults.json and definitions.json per region that parse",
           "[cli][report]") {
    const auto ex = fs::path(IRISIZE_TEST_DATA_DIR) / "examples" / "healthshare-ie-region.json";
    const json plan = plan_json(ex);
    const auto dir = scratch_path("icm");
    REQUIRE(irisize_cmd("size '" + ex.string() + "' --format icm -o '" + dir.string() + "'").status == 0);
    CHECK_THAT(slurp(dir / "README.md"), Catch::Contains("deprecated"));
    const auto region = plan["region"].get<std::string>();
    const json defaults = json::parse(slurp(dir / region / "defaults.json"));
    const json definitions = json::parse(slurp(dir / region / "definitions.json"));
    CHECK(defaults["Provider"] == "AWS");
    CHECK(defaults["Region"] == plan["region"]);
    REQUIRE(definitions.is_array());
    bool dm = false;
    for (const auto& d : definitions)
        if (d["Role"] == "DM" && d["InstanceType"] == plan["members"][0]["instance_type"])
            dm = true;
    CHECK(dm);
}

TEST_CASE ("terraform to standard output is a usage error, to a file in place of the directory a clear one",
           "[cli][report]") {
    const auto ex = example_files().front();
    auto r = irisize_cmd("size '" + ex.string() + "' --format terraform", true);
    CHECK(r.status == 2);
    CHECK_THAT(r.out, Catch::Contains("DIRECTORY"));
    const auto file = scratch_path("not-a-dir");
    std::ofstream(file) << "keep";
    r = irisize_cmd("size '" + ex.string() + "' --format terraform -o '" + file.string() + "'", true);
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("not-a-dir"));
    CHECK(slurp(file) == "keep");
}

TEST_CASE ("batch --details-format html writes one report per row", "[cli][report]") {
    const auto dir = scratch_path("details-html");
    const auto out = scratch_path("details-html.csv");
    auto r = irisize_cmd("batch '" IRISIZE_TEST_DATA_DIR "/examples/sites.csv' -o '" + out.string() + "' --details '" +
                             dir.string() + "' --details-format html --no-progress",
                         true);
    INFO(r.out);
    REQUIRE(r.status == 0);
    std::size_t html = 0;
    for (const auto& e : fs::directory_iterator(dir)) {
        CHECK(e.path().extension() == ".html");
        CHECK_THAT(slurp(e.path()), Catch::StartsWith("<!DOCTYPE html>"));
        ++html;
    }
    CHECK(html >= 3);
}

TEST_CASE ("irisize size sizes a project file as irisize-gui saves it: one system, --system NAME, or every system",
           "[cli][project]") {
    using nlohmann::json;
    auto read_json = [](const std::string& file) {
        std::ifstream in(std::string(IRISIZE_TEST_DATA_DIR) + "/examples/" + file);
        return json::parse(in);
    };
    const json small = read_json("healthconnect-small.json");
    json hospital = read_json("trakcare-regional-hospital.json");
    hospital["_placeholders"] = json::array({"database.read_iops"});
    const auto project = scratch_path("two.irisize.json");
    {
        std::ofstream out(project);
        out << json{{"schema", 1}, {"kind", "irisize-project"}, {"systems", {small, hospital}}}.dump(2);
    }
    const std::string hospital_name = hospital["name"];

    // Several systems to standard output: refused, naming them and the two ways out.
    auto r = irisize_cmd("size '" + project.string() + "'", true);
    CHECK(r.status == 2);
    CHECK_THAT(r.out, Catch::Contains("holds 2 systems") && Catch::Contains(hospital_name) &&
                          Catch::Contains("--system NAME"));

    // One system by name: its plan, as for its own workload file; a placeholder figure is warned about.
    r = irisize_cmd("size '" + project.string() + "' --system '" + hospital_name + "' --format json", true);
    REQUIRE(r.status == 0);
    CHECK_THAT(r.out, Catch::Contains("placeholder figures") && Catch::Contains("database.read_iops"));
    const auto from_project = irisize_cmd("size '" + project.string() + "' --system '" + hospital_name + "' --format json");
    const auto from_file = irisize_cmd("size '" + std::string(IRISIZE_TEST_DATA_DIR) +
                                       "/examples/trakcare-regional-hospital.json' --format json");
    REQUIRE(from_file.status == 0);
    CHECK(json::parse(from_project.out)["cost"] == json::parse(from_file.out)["cost"]);

    r = irisize_cmd("size '" + project.string() + "' --system 'No such system'", true);
    CHECK(r.status == 2);
    CHECK_THAT(r.out, Catch::Contains("--system") && Catch::Contains("no system named"));

    // Every system into a directory, one file each, numbered in project order.
    const auto dir = scratch_path("two-plans");
    r = irisize_cmd("size '" + project.string() + "' --format json -o '" + dir.string() + "'", true);
    REQUIRE(r.status == 0);
    CHECK(std::filesystem::exists(dir / "1-Small_hospital_integration_engine__HealthConnect_.json"));
    CHECK(std::filesystem::exists(dir / "2-Regional_hospital_TrakCare.json"));

    // A misspelt field in one system names the system and the field; the others are still written.
    hospital["database"]["read_iop"] = 5;
    {
        std::ofstream out(project);
        out << json{{"schema", 1}, {"kind", "irisize-project"}, {"systems", {small, hospital}}}.dump(2);
    }
    const auto dir2 = scratch_path("two-plans-bad");
    r = irisize_cmd("size '" + project.string() + "' --format markdown -o '" + dir2.string() + "'", true);
    CHECK(r.status == 1);
    CHECK_THAT(r.out, Catch::Contains("systems[1] (" + hospital_name + "): database.read_iop"));
    CHECK(std::filesystem::exists(dir2 / "1-Small_hospital_integration_engine__HealthConnect_.md"));

    // --system on a plain workload is a usage error.
    r = irisize_cmd("size '" + std::string(IRISIZE_TEST_DATA_DIR) + "/examples/healthconnect-small.json' --system x",
                    true);
    CHECK(r.status == 2);
}
