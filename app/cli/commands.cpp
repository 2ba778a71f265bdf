// SPDX-License-Identifier: GPL-3.0-or-later
// The subcommands `size` (a workload or a project), `check-volume` and `catalog` over the
// services in app/common: the argument checks only a command line has, the text tables, and
// the exit status each returns.
#include "commands.hpp"

#include <fstream>
#include <iostream>
#include <sstream>

#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "irisize/format.hpp"
#include "irisize/plan/plan_json.hpp"
#include "irisize/rules/rule_engine.hpp"
#include "irisize/sizing/sizing.hpp"
#include "irisize/workload/deployment.hpp"
#include "csv_out.hpp"
#include "data_location.hpp"
#include "checked_sizing.hpp"
#include "output.hpp"
#include "plan_writer.hpp"
#include "project_file.hpp"

#include <filesystem>
#include <iterator>
#ifdef IRISIZE_HAVE_PDF
#include "pdf_report.hpp"
#endif

namespace irisize::cli {

namespace u = units;
using nlohmann::json;

namespace {

void report_error(const Error& e) {
    fmt::print(stderr, "irisize: error: {}\n", e.what());
}

int emit(const std::string& output, const std::string& content) {
    auto written = app::write_file_atomically(output, content);
    if (!written) {
        report_error(written.error());
        return Invalid;
    }
    return Ok;
}

std::string text_table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> w(head.size());
    for (std::size_t i = 0; i < head.size(); ++i)
        w[i] = head[i].size();
    for (const auto& r : rows)
        for (std::size_t i = 0; i < r.size(); ++i)
            w[i] = std::max(w[i], r[i].size());
    std::string out;
    auto emit_row = [&](const std::vector<std::string>& r) {
        std::string s;
        for (std::size_t i = 0; i < r.size(); ++i)
            s += fmt::format("{}{:<{}}", i ? "  " : "", r[i], w[i]);
        while (!s.empty() && s.back() == ' ')
            s.pop_back();
        out += s + "\n";
    };
    emit_row(head);
    for (const auto& r : rows)
        emit_row(r);
    return out;
}

std::string fixed(double v, int decimals) {
    return fmt::format("{:.{}f}", v, decimals);
}

// Plain decimal for machine output: no grouping, trailing zeros trimmed.
std::string plain(double v) {
    std::string s = fmt::format("{:.6f}", v);
    while (!s.empty() && s.back() == '0')
        s.pop_back();
    if (!s.empty() && s.back() == '.')
        s.pop_back();
    return s;
}

} // namespace

// --- size ---------------------------------------------------------------------------------

int write_plan(const Catalog& catalog, const Workload& workload, const Plan& plan, const std::string& format,
               const std::string& output, const std::string& page) {
    // What only a command line can get wrong is checked here; the writing is the service's.
    const auto f = app::plan_format_from(format);
    if (!f) {
        report_error({"--format", fmt::format("unknown format '{}'", format)});
        return Usage;
    }
    if ((*f == app::PlanFormat::xlsx || *f == app::PlanFormat::pdf) && output == "-" && ::isatty(STDOUT_FILENO)) {
        report_error({"--output", fmt::format("{} is not for the terminal: give -o FILE.{} (or redirect)",
                                              format == "pdf" ? "a PDF file" : "an XLSX workbook", format)});
        return Usage;
    }
    if (app::writes_directory(*f) && output == "-") {
        report_error({"--output", fmt::format("{} writes several files: give -o DIRECTORY", format)});
        return Usage;
    }
    if (*f == app::PlanFormat::pdf && !app::pdf_available()) {
        report_error({"--format", "this irisize was built without PDF support (IRISIZE_BUILD_PDF=OFF)"});
        return Usage;
    }
#ifdef IRISIZE_HAVE_PDF
    if (*f == app::PlanFormat::pdf && !pdf::page_size_from(page)) {
        report_error({"--page", fmt::format("unknown page size '{}' (a4 or letter)", page)});
        return Usage;
    }
#endif
    auto written = app::write_plan(catalog, plan, *f, output, {to_json(workload), page});
    if (!written) {
        report_error(written.error());
        return Invalid;
    }
    return Ok;
}

