// SPDX-License-Identifier: GPL-3.0-or-later
// The PDF report's pages, read back page by page from the text layer (pdftotext, poppler-utils,
// installed by installer/setup-debian.sh) for every bundled example on A4 and US Letter: no
// numbered heading at a page foot, every figure caption on its figure's page, no line drawn
// twice across a page break, no zone or unit cut in two. Without poppler-utils the cases are
// skipped, not passed.
#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "cli_support.hpp"
#include "skip.hpp"

namespace fs = std::filesystem;
using namespace irisize::test;

#if IRISIZE_HAVE_PDF
namespace {

struct Line {
    std::string text;
    double y = 0; // top of the line, points from the top of the page (pdftotext -bbox-layout)
};

std::string trim(const std::string& s) {
    const auto a = s.find_first_not_of(" \t\f\r");
    if (a == std::string::npos)
        return {};
    return s.substr(a, s.find_last_not_of(" \t\f\r") - a + 1);
}

int page_count(const fs::path& pdf) {
    const auto info = shell("pdfinfo '" + pdf.string() + "'");
    REQUIRE(info.status == 0);
    std::smatch m;
    REQUIRE(std::regex_search(info.out, m, std::regex(R"(Pages:\s+(\d+))")));
    return std::stoi(m[1]);
}

// The non-empty lines of one page as pdftotext -layout prints them.
std::vector<std::string> page_lines(const fs::path& pdf, int page) {
    const auto r = shell("pdftotext -layout -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" +
                         pdf.string() + "' -");
    REQUIRE(r.status == 0);
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < r.out.size()) {
        auto end = r.out.find('\n', start);
        if (end == std::string::npos)
            end = r.out.size();
        const std::string line = r.out.substr(start, end - start);
        if (!trim(line).empty())
            out.push_back(line);
        start = end + 1;
    }
    return out;
}

// The lines of one page with their positions (words joined by spaces).
std::vector<Line> page_boxes(const fs::path& pdf, int page) {
    const auto r = shell("pdftotext -bbox-layout -f " + std::to_string(page) + " -l " + std::to_string(page) + " '" +
                         pdf.string() + "' -");
    REQUIRE(r.status == 0);
    std::vector<Line> out;
    const std::regex line_re(R"re(<line xMin="[^"]*" yMin="([^"]*)"[^>]*>([\s\S]*?)</line>)re");
    const std::regex word_re(R"(<word[^>]*>([^<]*)</word>)");
    for (auto it = std::sregex_iterator(r.out.begin(), r.out.end(), line_re); it != std::sregex_iterator(); ++it) {
        Line l;
        l.y = std::stod((*it)[1]);
        const std::string words = (*it)[2];
        for (auto w = std::sregex_iterator(words.begin(), words.end(), word_re); w != std::sregex_iterator(); ++w)
            l.text += (l.text.empty() ? "" : " ") + (*w)[1].str();
        out.push_back(l);
    }
    return out;
}

} // namespace

TEST_CASE ("every page of every example's PDF keeps headings, captions, rows and units whole", "[cli][report][pdf]") {
    if (!installed("pdftotext") || !installed("pdfinfo"))
        return skip("pdftotext and pdfinfo (poppler-utils) are not installed");
    const std::regex numbered_heading(R"(^\s*\d+\. [A-Z])");
    const std::regex caption(R"(^Figure \d+\.)");
    const std::regex lone_zone(R"((^|\s)[a-z]{2}-(\s|$))");    // "eu-" of "eu-central-1a" cut after its dash
    const std::regex cut_unit(R"([KMGT]iB/\s+s\b|[KMGT]iB/\s*$)"); // "MiB/ s", or "MiB/" at a line's end
    // pdftotext -bbox-layout places a page's first text line at about the top margin (16 mm =
    // 45 pt); a caption with its figure above it sits at least a small figure's height lower.
    const double caption_lowest_top = 45 + 60;

    // Every bundled example: workloads, hybrid sites and deployments (whose report holds every system's sections).
    auto all = example_files();
    for (const auto& more : {hybrid_example_files(), deployment_example_files()})
        all.insert(all.end(), more.begin(), more.end());
    for (const auto& ex : all) {
        for (const std::string page_size : {"a4", "letter"}) {
            const auto pdf = scratch_path(ex.stem().string() + "-" + page_size + ".pdf");
            const auto r = irisize_cmd("size '" + ex.string() + "' --format pdf --page " + page_size + " -o '" +
                                           pdf.string() + "'",
                                       true);
            INFO(ex.filename().string() << " on " << page_size << ": " << r.out);
            REQUIRE(r.status == 0);
            const int pages = page_count(pdf);
            REQUIRE(pages >= 3);
            std::vector<std::vector<std::string>> text(static_cast<std::size_t>(pages) + 1);
            for (int p = 1; p <= pages; ++p)
                text[static_cast<std::size_t>(p)] = page_lines(pdf, p);

            for (int p = 1; p <= pages; ++p) {
                INFO("page " << p);
                const auto& lines = text[static_cast<std::size_t>(p)];
                REQUIRE(lines.size() >= 2); // content and the footer
                // The last three non-empty lines: the footer and the two lines above it.
                for (std::size_t i = lines.size() >= 3 ? lines.size() - 3 : 0; i < lines.size(); ++i) {
                    INFO("line: " << lines[i]);
                    CHECK_FALSE(std::regex_search(lines[i], numbered_heading));
                }
                for (const auto& l : lines) {
                    INFO("line: " << l);
                    CHECK_FALSE(std::regex_search(l, lone_zone));
                    CHECK_FALSE(std::regex_search(l, cut_unit));
                }
                for (std::size_t i = 1; i < lines.size(); ++i) {
                    INFO("line: " << lines[i]);
                    CHECK(trim(lines[i]) != trim(lines[i - 1]));
                }
                // The line above the footer is not the first line of the next page.
                if (p < pages && lines.size() >= 2) {
                    const auto& next = text[static_cast<std::size_t>(p) + 1];
                    INFO("line: " << lines[lines.size() - 2]);
                    CHECK(trim(lines[lines.size() - 2]) != trim(next.front()));
                }
                for (const auto& l : page_boxes(pdf, p))
                    if (std::regex_search(l.text, caption)) {
                        INFO("caption: " << l.text);
                        CHECK(l.y >= caption_lowest_top);
                    }
            }
        }
    }
}

