#!/usr/bin/env python3
"""Build data/instances/aws-ec2.json from the reference instance CSV.

Usage: make-instance-catalog.py <aws-ec2-instances.csv> <out.json>

The CSV carries one row per instance type (specs, EBS-optimized limits, network,
us-east-1 price, sources). This script keeps everything except the price (prices
live in data/prices/<region>.json, see make-price-files.py), adds the fields the
catalog needs (purpose, generation, Nitro, instance store) and appends the seed
article's i2 family, which the CSV does not carry.

Standard library only; the output is deterministic (same input, same bytes).
"""

import csv
import json
import sys
from decimal import Decimal

AS_OF = "2026-07-20"

# Order of families in the output; rows keep CSV order within a family.
FAMILY_ORDER = ["m4", "m5", "m6i", "m7i", "r5", "r6i", "r7i", "c5", "t3", "i2", "i3"]

PURPOSE = {
    "m4": "general", "m5": "general", "m6i": "general", "m7i": "general",
    "r5": "memory", "r6i": "memory", "r7i": "memory",
    "c5": "compute",
    "t3": "burstable",
    "i2": "storage", "i3": "storage",
}

PREVIOUS_GENERATION = {"m4", "i2"}
NITRO_FAMILIES = {"m5", "m6i", "m7i", "r5", "r6i", "r7i", "c5", "t3"}
# Xen-based families. i3.metal is the exception: bare metal on the Nitro system
# (EC2 user guide, "Nitro-based instances": "Bare metal: i3.metal, ...").
XEN_FAMILIES = {"m4", "i2", "i3"}
NITRO_EXCEPTIONS = {"i3.metal"}

# EBS volume attachment limits (AWS EC2 user guide, "Amazon EBS volume limits for Amazon EC2
# instances", docs.aws.amazon.com/ec2/latest/userguide/volume_limits.html, read 2026-12):
# - Nitro types with a dedicated EBS volume limit (M7i, R7i among ours): by size, not shared
#   with network interfaces or NVMe instance store volumes;
# - all other Nitro types: 28 attachments shared between EBS volumes, network interfaces and
#   NVMe instance store volumes;
# - Xen-based types: attaching more than 40 volumes to a Linux instance is best effort only.
ATTACH_SOURCE = ("AWS EC2 user guide, Amazon EBS volume limits for Amazon EC2 instances "
                 "(docs.aws.amazon.com/ec2/latest/userguide/volume_limits.html, read 2026-12)")
DEDICATED_FAMILIES = {"m7i", "r7i"}
DEDICATED_BY_SIZE = {"16xlarge": 48, "24xlarge": 64, "32xlarge": 88, "48xlarge": 128,
                     "metal-16xl": 39, "metal-24xl": 39, "metal-32xl": 79, "metal-48xl": 79}
DEDICATED_DEFAULT = 32  # medium to 12xlarge
NITRO_SHARED_LIMIT = 28
XEN_LINUX_LIMIT = 40


def attachments_for(itype, family, nitro):
    if not nitro:
        return {"limit": XEN_LINUX_LIMIT, "kind": "xen-linux",
                "note": "Xen-based: more than 40 EBS volumes on a Linux instance is best effort only"}
    if family in DEDICATED_FAMILIES:
        size = itype.split(".", 1)[1]
        return {"limit": DEDICATED_BY_SIZE.get(size, DEDICATED_DEFAULT), "kind": "dedicated",
                "note": "dedicated EBS volume limit, not shared with network interfaces or instance store"}
    return {"limit": NITRO_SHARED_LIMIT, "kind": "shared",
            "note": "shared between EBS volumes, network interfaces and NVMe instance store volumes"}


# i3 NVMe instance store per size, from AWS's storage-optimized instance pages.
I3_STORE = {
    "i3.large": (1, 475),
    "i3.xlarge": (1, 950),
    "i3.2xlarge": (1, 1900),
    "i3.4xlarge": (2, 1900),
    "i3.8xlarge": (4, 1900),
    "i3.16xlarge": (8, 1900),
    "i3.metal": (8, 1900),
}

# CSV rows whose figures we doubt: (note, confidence). The CSV value is kept.
DOUBTS = {
    "m4.10xlarge": "network_baseline_gbit 5 is carried over from the reference CSV but looks low "
                   "for a '10 Gigabit' type (aws/karpenter-provider-aws lists 10,000 Mbps); check it.",
    "m4.16xlarge": "network_baseline_gbit 5 is carried over from the reference CSV but looks low "
                   "for a '25 Gigabit' type (aws/karpenter-provider-aws lists 25,000 Mbps); check it.",
}

I2_SOURCE = "seed article (Dec 2016) + EC2 user guide 2017"

