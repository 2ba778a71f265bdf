// SPDX-License-Identifier: GPL-3.0-or-later
// Projection: year by year to the horizon, the database size, the data capacity it needs, and
// the monthly cost if the data volumes were sized for that year only.
#include "sizer.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "irisize/rules/rule_engine.hpp"

namespace irisize::sizing {

void Sizer::projection() {
    const double free = N.database_free_space_percent / 100.0;
    // Members carrying a data volume; identical ones (primary and backup, DR copies) are priced once.
    struct Carrier {
        const Member* member;
        const PlannedVolume* data;
        const PriceList* prices;
        bool nitro;
        int count;
    };
    std::vector<Carrier> carriers;
    for (const auto& m : m_plan.members)
        for (const auto& v : m.volumes) {
            if (v.purpose != VolumePurpose::data)
                continue;
            const PriceList* prices = m.region == m_prices->region ? m_prices : m_dr_prices;
            const bool nitro = m_cat.instances.instances[*m_cat.instances.find(m.instance_type)].nitro;
            auto same = std::find_if(carriers.begin(), carriers.end(), [&](const Carrier& c) {
                return c.prices == prices && c.nitro == nitro && c.data->type == v.type && c.data->size == v.size &&
                       c.data->stripe_width == v.stripe_width && c.data->demand_iops == v.demand_iops &&
                       c.data->demand_throughput == v.demand_throughput;
            });
            if (same != carriers.end())
                same->count += m.count;
            else
                carriers.push_back({&m, &v, prices, nitro, m.count});
        }
    for (int y = 0; y <= m_d.horizon; ++y) {
        YearProjection yp;
        yp.year = y;
        yp.database = m_d.size * std::pow(1.0 + m_d.growth / 100.0, y);
        yp.data_needed = ceil_gib(yp.database / (1.0 - free));
        yp.data_planned = u::GiB(0);
        u::cost_rate total = m_plan.total;
        // What the plan provisions for the primary (the first carrier); DR copies may round differently.
        if (!carriers.empty())
            yp.data_planned = carriers.front().data->size * static_cast<double>(carriers.front().data->stripe_width);
        for (const auto& c : carriers) {
            // The planned layout (type and stripe width), each volume sized for that year's capacity only.
            const auto* t = m_rules->find(c.data->type);
            const auto* price = c.prices->ebs_price(c.data->type);
            const double w = c.data->stripe_width;
            VolumeDemand per{ceil_gib(yp.data_needed / w), c.data->demand_iops / w, c.data->demand_throughput / w};
            if (auto spec = smallest_volume(*t, per, {c.nitro}))
                total += (volume_cost(*t, *price, *spec, c.data->stripe_width).total() - c.data->cost()) *
                         static_cast<double>(c.count);
        }
        yp.monthly_if_sized_for_year = total;
        m_plan.projection.push_back(yp);
    }
}

} // namespace irisize::sizing
