// SPDX-License-Identifier: GPL-3.0-or-later
// write_xlsx(): the workbook is opened as a spreadsheet program would (ZIP, then the sheet
// XML), its cells checked against the plan; failures leave nothing behind.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "irisize/sizing/sizing.hpp"
#include "test_support.hpp"
#include "xlsx_writer.hpp"

using namespace irisize;
namespace fs = std::filesystem;
namespace u = irisize::units;
using nlohmann::json;
using test::slurp;

namespace {

// --- a ZIP reader: end of central directory, central directory, local headers, inflate ----

std::uint32_t le16(const std::string& s, std::size_t at) {
    if (at + 2 > s.size())
        throw std::runtime_error("zip: truncated");
    return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(s[at + 1])) << 8;
}
std::uint32_t le32(const std::string& s, std::size_t at) {
    return le16(s, at) | le16(s, at + 2) << 16;
}

std::string inflate_raw(const std::string& in, std::size_t expected) {
    std::string out(expected, '\0');
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK)
        throw std::runtime_error("zip: inflateInit2");
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    const int rc = inflate(&z, Z_FINISH);
    const auto produced = z.total_out;
    inflateEnd(&z);
    if (rc != Z_STREAM_END || produced != expected)
        throw std::runtime_error("zip: inflate failed");
    return out;
}

/// Every entry of a ZIP file, by name, checked against its CRC-32.
std::map<std::string, std::string> read_zip(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw std::runtime_error("cannot open " + file.string());
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string z = ss.str();
    if (z.size() < 22)
        throw std::runtime_error("zip: too short");
    std::size_t eocd = std::string::npos;
    for (std::size_t i = z.size() - 22 + 1; i-- > 0;)
        if (le32(z, i) == 0x06054b50) {
            eocd = i;
            break;
        }
    if (eocd == std::string::npos)
        throw std::runtime_error("zip: no end of central directory");
    const std::uint32_t count = le16(z, eocd + 10);
    std::size_t at = le32(z, eocd + 16);
    std::map<std::string, std::string> entries;
    for (std::uint32_t n = 0; n < count; ++n) {
        if (le32(z, at) != 0x02014b50)
            throw std::runtime_error("zip: bad central directory entry");
        const std::uint32_t method = le16(z, at + 10);
        const std::uint32_t crc = le32(z, at + 16);
        const std::size_t csize = le32(z, at + 20), usize = le32(z, at + 24);
        const std::size_t name_len = le16(z, at + 28), extra_len = le16(z, at + 30), comment_len = le16(z, at + 32);
        const std::size_t local = le32(z, at + 42);
        const std::string name = z.substr(at + 46, name_len);
        at += 46 + name_len + extra_len + comment_len;
        if (le32(z, local) != 0x04034b50)
            throw std::runtime_error("zip: bad local header for " + name);
        const std::size_t data = local + 30 + le16(z, local + 26) + le16(z, local + 28);
        if (data + csize > z.size())
            throw std::runtime_error("zip: truncated data for " + name);
        const std::string raw = z.substr(data, csize);
        std::string content;
        if (method == 0)
            content = raw;
        else if (method == 8)
            content = inflate_raw(raw, usize);
        else
            throw std::runtime_error("zip: unknown method for " + name);
        const auto actual =
            crc32(0L, reinterpret_cast<const Bytef*>(content.data()), static_cast<uInt>(content.size()));
        if (actual != crc)
            throw std::runtime_error("zip: CRC mismatch for " + name);
        entries[name] = content;
    }
    return entries;
}

// --- the workbook, read back ---------------------------------------------------------------

std::string unescape(std::string s) {
    static const std::pair<const char*, const char*> map[] = {
        {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}};
    for (const auto& [from, to] : map)
        for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += std::strlen(to))
            s.replace(p, std::strlen(from), to);
    return s;
}

