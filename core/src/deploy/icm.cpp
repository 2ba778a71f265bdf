// SPDX-License-Identifier: GPL-3.0-or-later
// InterSystems Cloud Manager files for a plan: defaults.json and definitions.json per
// region, and a README that points new deployments to the Terraform output. Which servers
// are in which region and zone comes from the shared deployment layout (deploy_layout.hpp).
#include "irisize/deploy/icm.hpp"

#include <algorithm>
#include <cctype>
#include <string>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "deploy/deploy_layout.hpp"
#include "detail/role_format.hpp"

namespace irisize {

namespace {

using detail::DeployLayout;
using detail::DeployRegion;
using ojson = nlohmann::ordered_json;

// What the files follow, from the InterSystems Cloud Manager Guide (docs.intersystems.com, GICM):
// - ICM Reference, "ICM Configuration Parameters": Provider, Label and Tag (no dashes: node names
//   are Label-Role-Tag-NNNN), Region, Zone, ZoneMap, Credentials, SSHUser, SSHPublicKey,
//   SSHPrivateKey, TLSKeyDir, LicenseDir with LicenseKey, DockerImage, Mirror, MirrorMap, Role,
//   Count, InstanceType, SkipTopologyValidation, OSVolumeSize and the Data/WIJ/Journal1/Journal2
//   VolumeSize/Type/IOPS fields.
// - "ICM Node Types": DM and AM run InterSystems IRIS (and need a license key), AR runs the
//   arbiter image, WS the Web Gateway image, VM no InterSystems container.
// - "ICM Cluster Topology and Mirroring": with Mirror true, MirrorMap names each DM node's mirror
//   role, primary,backup first; ICM validates the topology at provisioning, which a lone DM (or
//   a region of async members only) does not pass unless SkipTopologyValidation is true.
// - "Deploying Across Multiple Zones": the defaults' Zone lists the zones; an entry's ZoneMap
//   picks zones by position (1-based) and ICM places the entry's nodes on them round-robin.
// - "Deploying Across Multiple Regions or Providers": one deployment per region, provisioned
//   separately, then joined with icm merge. So each region gets its own directory here.
// The configuration files hold ICM fields only; everything the generator has to explain goes
// into README.md next to them.

struct Purpose {
    VolumePurpose purpose; ///< plan purpose
    const char* prefix;    ///< ICM field prefix
};
constexpr Purpose database_volumes[] = {{VolumePurpose::data, "Data"},
                                        {VolumePurpose::wij, "WIJ"},
                                        {VolumePurpose::journal1, "Journal1"},
                                        {VolumePurpose::journal2, "Journal2"}};

/// Letters and digits only: ICM builds node names as Label-Role-Tag-NNNN and forbids dashes in
/// Label and Tag.
std::string icm_name(std::string_view text, std::string_view fallback) {
    std::string out;
    for (const char c : text) {
        const auto uc = static_cast<unsigned char>(c);
        if (uc < 0x80 && std::isalnum(uc))
            out += static_cast<char>(std::tolower(uc));
    }
    return out.empty() ? std::string(fallback) : out;
}

const PlannedVolume* find_volume(const Member& m, VolumePurpose purpose) {
    for (const auto& v : m.volumes)
        if (v.purpose == purpose)
            return &v;
    return nullptr;
}

/// The volume fields ICM knows for one database member: whole stripes as one volume.
ojson database_volume_fields(const Member& m, const DeployDefaults& d, std::vector<std::string>& notes) {
    ojson out = ojson::object();
    for (const auto& p : database_volumes) {
        const auto* v = find_volume(m, p.purpose);
        if (!v)
            continue;
        const VolumeFigures fig = volume_figures(*v);
        const int width = std::max(v->stripe_width, 1);
        out[std::string(p.prefix) + "VolumeType"] = v->type;
        out[std::string(p.prefix) + "VolumeSize"] = std::to_string(fig.size_gib * width);
        if (d.volume_types.takes_iops(v->type))
            out[std::string(p.prefix) + "VolumeIOPS"] = std::to_string(fig.iops * width);
        if (width > 1)
            notes.push_back(fmt::format("{} of the {}: the plan stripes {} x {} GiB {} ({} IOPS each) with LVM; ICM "
                                        "provisions one volume of the total, so check it is within the {} limits or "
                                        "stripe by hand",
                                        p.purpose, m.role, width, fig.size_gib, v->type, fig.iops, v->type));
    }
    if (find_volume(m, VolumePurpose::install))
        notes.push_back(fmt::format("install volume of the {}: ICM has none (InterSystems IRIS runs in a container), "
                                    "so it is not provisioned",
                                    m.role));
    return out;
}

void add_os_volume(ojson& entry, const Member& m, const DeployDefaults& d) {
    if (const auto* os = find_volume(m, d.instances.root_volume_purpose))
        entry["OSVolumeSize"] = std::to_string(volume_figures(*os).size_gib);
}

const char* icm_role(Role role) {
    if (holds_databases(role))
        return "DM";
    if (role == Role::arbiter)
        return "AR";
    if (role == Role::app)
        return "AM";
    if (role == Role::web)
        return "WS";
    return "VM"; // print servers: a host without an InterSystems container
}

std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (const auto& p : parts)
        out += (out.empty() ? "" : std::string(sep)) + p;
    return out;
}

/// One ICM entry's placement: how many nodes, on which zones (ICM fills them round-robin).
struct Placement {
    int count = 0;
    std::vector<std::string> zones;
};

/// The entries that place `counts` exactly. Round-robin over k zones gives the first n mod k
/// zones one node more than the rest, so counts that differ by at most one fit one entry (zones
/// listed most-filled first); otherwise each zone gets an entry of its own.
std::vector<Placement> placements(std::vector<std::pair<std::string, int>> counts) {
    std::stable_sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (counts.empty())
        return {};
    if (counts.front().second - counts.back().second <= 1) {
        Placement p;
        for (const auto& [zone, n] : counts) {
            p.count += n;
            p.zones.push_back(zone);
        }
        return {p};
    }
    std::vector<Placement> out;
    for (const auto& [zone, n] : counts)
        out.push_back({n, {zone}});
    return out;
}

/// The 1-based positions of `zones` in the region's Zone list.
std::string zone_map(const std::vector<std::string>& zones, const std::vector<std::string>& region_zones) {
    std::vector<std::string> positions;
    for (const auto& z : zones) {
        const auto it = std::find(region_zones.begin(), region_zones.end(), z);
        positions.push_back(std::to_string(it - region_zones.begin() + 1));
    }
    return join(positions, ",");
}

/// What one region's directory holds, and what README.md says about it.
struct RegionDeployment {
    std::string region;
    bool production = false; ///< the plan's region
    std::string tag;
    std::vector<std::string> zones;
    ojson defaults = ojson::object();
    ojson definitions = ojson::array();
    std::vector<std::string> nodes; ///< "DM 2 (primary,backup)", for the README's table
    std::vector<std::string> notes;
    bool skip_topology_validation = false;
};

std::string mirror_map(std::string_view token, int n) {
    std::vector<std::string> tokens(static_cast<std::size_t>(n), std::string(token));
    return join(tokens, ",");
}

RegionDeployment region_deployment(const DeployLayout& layout, const DeployRegion& here, const std::string& label,
                                   const std::string& tag, const DeployDefaults& d) {
    RegionDeployment out;
    const std::string& region = here.name;
    out.region = region;
    out.production = here.production;
    out.tag = tag;
    out.zones = here.zones;
    const std::vector<const Member*>& members = here.members;

    const Member* primary = layout.primary;
    const Member* backup = layout.backup;
    const bool has_primary = primary && primary->region == region;
    const bool has_backup = backup && backup->region == region;
    bool mirror_members = false;
    for (const auto& r : layout.regions)
        for (const auto* m : r.members)
            mirror_members = mirror_members || m->role == Role::backup || m->role == Role::dr_async;
    bool region_mirror_members = has_backup;
    for (const auto* m : members)
        region_mirror_members = region_mirror_members || m->role == Role::dr_async;
    // ICM's topology check wants the failover pair (DM, MirrorMap primary,backup) in a mirrored
    // deployment, and does not take a lone DM; a region of async members alone has no pair either.
    bool has_dm = has_primary;
    for (const auto* m : members)
        has_dm = has_dm || m->role == Role::dr_async;
    out.skip_topology_validation = has_dm && !(has_primary && has_backup);

    auto& def = out.defaults;
    def["Provider"] = "AWS";
    def["Label"] = label;
    def["Tag"] = tag;
    def["Region"] = region;
    def["Zone"] = join(out.zones, ",");
    def["Credentials"] = d.icm.credentials;
    def["SSHUser"] = d.icm.ssh_user;
    def["SSHPublicKey"] = d.icm.ssh_public_key;
    def["SSHPrivateKey"] = d.icm.ssh_private_key;
    def["TLSKeyDir"] = d.icm.tls_key_dir;
    def["LicenseDir"] = d.icm.license_dir;
    def["DockerImage"] = d.icm.docker_image;
    def["Mirror"] = (has_primary ? mirror_members : region_mirror_members) ? "true" : "false";
    if (out.skip_topology_validation)
        def["SkipTopologyValidation"] = "true";

    auto entry_head = [&](const char* role, int count) {
        ojson e = ojson::object();
        e["Role"] = role;
        e["Count"] = std::to_string(count);
        return e;
    };

    // The failover pair (or the lone primary).
    if (has_primary) {
        const int count = has_backup ? 2 : 1;
        ojson dm = entry_head("DM", count);
        if (has_backup)
            dm["MirrorMap"] = "primary,backup";
        else if (mirror_members)
            dm["MirrorMap"] = "primary";
        dm["InstanceType"] = primary->instance_type;
        std::vector<std::string> pair_zones = {primary->availability_zone};
        if (has_backup && backup->availability_zone != primary->availability_zone)
            pair_zones.push_back(backup->availability_zone);
        dm["ZoneMap"] = zone_map(pair_zones, out.zones);
        dm["LicenseKey"] = d.icm.license_key;
        add_os_volume(dm, *primary, d);
        const ojson volumes = database_volume_fields(*primary, d, out.notes);
        for (const auto& [key, value] : volumes.items())
            dm[key] = value;
        if (has_backup && backup->instance_type != primary->instance_type)
            out.notes.push_back(fmt::format("the plan's backup is a {}; ICM gives both failover members the "
                                            "primary's {}",
                                            backup->instance_type, primary->instance_type));
        if (!has_backup)
            out.notes.push_back(mirror_members ? "the mirror has no backup member here: the DM entry's MirrorMap is "
                                                 "primary alone"
                                               : "no mirror: one DM node, Mirror false and no MirrorMap");
        out.nodes.push_back(fmt::format("DM {} ({})", count,
                                        dm.contains("MirrorMap") ? dm["MirrorMap"].get<std::string>() : "no mirror"));
        out.definitions.push_back(std::move(dm));
    }

    // Async members: DM entries grouped by instance type and volumes, placed zone by zone.
    struct DmGroup {
        ojson key;
        std::vector<const Member*> members;
    };
    std::vector<DmGroup> asyncs;
    std::vector<std::string> async_notes;
    for (const auto* m : members) {
        if (m->role != Role::dr_async)
            continue;
        std::vector<std::string> notes;
        ojson key = database_volume_fields(*m, d, notes);
        key["InstanceType"] = m->instance_type;
        if (const auto* os = find_volume(*m, d.instances.root_volume_purpose))
            key["OSVolumeSize"] = std::to_string(volume_figures(*os).size_gib);
        auto it = std::find_if(asyncs.begin(), asyncs.end(), [&](const DmGroup& g) { return g.key == key; });
        if (it == asyncs.end()) {
            asyncs.push_back({std::move(key), {m}});
            for (auto& n : notes)
                if (std::find(out.notes.begin(), out.notes.end(), n) == out.notes.end())
                    out.notes.push_back(std::move(n));
        } else {
            it->members.push_back(m);
        }
    }
    for (const auto& g : asyncs)
        for (const auto& p : placements(detail::nodes_per_zone(g.members))) {
            ojson dm = entry_head("DM", p.count);
            dm["MirrorMap"] = mirror_map("async", p.count);
            dm["InstanceType"] = g.key.at("InstanceType");
            dm["ZoneMap"] = zone_map(p.zones, out.zones);
            dm["LicenseKey"] = d.icm.license_key;
            for (const auto& [key, value] : g.key.items())
                if (key != "InstanceType")
                    dm[key] = value;
            out.nodes.push_back(fmt::format("DM {} (async)", p.count));
            out.definitions.push_back(std::move(dm));
        }

    // Arbiter, application, web and print servers: one entry per role and instance type where
    // round-robin over the zones reproduces the plan, else one per zone.
    for (Role role : {Role::arbiter, Role::app, Role::web, Role::print}) {
        std::vector<std::pair<std::string, std::vector<const Member*>>> by_type;
        for (const auto* m : members) {
            if (m->role != role)
                continue;
            auto it = std::find_if(by_type.begin(), by_type.end(),
                                   [&](const auto& t) { return t.first == m->instance_type; });
            if (it == by_type.end())
                by_type.emplace_back(m->instance_type, std::vector<const Member*>{m});
            else
                it->second.push_back(m);
        }
        for (const auto& [type, group] : by_type)
            for (const auto& p : placements(detail::nodes_per_zone(group))) {
                const char* r = icm_role(role);
                ojson e = entry_head(r, p.count);
                e["InstanceType"] = type;
                e["ZoneMap"] = zone_map(p.zones, out.zones);
                if (std::string_view(r) == "AR")
                    e["DockerImage"] = d.icm.arbiter_image;
                else if (std::string_view(r) == "WS")
                    e["DockerImage"] = d.icm.webgateway_image;
                else if (std::string_view(r) == "AM")
                    e["LicenseKey"] = d.icm.license_key;
                add_os_volume(e, *group.front(), d);
                out.nodes.push_back(fmt::format("{} {}", r, p.count));
                out.definitions.push_back(std::move(e));
            }
    }
    if (std::any_of(members.begin(), members.end(), [](const Member* m) { return m->role == Role::print; }))
        out.notes.push_back("print servers are VM nodes: ICM provisions the host and deploys no InterSystems "
                            "container on it");
    return out;
}

std::string readme(const Plan& plan, const std::vector<RegionDeployment>& regions, const DeployDefaults& d) {
    const auto& icm = d.icm;
    std::string out;
    out += fmt::format("# InterSystems Cloud Manager (ICM) files for {}\n\n", plan.name);
    out += fmt::format("> **ICM is deprecated.** As of release {} of InterSystems IRIS, InterSystems Cloud Manager is "
                       "deprecated and will be removed from future versions (InterSystems Cloud Manager Guide). "
                       "irisize still writes these files for sites that deploy with ICM today; for a new "
                       "deployment use the Terraform output instead: `irisize size WORKLOAD --format terraform "
                       "-o DIRECTORY` (docs/deploy.md).\n\n",
                       icm.deprecated_since);
    out += "Generated by irisize from the plan. Field names and rules follow the InterSystems Cloud Manager "
           "Guide, ICM Reference: *ICM Configuration Parameters*, *ICM Node Types*, *ICM Cluster Topology and "
           "Mirroring*, *Deploying Across Multiple Zones* and *Deploying Across Multiple Regions or Providers*. "
           "JSON has no comments, so the configuration files hold ICM fields only and the explanations are "
           "here.\n\n";

    out += "## Layout\n\nICM provisions one region per deployment, so each region has its own directory with "
           "its `defaults.json` and `definitions.json`.\n\n";
    out += "| directory | region | Label, Tag | Zone (ZoneMap 1, 2, …) | nodes |\n|---|---|---|---|---|\n";
    for (const auto& r : regions)
        out += fmt::format("| `{}/` | {}{} | {}, {} | {} | {} |\n", r.region, r.region,
                           r.production ? " (production)" : " (DR)", r.defaults.at("Label").get<std::string>(), r.tag,
                           join(r.zones, ", "), join(r.nodes, "; "));

    out += "\n## Fill in first\n\n";
    out += "In every `defaults.json`: `Credentials`, `SSHUser`, `SSHPublicKey`, `SSHPrivateKey`, `TLSKeyDir`, "
           "`LicenseDir` and `DockerImage` hold placeholders (data/deploy.json, `icm`); the sample SSH key is "
           "insecure.\n";
    out += fmt::format("- Put the InterSystems IRIS license key file in `LicenseDir`; the DM and AM entries name it "
                       "in `LicenseKey` (`{}`).\n",
                       icm.license_key);
    out += fmt::format("- The AR entry deploys the arbiter image (`{}`) and the WS entries the Web Gateway image "
                       "(`{}`), not the IRIS image of the defaults: give them the release of your IRIS image.\n",
                       icm.arbiter_image, icm.webgateway_image);

    out += "\n## Order of commands\n\n";
    const auto& first = regions.front();
    if (regions.size() == 1) {
        out += fmt::format("1. `cd {}` and `icm provision`: provisions the hosts and volumes.\n", first.region);
        out += "2. `icm run`: deploys the containers (InterSystems IRIS on DM and AM, the arbiter on AR, the Web "
               "Gateway on WS) and configures the mirror.\n";
    } else {
        int step = 1;
        for (const auto& r : regions)
            out += fmt::format("{}. `cd {}` and `icm provision`{}.\n", step++, r.region,
                               &r == &first ? " (the production region, with the primary, first)" : "");
        std::vector<std::string> mirror;
        for (const auto& r : regions)
            for (const auto& e : r.definitions)
                if (e.at("Role") == "DM" && e.contains("MirrorMap"))
                    mirror.push_back(e.at("MirrorMap").get<std::string>());
        out += fmt::format("{}. Merge the regions with `icm merge`, as the Guide's *Deploying Across Multiple Regions "
                           "or Providers* shows for your ICM version: it joins each region's provisioned "
                           "infrastructure (its state files) into one definitions file, in a new directory. List "
                           "`{}` first. The DM nodes then form one mirror, `{}`: check that the merged "
                           "definitions' `MirrorMap` reads so, primary and backup first.\n",
                           step++, first.region, join(mirror, ","));
        out += fmt::format("{}. In the merged directory, `icm run`: deploys the containers on every region's nodes "
                           "and configures the mirror across the regions.\n",
                           step++);
        out += "\nEach region's Tag differs, so node names (Label-Role-Tag-NNNN) stay unique after the merge.\n";
    }

    out += "\n## Differences from the plan\n\n";
    out += "- ICM places an entry's nodes on the zones its `ZoneMap` lists, round-robin; where the plan's servers "
           "are not spread that evenly, the entry is split by zone.\n";
    for (const auto& r : regions) {
        if (r.skip_topology_validation)
            out += fmt::format("- `{}`: `SkipTopologyValidation` is true: this region alone holds no failover pair "
                               "(primary,backup), which ICM's topology check otherwise refuses.\n",
                               r.region);
        for (const auto& n : r.notes)
            out += fmt::format("- `{}`: {}.\n", r.region, n);
    }
    return out;
}

} // namespace

