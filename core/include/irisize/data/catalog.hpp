// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file data/catalog.hpp
/// Everything irisize knows about the world, read from `data/`: EBS rule sets, the EC2
/// instance catalog, regional price lists, workload profiles and the sizing policy
/// (InterSystems figures and labelled practice estimates). Loading takes a directory given
/// by the caller; there is no global catalog.

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "irisize/result.hpp"
#include "irisize/roles.hpp"
#include "irisize/data/rule_set.hpp"
#include "irisize/units.hpp"

namespace irisize {

/// An instance's EBS-optimized limits.
struct EbsLimits {
    units::throughput baseline_throughput;
    units::throughput max_throughput;
    units::io_rate baseline_iops;
    units::io_rate max_iops;
    bool max_is_burst = false; ///< the maximum holds only for InstanceCatalog::ebs_max_burst in 24 hours
    /// False for an instance with no EBS-optimized bandwidth (i2.8xlarge): EBS shares the
    /// network link, no sustained EBS rate can be promised and the figures above are zero.
    bool dedicated = true;
    std::string shares; ///< what EBS shares when not dedicated, in words
};

/// How many EBS volumes an instance takes (AWS "Amazon EBS volume limits for Amazon EC2 instances").
enum class AttachmentLimitKind {
    Shared,    ///< Nitro: the limit counts EBS volumes, network interfaces and NVMe instance store volumes
    Dedicated, ///< Nitro with a dedicated EBS limit (M7i, R7i): EBS volumes only
    XenLinux,  ///< Xen-based: more than this on Linux is best effort only
};

struct AttachmentLimit {
    int limit = 0;
    AttachmentLimitKind kind = AttachmentLimitKind::Shared;
    /// EBS volumes an instance may carry with `network_interfaces` interfaces and `nvme_store`
    /// NVMe instance store volumes attached.
    [[nodiscard]] int ebs_volumes(int network_interfaces, int nvme_store) const {
        return kind == AttachmentLimitKind::Shared ? limit - network_interfaces - nvme_store : limit;
    }
};

/// The words for a limit kind, as the data file writes them.
std::string_view to_string(AttachmentLimitKind kind);

struct InstanceType {
    std::string type;       ///< e.g. r6i.4xlarge
    std::string family;     ///< e.g. r6i
    std::string purpose;    ///< general, memory, compute, burstable, storage
    std::string generation; ///< current or previous
    int vcpu = 0;
    units::capacity memory;
    bool nitro = false;
    EbsLimits ebs;
    std::string network;
    std::string instance_store; ///< empty when none, else e.g. "8 x 1900 GB nvme-ssd"
    int nvme_store_volumes = 0; ///< NVMe instance store volumes (they count against a shared limit)
    AttachmentLimit attachments;
    bool estimate = false;      ///< some figures are estimates
};

/// A public document named so that a customer can find it ("references" in the data files).
struct DocReference {
    std::string title;
    std::string as_of;
    std::vector<std::string> families; ///< instances: the families it speaks of (empty: all)
};

struct InstanceCatalog {
    std::string as_of;
    std::vector<std::string> source;        ///< the data file's provenance, for its maintainer
    std::vector<DocReference> references;   ///< the public documents behind the figures
    /// How long an instance whose EBS maximum is a burst (`max_is_burst`) holds it, once every
    /// 24 hours (`ebs_max_burst_minutes_per_24h`).
    units::duration ebs_max_burst;
    std::vector<InstanceType> instances;

    /// For find(): a hash table of the type names (open addressing, each slot 0 or an index + 1),
    /// made by reindex(); call it again after changing the list.
    std::vector<std::uint32_t> by_hash;
    /// How many instances the table was made for: another count means the list has changed
    /// since, and find() scans it instead.
    std::size_t indexed = 0;

    /// Index of the type, or nothing.
    [[nodiscard]] std::optional<std::size_t> find(std::string_view type) const;
    void reindex();
    [[nodiscard]] bool has_family(std::string_view family) const;
    [[nodiscard]] std::vector<std::string> families() const;
};

/// A price with its confidence and the public documents it was read from or estimated with
/// (indices into PriceList::references).
template <class Q>
struct Priced {
    Q price;
    bool estimate = false;
    std::vector<std::size_t> refs;
};

/// A public document prices were read from or estimated with, named so that a customer can find it.
struct PriceReference {
    std::string id;
    std::string title;    ///< e.g. "AWS Price List: Amazon EC2 On-Demand, Linux, US East (N. Virginia)"
    std::string as_of;
    std::string estimate; ///< empty: read as published; else how the figures were estimated from it
};

struct IopsPriceTier {
    std::optional<units::io_rate> up_to; ///< none: the rest
    units::iops_price price;
};

/// What one EBS volume type costs in a region.
struct EbsPrice {
    units::storage_price per_gib;
    std::vector<IopsPriceTier> iops_tiers;      ///< empty: provisioned IOPS not billed
    std::optional<units::byte_price> per_mibps; ///< provisioned throughput (gp3)
    bool estimate = false;
    std::vector<std::size_t> refs; ///< indices into PriceList::references
};

struct PriceList {
    std::string region;
    std::string region_name;
    std::vector<std::string> availability_zones;
    std::string currency;
    std::string term;
    units::duration month; ///< the billing month (hours_per_month)
    std::string as_of;
    std::vector<std::string> source;    ///< the data file's provenance, for its maintainer
    std::vector<std::string> estimates; ///< what in this file is estimated, in words
    /// The public documents behind the prices (`references`; a file without them gets one per `source`).
    std::vector<PriceReference> references;

