#!/usr/bin/env python3
"""Build data/prices/<region>.json (on-demand list prices) for irisize.

Usage: make-price-files.py <aws-ec2-instances.csv> <ec2-on-demand-2024-04-04.csv> <output-dir>

Instance prices, all published: us-east-1 from the first CSV's price column (AWS's price
list of 2026-07-20), except the types whose figure there is not a shared-tenancy price and
the i2 family, which it lacks; those, and every price of the other regions, from the second
CSV (tools/ec2-on-demand-2024-04-04.csv: AWS's on-demand prices as ec2instances.info copied
them on 2024-04-04, the same as the 2026 list in us-east-1 for every non-metal type).
EBS, snapshot and transfer prices
come from the reference notes (FACTS.md section 4); where a region's figure is not
published there it is derived from us-east-1 and marked as an estimate. Every derived
figure is listed in the file's "estimates" array.

Standard library only; the output is deterministic (same input, same bytes).
Decimal arithmetic keeps derived prices free of binary floating-point noise.
"""

import csv
import json
import re
import os
import sys
from decimal import ROUND_HALF_UP, Decimal

D = Decimal
INSTANCE_AS_OF = "2026-07-20"
HOURS_PER_MONTH = 730
INSTANCE_SOURCE = "aws/karpenter-provider-aws zz_generated.pricing_aws.go generated 2026-07-20"
FACTS_SOURCE = "irisize reference notes (FACTS.md section 4): AWS EBS and data-transfer pricing pages"

# The i2 family (not in the first CSV): a previous generation, still listed by AWS.
I2_TYPES = ["i2.xlarge", "i2.2xlarge", "i2.4xlarge", "i2.8xlarge"]
I2_NOTE = "i2 is a previous-generation family, kept for the seed article's rule set; AWS still lists its price"
# In the first CSV (karpenter's table) these are dedicated-tenancy bare-metal prices, which
# karpenter lays over the shared ones: the shared-tenancy figure comes from the second CSV.
DEDICATED_IN_FIRST_CSV = ["m7i.metal-24xl", "r7i.metal-24xl"]
REGIONAL_AS_OF = "2024-04-04"
REGIONAL_SOURCE = ("vantage-sh/ec2instances.info commit a19cd859 (2024-04-04), opszero-app instance list")
REGIONAL_TITLE = ("AWS Price List for Amazon EC2: On-Demand Linux shared-tenancy instance prices, %s, as copied "
                  "from AWS's offer files by ec2instances.info (github.com/vantage-sh/ec2instances.info, commit "
                  "a19cd859, pull request #735)")

REGIONS = [
    {"region": "us-east-1", "name": "US East (N. Virginia)", "azs": "abcdf", "transfer_out": "0.02"},
    {"region": "us-west-2", "name": "US West (Oregon)", "azs": "abcd", "transfer_out": "0.02"},
    {"region": "eu-west-1", "name": "Europe (Ireland)", "azs": "abc", "transfer_out": "0.02"},
    {"region": "eu-central-1", "name": "Europe (Frankfurt)", "azs": "abc", "transfer_out": "0.02"},
    {"region": "ap-southeast-2", "name": "Asia Pacific (Sydney)", "azs": "abc", "transfer_out": "0.098"},
]

CROSS_AZ = "0.01"
TRANSFER_AS_OF = "2024"

# us-east-1 EBS list prices (USD). io2 IOPS tiers: up to 32,000; 32,001-64,000; above.
US_EAST_1 = {
    "gp2": {"gib": "0.10"},
    "gp3": {"gib": "0.08", "iops": "0.005", "mibps": "0.04"},
    "io1": {"gib": "0.125", "iops": "0.065"},
    "io2": {"gib": "0.125", "tiers": ["0.065", "0.0455", "0.03185"]},
    "st1": {"gib": "0.045"},
    "sc1": {"gib": "0.015"},
    "standard": {"gib": "0.05", "mio": "0.05"},
    "snapshot": {"gib": "0.05", "archive": "0.0125"},
}

# eu-west-1 figures published in the reference notes (2021).
EU_WEST_1 = {
    "gp2": {"gib": "0.11"},
    "gp3": {"gib": "0.088", "iops": "0.0055", "mibps": "0.044"},
    "io1": {"gib": "0.138", "iops": "0.072"},
    "st1": {"gib": "0.050"},
    "sc1": {"gib": "0.0168"},
    "snapshot": {"gib": "0.05"},
}

