// SPDX-License-Identifier: GPL-3.0-or-later
// One batch CSV row: the input and output columns, the header check, a row read into a
// Workload with the same bounds and messages as the JSON reader (named by column), and a
// plan written back as one summary row.
#include "irisize/workload/csv_row.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#include "workload/workload_bounds.hpp"

namespace irisize {

namespace u = units;
using detail::Bounds;
namespace bounds = detail::bounds;

namespace {

constexpr std::array<std::string_view, 24> input_columns = {
    "name",          "product",          "region",        "rules",
    "size_gib",      "growth_percent_per_year", "horizon_years", "read_iops",
    "write_iops",    "journal_mibps",    "peak_cores",    "global_buffers_gib",
    "concurrent_users", "mirror",        "arbiter",       "dr_region",
    "dr_members",    "dr_capacity_percent", "web_servers", "app_servers",
    "print_servers", "target_cpu_percent", "snapshot_retention_days", "families"};

// A column's position in input_columns, worked out by the compiler (a misspelt name does not compile).
consteval std::size_t col(std::string_view name) {
    for (std::size_t i = 0; i < input_columns.size(); ++i)
        if (input_columns[i] == name)
            return i;
    throw "not an input column";
}

} // namespace

const std::vector<std::string_view>& batch_input_columns() {
    static const std::vector<std::string_view> cols(input_columns.begin(), input_columns.end());
    return cols;
}

const std::vector<std::string_view>& batch_output_columns() {
    static const std::vector<std::string_view> cols = {
        "status",           "error",          "primary_instance", "dr_instance",       "app_instance",
        "web_instance",     "data_volume",    "wij_volume",       "journal1_volume",   "journal2_volume",
        "install_volume",   "os_volume",      "monthly_usd",      "monthly_compute_usd", "monthly_storage_usd",
        "warnings",         "app_servers_planned", "web_servers_planned"};
    return cols;
}

namespace {

// Length of the well-formed UTF-8 sequence at the start of `s`, or 0 when it is not one.
std::size_t utf8_sequence(std::string_view s) {
    auto byte = [&](std::size_t i) { return i < s.size() ? static_cast<unsigned char>(s[i]) : 0u; };
    auto cont = [&](std::size_t i, unsigned lo = 0x80, unsigned hi = 0xBF) {
        return byte(i) >= lo && byte(i) <= hi;
    };
    const unsigned c = byte(0);
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const bool second = c == 0xE0 ? cont(1, 0xA0) : c == 0xED ? cont(1, 0x80, 0x9F) : cont(1);
        return second && cont(2) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const bool second = c == 0xF0 ? cont(1, 0x90) : c == 0xF4 ? cont(1, 0x80, 0x8F) : cont(1);
        return second && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
}

// Text cells as UTF-8, as the workload JSON guarantees: a CSV saved in a legacy code page
// (Excel's "CSV (Comma delimited)" writes Windows-1252) carries bytes that are not, and a
// plan holding them could not be written as JSON (batch --details). Each such byte becomes
// U+FFFD; the input columns copied to the batch output keep their bytes.
std::string as_utf8(std::string s) {
    // Most cells are ASCII: found so in one pass, they need no decoding.
    std::size_t i = 0;
    while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80)
        ++i;
    while (i < s.size()) {
        const std::size_t n = utf8_sequence(std::string_view(s).substr(i));
        if (n == 0)
            break;
        i += n;
    }
    if (i == s.size())
        return s;
    std::string out(s, 0, i);
    while (i < s.size()) {
        const std::size_t n = utf8_sequence(std::string_view(s).substr(i));
        if (n == 0) {
            out += "\xEF\xBF\xBD";
            ++i;
        } else {
            out.append(s, i, n);
            i += n;
        }
    }
    return out;
}

std::string normalised(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); });
    return as_utf8(std::move(out));
}

std::size_t column_position(std::string_view name) {
    return static_cast<std::size_t>(std::find(input_columns.begin(), input_columns.end(), name) -
                                    input_columns.begin());
}

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

struct RowError {
    std::string column;
    std::string message;
};

