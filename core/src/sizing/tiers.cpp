// SPDX-License-Identifier: GPL-3.0-or-later
// The app (ECP), web gateway and print tiers, and the arbiter: the cheapest instance for a
// server's share of the load, the tier count chosen automatically or checked when given,
// and the servers spread over the availability zones.
#include "sizer.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace irisize::sizing {

std::optional<Sizer::SimpleChoice> Sizer::cheapest_simple(const PriceList& prices, CandidateOf cands, double vcpu,
                                                          u::capacity memory) const {
    // Cheapest first, then fewer vCPU, then catalog order: the first that is big enough.
    for (std::size_t idx : prices.by_price) {
        const auto& it = m_cat.instances.instances[idx];
        if ((m_candidate_of[idx] & cands) != 0 && it.vcpu >= vcpu - 1e-9 && it.memory >= memory)
            return SimpleChoice{&it, &*prices.instance_price[idx]};
    }
    return std::nullopt;
}

Member Sizer::simple_member(Role role, const PriceList& prices, const SimpleChoice& choice, double vcpu,
                            u::capacity memory, const std::string& why) {
    const InstanceType* best = choice.instance;
    Member m;
    m.role = role;
    m.region = prices.region;
    m.instance_type = best->type;
    m.vcpu = best->vcpu;
    m.memory = best->memory;
    m.instance_cost = choice.price->price;
    m.price_estimate = choice.price->estimate;
    m.demand = {vcpu, memory, u::iops(0), u::MiBps(0), u::GiB(0)};
    m.volumes.push_back(os_volume(prices, {best->nitro}));
    m.demand.capacity = m.volumes.back().demand_capacity;
    m.ebs_volumes = 1;
    m.ebs_volume_limit =
        best->attachments.ebs_volumes(static_cast<int>(N.network_interfaces_per_member), best->nvme_store_volumes);
    if (m_opt.explain)
        m.explanation = format_text(FMT_COMPILE("{} {}: cheapest instance with at least {} vCPU and {} memory ({}), {}/month."),
                                    role, best->type, fnum(vcpu, 2), gib(memory), why,
                                    fmoney(u::usd_per_month(choice.price->price, prices.month)));
    return m;
}

Result<Member> Sizer::size_simple(Role role, const PriceList& prices, CandidateOf cands, double vcpu,
                                  u::capacity memory, const std::string& why) {
    const auto choice = cheapest_simple(prices, cands, vcpu, memory);
    if (!choice)
        return Error{format_text(FMT_COMPILE("tiers.{}"), role),
                     format_text(FMT_COMPILE("no instance of the allowed families in {} has {} vCPU and {} memory for one {} server"),
                                 prices.region, fnum(vcpu, 1), gib(memory), role)};
    return simple_member(role, prices, *choice, vcpu, memory, why);
}

// --- the app, web and print tiers ---------------------------------------------------------


/// "1 server", "6 servers".
std::string servers_str(int n) {
    return n == 1 ? std::string("1 server") : format_text(FMT_COMPILE("{} servers"), n);
}

/// The product's name as users know it: the profile's title without its gloss in brackets.
std::string product_name(const Profile* p, std::string_view product) {
    if (!p)
        return std::string(product);
    const auto bracket = p->title.find(" (");
    return p->title.substr(0, bracket);
}