/// The text between `<tag ...>` and `</tag>` starting at `from`, or nothing.
std::optional<std::string> element(const std::string& xml, const std::string& tag, std::size_t from = 0,
                                   std::size_t to = std::string::npos) {
    const std::regex open("<" + tag + "(\\s[^>]*)?>");
    std::smatch m;
    const auto end = to == std::string::npos ? xml.end() : xml.begin() + static_cast<std::ptrdiff_t>(to);
    if (!std::regex_search(xml.begin() + static_cast<std::ptrdiff_t>(from), end, m, open))
        return std::nullopt;
    const std::size_t start = static_cast<std::size_t>(m[0].second - xml.begin());
    const std::size_t close = xml.find("</" + tag + ">", start);
    if (close == std::string::npos || close > static_cast<std::size_t>(end - xml.begin()))
        return std::nullopt;
    return xml.substr(start, close - start);
}

struct Cell {
    bool found = false;
    std::string type;    ///< the t attribute: "" (number), "s" (shared string), "str", "b", ...
    std::string formula; ///< without the leading '='
    std::string value;   ///< <v> as written
    std::string text;    ///< the shared string, for t="s"

    [[nodiscard]] bool numeric() const { return found && type.empty() && !value.empty(); }
    [[nodiscard]] double number() const { return std::stod(value); }
};

