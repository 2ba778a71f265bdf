// SPDX-License-Identifier: GPL-3.0-or-later
// The tests' HCL reader (hcl_reader.hpp) reads what the Terraform tests read back: blocks,
// labels, nested blocks, multi-line expressions; malformed text is an error.
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "hcl_reader.hpp"

using namespace irisize;
using test::parse_hcl;

TEST_CASE ("the HCL reader reads blocks, labels, nested blocks and multi-line expressions", "[terraform][schema]") {
    const auto blocks = parse_hcl(R"(# comment
resource "aws_lb" "web" {
  name    = "${var.name_prefix}-web" # trailing
  subnets = [aws_subnet.a.id, aws_subnet.b.id]
  x       = [for z in data.aws_availability_zones.w.names : z if z != "a"][0]

  tags = {
    Name = "a}b{"
  }

  nested "label" {
    inner = "q\"uote"
  }
}
)");
    REQUIRE(blocks.size() == 1);
    CHECK(blocks[0].labels == std::vector<std::string>{"aws_lb", "web"});
    CHECK(blocks[0].attrs.size() == 4);
    CHECK(blocks[0].attr("tags").find("a}b{") != std::string::npos);
    REQUIRE(blocks[0].blocks.size() == 1);
    CHECK(blocks[0].blocks[0].attr("inner") == R"("q\"uote")");
    CHECK_THROWS(parse_hcl("resource \"a\" \"b\" {\n  x = 1\n  x = 2\n}\n"));
    CHECK_THROWS(parse_hcl("resource \"a\" \"b\" {\n  x = [1\n"));
    CHECK_THROWS(parse_hcl("resource \"a\" \"b\" {\n"));
}