// A cell as a number: empty -> nothing; anything but a complete finite decimal number -> error.
std::optional<double> number_cell(std::string_view column, std::string_view raw, const Bounds& b,
                                  const BatchRowOptions& opt) {
    std::string_view s = trimmed(raw);
    if (s.empty())
        return std::nullopt;
    std::string buf;
    if (opt.decimal_comma && s.find(',') != std::string_view::npos && s.find('.') == std::string_view::npos) {
        // "1,000" could be one thousand (a thousands separator) or one (three decimals): refuse to guess.
        const auto comma = s.find(',');
        const bool grouped_like = s.size() - comma == 4 && s.find(',', comma + 1) == std::string_view::npos &&
                                  s.find_first_not_of("+-0123456789,") == std::string_view::npos;
        if (grouped_like)
            throw RowError{std::string(column),
                           fmt::format("'{}' is ambiguous (a thousands separator, or a decimal comma with three "
                                       "decimals?): write it without a thousands separator, or with other than "
                                       "three decimals",
                                       raw)};
        buf.assign(s);
        std::replace(buf.begin(), buf.end(), ',', '.');
        s = buf;
    }
    std::string_view digits = s;
    if (!digits.empty() && digits.front() == '+')
        digits.remove_prefix(1);
    double v = 0;
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
    if (ec == std::errc::result_out_of_range)
        throw RowError{std::string(column), fmt::format("'{}' is absurdly large", raw)};
    if (ec != std::errc() || end != digits.data() + digits.size())
        throw RowError{std::string(column), fmt::format("'{}' is not a number", raw)};
    if (!std::isfinite(v))
        throw RowError{std::string(column), fmt::format("'{}' is not a finite number", raw)};
    if (auto why = detail::out_of_bounds(b, v); !why.empty())
        throw RowError{std::string(column), why};
    return v;
}

// Equal to `lower`, a lower-case ASCII word, ignoring the case of `s`.
bool equals_lower(std::string_view s, std::string_view lower) {
    if (s.size() != lower.size())
        return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i] >= 'A' && s[i] <= 'Z' ? static_cast<char>(s[i] - 'A' + 'a') : s[i];
        if (c != lower[i])
            return false;
    }
    return true;
}

std::optional<bool> bool_cell(std::string_view column, std::string_view raw) {
    const std::string_view s = trimmed(raw);
    if (s.empty())
        return std::nullopt;
    for (std::string_view yes : {"true", "yes", "y", "1"})
        if (equals_lower(s, yes))
            return true;
    for (std::string_view no : {"false", "no", "n", "0"})
        if (equals_lower(s, no))
            return false;
    throw RowError{std::string(column), fmt::format("'{}' is not true/false (or yes/no, 1/0)", raw)};
}

} // namespace

Result<BatchHeader> BatchHeader::make(const std::vector<std::string>& names, bool region_required) {
    BatchHeader h;
    h.m_count = names.size();
    h.m_index.assign(batch_input_columns().size(), std::nullopt);
    const auto& cols = batch_input_columns();
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string n = normalised(names[i]);
        const std::size_t pos = column_position(n);
        if (pos == cols.size())
            continue;
        if (h.m_index[pos])
            return Error{"header", fmt::format("column '{}' appears twice (columns {} and {})", n,
                                               *h.m_index[pos] + 1, i + 1)};
        h.m_index[pos] = i;
    }
    std::vector<std::string_view> required = {"name", "product", "size_gib"};
    if (region_required)
        required.push_back("region");
    for (auto r : required)
        if (!h.index(r))
            return Error{"header", fmt::format("has no '{}' column (required{})", r,
                                               r == "region" ? " unless --region is given" : "")};
    return h;
}

std::optional<std::size_t> BatchHeader::index(std::string_view column) const {
    return index_at(column_position(column));
}

std::optional<std::size_t> BatchHeader::index_at(std::size_t position) const {
    return position < m_index.size() ? m_index[position] : std::nullopt;
}