class Workbook {
public:
    explicit Workbook(const fs::path& file) : m_zip(read_zip(file)) {
        const std::string wb = entry("xl/workbook.xml");
        const std::string rels = entry("xl/_rels/workbook.xml.rels");
        const std::regex sheet(R"re(<sheet name="([^"]*)" sheetId="\d+" r:id="(rId\d+)"/>)re");
        for (std::sregex_iterator i(wb.begin(), wb.end(), sheet), e; i != e; ++i) {
            const std::string name = unescape((*i)[1]), id = (*i)[2];
            std::smatch t;
            const std::regex rel("<Relationship Id=\"" + id + "\" Type=\"[^\"]*\" Target=\"([^\"]*)\"/>");
            if (!std::regex_search(rels, t, rel))
                throw std::runtime_error("no relationship " + id);
            m_names.push_back(name);
            m_sheets[name] = entry("xl/" + std::string(t[1]));
        }
        if (m_zip.count("xl/sharedStrings.xml")) {
            const std::string sst = m_zip.at("xl/sharedStrings.xml");
            const std::regex si("<si>([\\s\\S]*?)</si>");
            for (std::sregex_iterator i(sst.begin(), sst.end(), si), e; i != e; ++i) {
                const std::string inner = (*i)[1];
                const std::regex t("<t(?: [^>]*)?>([\\s\\S]*?)</t>");
                std::string text;
                for (std::sregex_iterator j(inner.begin(), inner.end(), t); j != e; ++j)
                    text += unescape((*j)[1]);
                m_strings.push_back(text);
            }
        }
    }

    [[nodiscard]] const std::vector<std::string>& sheet_names() const { return m_names; }
    [[nodiscard]] const std::vector<std::string>& strings() const { return m_strings; }
    [[nodiscard]] std::string entry(const std::string& name) const {
        auto it = m_zip.find(name);
        if (it == m_zip.end())
            throw std::runtime_error("no entry " + name);
        return it->second;
    }
    [[nodiscard]] const std::string& sheet(const std::string& name) const { return m_sheets.at(name); }

    /// The cell at `ref` ("M2") of a sheet.
    [[nodiscard]] Cell cell(const std::string& sheet_name, const std::string& ref) const {
        const std::string& xml = sheet(sheet_name);
        Cell c;
        const std::string open = "<c r=\"" + ref + "\"";
        const std::size_t at = xml.find(open);
        if (at == std::string::npos)
            return c;
        c.found = true;
        const std::size_t tag_end = xml.find('>', at);
        const std::string attrs = xml.substr(at, tag_end - at);
        std::smatch m;
        if (std::regex_search(attrs, m, std::regex(" t=\"([^\"]*)\"")))
            c.type = m[1];
        if (attrs.back() == '/')
            return c;
        const std::size_t end = xml.find("</c>", tag_end);
        c.formula = unescape(element(xml, "f", tag_end, end).value_or(""));
        c.value = element(xml, "v", tag_end, end).value_or("");
        if (c.type == "s")
            c.text = m_strings.at(std::stoul(c.value));
        return c;
    }

private:
    std::map<std::string, std::string> m_zip;
    std::vector<std::string> m_names;
    std::map<std::string, std::string> m_sheets;
    std::vector<std::string> m_strings;
};

std::string col(int c) {
    std::string s;
    for (int n = c + 1; n > 0; n = (n - 1) / 26)
        s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
    return s;
}
/// "M2" for spreadsheet row 2 (from 1), column 12 (from 0).
std::string at(int row, int column) {
    return col(column) + std::to_string(row);
}

// --- plans and scratch directories -----------------------------------------------------------

json example(const std::string& name) {
    std::ifstream in(std::string(IRISIZE_TEST_DATA_DIR) + "/examples/" + name + ".json");
    if (!in)
        throw std::runtime_error("no example " + name);
    return json::parse(in);
}

Plan plan_of(const json& doc) {
    auto w = parse_workload(doc);
    INFO((w ? std::string() : w.error().what()));
    REQUIRE(w.ok());
    auto p = size(*w, test::catalog());
    INFO((p ? std::string() : p.error().what()));
    REQUIRE(p.ok());
    return std::move(p).value();
}

/// The names of the files in a directory.
std::vector<std::string> files_in(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
        out.push_back(e.path().filename().string());
    return out;
}

XlsxOptions options_for(json workload = nullptr) {
    return XlsxOptions{"9.8.7-test", "2026-11-26", std::move(workload)};
}

/// A number written by a person: "1,234.5", "$12.00", "42".
bool looks_numeric(const std::string& s) {
    static const std::regex number(R"(^\s*[-+]?\$?[0-9][0-9,]*(\.[0-9]+)?\s*$)");
    return std::regex_match(s, number);
}

double money(const Plan& p, u::cost_rate r) {
    return p.monthly_usd(r);
}

} // namespace

TEST_CASE ("the zip reader rejects what is not a zip file", "[xlsx][zip]") {
    const test::TempDir dir("xlsx-test");
    std::ofstream(dir.path / "not.xlsx") << "this is plain text, not a zip archive";
    CHECK_THROWS(read_zip(dir.path / "not.xlsx"));
}

TEST_CASE ("every example's workbook holds the plan's numbers as numbers", "[xlsx]") {
    for (const char* name :
         {"trakcare-regional-hospital", "healthshare-ie-region", "healthconnect-small", "trakcare-users-only"}) {
        INFO(name);
        const json doc = example(name);
        const Plan plan = plan_of(doc);
        const test::TempDir dir("xlsx-test");
        const fs::path file = dir.path / "plan.xlsx";
        auto r = write_xlsx(plan, file, options_for(doc));
        INFO((r ? std::string() : r.error().what()));
        REQUIRE(r.ok());
        CHECK(files_in(dir.path) == std::vector<std::string>{"plan.xlsx"});

        const Workbook wb(file);
        CHECK(wb.sheet_names() ==
              std::vector<std::string>{"Summary", "Servers", "Storage", "Cost", "Growth", "Assumptions"});

        // Servers: one row per member, its numbers as number cells, the total as a formula.
        REQUIRE(!plan.members.empty());
        for (std::size_t i = 0; i < plan.members.size(); ++i) {
            const Member& m = plan.members[i];
            const int row = static_cast<int>(i) + 2;
            INFO("Servers row " << row << ": " << irisize::name(m.role) << " " << m.instance_type);
            CHECK(wb.cell("Servers", at(row, 0)).text == irisize::name(m.role));
            CHECK(wb.cell("Servers", at(row, 2)).text == m.availability_zone);
            CHECK(wb.cell("Servers", at(row, 3)).text == m.instance_type);
            const Cell count = wb.cell("Servers", at(row, 4));
            REQUIRE(count.numeric());
            CHECK(count.number() == m.count);
            const Cell vcpu = wb.cell("Servers", at(row, 5));
            REQUIRE(vcpu.numeric());
            CHECK(vcpu.number() == m.vcpu);
            const Cell mem = wb.cell("Servers", at(row, 6));
            REQUIRE(mem.numeric());
            CHECK(mem.number() == Approx(u::in_GiB(m.memory)));
            const Cell iops = wb.cell("Servers", at(row, 9));
            REQUIRE(iops.numeric());
            CHECK(iops.number() == Approx(u::in_iops(m.demand.iops)));
            const Cell each = wb.cell("Servers", at(row, 11));
            REQUIRE(each.numeric());
            CHECK(each.number() == Approx(money(plan, m.instance_cost)));
            const Cell total = wb.cell("Servers", at(row, 12));
            REQUIRE(total.numeric());
            CHECK(total.formula == at(row, 4) + "*" + at(row, 11));
            CHECK(total.number() == Approx(money(plan, m.instance_cost) * m.count));
            CHECK(wb.cell("Servers", at(row, 13)).text == (m.price_estimate ? "yes" : "no"));
        }

        // Storage: one row per volume of every member.
        int row = 2;
        double storage_total = 0;
        for (const auto& m : plan.members)
            for (const auto& v : m.volumes) {
                INFO("Storage row " << row << ": " << irisize::name(m.role) << " " << irisize::name(v.purpose));
                CHECK(wb.cell("Storage", at(row, 0)).text == irisize::name(m.role));
                CHECK(wb.cell("Storage", at(row, 3)).text == irisize::name(v.purpose));
                CHECK(wb.cell("Storage", at(row, 4)).text == v.type);
                const Cell width = wb.cell("Storage", at(row, 5));
                REQUIRE(width.numeric());
                CHECK(width.number() == v.stripe_width);
                const Cell size = wb.cell("Storage", at(row, 6));
                REQUIRE(size.numeric());
                CHECK(size.number() == Approx(u::in_GiB(v.size)));
                const Cell total_size = wb.cell("Storage", at(row, 7));
                REQUIRE(total_size.numeric());
                CHECK(total_size.formula == at(row, 5) + "*" + at(row, 6));
                CHECK(total_size.number() == Approx(u::in_GiB(v.size) * v.stripe_width));
                const Cell viops = wb.cell("Storage", at(row, 8));
                REQUIRE(viops.numeric());
                CHECK(viops.number() == Approx(u::in_iops(v.iops)));
                const Cell need = wb.cell("Storage", at(row, 10));
                REQUIRE(need.numeric());
                CHECK(need.number() == Approx(u::in_GiB(v.demand_capacity)));
                for (auto [c, rate] : {std::pair{13, v.storage_cost}, {14, v.iops_cost}, {15, v.throughput_cost}}) {
                    const Cell usd = wb.cell("Storage", at(row, c));
                    REQUIRE(usd.numeric());
                    CHECK(usd.number() == Approx(money(plan, rate)).margin(1e-9));
                }
                const Cell per_server = wb.cell("Storage", at(row, 16));
                REQUIRE(per_server.numeric());
                CHECK(per_server.number() == Approx(money(plan, v.cost())).margin(1e-9));
                const Cell all = wb.cell("Storage", at(row, 17));
                REQUIRE(all.numeric());
                CHECK(all.formula == at(row, 2) + "*" + at(row, 16));
                storage_total += money(plan, v.cost()) * m.count;
                CHECK(wb.cell("Storage", at(row, 18)).text == v.explanation);
                ++row;
            }
        const Cell storage_sum = wb.cell("Storage", at(row, 17));
        REQUIRE(storage_sum.numeric());
        CHECK(storage_sum.formula == "SUM(R2:R" + std::to_string(row - 1) + ")");
        CHECK(storage_sum.number() == Approx(storage_total));
        // What the volumes cost is what the storage, IOPS and throughput cost lines bill.
        CHECK(storage_total == Approx(money(plan, plan.category_cost("storage") + plan.category_cost("iops") +
                                                      plan.category_cost("throughput"))));

        // Cost: every line, including the provisioned IOPS and throughput ones, and a SUM total.
        std::set<std::string> categories;
        for (std::size_t i = 0; i < plan.cost_lines.size(); ++i) {
            const CostLine& c = plan.cost_lines[i];
            const int r2 = static_cast<int>(i) + 2;
            INFO("Cost row " << r2 << ": " << c.component);
            CHECK(wb.cell("Cost", at(r2, 0)).text == c.component);
            CHECK(wb.cell("Cost", at(r2, 1)).text == c.category);
            const Cell usd = wb.cell("Cost", at(r2, 2));
            REQUIRE(usd.numeric());
            CHECK(usd.number() == Approx(money(plan, c.cost)).margin(1e-9));
            CHECK(wb.cell("Cost", at(r2, 3)).text == (c.estimate ? "yes" : "no"));
            categories.insert(wb.cell("Cost", at(r2, 1)).text);
        }
        CHECK(categories.count("iops") == 1);
        CHECK(categories.count("throughput") == 1);
        const int total_row = static_cast<int>(plan.cost_lines.size()) + 2;
        CHECK(wb.cell("Cost", at(total_row + 1, 0)).found == false);
        const Cell total = wb.cell("Cost", at(total_row, 2));
        REQUIRE(total.numeric());
        CHECK(total.formula == "SUM(C2:C" + std::to_string(total_row - 1) + ")");
        CHECK(total.number() == Approx(plan.monthly_usd()));

        // Summary: the monthly total refers to the Cost sheet's total; the figures are numbers.
        const std::string& summary = wb.sheet("Summary");
        const std::string to_total = "<f>Cost!$C$" + std::to_string(total_row) + "</f>";
        CHECK(summary.find(to_total) != std::string::npos);
        CHECK(summary.find("<v>" + std::to_string(plan.horizon_years) + "</v>") != std::string::npos);
        const auto& strings = wb.strings();
        for (const auto& s : {plan.name, plan.product, plan.region, plan.rules, plan.price_source,
                              std::string("irisize 9.8.7-test"), std::string("Total per month (USD)")})
            CHECK(std::find(strings.begin(), strings.end(), s) != strings.end());
        for (const auto& w : plan.warnings)
            CHECK(std::find(strings.begin(), strings.end(), w) != strings.end());

        // Growth: one row per year.
        for (std::size_t i = 0; i < plan.projection.size(); ++i) {
            const YearProjection& y = plan.projection[i];
            const int r2 = static_cast<int>(i) + 2;
            const Cell year = wb.cell("Growth", at(r2, 0));
            REQUIRE(year.numeric());
            CHECK(year.number() == y.year);
            const Cell db = wb.cell("Growth", at(r2, 1));
            REQUIRE(db.numeric());
            CHECK(db.number() == Approx(u::in_GiB(y.database)));
            const Cell planned = wb.cell("Growth", at(r2, 3));
            REQUIRE(planned.numeric());
            CHECK(planned.number() == Approx(u::in_GiB(y.data_planned)));
            const Cell usd = wb.cell("Growth", at(r2, 4));
            REQUIRE(usd.numeric());
            CHECK(usd.number() == Approx(money(plan, y.monthly_if_sized_for_year)));
        }

        // Assumptions: assumptions, rejections, explanations and the workload as given.
        for (const auto& a : plan.assumptions)
            CHECK(std::find(strings.begin(), strings.end(), a) != strings.end());
        for (const auto& rj : plan.rejected)
            CHECK(std::find(strings.begin(), strings.end(), rj.reason) != strings.end());
        for (const auto& e : plan.all_explanations())
            CHECK(std::find(strings.begin(), strings.end(), e.text) != strings.end());
        CHECK(std::find(strings.begin(), strings.end(), "database.size_gib") != strings.end());
        if (doc.contains("database") && doc["database"].contains("size_gib")) {
            const std::string& xml = wb.sheet("Assumptions");
            std::ostringstream v;
            v << "<v>" << doc["database"]["size_gib"].get<double>() << "</v>";
            CHECK(xml.find(v.str()) != std::string::npos);
        }

        // No text cell holds a number.
        for (const auto& s : strings) {
            INFO("shared string: " << s);
            CHECK_FALSE(looks_numeric(s));
        }

        // Document properties.
        const std::string core = wb.entry("docProps/core.xml");
        CHECK(core.find("<dc:title>Sizing of " + plan.name + "</dc:title>") != std::string::npos);
        CHECK(core.find("<dc:creator>irisize</dc:creator>") != std::string::npos);
        CHECK(core.find(plan.rules_as_of) != std::string::npos);
        CHECK(core.find(plan.price_as_of) != std::string::npos);
        CHECK(core.find("2026-11-26T00:00:00Z") != std::string::npos);
    }
}

TEST_CASE ("header rows are frozen and filtered, money has a currency format", "[xlsx]") {
    const Plan plan = plan_of(example("trakcare-regional-hospital"));
    const test::TempDir dir("xlsx-test");
    REQUIRE(write_xlsx(plan, dir.path / "p.xlsx", options_for()).ok());
    const Workbook wb(dir.path / "p.xlsx");
    for (const char* sheet : {"Servers", "Storage", "Cost", "Growth"}) {
        INFO(sheet);
        CHECK(wb.sheet(sheet).find("state=\"frozen\"") != std::string::npos);
        CHECK(wb.sheet(sheet).find("<autoFilter ref=\"A1:") != std::string::npos);
    }
    const std::string styles = wb.entry("xl/styles.xml");
    CHECK(styles.find("formatCode=\"$#,##0.00\"") != std::string::npos);
    CHECK(styles.find("formatCode=\"#,##0\"") != std::string::npos);
    CHECK(wb.cell("Servers", "L1").text == "Monthly each (USD)");
    CHECK(wb.cell("Storage", "G1").text == "Size per volume (GiB)");
    CHECK(wb.cell("Cost", "C1").text == "Monthly (USD)");
    // Without a workload document the Assumptions sheet leaves that part out.
    const auto& s = wb.strings();
    CHECK(std::find(s.begin(), s.end(), "Workload as given") == s.end());
    CHECK(std::find(s.begin(), s.end(), "database.size_gib") == s.end());
}

TEST_CASE ("a path in a missing directory is an error naming the file, and leaves nothing", "[xlsx][errors]") {
    const Plan plan = plan_of(example("healthconnect-small"));
    const test::TempDir dir("xlsx-test");
    const fs::path file = dir.path / "missing" / "plan.xlsx";
    auto r = write_xlsx(plan, file, options_for());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == file.string());
    CHECK(r.error().message.find("No such file or directory") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.path / "missing"));
    CHECK(files_in(dir.path).empty());
}