# eu-central-1 gp3 published in the reference notes (2021).
EU_CENTRAL_1_GP3 = {"gib": "0.0952", "iops": "0.006", "mibps": "0.0476"}

IO2_TIER_LIMITS = [32000, 64000, None]
VOLUME_ORDER = ["gp2", "gp3", "io1", "io2", "st1", "sc1", "standard"]


def rounded(value, places=6):
    """Decimal rounded half-up to `places` decimals, trailing zeros dropped."""
    return D(value).quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP).normalize()


def num(value, places=6):
    """Decimal -> JSON number rounded to `places` decimals; int when integral."""
    q = rounded(value, places)
    if q == q.to_integral_value():
        return int(q)
    return float(q)


def fmt(value):
    """Decimal -> short text (rounded to 6 decimals) for the estimates list."""
    return format(rounded(value), "f")


def volume_entry(vtype, figures, confidence):
    f = {k: (D(v) if not isinstance(v, list) else [D(x) for x in v]) for k, v in figures.items()}
    out = {"usd_per_gib_month": num(f["gib"])}
    if vtype == "gp3":
        out["usd_per_iops_month"] = num(f["iops"])
        out["usd_per_mibps_month"] = num(f["mibps"])
    elif vtype == "io1":
        out["usd_per_iops_month"] = num(f["iops"])
    elif vtype == "io2":
        out["iops_tiers"] = [
            {"up_to": limit, "usd_per_iops_month": num(price)}
            for limit, price in zip(IO2_TIER_LIMITS, f["tiers"])
        ]
    elif vtype == "standard":
        out["usd_per_million_io"] = num(f["mio"])
    out["confidence"] = confidence
    return out


def scaled(figures, factor):
    out = {}
    for k, v in figures.items():
        if isinstance(v, list):
            out[k] = [D(x) * factor for x in v]
        else:
            out[k] = D(v) * factor
    return out


def describe(vtype, figures):
    """Human-readable list of a volume type's figures, for the estimates array."""
    parts = ["$%s/GiB-month" % fmt(figures["gib"])]
    if "iops" in figures:
        parts.append("$%s/IOPS-month" % fmt(figures["iops"]))
    if "mibps" in figures:
        parts.append("$%s per MiB/s-month" % fmt(figures["mibps"]))
    if "tiers" in figures:
        parts.append("IOPS tiers $%s" % " / $".join(fmt(t) for t in figures["tiers"]))
    if "mio" in figures:
        parts.append("$%s per million I/O" % fmt(figures["mio"]))
    if "archive" in figures:
        parts.append("archive $%s/GiB-month" % fmt(figures["archive"]))
    return "%s %s" % (vtype, ", ".join(parts))


def describe_snapshot(figures):
    return "Snapshots $%s/GiB-month, archive $%s/GiB-month" % (fmt(figures["gib"]), fmt(figures["archive"]))


def read_us_east_1_prices(csv_path):
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    prices = []
    for r in rows:
        text = r["ondemand_linux_usd_hr_us_east_1"].strip()
        if not text:
            raise SystemExit("missing price for %s" % r["instance_type"])
        prices.append((r["instance_type"].strip(), D(text)))
    return prices


def read_regional_prices(csv_path):
    """{(region, instance type): Decimal} from the second CSV (lines starting with # are notes)."""
    with open(csv_path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(line for line in f if not line.startswith("#")))
    return {(r["region"], r["instance_type"]): D(r["usd_per_hour"]) for r in rows}


def instance_prices(region, base, regional):
    """The region's prices in the first CSV's order, then i2; each entry published. In
    us-east-1 an entry read from the second CSV names its reference (the others use the
    file's instance_references)."""
    def regional_price(itype):
        if (region, itype) not in regional:
            raise SystemExit("no %s price for %s in the regional CSV" % (region, itype))
        return regional[(region, itype)]
    out = {}
    for itype, price in base:
        if region != "us-east-1":
            out[itype] = {"usd_per_hour": num(regional_price(itype)), "confidence": "published"}
        elif itype in DEDICATED_IN_FIRST_CSV:
            out[itype] = {"usd_per_hour": num(regional_price(itype)), "confidence": "published",
                          "references": ["ec2-price-list-2024-copy"]}
        else:
            out[itype] = {"usd_per_hour": num(price), "confidence": "published"}
    for itype in I2_TYPES:
        out[itype] = {"usd_per_hour": num(regional_price(itype)), "confidence": "published", "note": I2_NOTE}
        if region == "us-east-1":
            out[itype]["references"] = ["ec2-price-list-2024-copy"]
    return out