namespace {

// A deployment file: every system and the shared tiers in one plan, written as one document.
int run_size_deployment(const Catalog& catalog, const SizeArgs& args, const json& doc, const std::string& origin) {
    if (!args.system.empty()) {
        report_error({"--system", fmt::format("{} is a deployment: it is sized whole", origin)});
        return Usage;
    }
    const auto f = app::plan_format_from(args.format);
    if (!f) {
        report_error({"--format", fmt::format("unknown format '{}'", args.format)});
        return Usage;
    }
    if ((*f == app::PlanFormat::xlsx || *f == app::PlanFormat::pdf) && args.output == "-" && ::isatty(STDOUT_FILENO)) {
        report_error({"--output", fmt::format("{} is not for the terminal: give -o FILE.{} (or redirect)",
                                              args.format == "pdf" ? "a PDF file" : "an XLSX workbook", args.format)});
        return Usage;
    }
    if (app::writes_directory(*f) && args.output == "-") {
        report_error({"--output", fmt::format("{} writes several files: give -o DIRECTORY", args.format)});
        return Usage;
    }
    // Systems named by path are found beside the deployment file (the working directory for stdin).
    const std::filesystem::path base =
        args.workload == "-" ? std::filesystem::path(".") : std::filesystem::path(args.workload).parent_path();
    auto deployment = parse_deployment(doc, base);
    if (!deployment) {
        report_error({origin + ": " + deployment.error().field, deployment.error().message});
        return Invalid;
    }
    auto plan = app::size_checked(*deployment, catalog, {args.rules, args.region});
    if (!plan) {
        report_error(plan.error());
        return plan.error().field.rfind("--", 0) == 0 ? Usage : Invalid;
    }
    auto written = app::write_plan(catalog, *plan, *f, args.output, {doc, args.page});
    if (!written) {
        report_error(written.error());
        return Invalid;
    }
    return Ok;
}

} // namespace

namespace {

std::string format_extension(const std::string& format) {
    if (format == "text")
        return ".txt";
    if (format == "markdown")
        return ".md";
    if (format == "terraform" || format == "icm")
        return ""; // a directory
    return "." + format;
}

std::string system_name(const json& doc) {
    const auto it = doc.find("name");
    return it != doc.end() && it->is_string() ? it->get<std::string>() : std::string("(unnamed)");
}

int size_and_write(const Catalog& catalog, const SizeArgs& args, const Workload& workload, const std::string& output);

// A project file (*.irisize.json, as the desktop application saves it): the system named by
// --system, the only one, or every one into the -o directory.
int run_size_project(const Catalog& catalog, const SizeArgs& args, const std::string& bytes, const std::string& origin) {
    auto systems = app::parse_project_file(bytes, origin);
    if (!systems) {
        report_error(systems.error());
        return Invalid;
    }
    std::vector<std::string> names;
    for (const auto& s : *systems)
        names.push_back(system_name(s));
    std::vector<std::size_t> chosen;
    if (!args.system.empty()) {
        for (std::size_t i = 0; i < names.size(); ++i)
            if (names[i] == args.system)
                chosen.push_back(i);
        if (chosen.empty()) {
            report_error({"--system", fmt::format("{} has no system named '{}'; its systems: {}", origin, args.system,
                                                  fmt::join(names, "; "))});
            return Usage;
        }
        chosen.resize(1);
    } else {
        for (std::size_t i = 0; i < names.size(); ++i)
            chosen.push_back(i);
    }
    if (chosen.size() > 1 && args.output == "-") {
        report_error({origin, fmt::format("holds {} systems ({}): choose one with --system NAME, or give -o DIRECTORY "
                                          "to write every system's plan there",
                                          chosen.size(), fmt::join(names, "; "))});
        return Usage;
    }
    auto workload_of = [&](std::size_t i) -> Result<Workload> {
        // The desktop application marks the figures of its File > New template until they are changed.
        if (const auto ph = (*systems)[i].find("_placeholders"); ph != (*systems)[i].end() && ph->is_array() &&
                                                                   !ph->empty()) {
            std::vector<std::string> fields;
            for (const auto& f : *ph)
                if (f.is_string())
                    fields.push_back(f.get<std::string>());
            fmt::print(stderr,
                       "irisize: warning: {}: still holds placeholder figures of a new project, not measurements: "
                       "{}\n",
                       names[i], fmt::join(fields, ", "));
        }
        auto w = parse_workload((*systems)[i]);
        if (!w)
            return Error{fmt::format("{}: systems[{}] ({}): {}", origin, i, names[i], w.error().field),
                         w.error().message};
        return w;
    };
    if (chosen.size() == 1) {
        auto w = workload_of(chosen.front());
        if (!w) {
            report_error(w.error());
            return Invalid;
        }
        return size_and_write(catalog, args, *w, args.output);
    }
    std::error_code ec;
    std::filesystem::create_directories(args.output, ec);
    if (ec || !std::filesystem::is_directory(args.output)) {
        report_error({"-o", fmt::format("{}: cannot be made a directory for the systems' plans ({})", args.output,
                                        ec ? ec.message() : "it is a file")});
        return Invalid;
    }
    int worst = Ok;
    for (std::size_t i : chosen) {
        auto w = workload_of(i);
        int status = Invalid;
        if (!w) {
            report_error(w.error());
        } else {
            const auto target = std::filesystem::path(args.output) /
                                fmt::format("{}-{}{}", i + 1, app::file_safe_name(names[i]), format_extension(args.format));
            status = size_and_write(catalog, args, *w, target.string());
            if (status == Ok)
                fmt::print(stderr, "irisize: {}: {}\n", names[i], target.string());
        }
        worst = std::max(worst, status);
    }
    return worst;
}

} // namespace