# The seed's i2 family. EBS figures: the EC2 user guide's table of instances that
# support (but do not default to) EBS optimization; the guide says i2.8xlarge has
# no dedicated EBS bandwidth (EBS shares its 10 Gigabit network interface).
# Columns: type, vcpu, memory GiB, disks, disk GB, network, EBS Mbps, MB/s, IOPS,
#          confidence, note
I2_ROWS = [
    ("i2.xlarge", 4, "30.5", 1, 800, "Moderate", 500, "62.5", 4000, "published",
     "Xen-based previous generation, retired; EBS optimization is optional (extra hourly fee) "
     "and must be enabled to get these EBS figures."),
    ("i2.2xlarge", 8, "61", 2, 800, "High", 1000, "125", 8000, "published",
     "Xen-based previous generation, retired; EBS optimization is optional (extra hourly fee) "
     "and must be enabled to get these EBS figures."),
    ("i2.4xlarge", 16, "122", 4, 800, "High", 2000, "250", 16000, "published",
     "Xen-based previous generation, retired; EBS optimization is optional (extra hourly fee) "
     "and must be enabled to get these EBS figures."),
    ("i2.8xlarge", 32, "244", 8, 800, "10 Gigabit", None, None, None, "published",
     "Xen-based previous generation, retired. Not EBS-optimized: the 2017 user guide lists no "
     "dedicated EBS bandwidth for i2.8xlarge; EBS traffic shares the instance's one 10 Gigabit "
     "network link with all other traffic, so no sustained EBS rate can be promised and irisize "
     "never places a database member on it."),
]

TOP_SOURCES = [
    "awsdocs/amazon-ec2-user-guide@e3707c4 (2023-06) doc_source/*-instances.md and ebs-optimized.md",
    "InterSystems Technologies on Amazon EC2 - Reference Architecture (Dec 2016) for m4/i2",
]

# Amazon EC2 User Guide, "Amazon EBS-optimized instances": an instance whose EBS maximum is a
# burst (max_is_burst) holds it for 30 minutes at least once every 24 hours.
EBS_MAX_BURST_MINUTES_PER_24H = 30

NOTES = (
    "EC2 instance types for IRIS sizing: vCPU, memory, EBS-optimized limits, network and "
    "instance store. EBS bandwidth (*_bandwidth_mbit) is in Mbit/s (megabits per second). EBS "
    "throughput figures (*_throughput_mbps) are AWS's MB/s (10^6 bytes/s) at 128 KiB I/O, not "
    "MiB/s; IOPS at 16 KiB I/O. When max_is_burst is true the maximum holds for only 30 minutes "
    "at least once every 24 hours and the baseline is what the instance sustains; when false the "
    "baseline equals the maximum. network_baseline_gbit is the sustained network bandwidth in "
    "Gbit/s (null where AWS publishes none). nitro is false for the Xen-based m4, i2 and i3 "
    "families (i3.metal excepted: bare metal on Nitro); io1/io2 volumes on an instance not built "
    "on Nitro achieve at most 32,000 IOPS and 500 MiB/s (see the rule sets). ebs_attachments is "
    "how many EBS volumes the instance takes: kind 'shared' counts network interfaces and NVMe "
    "instance store volumes against the limit, 'dedicated' does not, 'xen-linux' is the "
    "best-effort ceiling of Xen-based types on Linux. An ebs object with dedicated false has no "
    "EBS-optimized bandwidth: EBS shares the network link. instance_store is ephemeral (lost on "
    "stop) and never holds the database. Prices are not in this file: see "
    "data/prices/<region>.json. confidence 'published' means the figures were read from the "
    "named AWS or InterSystems document; 'estimate' means at least one figure was filled in (see "
    "the entry's note)."
)


def number(text):
    """A CSV number as int when integral, else float (exact decimal text, no float noise)."""
    value = Decimal(text.strip())
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def gib(text):
    """Memory always as a float (8.0, 15.25)."""
    return float(Decimal(text.strip()))


def nitro_for(itype, family):
    if itype in NITRO_EXCEPTIONS:
        return True
    return family in NITRO_FAMILIES


def entry_note(itype, family):
    if itype in DOUBTS:
        return DOUBTS[itype]
    if itype in NITRO_EXCEPTIONS:
        return "Bare metal on the Nitro system, unlike the other (Xen-based) i3 sizes."
    if family == "i3":
        return "Xen-based (not Nitro); EBS-optimized by default."
    return None


def join_sources(specs, ebs):
    return specs if specs == ebs else "%s; %s" % (specs, ebs)