Result<Workload> workload_from_row(const BatchHeader& header, const std::vector<std::string>& fields,
                                   const BatchRowOptions& opt) {
    // Columns by their position in input_columns (col("name") is worked out at compile time).
    auto cell = [&](std::size_t column) -> std::string_view {
        auto i = header.index_at(column);
        return i && *i < fields.size() ? std::string_view(fields[*i]) : std::string_view();
    };
    auto text = [&](std::size_t column) { return as_utf8(std::string(trimmed(cell(column)))); };
    auto num = [&](std::size_t column, const Bounds& b) {
        return number_cell(input_columns[column], cell(column), b, opt);
    };
    auto count = [&](std::size_t column, const Bounds& b) -> std::optional<int> {
        auto v = num(column, b);
        return v ? std::optional<int>(static_cast<int>(*v)) : std::nullopt;
    };
    try {
        if (fields.size() > header.size())
            throw RowError{"", fmt::format("the row has {} fields but the header has {} columns", fields.size(),
                                           header.size())};
        Workload w;
        w.name = text(col("name"));
        if (w.name.empty())
            throw RowError{"name", "is empty (required)"};
        w.product = normalised(cell(col("product")));
        if (w.product.empty())
            throw RowError{"product", "is empty (required)"};
        const auto& products = known_products();
        if (std::find(products.begin(), products.end(), w.product) == products.end())
            throw RowError{"product", fmt::format("unknown product '{}' (one of {})", w.product,
                                                  fmt::join(products, ", "))};
        w.region = normalised(cell(col("region")));
        w.rules = normalised(cell(col("rules")));
        auto& d = w.database;
        auto size = num(col("size_gib"), bounds::size_gib);
        if (!size)
            throw RowError{"size_gib", "is empty (required)"};
        d.size = u::GiB(*size);
        d.growth_percent_per_year = num(col("growth_percent_per_year"), bounds::growth_percent);
        d.horizon_years = count(col("horizon_years"), bounds::horizon_years);
        if (auto v = num(col("read_iops"), bounds::iops))
            d.read_iops = u::iops(*v);
        if (auto v = num(col("write_iops"), bounds::iops))
            d.write_iops = u::iops(*v);
        if (auto v = num(col("journal_mibps"), bounds::journal_mibps))
            d.journal = u::MiBps(*v);
        d.peak_cores = num(col("peak_cores"), bounds::peak_cores);
        if (auto v = num(col("global_buffers_gib"), bounds::global_buffers_gib))
            d.global_buffers = u::GiB(*v);
        w.concurrent_users = count(col("concurrent_users"), bounds::users);
        w.mirror = bool_cell("mirror", cell(col("mirror"))).value_or(true);
        w.arbiter = bool_cell("arbiter", cell(col("arbiter"))).value_or(w.mirror);
        w.dr_region = normalised(cell(col("dr_region")));
        w.dr_members = count(col("dr_members"), bounds::dr_members);
        w.dr_capacity_percent = num(col("dr_capacity_percent"), bounds::dr_capacity_percent);
        // Tier counts: a whole number, "auto" (web and app servers), or empty for the default.
        auto tier = [&](std::size_t column) {
            if (equals_lower(trimmed(cell(column)), "auto"))
                return TierCount::automatic();
            auto n = count(column, bounds::tier_count);
            return n ? TierCount::fixed(*n) : TierCount{};
        };
        w.web_servers = tier(col("web_servers"));
        w.app_servers = tier(col("app_servers"));
        if (equals_lower(trimmed(cell(col("print_servers"))), "auto"))
            throw RowError{"print_servers", "must be a whole number (print servers are not sized by load, so "
                                            "\"auto\" does not apply)"};
        if (auto n = count(col("print_servers"), bounds::tier_count))
            w.print_servers = TierCount::fixed(*n);
        w.target_cpu_percent = num(col("target_cpu_percent"), bounds::target_cpu_percent);
        w.snapshot_retention_days = count(col("snapshot_retention_days"), bounds::retention_days);
        // Families: separated by ';', '|', ',' or spaces inside the cell.
        std::string_view fam = cell(col("families"));
        std::string current;
        for (std::size_t i = 0; i <= fam.size(); ++i) {
            const char c = i < fam.size() ? fam[i] : ';';
            if (c == ';' || c == '|' || c == ',' || c == ' ' || c == '\t') {
                if (!current.empty())
                    w.families.push_back(normalised(current));
                current.clear();
            } else {
                current += c;
            }
        }
        return w;
    } catch (const RowError& e) {
        return Error{e.column, e.message};
    }
}

std::string batch_column_for(std::string_view field) {
    static const std::pair<std::string_view, std::string_view> renamed[] = {
        {"users.concurrent", "concurrent_users"}, {"dr.region", "dr_region"}, {"dr.members", "dr_members"},
        {"dr.capacity_percent", "dr_capacity_percent"}};
    for (const auto& [from, to] : renamed)
        if (field == from)
            return std::string(to);
    if (field.rfind("families", 0) == 0)
        return "families";
    const auto dot = field.rfind('.');
    return std::string(dot == std::string_view::npos ? field : field.substr(dot + 1));
}

namespace {
// What std::to_chars(v, fixed, decimals) writes into `buf` (decimals 1 to 3), found without
// it when v is positive and within a millionth of a unit of its last decimal, far from
// any rounding boundary, as every price and size here is (then the digits are those of
// round(v x 10^decimals)); otherwise to_chars itself. Returns the end.
char* fixed_text(char* buf, std::size_t size, double v, int decimals) {
    const double scale = decimals == 1 ? 10.0 : decimals == 2 ? 100.0 : 1000.0;
    const double scaled = v * scale;
    const double k = std::round(scaled);
    if (v > 0 && scaled < 9e15 && std::abs(scaled - k) < 1e-6) {
        char digits[24];
        auto [end, ec] = std::to_chars(digits, digits + sizeof digits, static_cast<long long>(k));
        auto n = static_cast<std::size_t>(end - digits);
        char* out = buf;
        if (n <= static_cast<std::size_t>(decimals)) { // below one: "0." and leading zeros
            *out++ = '0';
            *out++ = '.';
            for (auto z = n; z < static_cast<std::size_t>(decimals); ++z)
                *out++ = '0';
            std::memcpy(out, digits, n);
            return out + n;
        }
        const std::size_t whole = n - static_cast<std::size_t>(decimals);
        std::memcpy(out, digits, whole);
        out += whole;
        *out++ = '.';
        std::memcpy(out, digits + whole, static_cast<std::size_t>(decimals));
        return out + decimals;
    }
    return std::to_chars(buf, buf + size, v, std::chars_format::fixed, decimals).ptr;
}

// Whole numbers as digits, others with up to three decimals: "1200", "46.875". Writes at `at`
// (at least 64 bytes free) and returns the end.
char* put_number(char* at, double v) {
    // Within 1e-9 of a whole number (rounded half away from zero, as std::round does; the
    // nearest whole number is the same wherever the test passes).
    if (std::abs(v) < 9e15) {
        const auto r = static_cast<long long>(v + (v < 0 ? -0.5 : 0.5));
        if (std::abs(v - static_cast<double>(r)) < 1e-9)
            return std::to_chars(at, at + 32, r).ptr;
    }
    char* end = fixed_text(at, 64, v, 3);
    while (end[-1] == '0')
        --end;
    if (end[-1] == '.')
        --end;
    return end;
}
} // namespace