int run_size(const Catalog& catalog, const SizeArgs& args) {
    std::string bytes;
    const std::string origin = args.workload == "-" ? std::string("standard input") : args.workload;
    if (args.workload == "-") {
        bytes.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    } else {
        std::ifstream in(args.workload, std::ios::binary);
        if (!in) {
            report_error({args.workload, "cannot be opened (no such file or not readable)"});
            return Invalid;
        }
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    // A project file says so in its "kind"; anything else is read as one workload.
    const json peek = json::parse(bytes, nullptr, false);
    if (is_deployment_document(peek))
        return run_size_deployment(catalog, args, peek, origin);
    if (peek.is_object() && peek.contains("kind") && peek["kind"] == "irisize-project")
        return run_size_project(catalog, args, bytes, origin);
    if (!args.system.empty()) {
        report_error({"--system", fmt::format("{} is a workload, not a project of systems", origin)});
        return Usage;
    }
    std::istringstream in(bytes);
    Result<Workload> workload = read_workload(in, origin);
    if (!workload) {
        report_error(workload.error());
        return Invalid;
    }
    return size_and_write(catalog, args, *workload, args.output);
}

namespace {

int size_and_write(const Catalog& catalog, const SizeArgs& args, const Workload& workload_in,
                   const std::string& output) {
    const Workload* workload = &workload_in;
    // Every plan is re-checked independently before it leaves; a finding is a bug, not output.
    auto plan = app::size_checked(*workload, catalog, {args.rules, args.region});
    if (!plan) {
        report_error(plan.error());
        // A bad --rules or --region is a usage error; anything else is about the workload.
        return plan.error().field.rfind("--", 0) == 0 ? Usage : Invalid;
    }
    return write_plan(catalog, *workload, *plan, args.format, output, args.page);
}

} // namespace

// --- check-volume -------------------------------------------------------------------------

int run_check_volume(const Catalog& catalog, const CheckVolumeArgs& args) {
    const RuleSet* rules = args.rules.empty() ? &catalog.default_rule_set() : catalog.rule_set(args.rules);
    if (!rules) {
        report_error({"--rules", fmt::format("unknown rule set '{}'", args.rules)});
        return Usage;
    }
    AttachContext ctx;
    if (!args.instance.empty()) {
        auto idx = catalog.instances.find(args.instance);
        if (!idx) {
            report_error({"--instance", fmt::format("unknown instance type '{}'", args.instance)});
            return Usage;
        }
        ctx.nitro = catalog.instances.instances[*idx].nitro;
    }
    VolumeSpec v{args.type, u::GiB(args.size_gib), u::iops(args.iops), u::MiBps(args.throughput_mibps)};
    const auto violations = validate(*rules, v, ctx);
    const VolumeTypeRules* t = rules->find(args.type);

    json j;
    j["rules"] = rules->id;
    j["volume"] = {{"type", args.type},
                   {"size_gib", args.size_gib},
                   {"iops", args.iops},
                   {"throughput_mibps", args.throughput_mibps},
                   {"nitro", ctx.nitro}};
    if (!args.instance.empty())
        j["instance"] = args.instance;
    j["valid"] = violations.empty();
    j["violations"] = json::array();
    for (const auto& vi : violations)
        j["violations"].push_back({{"rule", vi.rule}, {"message", vi.message}});
    if (t) {
        // What the volume achieves on the instance (io1/io2 achieve less on one not built on Nitro).
        j["baseline_iops"] = u::in_iops(baseline_iops(*t, v, ctx));
        j["max_iops"] = u::in_iops(max_iops(*t, v, ctx));
        j["sustained_throughput_mibps"] = u::in_MiBps(sustained_throughput(*t, v, ctx));
        j["max_throughput_mibps"] = u::in_MiBps(max_throughput(*t, v, ctx));
        if (auto m = min_size_for_iops(*t, v.iops, ctx))
            j["min_size_gib_for_iops"] = u::in_GiB(*m);
        else
            j["min_size_gib_for_iops"] = nullptr;
        if (auto b = burst_minutes(*t, v.size, v.iops))
            j["burst_minutes"] = *b;
    }

    if (args.format == "json") {
        fmt::print("{}\n", j.dump(2));
    } else {
        fmt::print("{} {} GiB{}{} under {}: {}\n", args.type, num(args.size_gib, 2),
                   args.iops > 0 ? fmt::format(", {} IOPS", num(args.iops)) : "",
                   args.throughput_mibps > 0 ? fmt::format(", {} MiB/s", num(args.throughput_mibps, 2)) : "", rules->id,
                   violations.empty() ? "valid" : "INVALID");
        if (!args.instance.empty())
            fmt::print("  on {} ({})\n", args.instance,
                       ctx.nitro ? "built on Nitro" : "not built on Nitro: io1 and io2 achieve less there");
        for (const auto& vi : violations)
            fmt::print("  [{}] {}\n", vi.rule, vi.message);
        if (t) {
            fmt::print("  baseline {} IOPS, up to {} IOPS; sustains {} MiB/s, up to {} MiB/s\n",
                       num(j["baseline_iops"].get<double>()), num(j["max_iops"].get<double>()),
                       num(j["sustained_throughput_mibps"].get<double>(), 2),
                       num(j["max_throughput_mibps"].get<double>(), 2));
            if (!j["min_size_gib_for_iops"].is_null() && args.iops > 0)
                fmt::print("  smallest size for {} IOPS: {} GiB\n", num(args.iops),
                           num(j["min_size_gib_for_iops"].get<double>()));
            if (j.contains("burst_minutes"))
                fmt::print("  a full burst bucket lasts {} minutes at {} IOPS\n",
                           num(j["burst_minutes"].get<double>(), 1), num(args.iops));
        }
    }
    return violations.empty() ? Ok : Invalid;
}

// --- catalog ------------------------------------------------------------------------------

int run_catalog(const Catalog& catalog, const CatalogArgs& args) {
    std::vector<std::string> head;
    std::vector<std::vector<std::string>> rows;
    json j = json::array();

    if (args.what == "instances") {
        const PriceList* prices = catalog.price_list(args.region);
        if (!prices) {
            report_error({"--region", fmt::format("unknown region '{}'", args.region)});
            return Usage;
        }
        if (!args.family.empty() && !catalog.instances.has_family(args.family)) {
            report_error({"--family", fmt::format("unknown instance family '{}'", args.family)});
            return Usage;
        }
        head = {"type",
                "family",
                "purpose",
                "vcpu",
                "memory_gib",
                "nitro",
                "ebs_baseline_iops",
                "ebs_max_iops",
                "ebs_baseline_mibps",
                "ebs_max_mibps",
                "ebs_max_is_burst",
                "ebs_volume_limit",
                "ebs_volume_limit_kind",
                "usd_per_hour",
                "price_estimate"};
        for (std::size_t i = 0; i < catalog.instances.instances.size(); ++i) {
            const auto& it = catalog.instances.instances[i];
            if (!args.family.empty() && it.family != args.family)
                continue;
            const auto& price = prices->instance_price[i];
            const double hourly = price ? u::in_usd(price->price * u::hours(1)) : 0;
            rows.push_back({it.type, it.family, it.purpose, std::to_string(it.vcpu), plain(u::in_GiB(it.memory)),
                            it.nitro ? "yes" : "no", plain(u::in_iops(it.ebs.baseline_iops)),
                            plain(u::in_iops(it.ebs.max_iops)), fixed(u::in_MiBps(it.ebs.baseline_throughput), 1),
                            fixed(u::in_MiBps(it.ebs.max_throughput), 1), it.ebs.max_is_burst ? "yes" : "no",
                            std::to_string(it.attachments.limit), std::string(to_string(it.attachments.kind)),
                            price ? plain(hourly) : "", price && price->estimate ? "yes" : "no"});
            j.push_back({{"type", it.type},
                         {"family", it.family},
                         {"purpose", it.purpose},
                         {"vcpu", it.vcpu},
                         {"memory_gib", u::in_GiB(it.memory)},
                         {"nitro", it.nitro},
                         {"ebs",
                          {{"baseline_iops", u::in_iops(it.ebs.baseline_iops)},
                           {"max_iops", u::in_iops(it.ebs.max_iops)},
                           {"baseline_throughput_mibps", u::in_MiBps(it.ebs.baseline_throughput)},
                           {"max_throughput_mibps", u::in_MiBps(it.ebs.max_throughput)},
                           {"max_is_burst", it.ebs.max_is_burst},
                           {"dedicated", it.ebs.dedicated}}},
                         {"ebs_volume_limit",
                          {{"limit", it.attachments.limit},
                           {"kind", to_string(it.attachments.kind)},
                           {"nvme_instance_store_volumes", it.nvme_store_volumes}}},
                         {"region", prices->region},
                         {"usd_per_hour", price ? json(hourly) : json(nullptr)},
                         {"price_estimate", price ? price->estimate : false}});
        }
    } else if (args.what == "volumes") {
        const RuleSet* rules = args.rules.empty() ? &catalog.default_rule_set() : catalog.rule_set(args.rules);
        if (!rules) {
            report_error({"--rules", fmt::format("unknown rule set '{}'", args.rules)});
            return Usage;
        }
        head = {"type", "name", "media", "min_gib", "max_gib", "iops_mode", "max_iops", "max_throughput_mibps",
                "notes"};
        for (const auto& t : rules->types) {
            const char* mode = t.iops_mode == IopsMode::SizeBased         ? "size-based"
                               : t.iops_mode == IopsMode::Provisioned     ? "provisioned"
                               : t.iops_mode == IopsMode::ThroughputBased ? "throughput-based"
                                                                          : "included-plus-provisioned";
            // The ceiling of the type: its largest volume with its most IOPS and throughput.
            VolumeSpec biggest{t.type, t.max_size, t.iops_max, t.tput_max ? *t.tput_max : u::MiBps(0)};
            const double max_tput = u::in_MiBps(max_throughput(t, biggest));
            rows.push_back({t.type, t.name, t.media, plain(u::in_GiB(t.min_size)), plain(u::in_GiB(t.max_size)), mode,
                            plain(u::in_iops(t.iops_max)), plain(max_tput), t.notes});
            j.push_back({{"type", t.type},
                         {"name", t.name},
                         {"media", t.media},
                         {"rules", rules->id},
                         {"min_size_gib", u::in_GiB(t.min_size)},
                         {"max_size_gib", u::in_GiB(t.max_size)},
                         {"iops_mode", mode},
                         {"max_iops", u::in_iops(t.iops_max)},
                         {"max_throughput_mibps", max_tput},
                         {"random_io", t.random_io},
                         {"notes", t.notes}});
        }
    } else if (args.what == "regions") {
        head = {"region", "name", "availability_zones", "prices_as_of", "estimates"};
        for (const auto& [code, p] : catalog.prices) {
            rows.push_back({code, p.region_name, fmt::format("{}", fmt::join(p.availability_zones, " ")), p.as_of,
                            std::to_string(p.estimates.size())});
            j.push_back({{"region", code},
                         {"name", p.region_name},
                         {"availability_zones", p.availability_zones},
                         {"as_of", p.as_of},
                         {"source", p.source},
                         {"estimates", p.estimates}});
        }
    } else {
        report_error({"catalog", fmt::format("unknown listing '{}' (instances, volumes or regions)", args.what)});
        return Usage;
    }

    std::string content;
    if (args.format == "json") {
        content = j.dump(2) + "\n";
    } else if (args.format == "csv") {
        content = app::csv_row(head);
        for (const auto& r : rows)
            content += app::csv_row(r);
    } else {
        if (args.what == "volumes") { // notes are long: leave them to json and csv
            head.pop_back();
            for (auto& r : rows)
                r.pop_back();
        }
        content = text_table(head, rows);
    }
    return emit(args.output, content);
}

} // namespace irisize::cli