def from_csv_row(row):
    itype = row["instance_type"].strip()
    family = row["family"].strip()
    if family not in PURPOSE:
        raise SystemExit("unknown family %r in row %s" % (family, itype))
    burst = row["ebs_burst_30min_per_24h"].strip().lower()
    if burst not in ("yes", "no"):
        raise SystemExit("bad ebs_burst_30min_per_24h %r in row %s" % (burst, itype))
    store = None
    if family == "i3":
        disks, disk_gb = I3_STORE[itype]
        store = {"disks": disks, "disk_gb": disk_gb, "media": "nvme-ssd"}
    baseline_net = row["network_baseline_gbps"].strip()
    entry = {
        "type": itype,
        "family": family,
        "purpose": PURPOSE[family],
        "generation": "previous" if family in PREVIOUS_GENERATION else "current",
        "vcpu": number(row["vcpu"]),
        "memory_gib": gib(row["memory_gib"]),
        "nitro": nitro_for(itype, family),
        "ebs": {
            "baseline_bandwidth_mbit": number(row["ebs_baseline_bandwidth_mbps"]),
            "max_bandwidth_mbit": number(row["ebs_max_bandwidth_mbps"]),
            "baseline_throughput_mbps": number(row["ebs_baseline_throughput_MBps"]),
            "max_throughput_mbps": number(row["ebs_max_throughput_MBps"]),
            "baseline_iops": number(row["ebs_baseline_iops"]),
            "max_iops": number(row["ebs_max_iops"]),
            "max_is_burst": burst == "yes",
        },
        "network": row["network_performance"].strip(),
        "network_baseline_gbit": number(baseline_net) if baseline_net else None,
        "instance_store": store,
        "ebs_attachments": attachments_for(itype, family, nitro_for(itype, family)),
        "source": join_sources(row["source_specs"].strip(), row["source_ebs"].strip()),
        "confidence": "estimate" if itype in DOUBTS else "published",
    }
    note = entry_note(itype, family)
    if note:
        entry["note"] = note
    return entry


def i2_entries():
    out = []
    for (itype, vcpu, mem, disks, disk_gb, network, mbps, mbs, iops, confidence, note) in I2_ROWS:
        out.append({
            "type": itype,
            "family": "i2",
            "purpose": PURPOSE["i2"],
            "generation": "previous",
            "vcpu": vcpu,
            "memory_gib": gib(mem),
            "nitro": False,
            "ebs": ({
                "baseline_bandwidth_mbit": mbps,
                "max_bandwidth_mbit": mbps,
                "baseline_throughput_mbps": number(mbs),
                "max_throughput_mbps": number(mbs),
                "baseline_iops": iops,
                "max_iops": iops,
                "max_is_burst": False,
            } if mbps is not None else {
                "dedicated": False,
                "shares": "the instance's 10 Gigabit network link",
            }),
            "network": network,
            "network_baseline_gbit": None,
            "instance_store": {"disks": disks, "disk_gb": disk_gb, "media": "ssd"},
            "ebs_attachments": attachments_for(itype, "i2", False),
            "source": I2_SOURCE,
            "confidence": confidence,
            "note": note,
        })
    return out


def build(csv_path):
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    entries = [from_csv_row(r) for r in rows]
    seen = set()
    for e in entries:
        if e["type"] in seen:
            raise SystemExit("duplicate instance type %s" % e["type"])
        seen.add(e["type"])
    entries.extend(i2_entries())
    order = {fam: i for i, fam in enumerate(FAMILY_ORDER)}
    # sorted() is stable: CSV order is kept within each family.
    entries = sorted(entries, key=lambda e: order[e["family"]])

    sources = list(TOP_SOURCES)
    extra = []
    for r in rows:
        for key in ("source_specs", "source_ebs"):
            s = r[key].strip()
            if s.startswith("awsdocs/amazon-ec2-user-guide@e3707c4"):
                continue
            label = "%s for %s" % (s, r["family"].strip())
            if label not in extra:
                extra.append(label)
    sources.extend(extra)
    sources.append("EC2 user guide (2017) EBS-optimized table for i2; "
                   "AWS storage-optimized instance pages for i2/i3 instance store sizes")
    sources.append(ATTACH_SOURCE + " for ebs_attachments")

    return {
        "schema": 1,
        "kind": "instance-catalog",
        "as_of": AS_OF,
        "source": sources,
        "references": REFERENCES,
        "notes": NOTES,
        "ebs_max_burst_minutes_per_24h": EBS_MAX_BURST_MINUTES_PER_24H,
        "instances": entries,
    }


# The public documents behind the figures, named so that a customer can find them (reports print
# these; "source" above is the file's provenance for its maintainer).
REFERENCES = [
    {"title": "Amazon EC2 Instance Types guide: specifications of the general purpose, memory optimized, "
              "compute optimized and storage optimized instances (AWS)", "as_of": "2026"},
    {"title": "Amazon EC2 User Guide: Amazon EBS-optimized instances (AWS)", "as_of": "2026"},
    {"title": "Amazon EC2 User Guide: Amazon EBS volume limits for Amazon EC2 instances (AWS)", "as_of": "2026-12"},
    {"title": "InterSystems Technologies on Amazon EC2 - Reference Architecture (InterSystems Developer Community): "
              "m4 and i2 instances", "as_of": "2016-12", "families": ["m4", "i2"]},
]


def main(argv):
    if len(argv) != 3:
        sys.stderr.write("usage: %s <aws-ec2-instances.csv> <out.json>\n" % argv[0])
        return 2
    catalog = build(argv[1])
    text = json.dumps(catalog, indent=2, ensure_ascii=False) + "\n"
    with open(argv[2], "w", encoding="utf-8", newline="\n") as f:
        f.write(text)
    sys.stderr.write("wrote %s (%d instance types)\n" % (argv[2], len(catalog["instances"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