namespace {
// "gp3 8x953GiB 3295IOPS 125MiB/s": composed on the stack, appended once.
void append_volume_cell(std::string& s, const PlannedVolume& v) {
    char buf[4 * 64 + 32];
    char* at = buf;
    auto text = [&](std::string_view t) {
        std::memcpy(at, t.data(), t.size());
        at += t.size();
    };
    s.append(v.type);
    *at++ = ' ';
    at = put_number(at, v.stripe_width);
    *at++ = 'x';
    at = put_number(at, u::in_GiB(v.size));
    text("GiB ");
    at = put_number(at, u::in_iops(v.iops));
    text("IOPS");
    if (v.type == "gp3" || v.throughput_cost > u::usd_per_hour(0)) {
        *at++ = ' ';
        at = put_number(at, u::in_MiBps(v.throughput));
        text("MiB/s");
    }
    s.append(buf, at);
}
} // namespace

std::string batch_volume_cell(const PlannedVolume& v) {
    std::string s;
    s.reserve(48);
    append_volume_cell(s, v);
    return s;
}

std::vector<std::string> batch_summary(const Plan& plan) {
    std::vector<std::string> out;
    batch_summary(plan, out);
    return out;
}

void batch_summary(const Plan& plan, std::vector<std::string>& out) {
    out.resize(batch_output_columns().size() - 2);
    auto cell = out.begin();
    auto next = [&]() -> std::string& {
        cell->clear();
        return *cell++;
    };
    for (Role role : {Role::primary, Role::dr_async, Role::app, Role::web}) {
        const Member* m = plan.member(role);
        std::string& s = next();
        if (m)
            s = m->instance_type;
    }
    const Member* primary = plan.member(Role::primary);
    using P = VolumePurpose;
    for (VolumePurpose purpose : {P::data, P::wij, P::journal1, P::journal2, P::install, P::os}) {
        const PlannedVolume* last = nullptr; // the cell shows the last volume of the purpose
        if (primary)
            for (const auto& v : primary->volumes)
                if (v.purpose == purpose)
                    last = &v;
        std::string& s = next();
        if (last)
            append_volume_cell(s, *last);
    }
    // The categories summed in one pass, each in line order, as Plan::category_cost() sums them.
    u::cost_rate compute = u::usd_per_hour(0), storage = compute, iops = compute, throughput = compute,
                 snapshots = compute;
    for (const auto& line : plan.cost_lines) {
        const std::string& c = line.category;
        if (c == "compute")
            compute += line.cost;
        else if (c == "storage")
            storage += line.cost;
        else if (c == "iops")
            iops += line.cost;
        else if (c == "throughput")
            throughput += line.cost;
        else if (c == "snapshots")
            snapshots += line.cost;
    }
    auto usd = [&](u::cost_rate r) {
        char buf[64];
        char* end = fixed_text(buf, sizeof buf, plan.monthly_usd(r), 2);
        next().assign(buf, end);
    };
    usd(plan.total);
    usd(compute);
    usd(storage + iops + throughput + snapshots);
    std::string& warnings = next();
    for (std::size_t i = 0; i < plan.warnings.size(); ++i) {
        if (i)
            warnings += " | ";
        warnings += plan.warnings[i];
    }
    // Servers of a tier over all its zones (the count "auto" chose, or the one given); empty without.
    for (Role role : {Role::app, Role::web}) {
        int servers = 0;
        for (const auto& m : plan.members)
            if (m.role == role)
                servers += m.count;
        std::string& s = next();
        if (servers > 0) {
            char buf[16];
            auto [end, ec] = std::to_chars(buf, buf + sizeof buf, servers);
            s.assign(buf, end);
        }
    }
}

} // namespace irisize
