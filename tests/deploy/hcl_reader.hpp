// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// A small reader of HCL native syntax for the tests: blocks, labels, nested blocks and
// attributes, each attribute's expression kept as text. Enough to read back what the
// Terraform writer writes and check it structurally (no terraform binary needed).

#include <map>
#include <set>
#include <string>
#include <vector>

#include "irisize/data/deploy_defaults.hpp"

namespace irisize::test {

/// A block: `type "label" … { attr = expr … nested { … } }`. Attributes keep their expression text.
struct HclBlock {
    std::string type;
    std::vector<std::string> labels;
    std::map<std::string, std::string> attrs;
    std::vector<HclBlock> blocks;
    int line = 0;

    [[nodiscard]] std::string attr(const std::string& key) const {
        auto it = attrs.find(key);
        return it == attrs.end() ? std::string() : it->second;
    }
    [[nodiscard]] std::vector<const HclBlock*> nested(const std::string& t) const {
        std::vector<const HclBlock*> out;
        for (const auto& b : blocks)
            if (b.type == t)
                out.push_back(&b);
        return out;
    }
};

/// The top-level blocks of `text`. Throws std::runtime_error naming the line on malformed text.
std::vector<HclBlock> parse_hcl(std::string text);

/// The top-level blocks of every file, in order (a test failure when one does not read).
std::vector<HclBlock> read_hcl(const std::vector<GeneratedFile>& files);

/// The top-level resources of `type`.
std::vector<const HclBlock*> resources(const std::vector<HclBlock>& blocks, const std::string& type);
/// The resource `type.name`, or nullptr.
const HclBlock* resource(const std::vector<HclBlock>& blocks, const std::string& type, const std::string& name);
/// "aws_lb.web.arn" -> "web" for a reference to a resource of `type`; empty otherwise.
std::string referenced(const std::string& expr, const std::string& type);
/// The names of every resource of `type` that `expr` refers to.
std::set<std::string> all_referenced(const std::string& expr, const std::string& type);

} // namespace irisize::test