Result<std::vector<GeneratedFile>> icm_files(const Plan& plan, const DeployDefaults& d) {
    const DeployLayout layout = detail::lay_out_deployment(plan);
    if (!layout.primary)
        return Error{"members", plan.hybrid()
                                    ? "a hybrid site's failover members are on premises: ICM deploys a mirror from its "
                                      "primary and backup (MirrorMap starts \"primary,backup\"), so it cannot deploy the "
                                      "DR members alone; use the Terraform output for them"
                                    : "the plan has no primary member, so there is nothing for ICM to deploy"};
    // The primary's region first, then every other region a server is in, in plan order.
    const std::vector<DeployRegion>& regions = layout.regions;

    const std::string tag = icm_name(d.icm.tag, "prod");
    const std::string dr_tag = icm_name(d.icm.dr_tag, "dr");
    std::vector<std::string> tags;
    std::size_t longest_tag = 0;
    for (std::size_t i = 0; i < regions.size(); ++i) {
        tags.push_back(i == 0 ? tag : i == 1 ? dr_tag : dr_tag + std::to_string(i));
        longest_tag = std::max(longest_tag, tags.back().size());
    }
    // Node names are Label-Role-Tag-NNNN (roles here have two letters): the Label gives way so
    // that they stay within a host name's length.
    const std::size_t fixed = std::string_view("-DM-").size() + longest_tag + std::string_view("-0001").size();
    const auto limit = static_cast<std::size_t>(std::max(d.icm.host_name_max_chars, 0));
    std::string label = icm_name(plan.name, "irisize");
    label.resize(std::min(label.size(), limit > fixed + 1 ? limit - fixed : std::size_t{1}));
    std::vector<RegionDeployment> deployments;
    for (std::size_t i = 0; i < regions.size(); ++i)
        deployments.push_back(region_deployment(layout, regions[i], label, tags[i], d));

    std::vector<GeneratedFile> files;
    files.push_back({"README.md", readme(plan, deployments, d)});
    for (const auto& r : deployments) {
        files.push_back({r.region + "/defaults.json", r.defaults.dump(4) + "\n"});
        files.push_back({r.region + "/definitions.json", r.definitions.dump(4) + "\n"});
    }
    return files;
}

} // namespace irisize
