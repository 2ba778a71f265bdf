// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file plan/plan.hpp
/// The answer: every server, every volume, every dollar, and why. A plan is a plain value;
/// writers (plan/plan_json.hpp, plan/plan_text.hpp, report/report_model.hpp) and the GUI
/// only read it.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "irisize/roles.hpp"
#include "irisize/units.hpp"

namespace irisize {

/// One EBS volume of a member (or `stripe_width` identical volumes in one LVM stripe).
struct PlannedVolume {
    VolumePurpose purpose = VolumePurpose::data;
    std::string type;             ///< EBS volume type
    units::capacity size;         ///< per volume
    units::io_rate iops;          ///< per volume: provisioned, or the baseline it delivers
    units::throughput throughput; ///< per volume: provisioned, or the sustained it delivers
    int stripe_width = 1;
    units::capacity demand_capacity; ///< what the purpose must hold (all volumes together)
    units::io_rate demand_iops;      ///< what the purpose must sustain
    units::throughput demand_throughput;
    units::cost_rate storage_cost; ///< all volumes together
    units::cost_rate iops_cost;
    units::cost_rate throughput_cost;
    std::string explanation;

    [[nodiscard]] units::cost_rate cost() const { return storage_cost + iops_cost + throughput_cost; }
};

/// What a member was sized for.
struct MemberDemand {
    double vcpu = 0;              ///< vCPU needed at the target utilisation
    units::capacity memory;       ///< RAM needed
    units::io_rate iops;          ///< sustained EBS IOPS
    units::throughput throughput; ///< sustained EBS throughput
    units::capacity capacity;     ///< storage at the horizon
};

/// For a database member: the next smaller instance of its family, and whether it would hold
/// the shared memory at a higher ceiling than the plan's (the decision boundary of the memory rule).
struct SmallerInstance {
    std::string instance_type;
    units::capacity memory;
    double shared_percent_needed = 0; ///< the shared-memory estimate as a share of its RAM, %
    double stretch_percent = 0;       ///< the higher ceiling it is judged against, %
    bool fits_at_stretch = false;     ///< memory fits at the higher ceiling
    std::string blocked_by;           ///< what else rules it out (vCPU, EBS, volumes); empty: nothing
    units::cost_rate saving;          ///< a month, instance and volumes, per member
};

struct Member {
    Role role = Role::primary;
    std::string region;
    std::string availability_zone;
    std::string instance_type;
    int count = 1;
    int vcpu = 0;
    units::capacity memory;
    units::cost_rate instance_cost; ///< one instance
    bool price_estimate = false;
    MemberDemand demand;
    std::vector<PlannedVolume> volumes;
    int ebs_volumes = 0;       ///< EBS volumes attached to one instance: every stripe member and the boot volume
    int ebs_volume_limit = 0;  ///< EBS volumes the instance takes beside its network interfaces
    double shared_memory_percent = 0; ///< database members: the shared-memory ceiling used, % of RAM
    std::optional<SmallerInstance> smaller; ///< database members: the decision boundary of the memory rule
    std::string explanation;
    std::string system; ///< in a deployment: the system it belongs to ("shared" for the shared tiers); else empty
    /// A hybrid site's failover member or arbiter: in the customer's data centre, listed for
    /// reference with its demand; no instance, no volumes, never priced. `region` and
    /// `availability_zone` are "on-premises".
    bool on_premises = false;
};

struct CostLine {
    std::string component; ///< e.g. "primary r6i.4xlarge", "primary EBS provisioned IOPS"
    std::string category;  ///< compute, storage, iops, throughput, snapshots, transfer
    units::cost_rate cost;
    bool estimate = false;
    std::string explanation;
    std::string system; ///< in a deployment: the system it belongs to ("shared" for the shared tiers); else empty
};

struct YearProjection {
    int year = 0;
    units::capacity database;     ///< database size that year
    units::capacity data_needed;  ///< data volume capacity needed that year (with free space)
    units::capacity data_planned; ///< what the plan provisions
    /// Total if the data volumes (same type and stripe width) were sized for that year only: what growing
    /// the volumes year by year would cost instead of provisioning for the horizon at once.
    units::cost_rate monthly_if_sized_for_year;
};

/// A cheaper instance the sizing looked at and turned down.
struct Rejection {
    Role role = Role::primary;
    std::string instance_type;
    units::cost_rate cost;
    std::string reason;
};

struct Explanation {
    std::string subject;
    std::string text;
};

/// A public document behind the plan's figures, as the report's Sources section lists it.
struct PlanSource {
    std::string topic;    ///< what it gave: "Deployment and sizing", "EBS rules", "Instances", "Prices", "Demand"
    std::string title;    ///< the document, named so that a customer can find it
    std::string as_of;
    std::string estimate; ///< how a figure was estimated from it; empty when read as published
};

struct Plan {
    int schema = 1;
    std::string name;
    std::string description; ///< the workload's, carried through
    std::string product;
    std::string product_name; ///< as customers know it ("TrakCare"); the id when no profile names it
    std::string region;
    std::string dr_region;
    std::string rules; ///< rule set id
    std::string rules_as_of;
    std::string price_source;
    std::string price_as_of;
    std::string dr_price_as_of;
    bool price_estimates = false; ///< some price used is an estimate
    units::duration month;        ///< the billing month of the prices
    int horizon_years = 0;
    units::capacity database_at_horizon; ///< what the data volumes must hold (before free space)

    std::vector<Member> members;
    std::vector<CostLine> cost_lines;
    units::cost_rate total;
    std::vector<YearProjection> projection;
    std::vector<Rejection> rejected;
    std::vector<std::string> warnings;
    std::vector<std::string> assumptions;
    std::vector<PlanSource> sources; ///< only the documents this plan's figures rest on

    /// Every explanation, written from what the plan holds: each member's and its volumes' (one
    /// per role), then each instance turned down (`rejected`), then each cost line's arithmetic.
    [[nodiscard]] std::vector<Explanation> all_explanations() const;

    [[nodiscard]] double monthly_usd() const { return units::usd_per_month(total, month); }
    [[nodiscard]] double monthly_usd(units::cost_rate r) const { return units::usd_per_month(r, month); }
    /// Sum of the cost lines of one category.
    [[nodiscard]] units::cost_rate category_cost(std::string_view category) const;
    /// First member with the role, or nullptr.
    [[nodiscard]] const Member* member(Role role) const;
    /// A hybrid site: some member is on premises.
    [[nodiscard]] bool hybrid() const {
        for (const auto& m : members)
            if (m.on_premises)
                return true;
        return false;
    }
};

} // namespace irisize