TEST_CASE ("the PDF's text layer: cost lines add up to the total, counts match the plan, no internal names",
           "[cli][report][pdf]") {
    if (!installed("pdftotext") || !installed("pdfinfo"))
        return skip("pdftotext and pdfinfo (poppler-utils) are not installed");
    const std::regex cost_heading(R"(^\s*\d+\. Cost\s*$)");
    const std::regex next_heading(R"(^\s*\d+\. [A-Z])");
    const std::regex money_at_end(R"(\$([0-9,]+)\.([0-9]{2})( est\.)?\s*$)");
    const std::regex counts(R"((\d+) EC2 instances? in (\d+) roles?)");
    auto cents = [](const std::smatch& m) {
        std::string whole = m[1].str();
        std::erase(whole, ',');
        return std::stoll(whole) * 100 + std::stoll(m[2].str());
    };
    for (const auto& ex : example_files()) {
        INFO(ex.filename().string());
        const auto pdf = scratch_path(ex.stem().string() + "-text.pdf");
        const auto json_out = scratch_path(ex.stem().string() + "-text.json");
        REQUIRE(irisize_cmd("size '" + ex.string() + "' --format pdf -o '" + pdf.string() + "'", true).status == 0);
        REQUIRE(irisize_cmd("size '" + ex.string() + "' --format json -o '" + json_out.string() + "'", true).status ==
                0);
        const auto plan = nlohmann::json::parse(slurp(json_out));
        std::vector<std::string> lines;
        for (int p = 1, n = page_count(pdf); p <= n; ++p)
            for (auto& l : page_lines(pdf, p))
                lines.push_back(std::move(l));
        std::string all;
        for (const auto& l : lines)
            all += l + "\n";
        for (const char* internal : {"FACTS.md", ".go", "data/", ".json", "`"}) {
            INFO(internal);
            CHECK(all.find(internal) == std::string::npos);
        }

        // The cost table: every line's money to the cent, summed, is the printed total.
        std::size_t i = 0;
        while (i < lines.size() && !std::regex_match(lines[i], cost_heading))
            ++i;
        REQUIRE(i < lines.size());
        long long sum = 0, total = -1;
        int priced_lines = 0;
        for (++i; i < lines.size() && !std::regex_search(lines[i], next_heading); ++i) {
            std::smatch m;
            if (!std::regex_search(lines[i], m, money_at_end))
                continue;
            if (trim(lines[i]).rfind("Total", 0) == 0) {
                total = cents(m);
                break;
            }
            sum += cents(m);
            ++priced_lines;
        }
        CHECK(priced_lines == static_cast<int>(plan["cost"]["lines"].size()));
        CHECK(total == sum);
        CHECK(total == std::llround(plan["cost"]["monthly_usd"].get<double>() * 100));

        // "N EC2 instances in R roles": the plan's instances and distinct roles.
        std::smatch m;
        REQUIRE(std::regex_search(all, m, counts));
        int instances = 0;
        std::set<std::string> roles;
        for (const auto& member : plan["members"]) {
            instances += member.value("count", 1);
            roles.insert(member["role"].get<std::string>());
        }
        CHECK(std::stoi(m[1]) == instances);
        CHECK(std::stoi(m[2]) == static_cast<int>(roles.size()));
    }
}
#endif