    /// Hourly price per instance, indexed like InstanceCatalog::instances (none: not sold here).
    std::vector<std::optional<Priced<units::cost_rate>>> instance_price;
    /// The indices of the instances priced here, cheapest first (then fewer vCPU, then catalog
    /// order): the sizing walks them in this order and stops at the first price too high. Made by
    /// parse_price_list(); call order_by_price() again after changing `instance_price`.
    std::vector<std::size_t> by_price;
    std::map<std::string, EbsPrice, std::less<>> ebs;
    Priced<units::storage_price> snapshot;
    Priced<units::byte_price> inter_region_out;
    Priced<units::byte_price> cross_az;
    /// Hybrid sites: the link from the data centre (a Site-to-Site VPN connection or a dedicated
    /// 1 Gbps Direct Connect port, per hour) and data transfer into AWS. `has_connectivity`
    /// false: the file has no such prices.
    bool has_connectivity = false;
    /// Reserved Instance offerings per instance (indexed like `instance_price`; empty: none
    /// listed), as `import-prices` reads them from AWS's offer file. Not yet used by the sizing.
    struct Reserved {
        int term_years = 1;
        std::string purchase_option; ///< no_upfront, partial_upfront, all_upfront
        std::string offering_class;  ///< standard, convertible
        double upfront_usd = 0;
        units::cost_rate hourly;
        bool estimate = false;
    };
    std::vector<std::vector<Reserved>> reserved;
    Priced<units::cost_rate> vpn_connection;
    Priced<units::cost_rate> direct_connect_port;
    Priced<units::byte_price> transfer_in;