std::optional<Error> Sizer::size_tier(TierCount given, const TierLoad& load) {
    const int most = std::max(2, static_cast<int>(N.tier_auto_max_servers));
    const auto month = m_prices->month;
    // A count's cheapest server, priced; the member itself is made for the count chosen.
    struct Option {
        int count = 0;
        SimpleChoice choice;
        double monthly = 0; ///< the whole tier: instances and boot volumes, USD a month
        long long cents = 0;
    };
    auto sized = [&](int n) -> std::optional<Option> {
        const auto c = cheapest_simple(*m_prices, kTier, load.vcpu_each(n), load.memory_each(n));
        if (!c)
            return std::nullopt;
        const u::cost_rate each = c->price->price + os_volume(*m_prices, {c->instance->nitro}).cost();
        const double monthly = u::usd_per_month(each, month) * n;
        return Option{n, *c, monthly, std::llround(monthly * 100)};
    };
    // Every count from two to the policy's bound, each with its cheapest type; the lowest total
    // wins, the fewer servers on a tie (to the cent).
    int tried = 2; // the last count the search tried
    auto search = [&] {
        std::vector<Option> options;
        options.reserve(static_cast<std::size_t>(most - 1));
        for (int n = 2; n <= most; ++n) {
            tried = n;
            if (auto o = sized(n))
                options.push_back(std::move(*o));
            if (load.at_minimum(n))
                break;
        }
        std::stable_sort(options.begin(), options.end(),
                         [](const Option& a, const Option& b) { return a.cents < b.cents; });
        return options;
    };
    auto describe = [&](const Option& o) {
        return format_text(FMT_COMPILE("{} x {} ({} vCPU, {} each) at {}/month in all"), o.count,
                           o.choice.instance->type, o.choice.instance->vcpu, gib(o.choice.instance->memory),
                           fmoney(o.monthly));
    };
    // "1,200 TrakCare users", or for a deployment's shared tier "1,900 users of the deployment's systems".
    auto users = [&] {
        return m_users_of.empty() ? format_text(FMT_COMPILE("{} {} users"), num(m_w.concurrent_users.value_or(0)),
                                                               product_name(m_profile, m_w.product))
                                                 : format_text(FMT_COMPILE("{} users of {}"),
                                                               num(m_w.concurrent_users.value_or(0)), m_users_of);
    };

    std::optional<Option> chosen;
    std::string tier_text; // how "auto" chose the count, for the explanation
    if (given.is_fixed()) {
        if (given.count <= 0)
            return std::nullopt;
        chosen = sized(given.count);
        if (!chosen) {
            // Refused with the count that would carry the load.
            auto options = search();
            if (options.empty())
                return Error{std::string(load.field),
                             format_text(FMT_COMPILE("{} cannot carry {}, nor can any count up to {} of the allowed "
                                         "instance types in {} (each would need {} vCPU and {})"),
                                         servers_str(given.count), users(), most,
                                         m_prices->region, fnum(load.vcpu_each(most), 1),
                                         gib(load.memory_each(most)))};
            const auto& best = options.front();
            return Error{std::string(load.field),
                         format_text(FMT_COMPILE("{} cannot carry {}; {} x {} would (or give \"auto\")"),
                                     servers_str(given.count), users(),
                                     best.count, best.choice.instance->type)};
        }
    } else {
        auto options = search();
        if (options.empty())
            return Error{std::string(load.field),
                         format_text(FMT_COMPILE("\"auto\" found no count from 2 to {} of the allowed instance types in {} that "
                                     "carries {} (each would need {} vCPU and {})"),
                                     most, m_prices->region, users(),
                                     fnum(load.vcpu_each(most), 1), gib(load.memory_each(most)))};
        chosen = options.front();
        if (m_opt.explain) {
            const Option* next = options.size() > 1 ? &options[1] : nullptr;
            const std::string text = fmt::format(
                FMT_COMPILE("{} tier sized automatically ({} \"auto\"): {}, the lowest total over {} to {} servers "
                "(instances and boot volumes; the fewer servers on a tie); next best {}."),
                load.role, load.field, describe(*chosen), 2, tried, next ? describe(*next) : std::string("none (no other count fits)"));
            tier_text = " " + text;
            m_plan.assumptions.push_back(text);
        }
    }
    Member member = simple_member(load.role, *m_prices, chosen->choice, load.vcpu_each(chosen->count),
                                  load.memory_each(chosen->count), load.why);
    member.explanation += tier_text;

    // Round robin over the zones: zone k gets count / zones, the first count % zones one more.
    const int count = chosen->count;
    const int zones = static_cast<int>(load.zones.size());
    const int groups = std::min(zones, count);
    for (int z = 0; z < groups; ++z) {
        Member g = z + 1 < groups ? member : std::move(member);
        g.availability_zone = load.zones[static_cast<std::size_t>(z)];
        g.count = count / zones + (z < count % zones ? 1 : 0);
        m_plan.members.push_back(std::move(g));
    }
    return std::nullopt;
}

