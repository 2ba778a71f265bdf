// SPDX-License-Identifier: GPL-3.0-or-later
// The generated Terraform of every bundled example checked by the terraform binary itself
// (the one $IRISIZE_TERRAFORM names, else the one on the PATH): `terraform fmt -check` (the
// text is exactly as terraform lays it out) and, with the AWS provider in a local plugin
// directory named by $IRISIZE_TERRAFORM_PLUGIN_DIR (`terraform init -plugin-dir`; the tests
// never download), `terraform validate`. Without them the cases are skipped, not passed;
// test_terraform.cpp and test_terraform_schema.cpp check the layout and the schema without.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <catch2/catch.hpp>

#include "deploy_test_support.hpp"
#include "generated_files.hpp"
#include "irisize/deploy/terraform.hpp"

using namespace irisize;
using test::shell_quoted;
namespace fs = std::filesystem;

namespace {

/// The terraform binary to run, or empty when this machine has none.
std::string terraform_binary() {
    if (const char* named = std::getenv("IRISIZE_TERRAFORM"); named && *named)
        return named;
    return std::system("command -v terraform >/dev/null 2>&1") == 0 ? "terraform" : "";
}

struct Run {
    int status = 0;
    std::string output; ///< standard output and error
};

/// Runs `command` through the shell, its output kept in `log`; terraform's upgrade check
/// (a network call) is off.
Run run(const std::string& command, const fs::path& log) {
    Run r;
    r.status = std::system(("CHECKPOINT_DISABLE=1 " + command + " >" + shell_quoted(log.string()) + " 2>&1").c_str());
    std::ifstream in(log);
    std::ostringstream text;
    text << in.rdbuf();
    r.output = text.str();
    return r;
}

/// The example's Terraform written under `base`; its directory.
fs::path write_terraform(const fs::path& example, const fs::path& base) {
    auto files = terraform_files(test::plan_of(example), test::catalog(), test::deploy());
    REQUIRE(files.ok());
    const fs::path dir = base / example.stem();
    REQUIRE(app::write_generated_files(dir, *files).ok());
    return dir;
}

} // namespace

TEST_CASE ("every bundled example's Terraform is as terraform fmt writes it", "[terraform][binary]") {
    const std::string terraform = terraform_binary();
    if (terraform.empty()) {
        test::skip("no terraform binary on the PATH (IRISIZE_TERRAFORM may name one)");
        return;
    }
    const test::TempDir scratch("fmt");
    for (const auto& example : test::example_files()) {
        INFO(example.filename().string());
        const fs::path dir = write_terraform(example, scratch.path);
        const Run fmt = run(shell_quoted(terraform) + " fmt -check -diff -recursive " + shell_quoted(dir.string()),
                            dir / "fmt.log");
        INFO("terraform fmt -check -diff said:\n" << fmt.output);
        CHECK(fmt.status == 0);
    }
}

TEST_CASE ("every bundled example's Terraform passes terraform validate with the AWS provider", "[terraform][binary]") {
    const std::string terraform = terraform_binary();
    const char* plugins = std::getenv("IRISIZE_TERRAFORM_PLUGIN_DIR");
    if (terraform.empty() || !plugins || !*plugins || !fs::is_directory(plugins)) {
        test::skip(terraform.empty() ? "no terraform binary on the PATH (IRISIZE_TERRAFORM may name one)"
                                     : "IRISIZE_TERRAFORM_PLUGIN_DIR names no directory of providers for "
                                       "terraform init -plugin-dir (the tests never download one)");
        return;
    }
    const test::TempDir scratch("validate");
    for (const auto& example : test::example_files()) {
        INFO(example.filename().string());
        const fs::path dir = write_terraform(example, scratch.path);
        const std::string in_dir = shell_quoted(terraform) + " -chdir=" + shell_quoted(dir.string());
        const Run init =
            run(in_dir + " init -backend=false -input=false -no-color -plugin-dir=" + shell_quoted(plugins),
                scratch.path / "init.log");
        INFO("terraform init said:\n" << init.output);
        REQUIRE(init.status == 0);
        const Run validate = run(in_dir + " validate -no-color", scratch.path / "validate.log");
        INFO("terraform validate said:\n" << validate.output);
        CHECK(validate.status == 0);
    }
}
