// SPDX-License-Identifier: GPL-3.0-or-later
// Reading data/ into a Catalog: the instance catalog, regional price lists, workload
// profiles and the sizing policy, each checked field by field, plus the catalog's lookups
// (an instance type, a rule set, a region's prices, a product's profile).
#include "irisize/data/catalog.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "detail/json_read.hpp"

namespace irisize {

using detail::FieldError;
using detail::Obj;
namespace u = units;
namespace fs = std::filesystem;

// --- lookups ------------------------------------------------------------------------------

namespace {
// FNV-1a: a few instructions a character, spread well enough for a table at most half full.
std::uint32_t name_hash(std::string_view s) {
    std::uint32_t h = 2166136261u;
    for (unsigned char c : s) {
        h ^= c;
        h *= 16777619u;
    }
    return h;
}
} // namespace

std::optional<std::size_t> InstanceCatalog::find(std::string_view type) const {
    if (indexed == instances.size() && !by_hash.empty()) {
        const std::size_t mask = by_hash.size() - 1;
        for (std::size_t slot = name_hash(type) & mask; by_hash[slot] != 0; slot = (slot + 1) & mask) {
            const std::size_t i = by_hash[slot] - 1;
            if (detail::same_text(instances[i].type, type))
                return i;
        }
        return std::nullopt;
    }
    for (std::size_t i = 0; i < instances.size(); ++i) // a list changed since the last reindex()
        if (instances[i].type == type)
            return i;
    return std::nullopt;
}

void InstanceCatalog::reindex() {
    // The hash table: a power of two of slots, at least twice the types; the first of a name
    // (the lowest index) sits first along its probe sequence.
    std::size_t slots = 2;
    while (slots < 2 * instances.size())
        slots *= 2;
    by_hash.assign(slots, 0);
    const std::size_t mask = slots - 1;
    for (std::size_t i = 0; i < instances.size(); ++i) {
        std::size_t slot = name_hash(instances[i].type) & mask;
        while (by_hash[slot] != 0)
            slot = (slot + 1) & mask;
        by_hash[slot] = static_cast<std::uint32_t>(i + 1);
    }
    indexed = instances.size();
}

bool InstanceCatalog::has_family(std::string_view family) const {
    return std::any_of(instances.begin(), instances.end(),
                       [&](const auto& i) { return detail::same_text(i.family, family); });
}

std::vector<std::string> InstanceCatalog::families() const {
    std::vector<std::string> out;
    for (const auto& i : instances)
        if (std::find(out.begin(), out.end(), i.family) == out.end())
            out.push_back(i.family);
    return out;
}

const EbsPrice* PriceList::ebs_price(std::string_view type) const {
    // A region prices a handful of volume types: a scan with inline compares beats the tree's
    // string comparisons at every level, and there is no second index to keep in step.
    for (const auto& [name, price] : ebs)
        if (detail::same_text(name, type))
            return &price;
    return nullptr;
}

void PriceList::order_by_price(const InstanceCatalog& instances) {
    by_price.clear();
    for (std::size_t i = 0; i < instance_price.size(); ++i)
        if (instance_price[i])
            by_price.push_back(i);
    std::sort(by_price.begin(), by_price.end(), [&](std::size_t a, std::size_t b) {
        const auto pa = instance_price[a]->price, pb = instance_price[b]->price;
        if (pa != pb)
            return pa < pb;
        const int va = instances.instances[a].vcpu, vb = instances.instances[b].vcpu;
        return va != vb ? va < vb : a < b;
    });
}

const PolicyValue& SizingPolicy::at(std::string_view name) const {
    auto it = values.find(name);
    if (it == values.end())
        throw std::logic_error(
            fmt::format("sizing policy value '{}' missing (load_catalog should have refused)", name));
    return it->second;
}

namespace {
// One policy value: its name in data/sizing.json and how it lands in PolicyNumbers. The
// name states the unit the file writes it in (`_kib`, `_mib`, `_gib`, `_usd_per_month`);
// conversion to a quantity happens here, once.
struct PolicyField {
    std::string_view name;
    void (*set)(PolicyNumbers&, double);
};

template <auto Member>
constexpr PolicyField plain(std::string_view name) {
    return {name, [](PolicyNumbers& n, double v) { n.*Member = v; }};
}
template <auto Member, auto Make>
constexpr PolicyField quantity(std::string_view name) {
    return {name, [](PolicyNumbers& n, double v) { n.*Member = Make(v); }};
}

using N = PolicyNumbers;
const std::vector<PolicyField>& policy_fields() {
    static const std::vector<PolicyField> fields = {
        quantity<&N::database_block, &u::KiB_per_io>("database_block_kib"),
        quantity<&N::journal_io, &u::KiB_per_io>("journal_io_kib"),
        quantity<&N::wij_io, &u::KiB_per_io>("wij_io_kib"),
        plain<&N::memory_global_buffers_factor>("memory_global_buffers_factor"),
        plain<&N::memory_routine_buffers_factor>("memory_routine_buffers_factor"),
        quantity<&N::memory_routine_buffers_max, &u::MiB>("memory_routine_buffers_max_mib"),
        plain<&N::memory_gmheap_fraction>("memory_gmheap_fraction"),
        quantity<&N::memory_gmheap_min, &u::MiB>("memory_gmheap_min_mib"),
        quantity<&N::memory_gmheap_max, &u::MiB>("memory_gmheap_max_mib"),
        quantity<&N::memory_per_logical_cpu, &u::MiB>("memory_mib_per_logical_cpu"),
        quantity<&N::memory_journal_buffers, &u::MiB>("memory_journal_buffers_mib"),
        plain<&N::memory_server_connections>("memory_server_connections"),
        quantity<&N::memory_per_server_connection, &u::MiB>("memory_mib_per_server_connection"),
        quantity<&N::memory_fixed, &u::MiB>("memory_fixed_mib"),
        plain<&N::memory_shared_fraction_of_ram>("memory_shared_fraction_of_ram"),
        plain<&N::cpu_target_percent_default>("cpu_target_percent_default"),
        plain<&N::cpu_health_monitor_warning_percent>("cpu_health_monitor_warning_percent"),
        plain<&N::database_free_space_percent>("database_free_space_percent"),
        plain<&N::wij_margin_percent>("wij_margin_percent"),
        plain<&N::journal_retention_days>("journal_retention_days"),
        plain<&N::journal_average_to_peak>("journal_average_to_peak"),
        plain<&N::journal_headroom_factor>("journal_headroom_factor"),
        quantity<&N::journal_min, &u::GiB>("journal_min_gib"),
        quantity<&N::install_volume, &u::GiB>("install_volume_gib"),
        quantity<&N::os_volume, &u::GiB>("os_volume_gib"),
        plain<&N::stripe_max_width>("stripe_max_width"),
        plain<&N::network_interfaces_per_member>("network_interfaces_per_member"),
        plain<&N::memory_shared_fraction_stretch>("memory_shared_fraction_stretch"),
        plain<&N::growth_fit_upper_z>("growth_fit_upper_z"),
        quantity<&N::stripe_extra_volume_per_month, &u::usd>("stripe_extra_volume_usd_per_month"),
        plain<&N::snapshot_daily_change_percent>("snapshot_daily_change_percent"),
        plain<&N::snapshot_retention_days_default>("snapshot_retention_days_default"),
        plain<&N::horizon_years_default>("horizon_years_default"),
        plain<&N::dr_capacity_percent_default>("dr_capacity_percent_default"),
        plain<&N::hybrid_dr_members_default>("hybrid_dr_members_default"),
        plain<&N::arbiter_min_vcpu>("arbiter_min_vcpu"),
        quantity<&N::arbiter_min_memory, &u::GiB>("arbiter_min_memory_gib"),
        plain<&N::web_min_vcpu>("web_min_vcpu"),
        quantity<&N::web_min_memory, &u::GiB>("web_min_memory_gib"),
        plain<&N::tier_auto_max_servers>("tier_auto_max_servers"),
        plain<&N::tier_web_zones_max>("tier_web_zones_max"),
        plain<&N::ebs_headroom_warning_percent>("ebs_headroom_warning_percent"),
        plain<&N::import_percentile_default>("import_percentile_default")};
    return fields;
}
} // namespace

const std::vector<std::string_view>& required_policy_values() {
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> out;
        for (const auto& f : policy_fields())
            out.push_back(f.name);
        return out;
    }();
    return names;
}