def storage_sections(region):
    """Returns (ebs dict, snapshot dict, estimates list, source lines) for a region."""
    estimates = []
    ebs = {}
    if region == "us-east-1":
        ebs["as_of"] = "2024"
        for v in VOLUME_ORDER:
            ebs[v] = volume_entry(v, US_EAST_1[v], "published")
        snap = US_EAST_1["snapshot"]
        snapshot = {"as_of": "2024", "usd_per_gib_month": num(D(snap["gib"])),
                    "archive_usd_per_gib_month": num(D(snap["archive"])), "confidence": "published"}
        return ebs, snapshot, estimates

    if region == "us-west-2":
        ebs["as_of"] = "2024"
        for v in VOLUME_ORDER:
            ebs[v] = volume_entry(v, US_EAST_1[v], "estimate")
            estimates.append("EBS %s: copied from us-east-1 (AWS lists us-west-2 EBS at the us-east-1 "
                             "price)" % describe(v, US_EAST_1[v]))
        snap = US_EAST_1["snapshot"]
        snapshot = {"as_of": "2024", "usd_per_gib_month": num(D(snap["gib"])),
                    "archive_usd_per_gib_month": num(D(snap["archive"])), "confidence": "estimate"}
        estimates.append("%s: copied from us-east-1" % describe_snapshot(snap))
        return ebs, snapshot, estimates

    if region == "eu-west-1":
        ebs["as_of"] = "2021"
        for v in VOLUME_ORDER:
            if v in EU_WEST_1:
                ebs[v] = volume_entry(v, EU_WEST_1[v], "published")
            elif v == "io2":
                # Storage at the io1 price (as in us-east-1); first IOPS tier at the io1
                # IOPS price; each further tier 70 % of the one before (the us-east-1 steps).
                t1 = D(EU_WEST_1["io1"]["iops"])
                figs = {"gib": D(EU_WEST_1["io1"]["gib"]),
                        "tiers": [t1, t1 * D("0.7"), t1 * D("0.7") * D("0.7")]}
                ebs[v] = volume_entry(v, figs, "estimate")
                estimates.append("EBS %s: GiB and first IOPS tier at the eu-west-1 io1 prices; tiers 2 "
                                 "and 3 are 70 %% steps as in us-east-1" % describe(v, figs))
            elif v == "standard":
                figs = scaled(US_EAST_1[v], D("1.1"))
                ebs[v] = volume_entry(v, figs, "estimate")
                estimates.append("EBS %s: us-east-1 x 1.1 (the eu-west-1/us-east-1 gp2 ratio)"
                                 % describe(v, figs))
        archive = D(US_EAST_1["snapshot"]["archive"]) * D("1.1")
        snapshot = {"as_of": "2021", "usd_per_gib_month": num(D(EU_WEST_1["snapshot"]["gib"])),
                    "archive_usd_per_gib_month": num(archive), "confidence": "estimate"}
        estimates.append("Snapshot archive $%s/GiB-month: us-east-1 x 1.1; the standard snapshot "
                         "price $0.05 is published (2021) but the entry is marked estimate because "
                         "of the archive figure" % fmt(archive))
        return ebs, snapshot, estimates

    if region == "eu-central-1":
        factor = D("1.19")
        ebs["as_of"] = "2021"
        for v in VOLUME_ORDER:
            if v == "gp3":
                ebs[v] = volume_entry(v, EU_CENTRAL_1_GP3, "published")
            else:
                figs = scaled(US_EAST_1[v], factor)
                ebs[v] = volume_entry(v, figs, "estimate")
                estimates.append("EBS %s: us-east-1 x 1.19 (the eu-central-1/us-east-1 gp3 ratio)"
                                 % describe(v, figs))
        figs = scaled(US_EAST_1["snapshot"], factor)
        snapshot = {"as_of": "2021", "usd_per_gib_month": num(figs["gib"]),
                    "archive_usd_per_gib_month": num(figs["archive"]), "confidence": "estimate"}
        estimates.append("%s: us-east-1 x 1.19" % describe_snapshot(figs))
        return ebs, snapshot, estimates

    if region == "ap-southeast-2":
        factor = D("1.2")
        ebs["as_of"] = "2024"
        for v in VOLUME_ORDER:
            figs = scaled(US_EAST_1[v], factor)
            ebs[v] = volume_entry(v, figs, "estimate")
            estimates.append("EBS %s: us-east-1 x 1.2 (assumed Sydney premium)" % describe(v, figs))
        figs = scaled(US_EAST_1["snapshot"], factor)
        snapshot = {"as_of": "2024", "usd_per_gib_month": num(figs["gib"]),
                    "archive_usd_per_gib_month": num(figs["archive"]), "confidence": "estimate"}
        estimates.append("%s: us-east-1 x 1.2" % describe_snapshot(figs))
        return ebs, snapshot, estimates

    raise SystemExit("no storage prices for region %s" % region)