TEST_CASE ("a directory is not replaced by a workbook", "[xlsx][errors]") {
    const Plan plan = plan_of(example("healthconnect-small"));
    const test::TempDir dir("xlsx-test");
    fs::create_directory(dir.path / "plan.xlsx");
    auto r = write_xlsx(plan, dir.path / "plan.xlsx", options_for());
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "is a directory");
    CHECK(fs::is_directory(dir.path / "plan.xlsx"));
    CHECK(files_in(dir.path) == std::vector<std::string>{"plan.xlsx"});
}

TEST_CASE ("a failed write leaves an existing file untouched and no temporary", "[xlsx][errors]") {
    const Plan plan = plan_of(example("trakcare-regional-hospital"));
    const test::TempDir dir("xlsx-test");
    const fs::path file = dir.path / "plan.xlsx";
    const std::string before = "an earlier report the user wants to keep\n";
    std::ofstream(file) << before;

    // Files may grow to 4 KiB only: the workbook (tens of KiB) cannot be written, whoever runs
    // the test (a permission denied does not stop root). The signal is ignored so that the
    // write fails with EFBIG instead of ending the process.
    rlimit old{};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &old) == 0);
    const auto old_handler = ::signal(SIGXFSZ, SIG_IGN);
    rlimit small = old;
    small.rlim_cur = 4096;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    auto r = write_xlsx(plan, file, options_for());
    ::setrlimit(RLIMIT_FSIZE, &old);
    ::signal(SIGXFSZ, old_handler);

    REQUIRE_FALSE(r.ok());
    CHECK(r.error().field == file.string());
    CHECK(r.error().message.find("nothing written") != std::string::npos);
    CHECK(slurp(file) == before);
    CHECK(files_in(dir.path) == std::vector<std::string>{"plan.xlsx"});

    // The same call with room to write replaces it.
    REQUIRE(write_xlsx(plan, file, options_for()).ok());
    CHECK(Workbook(file).sheet_names().size() == 6);
}