const std::vector<std::string_view>& known_products() {
    static const std::vector<std::string_view> names = {
        "trakcare", "healthshare-ie", "healthshare-pi", "healthshare-pc", "healthshare-hi", "healthconnect", "iris"};
    return names;
}

const RuleSet* Catalog::rule_set(std::string_view id) const {
    for (const auto& r : rule_sets)
        if (r.id == id)
            return &r;
    return nullptr;
}

const RuleSet& Catalog::default_rule_set() const {
    for (const auto& r : rule_sets)
        if (r.is_default)
            return r;
    return rule_sets.front();
}

const PriceList* Catalog::price_list(std::string_view region) const {
    auto it = prices.find(region);
    return it == prices.end() ? nullptr : &it->second;
}

const Profile* Catalog::profile(std::string_view product) const {
    auto it = profiles.find(product);
    return it == profiles.end() ? nullptr : &it->second;
}

// --- parsers ------------------------------------------------------------------------------

namespace {

void check_schema(const Obj& doc, std::string_view kind) {
    if (doc.number("schema") != 1)
        throw FieldError("schema", "must be 1 (this irisize reads schema 1)");
    if (doc.has("kind") && doc.string("kind") != kind)
        throw FieldError("kind", fmt::format("must be '{}', found '{}'", kind, doc.string("kind")));
}

std::vector<std::string> sources(const Obj& doc) {
    if (doc.raw().contains("source") && doc.raw().at("source").is_string())
        return {doc.string("source")};
    auto s = doc.strings("source");
    if (s.empty())
        throw FieldError("source", "must name where the figures come from");
    return s;
}

// The optional "references" array: [{"title", "as_of"}, ...].
std::vector<DocReference> doc_references(const Obj& doc) {
    std::vector<DocReference> out;
    if (!doc.has("references"))
        return out;
    const auto& arr = doc.array("references");
    for (std::size_t i = 0; i < arr.size(); ++i) {
        Obj r(arr[i], doc.field("references") + "[" + std::to_string(i) + "]");
        out.push_back({r.string("title"), r.string("as_of"), r.has("families") ? r.strings("families")
                                                                                 : std::vector<std::string>{}});
    }
    return out;
}

double non_negative(const Obj& o, std::string_view key) {
    const double v = o.number(key);
    if (v < 0)
        throw FieldError(o.field(key), fmt::format("must not be negative, found {}", v));
    return v;
}

bool is_estimate(const Obj& o) {
    return o.string_or("confidence", "published") != "published";
}

} // namespace