def build_region(spec, base_prices, regional):
    region = spec["region"]
    ebs, snapshot, storage_estimates = storage_sections(region)

    estimates = list(storage_estimates)
    if region == "us-east-1":
        sources = [INSTANCE_SOURCE + " (us-east-1 instance prices)",
                   REGIONAL_SOURCE + ": i2, %s shared-tenancy prices" % " and ".join(DEDICATED_IN_FIRST_CSV)]
    else:
        sources = [REGIONAL_SOURCE + ": %s on-demand Linux instance prices (its us-east-1 figures equal the "
                   "2026-07-20 karpenter table for all 83 non-metal types)" % region]
    sources.append(FACTS_SOURCE)

    return {
        "schema": 1,
        "kind": "price-list",
        "region": region,
        "region_name": spec["name"],
        "availability_zones": [region + letter for letter in spec["azs"]],
        "currency": "USD",
        "term": "on-demand",
        "hours_per_month": HOURS_PER_MONTH,
        "as_of": INSTANCE_AS_OF if region == "us-east-1" else REGIONAL_AS_OF,  # the instance prices' date
        "source": sources,
        "instances": instance_prices(region, base_prices, regional),
        "ebs": ebs,
        "snapshot": snapshot,
        "transfer": {
            "as_of": TRANSFER_AS_OF,
            "inter_region_out_usd_per_gb": num(D(spec["transfer_out"])),
            "cross_az_usd_per_gb": num(D(CROSS_AZ)),
            "confidence": "published",
        },
        "connectivity": connectivity(region, estimates),
        "estimates": estimates,
    }


# Hybrid sites: the link from the data centre to the VPC, and the journal stream coming in over it.
CONNECTIVITY_AS_OF = "2026-09-20"
VPN_USD_PER_HOUR = "0.05"
# Regions whose VPN connection-hour figure was read from an AWS bill line or price-list usage type
# (VPN-Usage-Hours:ipsec.1); the others carry the same figure as an estimate.
VPN_READ = {"us-east-1", "us-west-2", "ap-southeast-2"}
DIRECT_CONNECT_1G_USD_PER_HOUR = "0.30"


def connectivity(region, estimates):
    vpn_read = region in VPN_READ
    if not vpn_read:
        estimates.append("VPN connection $0.05/hour: as billed in us-east-1, us-west-2 and ap-southeast-2; not "
                         "confirmed for this region")
    return {
        "as_of": CONNECTIVITY_AS_OF,
        "vpn_connection_usd_per_hour": num(D(VPN_USD_PER_HOUR)),
        "vpn_confidence": "published" if vpn_read else "estimate",
        "direct_connect_1g_port_usd_per_hour": num(D(DIRECT_CONNECT_1G_USD_PER_HOUR)),
        "transfer_in_usd_per_gb": 0,
        "confidence": "published",
    }


US_EAST_NAME = "US East (N. Virginia)"


