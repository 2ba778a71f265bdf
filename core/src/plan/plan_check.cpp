// SPDX-License-Identifier: GPL-3.0-or-later
// check_plan(): an independent re-reading of a finished plan against the catalog and the
// rule set (volume rules, instance limits, attachment counts, cost sums), written apart from
// the optimiser; every finding is a bug in irisize.
#include "irisize/plan/plan_check.hpp"

#include "irisize/rules/rule_engine.hpp"
#include "irisize/sizing/sizing.hpp"

#include "detail/role_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <string_view>

namespace irisize {

namespace u = units;

namespace {

bool close(double a, double b) { return std::abs(a - b) <= 0.005 + 1e-9 * std::abs(b); }

// Each cost line is rounded to the cent on its own, so a category of n lines may differ from the
// unrounded recomputation by up to half a cent per line.
bool close_to_cents(double lines, double exact, std::size_t n) {
    return std::abs(lines - exact) <= 0.005 * static_cast<double>(std::max<std::size_t>(n, 1)) + 1e-9 * std::abs(exact);
}

// The cost lines of the categories the check recomputes, summed in line order (as
// Plan::category_cost() sums them) and counted, in one pass.
struct CategorySums {
    enum Category { compute, storage, iops, throughput, count };
    units::cost_rate cost[count] = {units::usd_per_hour(0), units::usd_per_hour(0), units::usd_per_hour(0),
                                    units::usd_per_hour(0)};
    std::size_t lines[count] = {};

