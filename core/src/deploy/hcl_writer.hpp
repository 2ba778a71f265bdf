// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The low-level HCL text writer behind the Terraform output: a block body (attributes,
// object attributes, nested blocks) and a .tf file (header comment, top-level blocks), both
// laid out as `terraform fmt` lays them out, and the small expression helpers (quoted
// strings, integers, lists, one-line comments). hcl_string and hcl_identifier are public
// (deploy/terraform.hpp); they are defined in hcl_writer.cpp.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "irisize/data/deploy_defaults.hpp"

namespace irisize::detail {

/// A block body as `terraform fmt` writes it: runs of single-line attributes with their `=`
/// aligned; object attributes and nested blocks set off by blank lines.
class HclBody {
public:
    /// `key = expr`, the expression as written (quote strings with hcl_string).
    HclBody& attr(std::string key, std::string expr);
    /// `key = { k = v ... }` with the entries' `=` aligned; `key = {}` when there are none.
    HclBody& object(std::string key, std::vector<std::pair<std::string, std::string>> entries);
    /// A nested block `type "label" ... { }`; the returned body stays valid while this one lives.
    HclBody& block(std::string type, std::vector<std::string> labels = {});

    /// Appends the body's text, each line indented by `indent` spaces.
    void render(std::string& out, int indent) const;

private:
    enum class Kind { attr, object, block };
    struct Item {
        Kind kind;
        std::string key;
        std::string expr;
        std::vector<std::pair<std::string, std::string>> entries;
        std::string type;
        std::vector<std::string> labels;
        std::unique_ptr<HclBody> body;
    };
    std::vector<Item> m_items;
};

/// One .tf file: a header comment (an empty line is a bare `#`) and top-level blocks
/// separated by blank lines.
class HclFile {
public:
    HclFile(std::string name, std::vector<std::string> header);
    HclBody& block(std::string type, std::vector<std::string> labels = {});
    [[nodiscard]] GeneratedFile finish() const;

private:
    std::string m_name;
    std::vector<std::string> m_header;
    HclBody m_top;
};

/// `text` as an HCL quoted string (hcl_string).
std::string hcl_quoted(std::string_view text);
/// An integer literal.
std::string hcl_integer(long long value);
/// `[a, b, c]` of expressions written as they are.
std::string hcl_list(const std::vector<std::string>& exprs);
/// `text` fit for a comment line: line breaks become spaces.
std::string one_line(std::string_view text);

} // namespace irisize::detail