def add_references(d):
    """Adds the public documents behind the prices, named so that a customer can find them
    ("references", by id), and points every priced entry at those it was read from or estimated
    with. The "source" lines stay for the file's maintainer; reports print the references."""
    region, name = d["region"], d["region_name"]
    refs = {}
    inst_refs = ["ec2-price-list"]
    if region == "us-east-1":
        refs["ec2-price-list"] = {"title": "AWS Price List for Amazon EC2: On-Demand Linux instance prices, %s"
                                  % US_EAST_NAME, "as_of": d["as_of"]}
        refs["ec2-price-list-2024-copy"] = {
            "title": (REGIONAL_TITLE % US_EAST_NAME) + ": the i2 sizes, still listed, and %s, whose figures in "
                     "the 2026-07-20 source are dedicated-tenancy prices" % " and ".join(DEDICATED_IN_FIRST_CSV),
            "as_of": REGIONAL_AS_OF}
    else:
        refs["ec2-price-list"] = {"title": REGIONAL_TITLE % name, "as_of": REGIONAL_AS_OF}
    ebs = d["ebs"]
    refs["ebs-pricing"] = {"title": "Amazon EBS pricing page: volumes and snapshots, %s" % name,
                           "as_of": str(ebs.get("as_of", d["as_of"]))}
    notes = {}
    for e in d["estimates"]:
        m = re.match(r"EBS (\w+) ", e)
        if m:
            notes[m.group(1)] = e
        elif e.startswith("Snapshot"):
            notes["snapshot"] = e
    for k, v in ebs.items():
        if not isinstance(v, dict):
            continue
        if v.get("confidence") == "published":
            v["references"] = ["ebs-pricing"]
            continue
        rid = "ebs-%s-estimate" % k
        note = re.sub(r"^EBS \w+ ", "", notes.get(k, "estimated from the %s price" % US_EAST_NAME))
        where = US_EAST_NAME if ("us-east-1" in note or region == "us-west-2" or "x 1." in note) else name
        refs[rid] = {"title": "Amazon EBS pricing page: volumes, %s" % where, "as_of": "2024",
                     "estimate": "%s %s" % (k, note)}
        v["references"] = [rid]
    snap = d["snapshot"]
    if snap["confidence"] == "published":
        snap["references"] = ["ebs-pricing"]
    else:
        where = name if region == "eu-west-1" else US_EAST_NAME
        refs["snapshot-estimate"] = {"title": "Amazon EBS pricing page: snapshots, %s" % where,
                                     "as_of": str(snap.get("as_of")),
                                     "estimate": notes.get("snapshot", "estimated")}
        snap["references"] = ["snapshot-estimate"]
    refs["data-transfer-pricing"] = {"title": "Amazon EC2 On-Demand pricing page: data transfer, %s" % name,
                                     "as_of": str(d["transfer"].get("as_of"))}
    d["transfer"]["references"] = ["data-transfer-pricing"]
    c = d["connectivity"]
    refs["vpn-pricing"] = {"title": "AWS Site-to-Site VPN pricing: VPN connection-hour (price list usage type "
                                    "VPN-Usage-Hours:ipsec.1), %s" % name, "as_of": "2026"}
    if c["vpn_confidence"] != "published":
        refs["vpn-pricing"]["estimate"] = ("the $0.05 per connection-hour billed in US East (N. Virginia), US West "
                                           "(Oregon) and Asia Pacific (Sydney); not confirmed for this region")
    refs["direct-connect-pricing"] = {"title": "AWS Direct Connect pricing page: dedicated 1 Gbps port-hour; data "
                                               "transfer in $0.00 per GB", "as_of": CONNECTIVITY_AS_OF}
    refs["transfer-in"] = {"title": "AWS Architecture Blog, Overview of Data Transfer Costs for Common Architectures: "
                                    "\"There is no charge for inbound data transfer across all services in all Regions\"",
                           "as_of": "2021"}
    c["vpn_references"] = ["vpn-pricing"]
    c["direct_connect_references"] = ["direct-connect-pricing"]
    c["transfer_in_references"] = ["transfer-in"]
    out = {}
    for k, v in d.items():
        out[k] = v
        if k == "source":
            out["references"] = refs
            out["instance_references"] = inst_refs
    return out


def main(argv):
    if len(argv) != 4:
        sys.stderr.write("usage: %s <aws-ec2-instances.csv> <ec2-on-demand-2024-04-04.csv> <output-dir>\n" % argv[0])
        return 2
    base = read_us_east_1_prices(argv[1])
    regional = read_regional_prices(argv[2])
    os.makedirs(argv[3], exist_ok=True)
    for spec in REGIONS:
        doc = add_references(build_region(spec, base, regional))
        path = os.path.join(argv[3], spec["region"] + ".json")
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
        sys.stderr.write("wrote %s (%d instance prices)\n" % (path, len(doc["instances"])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
