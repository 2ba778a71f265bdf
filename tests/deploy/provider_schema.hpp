// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The AWS provider's schema (provider 5.100.0, `terraform providers schema -json`, gzip-compressed
// in tests/data/terraform) and the check of HCL blocks against it: unknown, computed-only and
// missing attributes and blocks, and references to what is not declared.

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "hcl_reader.hpp"

namespace irisize::test {

/// Whether the schema file is on this machine; when it is not, the tests that need it skip.
bool provider_schema_available();
/// Where the schema file is expected.
std::string provider_schema_path();
/// Skips the running test case (skip() in deploy_test_support.hpp) when the schema file is
/// absent; true when it did, and the caller returns.
bool skipped_without_schema();

/// The schema's resource types ("resource_schemas"); throws when the file cannot be read.
const nlohmann::json& resource_schemas();

/// Every problem of the generated HCL against the schema, and every reference to a resource,
/// data source or variable that is not declared (or names an attribute the type lacks).
std::vector<std::string> schema_problems(const std::vector<HclBlock>& blocks);

} // namespace irisize::test