std::string_view to_string(AttachmentLimitKind kind) {
    switch (kind) {
    case AttachmentLimitKind::Shared:
        return "shared";
    case AttachmentLimitKind::Dedicated:
        return "dedicated";
    case AttachmentLimitKind::XenLinux:
        return "xen-linux";
    }
    return "shared";
}

Result<InstanceCatalog> parse_instance_catalog(const nlohmann::json& json, const std::string& origin) {
    return detail::guarded<InstanceCatalog>(origin, [&]() -> Result<InstanceCatalog> {
        Obj doc(json, "");
        check_schema(doc, "instance-catalog");
        InstanceCatalog cat;
        cat.as_of = doc.string("as_of");
        cat.source = sources(doc);
        cat.references = doc_references(doc);
        const auto& arr = doc.array("instances");
        for (std::size_t i = 0; i < arr.size(); ++i) {
            Obj o(arr[i], "instances[" + std::to_string(i) + "]");
            InstanceType it;
            it.type = o.string("type");
            it.family = o.string("family");
            it.purpose = o.string("purpose");
            it.generation = o.string_or("generation", "current");
            const double vcpu = o.number("vcpu");
            // Bounded before the cast: a double beyond int's range converted to int is undefined.
            if (vcpu < 1 || vcpu > 100000 || vcpu != std::floor(vcpu))
                throw FieldError(o.field("vcpu"), "must be a whole number from 1 to 100000");
            it.vcpu = static_cast<int>(vcpu);
            it.memory = u::GiB(non_negative(o, "memory_gib"));
            it.nitro = o.opt_bool("nitro").value_or(false);
            const auto e = o.obj("ebs");
            it.ebs.dedicated = e.opt_bool("dedicated").value_or(true);
            if (it.ebs.dedicated) {
                it.ebs.baseline_throughput = u::MBps(non_negative(e, "baseline_throughput_mbps"));
                it.ebs.max_throughput = u::MBps(non_negative(e, "max_throughput_mbps"));
                it.ebs.baseline_iops = u::iops(non_negative(e, "baseline_iops"));
                it.ebs.max_iops = u::iops(non_negative(e, "max_iops"));
                it.ebs.max_is_burst = e.opt_bool("max_is_burst").value_or(false);
            } else {
                it.ebs.baseline_throughput = it.ebs.max_throughput = u::MBps(0);
                it.ebs.baseline_iops = it.ebs.max_iops = u::iops(0);
                it.ebs.shares = e.string_or("shares", "the network link");
            }
            it.network = o.string_or("network", "");
            if (auto s = o.opt_obj("instance_store")) {
                const double disks = s->number("disks");
                if (disks < 0 || disks > 64 || disks != std::floor(disks))
                    throw FieldError(s->field("disks"), "must be a whole number from 0 to 64");
                const std::string media = s->string_or("media", "ssd");
                it.instance_store = fmt::format("{} x {} GB {}", disks, s->number("disk_gb"), media);
                if (media.rfind("nvme", 0) == 0)
                    it.nvme_store_volumes = static_cast<int>(disks);
            }
            {
                const auto a = o.obj("ebs_attachments");
                const double limit = a.number("limit");
                if (limit < 2 || limit > 1000 || limit != std::floor(limit))
                    throw FieldError(a.field("limit"), "must be a whole number from 2 to 1000");
                it.attachments.limit = static_cast<int>(limit);
                const std::string kind = a.string("kind");
                if (kind == "shared")
                    it.attachments.kind = AttachmentLimitKind::Shared;
                else if (kind == "dedicated")
                    it.attachments.kind = AttachmentLimitKind::Dedicated;
                else if (kind == "xen-linux")
                    it.attachments.kind = AttachmentLimitKind::XenLinux;
                else
                    throw FieldError(a.field("kind"),
                                     fmt::format("unknown kind '{}' (shared, dedicated or xen-linux)", kind));
            }
            it.estimate = is_estimate(o);
            if (cat.find(it.type))
                throw FieldError(o.field("type"), fmt::format("'{}' appears twice", it.type));
            cat.instances.push_back(std::move(it));
        }
        if (cat.instances.empty())
            throw FieldError("instances", "must list at least one instance type");
        const double burst_minutes = doc.number("ebs_max_burst_minutes_per_24h");
        if (burst_minutes <= 0 || burst_minutes > 24 * 60)
            throw FieldError("ebs_max_burst_minutes_per_24h",
                             fmt::format("must be more than 0 and at most a day of minutes, found {}", burst_minutes));
        cat.ebs_max_burst = u::minutes(burst_minutes);
        cat.reindex();
        return cat;
    });
}

