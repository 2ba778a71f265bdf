// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file data/deploy_defaults.hpp
/// What the infrastructure-code generators (deploy/terraform.hpp, deploy/icm.hpp) need besides the plan:
/// ports, the mirror health-check page, network ranges, device names, alarm thresholds and
/// placeholders, read from `data/deploy.json` (kind `deployment-defaults`). Every value in
/// that file carries its own source; `DeployDefaults::sources` keeps them by dotted path.

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "irisize/plan/plan.hpp"
#include "irisize/result.hpp"

namespace irisize {

/// One generated file: a path relative to the output directory and its whole content.
struct GeneratedFile {
    std::string name;
    std::string content;
};

/// The load balancer that finds the current mirror primary (AWS's replacement for the mirror
/// VIP), and the Route 53 failover around it.
struct LoadBalancerDefaults {
    std::vector<std::string> ports; ///< port names (keys of DeployDefaults::ports) forwarded to the primary
    std::string health_check_path;  ///< /csp/bin/mirror_status.cxw
    std::string health_check_port;  ///< a port name: the Web Gateway on the database members
    int health_check_interval_seconds = 0;
    int healthy_threshold = 0;
    int unhealthy_threshold = 0;
    int healthy_hosts_period_seconds = 0; ///< the HealthyHostCount alarm a Route 53 health check watches
    int healthy_hosts_evaluation_periods = 0;
    std::string route53_insufficient_data_health_status; ///< Healthy, Unhealthy or LastKnownStatus
    int dns_ttl_seconds = 0;
};

/// The Application Load Balancer in front of the web servers.
struct WebLoadBalancerDefaults {
    std::string listener_port; ///< port names
    std::string https_port;
    std::string target_port;
    std::string health_check_path;
    std::string health_check_matcher; ///< HTTP codes that count as healthy, e.g. 200-399
    std::string stickiness_type;      ///< lb_cookie
    int stickiness_cookie_duration_seconds = 0;
    std::string ssl_policy;
};

struct NetworkDefaults {
    std::string vpc_cidr;    ///< production VPC
    std::string dr_vpc_cidr; ///< DR VPC
    int subnet_newbits = 0;  ///< cidrsubnet(vpc, newbits, n) per availability zone
    std::string egress_cidr;
};

struct InstanceDefaults {
    VolumePurpose root_volume_purpose = VolumePurpose::os; ///< the planned volume that becomes the root volume
    double root_volume_gib = 0;      ///< root volume of a member without that volume
    std::string root_volume_type;
    std::vector<std::string> device_names; ///< for the attached volumes, in order
};

struct VolumeTypeDefaults {
    std::vector<std::string> with_iops;          ///< types that take provisioned IOPS
    std::vector<std::string> with_throughput;    ///< types that take provisioned throughput
    std::vector<std::string> with_burst_balance; ///< types that report BurstBalance

    [[nodiscard]] bool takes_iops(std::string_view type) const;
    [[nodiscard]] bool takes_throughput(std::string_view type) const;
    [[nodiscard]] bool has_burst_balance(std::string_view type) const;
};

struct AlarmDefaults {
    int period_seconds = 0;
    int evaluation_periods = 0;
    double burst_balance_percent = 0;
    double instance_ebs_watch_share = 0; ///< watch an instance when demand / baseline limit reaches this
    double instance_ebs_alarm_share = 0; ///< alarm threshold as a share of the baseline limit
    double instance_ebs_balance_percent = 0;
    int status_check_period_seconds = 0;
    int status_check_evaluation_periods = 0;
    double volume_queue_latency_ms = 0;             ///< VolumeQueueLength threshold = volume IOPS x this latency
    double volume_queue_min = 0;                    ///< smallest VolumeQueueLength threshold
    std::vector<VolumePurpose> volume_queue_purposes; ///< planned volumes that get a queue-length alarm
};

struct TerraformDefaults {
    std::string required_version;
    std::string aws_provider_source;
    std::string aws_provider_version;
    std::string name_prefix;
};

/// Placeholders of the ICM defaults file (paths inside the ICM container).
struct IcmDefaults {
    std::string tag;
    std::string credentials;
    std::string ssh_user;
    std::string ssh_public_key;
    std::string ssh_private_key;
    std::string tls_key_dir;
    std::string license_dir;
    std::string license_key;      ///< the key file's name in license_dir (LicenseKey of DM and AM entries)
    std::string docker_image;     ///< InterSystems IRIS (DM, AM)
    std::string arbiter_image;    ///< the AR entry's DockerImage
    std::string webgateway_image; ///< the WS entries' DockerImage
    std::string dr_tag;           ///< Tag of the deployments in other regions
    std::string deprecated_since; ///< the IRIS release that deprecated ICM
    int host_name_max_chars = 0;  ///< node names (Label-Role-Tag-NNNN) stay within this
};

/// data/deploy.json, checked.
struct DeployDefaults {
    std::string as_of;
    std::vector<std::string> source;
    std::map<std::string, int, std::less<>> ports;                                ///< by name: superserver, web, …
    std::map<std::string, std::vector<std::string>, std::less<>> security_groups; ///< tier -> port names
    LoadBalancerDefaults load_balancer;
    WebLoadBalancerDefaults web_load_balancer;
    NetworkDefaults network;
    InstanceDefaults instances;
    VolumeTypeDefaults volume_types;
    AlarmDefaults alarms;
    TerraformDefaults terraform;
    IcmDefaults icm;
    std::map<std::string, std::string, std::less<>> sources; ///< dotted path of each value -> its source

    /// The port of a name the loader checked; throws std::out_of_range for another name.
    [[nodiscard]] int port(std::string_view name) const;
};

/// One planned volume's figures as the generated code writes them, per volume: whole GiB
/// (rounded up), whole IOPS and whole MiB/s (rounded to nearest).
struct VolumeFigures {
    long long size_gib = 0;
    long long iops = 0;
    long long throughput_mibps = 0;
};
VolumeFigures volume_figures(const PlannedVolume& volume);

/// Parses the text of a deployment-defaults document. `origin` names it in errors.
Result<DeployDefaults> parse_deploy_defaults(std::string_view json_text, const std::string& origin);
/// Reads `data_dir/deploy.json`. A missing or malformed file is an Error naming the file and field.
Result<DeployDefaults> load_deploy_defaults(const std::filesystem::path& data_dir);

} // namespace irisize
