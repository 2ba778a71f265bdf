// SPDX-License-Identifier: GPL-3.0-or-later
// irisize.hpp is enough on its own: this file includes no other irisize header, so a public
// header the umbrella leaves out (or one that stops compiling on its own) fails here.
#include "irisize/irisize.hpp"

#include <catch2/catch.hpp>

#include <fstream>
#include <type_traits>

// One entry point of each stage, named through the umbrella alone.
static_assert(std::is_function_v<decltype(irisize::load_catalog)>);             // data/
static_assert(std::is_function_v<decltype(irisize::load_deploy_defaults)>);     // data/
static_assert(std::is_function_v<decltype(irisize::validate)>);                 // rules/
static_assert(std::is_function_v<decltype(irisize::parse_workload)>);           // workload/
static_assert(std::is_function_v<decltype(irisize::workload_from_row)>);        // workload/
static_assert(std::is_function_v<decltype(irisize::fit_growth)>);               // workload/
static_assert(std::is_function_v<decltype(irisize::parse_system_performance)>); // import/
static_assert(std::is_function_v<decltype(irisize::read_price_offer)>);         // import/
static_assert(std::is_function_v<decltype(irisize::check_plan)>);               // plan/
static_assert(std::is_function_v<decltype(irisize::parse_deployment)>);         // workload/
static_assert(std::is_function_v<decltype(irisize::check_deployment)>);         // plan/
static_assert(std::is_function_v<decltype(irisize::render_html)>);              // report/
static_assert(std::is_function_v<decltype(irisize::architecture_svg)>);         // report/
static_assert(std::is_function_v<decltype(irisize::terraform_files)>);          // deploy/
static_assert(std::is_function_v<decltype(irisize::icm_files)>);                // deploy/

TEST_CASE("the umbrella header alone sizes a bundled example, checks the plan and writes it as JSON, text and Markdown") {
    auto catalog = irisize::load_catalog(IRISIZE_TEST_DATA_DIR);
    REQUIRE(catalog);
    std::ifstream in(std::string(IRISIZE_TEST_DATA_DIR) + "/examples/trakcare-regional-hospital.json");
    auto workload = irisize::read_workload(in, "trakcare-regional-hospital.json");
    REQUIRE(workload);
    auto plan = irisize::size(*workload, *catalog);
    REQUIRE(plan);
    CHECK(irisize::check_plan(*plan, *workload, *catalog).empty());
    CHECK(irisize::to_json(*plan)["schema"] == 1);
    CHECK_FALSE(irisize::render_text(*plan).empty());
    CHECK_FALSE(irisize::render_report_markdown(irisize::build_report(*plan, {})).empty());
}
