// SPDX-License-Identifier: GPL-3.0-or-later
// size(), the engine's one entry point: resolve the demand, size the database members and
// place them (primary, backup, arbiter, DR), size the tiers, then cost, project, warn and
// cite. Each stage lives in its own file of this folder (see sizer.hpp).
#include "irisize/sizing/sizing.hpp"

#include <fmt/format.h>

#include "sizer.hpp"

namespace irisize {

namespace sizing {

Result<Plan> Sizer::run() {
    if (auto e = resolve())
        return *e;
    m_plan.members.reserve(16); // members are copied as they are placed; growing would copy them again
    m_plan.name = m_w.name;
    m_plan.description = m_w.description;
    m_plan.product = m_w.product;
    m_plan.product_name = m_profile && !m_profile->name.empty() ? m_profile->name : m_w.product;
    m_plan.region = m_prices->region;
    m_plan.rules = m_rules->id;
    m_plan.rules_as_of = m_rules->as_of;
    m_plan.price_source = format_text(FMT_COMPILE("{}"), fmt::join(m_prices->source, "; "));
    m_plan.price_as_of = m_prices->as_of;
    m_plan.month = m_prices->month;
    m_plan.horizon_years = m_d.horizon;
    const auto& azs = m_prices->availability_zones;

    auto primary = size_database(Role::primary, *m_prices, 1.0);
    if (!primary)
        return primary.error();
    Member pm = std::move(primary->front());
    pm.availability_zone = azs[0];
    if (m_w.failover_on_premises) {
        // The hybrid model: the failover pair (and its arbiter) stay in the data centre. They are listed
        // with the demand that sizes the AWS members, never priced; the instance sized above is only
        // the yardstick for the DR members and is dropped (AWS's instances then stand for none of them).
        place_on_premises(pm);
        // The yardstick's turned-down instances are not the plan's: no primary runs in AWS.
        std::erase_if(m_plan.rejected, [](const Rejection& r) { return r.role == Role::primary; });
        return run_rest();
    }
    m_plan.members.push_back(std::move(pm));
    if (m_w.mirror) {
        Member bm = m_plan.members.front();
        bm.role = Role::backup;
        bm.availability_zone = azs[1];
        if (m_opt.explain)
            bm.explanation = format_text(FMT_COMPILE("backup failover member: identical to the primary ({}), in a second "
                                         "availability zone ({}), synchronous mirror."),
                                         bm.instance_type, azs[1]);
        m_plan.members.push_back(std::move(bm));
        if (m_w.arbiter) {
            auto arb = size_simple(Role::arbiter, *m_prices, kArbiter, N.arbiter_min_vcpu,
                                   N.arbiter_min_memory, pol().at("arbiter_min_vcpu").source);
            if (!arb)
                return arb.error();
            arb->availability_zone = azs[2];
            if (m_opt.explain)
                arb->explanation += format_text(FMT_COMPILE(" In a third availability zone ({}) so that it sees both failover "
                                                "members."),
                                                azs[2]);
            m_plan.members.push_back(std::move(arb).value());
        }
    }
    if (m_d.dr_members > 0) {
        // DR members are identical: size one, place each in the next DR availability zone.
        auto drm = size_database(Role::dr_async, *m_dr_prices, m_d.dr_fraction);
        if (!drm)
            return drm.error();
        const auto& dazs = m_dr_prices->availability_zones;
        for (int k = 0; k < m_d.dr_members; ++k) {
            Member dm = k + 1 < m_d.dr_members ? drm->front() : std::move(drm->front());
            dm.availability_zone = dazs[static_cast<std::size_t>(k) % dazs.size()];
            m_plan.members.push_back(std::move(dm));
        }
        m_plan.dr_price_as_of = m_dr_prices->as_of;
    }
    m_plan.dr_region = m_d.dr_members > 0 ? m_dr_prices->region : std::string();

    if (auto e = size_tiers())
        return *e;
    return run_rest();
}

void Sizer::place_on_premises(const Member& yardstick) {
    auto on_premises = [&](Role role, const MemberDemand& demand, std::string why) {
        Member m;
        m.role = role;
        m.region = "on-premises";
        m.availability_zone = "on-premises";
        m.demand = demand;
        m.on_premises = true;
        if (m_opt.explain)
            m.explanation = std::move(why);
        m_plan.members.push_back(std::move(m));
    };
    const MemberDemand& d = yardstick.demand;
    const std::string need = format_text(FMT_COMPILE("needs {} vCPU and {} at the {} % target, {} and {} of EBS-class "
                                                     "storage I/O, {} at the horizon"),
                                         fnum(d.vcpu, 2), gib(d.memory), fnum(m_d.target * 100), io(d.iops),
                                         mibps(d.throughput), gib(d.capacity));
    on_premises(Role::primary, d,
                format_text(FMT_COMPILE("primary failover member on premises (hybrid site): {}; it runs in the customer's "
                                        "data centre and is not priced. The same demand sizes the DR members in AWS."),
                            need));
    if (m_w.mirror) {
        on_premises(Role::backup, d,
                    format_text(FMT_COMPILE("backup failover member on premises, like the primary: {}; not priced."), need));
        if (m_w.arbiter)
            on_premises(Role::arbiter, MemberDemand{N.arbiter_min_vcpu, N.arbiter_min_memory, u::iops(0), u::MiBps(0),
                                                    u::GiB(0)},
                        "arbiter on premises, beside the failover pair it serves; not priced.");
    }
    assume([&] {
        return std::string("Hybrid site: the failover members stay on premises with the application and web tiers; AWS "
                           "hosts the DR async members only, and this plan prices only what runs in AWS.");
    });
}

Result<Plan> Sizer::run_rest() {
    if (m_w.failover_on_premises) {
        auto drm = size_database(Role::dr_async, *m_prices, m_d.dr_fraction);
        if (!drm)
            return drm.error();
        const auto& azs = m_prices->availability_zones;
        for (int k = 0; k < m_d.dr_members; ++k) {
            Member dm = k + 1 < m_d.dr_members ? drm->front() : std::move(drm->front());
            dm.availability_zone = azs[static_cast<std::size_t>(k) % azs.size()];
            m_plan.members.push_back(std::move(dm));
        }
        m_plan.dr_price_as_of = m_prices->as_of;
        m_plan.dr_region = m_prices->region;
    }
    cost_lines();
    if (m_opt.explain)
        projection();
    warnings();
    if (m_opt.explain) // the documents behind the figures: prose for a reader, as the explanations are
        sources();

    // The explanations stay where their numbers are (members, volumes, rejections, cost lines);
    // Plan::all_explanations() lists them in order, so nothing is copied here.
    return std::move(m_plan);
}

} // namespace sizing

Result<Plan> size(const Workload& workload, const Catalog& catalog, const SizeOptions& options) {
    try {
        return sizing::Sizer(workload, catalog, options).run();
    } catch (const std::exception& e) {
        // A bug, not bad input: say so rather than crash.
        return Error{"", format_text(FMT_COMPILE("internal error while sizing (please report): {}"), e.what())};
    }
}

} // namespace irisize