Result<PriceList> parse_price_list(const nlohmann::json& json, const InstanceCatalog& instances,
                                   const std::string& origin) {
    return detail::guarded<PriceList>(origin, [&]() -> Result<PriceList> {
        Obj doc(json, "");
        check_schema(doc, "price-list");
        PriceList p;
        p.region = doc.string("region");
        p.region_name = doc.string_or("region_name", p.region);
        p.availability_zones = doc.strings("availability_zones");
        if (p.availability_zones.empty())
            throw FieldError("availability_zones", "must list the region's availability zones");
        p.currency = doc.string_or("currency", "USD");
        if (p.currency != "USD")
            throw FieldError("currency", fmt::format("must be USD, found '{}'", p.currency));
        p.term = doc.string_or("term", "on-demand");
        const double hours = doc.number("hours_per_month");
        if (hours < 600 || hours > 800)
            throw FieldError("hours_per_month", fmt::format("must be a month of hours (about 730), found {}", hours));
        p.month = u::billing_month(hours);
        p.as_of = doc.string("as_of");
        p.source = sources(doc);
        p.estimates = doc.strings("estimates");
        // Public references by id; a file without them (older or hand-made) names its `source` lines.
        std::vector<std::size_t> all_refs;
        if (doc.has("references")) {
            const auto refs = doc.obj("references");
            for (const auto& [id, entry] : refs.raw().items()) {
                Obj r(entry, refs.field(id));
                p.references.push_back({id, r.string("title"), r.string("as_of"), r.string_or("estimate", "")});
            }
        } else {
            for (std::size_t i = 0; i < p.source.size(); ++i)
                p.references.push_back({fmt::format("source-{}", i + 1), p.source[i], p.as_of, ""});
        }
        for (std::size_t i = 0; i < p.references.size(); ++i)
            all_refs.push_back(i);
        auto refs_of = [&](const Obj& o, std::string_view key,
                           const std::vector<std::size_t>& fallback) -> std::vector<std::size_t> {
            if (!o.has(key))
                return fallback;
            std::vector<std::size_t> out;
            for (const auto& id : o.strings(key)) {
                auto it = std::find_if(p.references.begin(), p.references.end(),
                                       [&](const PriceReference& r) { return r.id == id; });
                if (it == p.references.end())
                    throw FieldError(o.field(key), fmt::format("names '{}', which is not an entry of references", id));
                out.push_back(static_cast<std::size_t>(it - p.references.begin()));
            }
            return out;
        };
        const auto instance_refs = refs_of(doc, "instance_references", all_refs);

        p.instance_price.assign(instances.instances.size(), std::nullopt);
        const auto prices = doc.obj("instances");
        for (const auto& [type, entry] : prices.raw().items()) {
            Obj o(entry, prices.field(type));
            auto idx = instances.find(type);
            if (!idx)
                throw FieldError(prices.field(type), "is not in the instance catalog");
            p.instance_price[*idx] = Priced<u::cost_rate>{u::usd_per_hour(non_negative(o, "usd_per_hour")),
                                                          is_estimate(o), refs_of(o, "references", instance_refs)};
        }
        p.order_by_price(instances);
        p.reserved.assign(instances.instances.size(), {});
        if (const auto reserved = doc.opt_obj("reserved")) {
            for (const auto& [type, list] : reserved->raw().items()) {
                const auto idx = instances.find(type);
                if (!idx)
                    throw FieldError(reserved->field(type), "is not in the instance catalog");
                if (!list.is_array())
                    throw FieldError(reserved->field(type), "must be a list of offerings");
                for (std::size_t i = 0; i < list.size(); ++i) {
                    Obj o(list[i], fmt::format("{}[{}]", reserved->field(type), i));
                    PriceList::Reserved r;
                    const double years = o.number("term_years");
                    if (years != 1 && years != 3)
                        throw FieldError(o.field("term_years"), "must be 1 or 3");
                    r.term_years = years == 1 ? 1 : 3;
                    r.purchase_option = o.string("purchase_option");
                    if (r.purchase_option != "no_upfront" && r.purchase_option != "partial_upfront" &&
                        r.purchase_option != "all_upfront")
                        throw FieldError(o.field("purchase_option"), "must be no_upfront, partial_upfront or all_upfront");
                    r.offering_class = o.string("offering_class");
                    if (r.offering_class != "standard" && r.offering_class != "convertible")
                        throw FieldError(o.field("offering_class"), "must be standard or convertible");
                    r.upfront_usd = non_negative(o, "upfront_usd");
                    r.hourly = u::usd_per_hour(non_negative(o, "usd_per_hour"));
                    r.estimate = is_estimate(o);
                    p.reserved[*idx].push_back(std::move(r));
                }
            }
        }

        const auto ebs = doc.obj("ebs");
        const auto ebs_refs = refs_of(ebs, "references", all_refs);
        for (const auto& [type, entry] : ebs.raw().items()) {
            if (!entry.is_object())
                continue; // "as_of", "source" and similar annotations
            Obj o(entry, ebs.field(type));
            EbsPrice e;
            e.per_gib = u::usd_per_GiB_month(non_negative(o, "usd_per_gib_month"), p.month);
            if (auto flat = o.opt_number("usd_per_iops_month")) {
                e.iops_tiers.push_back({std::nullopt, u::usd_per_iops_month(*flat, p.month)});
            } else if (o.has("iops_tiers")) {
                const auto& tiers = o.array("iops_tiers");
                for (std::size_t i = 0; i < tiers.size(); ++i) {
                    Obj t(tiers[i], o.field("iops_tiers") + "[" + std::to_string(i) + "]");
                    IopsPriceTier tier{std::nullopt,
                                       u::usd_per_iops_month(non_negative(t, "usd_per_iops_month"), p.month)};
                    if (auto up = t.opt_number("up_to"))
                        tier.up_to = u::iops(*up);
                    e.iops_tiers.push_back(tier);
                }
                if (e.iops_tiers.empty() || e.iops_tiers.back().up_to)
                    throw FieldError(o.field("iops_tiers"), "must end with a tier whose up_to is null");
            }
            if (auto t = o.opt_number("usd_per_mibps_month"))
                e.per_mibps = u::usd_per_MiBps_month(*t, p.month);
            e.estimate = is_estimate(o);
            e.refs = refs_of(o, "references", ebs_refs);
            p.ebs.emplace(type, std::move(e));
        }
        const auto snap = doc.obj("snapshot");
        p.snapshot = {u::usd_per_GiB_month(non_negative(snap, "usd_per_gib_month"), p.month), is_estimate(snap),
                      refs_of(snap, "references", all_refs)};
        const auto tr = doc.obj("transfer");
        const auto tr_refs = refs_of(tr, "references", all_refs);
        p.inter_region_out = {u::usd_per_GB(non_negative(tr, "inter_region_out_usd_per_gb")), is_estimate(tr), tr_refs};
        p.cross_az = {u::usd_per_GB(tr.number_or("cross_az_usd_per_gb", 0)), is_estimate(tr), tr_refs};
        if (const auto c = doc.opt_obj("connectivity")) {
            p.has_connectivity = true;
            const bool vpn_estimate = c->string_or("vpn_confidence", c->string_or("confidence", "published")) != "published";
            p.vpn_connection = {u::usd_per_hour(non_negative(*c, "vpn_connection_usd_per_hour")), vpn_estimate,
                                refs_of(*c, "vpn_references", all_refs)};
            p.direct_connect_port = {u::usd_per_hour(non_negative(*c, "direct_connect_1g_port_usd_per_hour")),
                                     is_estimate(*c), refs_of(*c, "direct_connect_references", all_refs)};
            p.transfer_in = {u::usd_per_GB(non_negative(*c, "transfer_in_usd_per_gb")), is_estimate(*c),
                             refs_of(*c, "transfer_in_references", all_refs)};
        }
        return p;
    });
}