std::optional<Error> Sizer::size_tiers() {
    const auto& azs = m_prices->availability_zones;
    // Tiers, spread over the availability zones: web servers round robin over the region's zones
    // (at most the policy's tier_web_zones_max), app and print servers over the database members'
    // zones — two whenever there are two servers or more, mirror or not (without a mirror the
    // primary's zone and the next zone of the region).
    const std::size_t web_zone_count =
        std::min(azs.size(), static_cast<std::size_t>(std::max(1.0, N.tier_web_zones_max)));
    std::vector<std::string> web_zones(azs.begin(), azs.begin() + static_cast<std::ptrdiff_t>(web_zone_count));
    std::vector<std::string> db_zones{m_plan.members.front().availability_zone};
    if (const Member* backup = m_plan.member(Role::backup))
        db_zones.push_back(backup->availability_zone);
    else if (azs.size() > 1)
        db_zones.push_back(azs[1]);
    const double users = m_w.concurrent_users.value_or(0);
    const Profile* p = m_profile;
    // Not given: "auto" when users are given (app servers need the profile too), else none.
    auto count_or_default = [&](TierCount given, bool sizable) {
        return given.is_set() ? given : (m_w.concurrent_users && sizable ? TierCount::automatic() : TierCount{});
    };
    const TierCount app = count_or_default(m_w.app_servers, p != nullptr);
    if (app.is_set() && (app.is_auto() || app.count > 0)) {
        if (!p)
            return Error{"tiers.app_servers", format_text(FMT_COMPILE("no profile for '{}' to size app servers"), m_w.product)};
        TierLoad load{Role::app,
                      "tiers.app_servers",
                      users * p->app_cores / m_d.target,
                      p->app_memory * users,
                      p->app_min_vcpu,
                      p->app_min_memory,
                      "ECP application server",
                      db_zones};
        assume([&] {
            return format_text(FMT_COMPILE("App (ECP) servers: {} users x {} cores and {} MiB per user at {} % target = {} vCPU "
                               "and {} over the tier, at least {} vCPU and {} GiB each (ILLUSTRATIVE ESTIMATE, "
                               "profile '{}'); {}."),
                               fnum(users), fnum(p->app_cores, 4), fnum(u::in_MiB(p->app_memory)), fnum(m_d.target * 100),
                               fnum(load.vcpu, 1), gib(load.memory), fnum(p->app_min_vcpu),
                               fnum(u::in_GiB(p->app_min_memory)), p->product,
                               app.is_auto() ? std::string("count and type chosen automatically")
                                             : servers_str(app.count) + " as the workload says");
        });
        if (auto e = size_tier(app, load))
            return *e;
    }
    const TierCount web = count_or_default(m_w.web_servers, true);
    if (web.is_set() && (web.is_auto() || web.count > 0)) {
        TierLoad load{Role::web,
                      "tiers.web_servers",
                      p ? users * p->web_cores / m_d.target : 0.0,
                      u::GiB(0),
                      std::max(N.web_min_vcpu, p ? p->web_min_vcpu : 0.0),
                      std::max(N.web_min_memory, p ? p->web_min_memory : u::GiB(0)),
                      "web gateway behind the load balancer",
                      web_zones};
        if (auto e = size_tier(web, load))
            return *e;
    }
    TierCount print = m_w.print_servers;
    if (!print.is_set() && p && p->print_servers_default > 0) {
        print = TierCount::fixed(p->print_servers_default);
        assume([&] {
            return format_text(FMT_COMPILE("Print servers: {} (profile '{}' default when tiers.print_servers is not given: {})."),
                               print.count, p->product, p->print_servers_default_source);
        });
    }
    if (print.is_fixed() && print.count > 0) {
        if (!p)
            return Error{"tiers.print_servers", format_text(FMT_COMPILE("no profile for '{}' to size print servers"), m_w.product)};
        TierLoad load{Role::print,
                      "tiers.print_servers",
                      0.0,
                      u::GiB(0),
                      p->print_vcpu,
                      p->print_memory,
                      "print server (ILLUSTRATIVE ESTIMATE from the profile)",
                      db_zones};
        if (auto e = size_tier(print, load))
            return *e;
    }
    return std::nullopt;
}

} // namespace irisize::sizing