    [[nodiscard]] const EbsPrice* ebs_price(std::string_view type) const;
    /// Makes `by_price` from `instance_price` (`instances` gives the vCPU that break a tie).
    void order_by_price(const InstanceCatalog& instances);
};

/// Per-user coefficients of a product; illustrative estimates unless the file says otherwise.
/// The loader converts each figure from the unit the file writes (`read_iops`, `journal_kibps`,
/// `global_buffers_mib`, ...); cores and vCPU are counts.
struct Profile {
    std::string product;
    std::string name;  ///< the product as customers know it: "TrakCare", "HealthShare Information Exchange"
    std::string title;
    std::string as_of;
    std::string confidence;
    std::string source;
    std::string notes;
    // per concurrent user
    units::io_rate read_iops = units::iops(0);
    units::io_rate write_iops = units::iops(0);
    units::throughput journal = units::KiBps(0);
    double database_cores = 0;
    units::capacity global_buffers = units::MiB(0);
    double app_cores = 0;
    units::capacity app_memory = units::MiB(0);
    double web_cores = 0;
    // fixed
    double app_min_vcpu = 0;
    units::capacity app_min_memory = units::GiB(0);
    double web_min_vcpu = 0;
    units::capacity web_min_memory = units::GiB(0);
    double print_vcpu = 0;
    units::capacity print_memory = units::GiB(0);
    units::capacity routine_buffers = units::MiB(0);
    int print_servers_default = 0;          ///< print servers when the workload does not say (tier_defaults)
    std::string print_servers_default_source; ///< where that default comes from
};

/// One number of the sizing policy with where it comes from.
struct PolicyValue {
    double value = 0;
    bool estimate = false;
    std::string source;
};

/// The policy's numbers by name, resolved once at load so the sizing reads plain fields.
/// Each comes from data/sizing.json, converted by the loader from the unit its name states
/// (`database_block_kib` is KiB, `memory_fixed_mib` MiB, `os_volume_gib` GiB); the rest are
/// factors, fractions, percents, counts, days and years, named as such.
/// `SizingPolicy::values` keeps each number as written with its source and confidence.
struct PolicyNumbers {
    units::io_size database_block = units::KiB_per_io(0);
    units::io_size journal_io = units::KiB_per_io(0);
    units::io_size wij_io = units::KiB_per_io(0);
    // The InterSystems memory plan estimate of shared memory.
    double memory_global_buffers_factor = 0;
    double memory_routine_buffers_factor = 0;
    units::capacity memory_routine_buffers_max = units::MiB(0);
    double memory_gmheap_fraction = 0;
    units::capacity memory_gmheap_min = units::MiB(0);
    units::capacity memory_gmheap_max = units::MiB(0);
    units::capacity memory_per_logical_cpu = units::MiB(0);
    units::capacity memory_journal_buffers = units::MiB(0);
    double memory_server_connections = 0; ///< a count: MaxServerConn + MaxServers
    units::capacity memory_per_server_connection = units::MiB(0);
    units::capacity memory_fixed = units::MiB(0);
    double memory_shared_fraction_of_ram = 0;
    double memory_shared_fraction_stretch = 0;
    double cpu_target_percent_default = 0;
    double cpu_health_monitor_warning_percent = 0;
    double database_free_space_percent = 0;
    double wij_margin_percent = 0;
    double journal_retention_days = 0;
    double journal_average_to_peak = 0; ///< a fraction
    double journal_headroom_factor = 0;
    units::capacity journal_min = units::GiB(0);
    units::capacity install_volume = units::GiB(0);
    units::capacity os_volume = units::GiB(0);
    double stripe_max_width = 0;              ///< a count of volumes
    double network_interfaces_per_member = 0; ///< a count
    double growth_fit_upper_z = 0;            ///< standard errors
    units::money stripe_extra_volume_per_month = units::usd(0); ///< USD per billing month and extra volume
    double snapshot_daily_change_percent = 0;
    double snapshot_retention_days_default = 0;
    double horizon_years_default = 0;
    double dr_capacity_percent_default = 0;
    double hybrid_dr_members_default = 0; ///< DR async members in AWS for a hybrid site
    double arbiter_min_vcpu = 0;
    units::capacity arbiter_min_memory = units::GiB(0);
    double web_min_vcpu = 0;
    units::capacity web_min_memory = units::GiB(0);
    double tier_auto_max_servers = 0;  ///< a count
    double tier_web_zones_max = 0;     ///< a count
    double ebs_headroom_warning_percent = 0;
    double import_percentile_default = 0; ///< percentile of imported samples taken as the demand
};

/// InterSystems figures and practice values the sizing uses (data/sizing.json).
struct SizingPolicy {
    std::string as_of;
    std::vector<DocReference> references; ///< the public InterSystems documents the rules follow
    std::map<std::string, PolicyValue, std::less<>> values;
    std::map<VolumePurpose, std::vector<std::string>> volume_candidates; ///< types tried, every purpose
    std::vector<VolumePurpose> stripe_purposes;
    std::vector<std::string> database_family_purposes;
    std::vector<std::string> arbiter_families;
    std::vector<std::string> tier_family_purposes;
    PolicyNumbers n; ///< the same values as `values`, as fields

    /// The named value; the loader guarantees every name the sizing reads is present.
    [[nodiscard]] const PolicyValue& at(std::string_view name) const;
    [[nodiscard]] double operator[](std::string_view name) const { return at(name).value; }
};

/// The names of every policy value the sizing reads; load_catalog checks they are present.
const std::vector<std::string_view>& required_policy_values();

struct Catalog {
    std::vector<RuleSet> rule_sets;
    InstanceCatalog instances;
    std::map<std::string, PriceList, std::less<>> prices; ///< by region code
    std::map<std::string, Profile, std::less<>> profiles; ///< by product
    SizingPolicy policy;
    std::filesystem::path data_dir;
    /// Instance indices per the policy's family purposes, worked out once at load time.
    std::vector<std::size_t> default_database_candidates;
    std::vector<std::size_t> default_tier_candidates;
    std::vector<std::size_t> arbiter_candidates;

    [[nodiscard]] const RuleSet* rule_set(std::string_view id) const;
    [[nodiscard]] const RuleSet& default_rule_set() const;
    [[nodiscard]] const PriceList* price_list(std::string_view region) const;
    [[nodiscard]] const Profile* profile(std::string_view product) const;
};

/// Product names the workload schema accepts.
const std::vector<std::string_view>& known_products();

/// Reads every data file under `data_dir`. A missing or malformed file is an Error naming it.
Result<Catalog> load_catalog(const std::filesystem::path& data_dir);

/// Parsers for single documents (used by load_catalog, importers and tests).
Result<InstanceCatalog> parse_instance_catalog(const nlohmann::json& doc, const std::string& origin);
Result<PriceList> parse_price_list(const nlohmann::json& doc, const InstanceCatalog& instances,
                                   const std::string& origin);
Result<Profile> parse_profile(const nlohmann::json& doc, const std::string& origin);
Result<SizingPolicy> parse_sizing_policy(const nlohmann::json& doc, const std::string& origin);

} // namespace irisize