Result<Profile> parse_profile(const nlohmann::json& json, const std::string& origin) {
    return detail::guarded<Profile>(origin, [&]() -> Result<Profile> {
        Obj doc(json, "");
        check_schema(doc, "workload-profile");
        Profile p;
        p.product = doc.string("product");
        p.title = doc.string_or("title", p.product);
        p.name = doc.string_or("name", p.title);
        p.as_of = doc.string_or("as_of", "");
        p.confidence = doc.string("confidence");
        p.source = doc.string("source");
        p.notes = doc.string_or("notes", "");
        // Each figure in the unit its name states, converted here once.
        const auto per = doc.obj("per_user");
        p.read_iops = u::iops(non_negative(per, "read_iops"));
        p.write_iops = u::iops(non_negative(per, "write_iops"));
        p.journal = u::KiBps(non_negative(per, "journal_kibps"));
        p.database_cores = non_negative(per, "database_cores");
        p.global_buffers = u::MiB(non_negative(per, "global_buffers_mib"));
        p.app_cores = non_negative(per, "app_cores");
        p.app_memory = u::MiB(non_negative(per, "app_memory_mib"));
        p.web_cores = non_negative(per, "web_cores");
        const auto fx = doc.obj("fixed");
        p.app_min_vcpu = non_negative(fx, "app_min_vcpu");
        p.app_min_memory = u::GiB(non_negative(fx, "app_min_memory_gib"));
        p.web_min_vcpu = non_negative(fx, "web_min_vcpu");
        p.web_min_memory = u::GiB(non_negative(fx, "web_min_memory_gib"));
        p.print_vcpu = non_negative(fx, "print_vcpu");
        p.print_memory = u::GiB(non_negative(fx, "print_memory_gib"));
        p.routine_buffers = u::MiB(non_negative(fx, "routine_buffers_mib"));
        if (auto td = doc.opt_obj("tier_defaults")) {
            const double n = non_negative(*td, "print_servers");
            if (n != std::floor(n) || n > 100)
                throw FieldError(td->field("print_servers"), "must be a whole number from 0 to 100");
            p.print_servers_default = static_cast<int>(n);
            p.print_servers_default_source = td->string("source");
        }
        return p;
    });
}