TEST_CASE ("an existing file keeps its permissions, a symbolic link stays a link", "[xlsx]") {
    const Plan plan = plan_of(example("healthconnect-small"));
    const test::TempDir dir("xlsx-test");
    const fs::path file = dir.path / "plan.xlsx";
    std::ofstream(file) << "old";
    fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    REQUIRE(write_xlsx(plan, file, options_for()).ok());
    CHECK(fs::status(file).permissions() == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
    CHECK(Workbook(file).sheet_names().front() == "Summary");

    const fs::path link = dir.path / "link.xlsx";
    const fs::path real = dir.path / "real.xlsx";
    std::ofstream(real) << "old";
    fs::create_symlink("real.xlsx", link);
    REQUIRE(write_xlsx(plan, link, options_for()).ok());
    CHECK(fs::is_symlink(fs::symlink_status(link)));
    CHECK(Workbook(real).sheet_names().size() == 6);
}

TEST_CASE ("a device or a pipe is written in place", "[xlsx]") {
    const Plan plan = plan_of(example("healthconnect-small"));
    auto r = write_xlsx(plan, "/dev/null", options_for());
    INFO((r ? std::string() : r.error().what()));
    CHECK(r.ok());
    struct stat st {};
    REQUIRE(::stat("/dev/null", &st) == 0);
    CHECK(S_ISCHR(st.st_mode));

    // A FIFO cannot be replaced by a rename: the whole workbook goes through it.
    const test::TempDir dir("xlsx-test");
    const fs::path fifo = dir.path / "pipe.xlsx";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::string received;
    std::thread reader([&] {
        std::ifstream in(fifo, std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        received = ss.str();
    });
    auto through_pipe = write_xlsx(plan, fifo, options_for());
    reader.join();
    INFO((through_pipe ? std::string() : through_pipe.error().what()));
    REQUIRE(through_pipe.ok());
    CHECK(fs::is_fifo(fifo));
    std::ofstream(dir.path / "copy.xlsx", std::ios::binary) << received;
    CHECK(Workbook(dir.path / "copy.xlsx").sheet_names().size() == 6);
    auto files = files_in(dir.path);
    std::sort(files.begin(), files.end());
    CHECK(files == std::vector<std::string>{"copy.xlsx", "pipe.xlsx"});
}