    explicit CategorySums(const Plan& plan) {
        static constexpr std::string_view names[count] = {"compute", "storage", "iops", "throughput"};
        for (const auto& line : plan.cost_lines)
            for (int c = 0; c < count; ++c)
                if (line.category == names[c]) {
                    cost[c] += line.cost;
                    ++lines[c];
                    break;
                }
    }
};

// Whether the check of `b` would read exactly what it read of `a`: every figure of a volume the
// checks below compare (its purpose too: HDD types are refused for some purposes only).
bool same_volume(const PlannedVolume& a, const PlannedVolume& b) {
    return a.purpose == b.purpose && a.stripe_width == b.stripe_width && a.size == b.size && a.iops == b.iops &&
           a.throughput == b.throughput && a.demand_capacity == b.demand_capacity && a.demand_iops == b.demand_iops &&
           a.demand_throughput == b.demand_throughput && a.storage_cost == b.storage_cost &&
           a.iops_cost == b.iops_cost && a.throughput_cost == b.throughput_cost && a.type == b.type;
}

} // namespace

namespace {

// What holds of any plan, whole system or a deployment's shared tier: every member's instance
// and volumes valid, carrying their demand, attachable and priced as the price list says; the
// cost lines adding up to the total and to what the instances and volumes cost.
void check_members_and_costs(const Plan& plan, const Catalog& catalog, std::vector<std::string>& out) {
    auto fail = [&](std::string s) { out.push_back(std::move(s)); };

    const RuleSet* rules = catalog.rule_set(plan.rules);
    const PriceList* prices = catalog.price_list(plan.region);
    if (!rules || !prices) {
        fail(fmt::format("plan names rule set '{}' / region '{}' that the catalog lacks", plan.rules, plan.region));
        return;
    }
    const PriceList* dr_prices = plan.dr_region.empty() ? nullptr : catalog.price_list(plan.dr_region);

    auto in_list = [](const std::vector<std::string>& v, const std::string& s) {
        return std::find(v.begin(), v.end(), s) != v.end();
    };

    double cost_sum = 0;
    for (const auto& line : plan.cost_lines)
        cost_sum += plan.monthly_usd(line.cost);
    if (!close(cost_sum, plan.monthly_usd()))
        fail(fmt::format("cost lines add up to {:.2f} but the total is {:.2f}", cost_sum, plan.monthly_usd()));

    double compute = 0, storage_side = 0;

    // Each figure found through the catalog by the name the plan writes; only a failure's
    // message is formatted.
    const int nics = static_cast<int>(catalog.policy.n.network_interfaces_per_member);
    // Volumes already found valid, carrying their demand and priced right, on an instance kind in
    // a region: the backup and DR members repeat the primary's and every boot volume is alike,
    // so each is checked once.
    struct Passed {
        const PlannedVolume* volume;
        const PriceList* prices;
        bool nitro;
    };
    std::vector<Passed> passed;
    passed.reserve(16);
    for (const auto& m : plan.members) {
        auto who = [&] { return fmt::format("{} {}", m.role, m.availability_zone); };
        if (m.on_premises) {
            // In the customer's data centre: no instance, no volume, no price.
            if (!m.instance_type.empty() || !m.volumes.empty() || m.instance_cost != u::usd_per_hour(0))
                fail(fmt::format("{}: an on-premises member with an instance, volumes or a price", who()));
            if (!holds_databases(m.role) && m.role != Role::arbiter)
                fail(fmt::format("{}: only the failover members and the arbiter stay on premises", who()));
            continue;
        }
        const PriceList* p = m.region == plan.region ? prices : (m.region == plan.dr_region ? dr_prices : nullptr);
        if (!p) {
            fail(fmt::format("{}: region {} is neither the plan's region nor its DR region", who(), m.region));
            continue;
        }
        if (!in_list(p->availability_zones, m.availability_zone))
            fail(fmt::format("{}: zone {} is not in region {}", who(), m.availability_zone, m.region));
        const auto idx = catalog.instances.find(m.instance_type);
        if (!idx) {
            fail(fmt::format("{}: unknown instance type {}", who(), m.instance_type));
            continue;
        }
        const InstanceType& it = catalog.instances.instances[*idx];
        const auto& price = p->instance_price[*idx];
        if (!price)
            fail(fmt::format("{}: {} has no price in {}", who(), it.type, p->region));
        else
            compute += u::usd_per_month(price->price, p->month) * m.count;
        if (it.vcpu + 1e-9 < m.demand.vcpu)
            fail(fmt::format("{}: {} has {} vCPU, {:.2f} needed", who(), it.type, it.vcpu, m.demand.vcpu));
        if (it.memory < m.demand.memory * (1 - 1e-12))
            fail(fmt::format("{}: {} has {:.1f} GiB, {:.1f} GiB needed", who(), it.type, u::in_GiB(it.memory),
                             u::in_GiB(m.demand.memory)));

        // Volumes: valid, carrying their demand, priced as the price list says.
        u::io_rate sustained_iops_demand = u::iops(0);
        u::throughput sustained_tput_demand = u::MiBps(0);
        unsigned purposes = 0; // a bit per VolumePurpose held
        int attached = 0; // EBS volumes on one instance: every stripe member and the boot volume
        for (const auto& v : m.volumes) {
            purposes |= 1u << static_cast<unsigned>(v.purpose);
            // What a volume of a known type adds to the member's sums.
            auto add_up = [&] {
                attached += v.stripe_width;
                storage_side += u::usd_per_month(v.cost(), p->month) * m.count;
                if (v.purpose == VolumePurpose::data || v.purpose == VolumePurpose::wij ||
                    v.purpose == VolumePurpose::journal1) {
                    sustained_iops_demand += v.demand_iops;
                    sustained_tput_demand += v.demand_throughput;
                }
            };
            if (std::any_of(passed.begin(), passed.end(), [&](const Passed& c) {
                    return c.prices == p && c.nitro == it.nitro && same_volume(*c.volume, v);
                })) {
                add_up();
                continue;
            }
            const std::size_t failures = out.size();
            const VolumeTypeRules* t = rules->find(v.type);
            if (!t) {
                fail(fmt::format("{} {}: type {} is not in rule set {}", who(), v.purpose, v.type, rules->id));
                continue;
            }
            const VolumeSpec spec{v.type, v.size, v.iops, v.throughput};
            for (const auto& viol : validate(*rules, spec, {it.nitro}))
                fail(fmt::format("{} {}: [{}] {}", who(), v.purpose, viol.rule, viol.message));
            const double w = v.stripe_width;
            if (v.stripe_width < 1)
                fail(fmt::format("{} {}: stripe width {}", who(), v.purpose, v.stripe_width));
            if (v.size * w < v.demand_capacity * (1 - 1e-12))
                fail(fmt::format("{} {}: {} x {:.0f} GiB holds less than the {:.0f} GiB needed", who(), v.purpose,
                                 v.stripe_width, u::in_GiB(v.size), u::in_GiB(v.demand_capacity)));
            // What the volume achieves on this instance (io1/io2 deliver less on one not built on Nitro).
            const AttachContext on{it.nitro};
            if (baseline_iops(*t, spec, on) * w < v.demand_iops * (1 - 1e-9))
                fail(fmt::format("{} {}: sustains {:.0f} IOPS on {}, {:.0f} needed", who(), v.purpose,
                                 u::in_iops(baseline_iops(*t, spec, on)) * w, it.type, u::in_iops(v.demand_iops)));
            if (sustained_throughput(*t, spec, on) * w < v.demand_throughput * (1 - 1e-9))
                fail(fmt::format("{} {}: sustains {:.1f} MiB/s on {}, {:.1f} needed", who(), v.purpose,
                                 u::in_MiBps(sustained_throughput(*t, spec, on)) * w, it.type,
                                 u::in_MiBps(v.demand_throughput)));
            add_up();
            if (!t->random_io && v.purpose != VolumePurpose::install && v.purpose != VolumePurpose::os)
                fail(fmt::format("{} {}: {} is an HDD type, never a database or journal volume", who(), v.purpose,
                                 v.type));
            auto cost = volume_cost(*t, *p, spec, v.stripe_width);
            if (!cost)
                fail(fmt::format("{} {}: no price for {} in {}", who(), v.purpose, v.type, p->region));
            else if (!close(u::usd_per_month(cost->total(), p->month), u::usd_per_month(v.cost(), p->month)))
                fail(fmt::format("{} {}: costs {:.2f}, the price list says {:.2f}", who(), v.purpose,
                                 u::usd_per_month(v.cost(), p->month), u::usd_per_month(cost->total(), p->month)));
            if (out.size() == failures)
                passed.push_back({&v, p, it.nitro});
        }
        // AWS "Amazon EBS volume limits for Amazon EC2 instances": a shared limit also counts the
        // network interfaces and NVMe instance store volumes.
        const int limit = it.attachments.ebs_volumes(nics, it.nvme_store_volumes);
        if (attached > limit)
            fail(fmt::format("{}: {} EBS volumes on {}, which takes {} ({} limit of {}, {} network interface(s), {} NVMe "
                             "instance store volume(s))",
                             who(), attached, it.type, limit, to_string(it.attachments.kind), it.attachments.limit, nics,
                             it.nvme_store_volumes));
        if (m.ebs_volumes != 0 && m.ebs_volumes != attached)
            fail(fmt::format("{}: the plan says {} EBS volumes, its volumes add up to {}", who(), m.ebs_volumes, attached));
        const bool database = holds_databases(m.role);
        if (database && !it.ebs.dedicated)
            fail(fmt::format("{}: {} has no dedicated EBS bandwidth (EBS shares {}); no sustained EBS rate can be "
                             "promised to a database member",
                             who(), it.type, it.ebs.shares));
        if (database) {
            for (VolumePurpose need :
                 {VolumePurpose::data, VolumePurpose::wij, VolumePurpose::journal1, VolumePurpose::journal2})
                if (!(purposes & (1u << static_cast<unsigned>(need))))
                    fail(fmt::format("{}: no separate {} volume", who(), need));
            if (it.ebs.baseline_iops < sustained_iops_demand * (1 - 1e-9))
                fail(fmt::format("{}: {} sustains {:.0f} EBS IOPS, its volumes need {:.0f}", who(), it.type,
                                 u::in_iops(it.ebs.baseline_iops), u::in_iops(sustained_iops_demand)));
            if (it.ebs.baseline_throughput < sustained_tput_demand * (1 - 1e-9))
                fail(fmt::format("{}: {} sustains {:.1f} MiB/s of EBS, its volumes need {:.1f}", who(), it.type,
                                 u::in_MiBps(it.ebs.baseline_throughput), u::in_MiBps(sustained_tput_demand)));
        }
    }
    const CategorySums sums(plan);
    using C = CategorySums;
    if (!close_to_cents(plan.monthly_usd(sums.cost[C::compute]), compute, sums.lines[C::compute]))
        fail(fmt::format("compute lines say {:.2f}, the instance prices give {:.2f}",
                         plan.monthly_usd(sums.cost[C::compute]), compute));
    const double ebs = plan.monthly_usd(sums.cost[C::storage] + sums.cost[C::iops] + sums.cost[C::throughput]);
    if (!close_to_cents(ebs, storage_side, sums.lines[C::storage] + sums.lines[C::iops] + sums.lines[C::throughput]))
        fail(fmt::format("EBS lines say {:.2f}, the volumes cost {:.2f}", ebs, storage_side));
}

} // namespace

std::vector<std::string> check_plan(const Plan& plan, const Workload& workload, const Catalog& catalog) {
    std::vector<std::string> out;
    auto fail = [&](std::string s) { out.push_back(std::move(s)); };
    check_members_and_costs(plan, catalog, out);
    const Member* primary = plan.member(Role::primary);
    if (!primary)
        fail("no primary member");

    // Placement.
    const Member* backup = plan.member(Role::backup);
    const Member* arbiter = plan.member(Role::arbiter);
    const bool hybrid = workload.failover_on_premises;
    if (hybrid) {
        // The failover pair and its arbiter on premises, never priced; DR members in AWS, in the plan's region.
        for (const auto& m : plan.members) {
            if ((is_failover_member(m.role) || m.role == Role::arbiter) && !m.on_premises)
                fail(fmt::format("hybrid site: the {} runs in AWS ({})", m.role, m.availability_zone));
            if (m.on_premises)
                for (const auto& line : plan.cost_lines)
                    if (line.component.find(fmt::format("{} (on-premises)", m.role)) != std::string::npos)
                        fail(fmt::format("hybrid site: the on-premises {} is priced ({})", m.role, line.component));
        }
        if (!plan.member(Role::dr_async))
            fail("hybrid site: no DR member in AWS");
        if (plan.dr_region != plan.region)
            fail(fmt::format("hybrid site: the DR region {} is not the plan's region {}", plan.dr_region, plan.region));
        // The DR members hold the whole database at the horizon.
        for (const auto& m : plan.members)
            if (m.role == Role::dr_async)
                for (const auto& v : m.volumes)
                    if (v.purpose == VolumePurpose::data &&
                        u::in_GiB(v.size) * v.stripe_width + 1e-6 < u::in_GiB(plan.database_at_horizon))
                        fail(fmt::format("the DR member's data volumes hold {:.0f} GiB, the database reaches {:.0f} GiB",
                                         u::in_GiB(v.size) * v.stripe_width, u::in_GiB(plan.database_at_horizon)));
    } else if (workload.mirror) {
        if (!backup)
            fail("a mirror without a backup member");
        else if (primary) {
            if (backup->availability_zone == primary->availability_zone)
                fail("primary and backup share an availability zone");
            if (backup->instance_type != primary->instance_type || backup->volumes.size() != primary->volumes.size())
                fail("the backup differs from the primary");
        }
        if (workload.arbiter) {
            if (!arbiter)
                fail("no arbiter");
            else if (primary && backup &&
                     (arbiter->availability_zone == primary->availability_zone ||
                      arbiter->availability_zone == backup->availability_zone))
                fail("the arbiter is not in a third availability zone");
        }
    }
    for (const auto& m : plan.members)
        if (m.role == Role::dr_async && m.region != plan.dr_region)
            fail(fmt::format("DR member in {}, not in the DR region {}", m.region, plan.dr_region));

    // Capacity at the horizon: what the plan says it sized for, and, for a growth rate given
    // as a number, that figure recomputed from the workload.
    if (primary && !hybrid) {
        double needed = u::in_GiB(plan.database_at_horizon);
        const auto& db = workload.database;
        if (db.size && (db.growth_percent_per_year || db.size_history.empty())) {
            const double horizon = db.horizon_years.value_or(plan.horizon_years);
            needed = std::max(needed, u::in_GiB(*db.size) *
                                          std::pow(1 + db.growth_percent_per_year.value_or(0) / 100, horizon));
        }
        for (const auto& v : primary->volumes)
            if (v.purpose == VolumePurpose::data && u::in_GiB(v.size) * v.stripe_width + 1e-6 < needed)
                fail(fmt::format("the data volumes hold {:.0f} GiB, the database reaches {:.0f} GiB at the horizon",
                                 u::in_GiB(v.size) * v.stripe_width, needed));
    }
    return out;
}

std::vector<std::string> check_deployment(const DeploymentPlan& plan, const Deployment& deployment,
                                          const Catalog& catalog) {
    std::vector<std::string> out;
    auto fail = [&](std::string s) { out.push_back(std::move(s)); };
    if (plan.systems.size() != deployment.systems.size()) {
        fail(fmt::format("the plan has {} systems, the deployment {}", plan.systems.size(), deployment.systems.size()));
        return out;
    }
    double sum = 0;
    for (std::size_t i = 0; i < plan.systems.size(); ++i) {
        const Plan& p = plan.systems[i];
        const Workload& w = deployment.systems[i].workload;
        if (p.name != w.name)
            fail(fmt::format("system {} is named '{}' in the plan, '{}' in the deployment", i + 1, p.name, w.name));
        for (auto& finding : check_plan(p, w, catalog))
            fail(fmt::format("{}: {}", w.name, finding));
        if (p.region != plan.region)
            fail(fmt::format("{}: in {}, not in the deployment's region {}", w.name, p.region, plan.region));
        if (!p.hybrid() && !p.dr_region.empty() && p.dr_region != plan.dr_region)
            fail(fmt::format("{}: DR in {}, not in the deployment's DR region {}", w.name, p.dr_region, plan.dr_region));
        if (deployment.shares_web_tier() && p.member(Role::web))
            fail(fmt::format("{}: has web servers of its own beside the shared web tier", w.name));
        for (const auto& m : p.members)
            if (m.system != w.name)
                fail(fmt::format("{}: a {} member is tagged '{}'", w.name, m.role, m.system));
        sum += p.monthly_usd();
    }
    if (deployment.shares_web_tier()) {
        if (plan.shared.members.empty())
            fail("the deployment shares a web tier, the plan has none");
        check_members_and_costs(plan.shared, catalog, out);
        for (const auto& m : plan.shared.members)
            if (m.role != Role::web)
                fail(fmt::format("shared: a {} member; only web servers are shared", m.role));
    } else if (!plan.shared.members.empty()) {
        fail("the plan has shared members, the deployment shares no tier");
    }
    sum += plan.shared.members.empty() ? 0.0 : plan.shared.monthly_usd();
    if (!close(sum, plan.monthly_usd()))
        fail(fmt::format("the systems and the shared parts add up to {:.2f} but the deployment's total is {:.2f}", sum,
                         plan.monthly_usd()));
    return out;
}

} // namespace irisize