Result<SizingPolicy> parse_sizing_policy(const nlohmann::json& json, const std::string& origin) {
    return detail::guarded<SizingPolicy>(origin, [&]() -> Result<SizingPolicy> {
        Obj doc(json, "");
        check_schema(doc, "sizing-policy");
        SizingPolicy p;
        p.as_of = doc.string("as_of");
        p.references = doc_references(doc);
        const auto vals = doc.obj("values");
        for (const auto& [name, entry] : vals.raw().items()) {
            Obj o(entry, vals.field(name));
            // "published": read from the named document; "estimate": irisize's figure where none is published;
            // "policy": irisize's choice (a default, a margin, a ceiling) that a site may set differently.
            // Only "published" counts as published; any other word is a typo and refused.
            const std::string confidence = o.string_or("confidence", "published");
            if (confidence != "published" && confidence != "estimate" && confidence != "policy")
                throw FieldError(o.field("confidence"),
                                 fmt::format("must be 'published', 'estimate' or 'policy', found '{}'", confidence));
            p.values.emplace(name, PolicyValue{o.number("value"), is_estimate(o), o.string("source")});
        }
        for (const auto& field : policy_fields()) {
            auto it = p.values.find(field.name);
            if (it == p.values.end())
                throw FieldError(vals.field(field.name), "is required but missing");
            field.set(p.n, it->second.value);
        }
        const auto vc = doc.obj("volume_candidates");
        for (const auto& [key, types] : vc.raw().items())
            detail::volume_purpose(key, vc.field(key));
        for (VolumePurpose purpose : all_volume_purposes) {
            auto types = vc.strings(name(purpose));
            if (types.empty())
                throw FieldError(vc.field(name(purpose)), "must list at least one volume type");
            p.volume_candidates.emplace(purpose, std::move(types));
        }
        const auto stripe = doc.strings("stripe_purposes");
        for (std::size_t i = 0; i < stripe.size(); ++i)
            p.stripe_purposes.push_back(
                detail::volume_purpose(stripe[i], doc.field("stripe_purposes") + "[" + std::to_string(i) + "]"));
        p.database_family_purposes = doc.strings("database_family_purposes");
        p.arbiter_families = doc.strings("arbiter_families");
        p.tier_family_purposes = doc.strings("tier_family_purposes");
        if (p.values.at("stripe_max_width").value < 1)
            throw FieldError("values.stripe_max_width.value", "must be at least 1");
        return p;
    });
}

// --- loading ------------------------------------------------------------------------------

namespace {

Result<nlohmann::json> read_json_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return Error{file.string(), "cannot be opened (missing or unreadable data file)"};
    try {
        return nlohmann::json::parse(in);
    } catch (const nlohmann::json::exception& e) { // parse_error, or out_of_range for a number like 1e400
        return Error{file.string(), fmt::format("is not valid JSON: {}", e.what())};
    }
}

std::vector<fs::path> json_files_in(const fs::path& dir) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".json")
            files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

Result<Catalog> load_catalog(const fs::path& data_dir) {
    Catalog cat;
    cat.data_dir = data_dir;
    std::error_code ec;
    if (!fs::is_directory(data_dir, ec))
        return Error{data_dir.string(), "is not a directory holding irisize data (rules/, instances/, prices/)"};

    for (const auto& file : json_files_in(data_dir / "rules")) {
        auto doc = read_json_file(file);
        if (!doc)
            return doc.error();
        auto rs = parse_rule_set(*doc, file.string());
        if (!rs)
            return rs.error();
        if (cat.rule_set(rs->id))
            return Error{file.string(), fmt::format("rule set '{}' is defined twice", rs->id)};
        cat.rule_sets.push_back(std::move(rs).value());
    }
    if (cat.rule_sets.empty())
        return Error{(data_dir / "rules").string(), "holds no rule set (*.json)"};
    if (std::count_if(cat.rule_sets.begin(), cat.rule_sets.end(), [](const RuleSet& r) { return r.is_default; }) != 1)
        return Error{(data_dir / "rules").string(), "must mark exactly one rule set \"default\": true"};

    const auto instances_file = data_dir / "instances" / "aws-ec2.json";
    {
        auto doc = read_json_file(instances_file);
        if (!doc)
            return doc.error();
        auto ic = parse_instance_catalog(*doc, instances_file.string());
        if (!ic)
            return ic.error();
        cat.instances = std::move(ic).value();
    }

    for (const auto& file : json_files_in(data_dir / "prices")) {
        auto doc = read_json_file(file);
        if (!doc)
            return doc.error();
        auto pl = parse_price_list(*doc, cat.instances, file.string());
        if (!pl)
            return pl.error();
        if (file.stem() != pl->region)
            return Error{file.string(),
                         fmt::format("names region '{}' but the file is {}", pl->region, file.filename().string())};
        cat.prices.emplace(pl->region, std::move(pl).value());
    }
    if (cat.prices.empty())
        return Error{(data_dir / "prices").string(), "holds no price list (<region>.json)"};

    for (const auto& file : json_files_in(data_dir / "profiles")) {
        auto doc = read_json_file(file);
        if (!doc)
            return doc.error();
        auto pr = parse_profile(*doc, file.string());
        if (!pr)
            return pr.error();
        const auto& products = known_products();
        if (std::find(products.begin(), products.end(), pr->product) == products.end())
            return Error{file.string(), fmt::format("profile for unknown product '{}'", pr->product)};
        if (file.stem() != pr->product)
            return Error{file.string(), fmt::format("describes product '{}' but the file is {}", pr->product,
                                                    file.filename().string())};
        cat.profiles.emplace(pr->product, std::move(pr).value());
    }

    const auto policy_file = data_dir / "sizing.json";
    auto doc = read_json_file(policy_file);
    if (!doc)
        return doc.error();
    auto pol = parse_sizing_policy(*doc, policy_file.string());
    if (!pol)
        return pol.error();
    cat.policy = std::move(pol).value();
    const auto& inst = cat.instances.instances;
    auto contains = [](const std::vector<std::string>& list, const std::string& x) {
        return std::find(list.begin(), list.end(), x) != list.end();
    };
    for (std::size_t i = 0; i < inst.size(); ++i) {
        if (contains(cat.policy.database_family_purposes, inst[i].purpose))
            cat.default_database_candidates.push_back(i);
        if (contains(cat.policy.tier_family_purposes, inst[i].purpose))
            cat.default_tier_candidates.push_back(i);
        if (contains(cat.policy.arbiter_families, inst[i].family))
            cat.arbiter_candidates.push_back(i);
    }
    if (cat.arbiter_candidates.empty())
        return Error{policy_file.string(), "arbiter_families names no family of the instance catalog"};
    for (const auto& [purpose, types] : cat.policy.volume_candidates)
        for (const auto& t : types) {
            bool known = std::any_of(cat.rule_sets.begin(), cat.rule_sets.end(),
                                     [&](const RuleSet& r) { return r.find(t) != nullptr; });
            if (!known)
                return Error{policy_file.string(),
                             fmt::format("volume_candidates.{} names '{}', which no rule set knows", name(purpose), t)};
        }
    return cat;
}

} // namespace irisize
