// SPDX-License-Identifier: GPL-3.0-or-later
// Reading an EBS rule set (data/rules/<id>.json) into a RuleSet: each volume type's size,
// IOPS and throughput limits, tiers and burst figures, checked field by field.
//
// Units: the file's "units" object says what its figures are written in (size GiB or GB,
// throughput MiB/s or MB/s, I/O size KiB or KB). The key names carry the default units
// (`per_gib`, `rated_io_kib`, `per_iops_mibps`), but every figure, ratios included, is in the
// file's declared units: under "size": "GB", `iops.per_gib` and `iops.max_per_gib` are IOPS
// per GB, and `throughput.provisioned.max_per_iops` is in the file's throughput unit per IOPS.
// Each figure becomes a quantity here, once.
#include "irisize/data/rule_set.hpp"

#include <fmt/format.h>

#include "detail/json_read.hpp"

namespace irisize {

using detail::FieldError;
using detail::Obj;
namespace u = units;

const VolumeTypeRules* RuleSet::find(std::string_view type) const {
    for (const auto& t : types)
        if (detail::same_text(t.type, type)) // short names: no call to memcmp
            return &t;
    return nullptr;
}

std::vector<std::string> RuleSet::type_names() const {
    std::vector<std::string> names;
    names.reserve(types.size());
    for (const auto& t : types)
        names.push_back(t.type);
    return names;
}

namespace {

// The unit words a data file may use; each maps to a constructor from units.hpp.
struct FileUnits {
    u::capacity (*size)(double) = &u::GiB;
    u::io_density (*per_size)(double) = &u::iops_per_GiB; ///< IOPS per size unit
    u::throughput (*tput)(double) = &u::MiBps;
    u::io_size (*io)(double) = &u::KiB_per_io;

    /// Throughput per IOPS (MiB/s per IOPS in the default units) as bytes per operation.
    [[nodiscard]] u::io_size tput_per_iops(double v) const { return tput(v) / u::iops(1); }
};

FileUnits read_units(const Obj& doc) {
    FileUnits fu;
    auto un = doc.opt_obj("units");
    if (!un)
        return fu;
    const auto size = un->string_or("size", "GiB");
    if (size == "GiB") {
        fu.size = &u::GiB;
        fu.per_size = &u::iops_per_GiB;
    } else if (size == "GB") {
        fu.size = &u::GB;
        fu.per_size = &u::iops_per_GB;
    } else
        throw FieldError(un->field("size"), fmt::format("unknown unit '{}' (GiB or GB)", size));
    const auto tput = un->string_or("throughput", "MiB/s");
    if (tput == "MiB/s")
        fu.tput = &u::MiBps;
    else if (tput == "MB/s")
        fu.tput = &u::MBps;
    else
        throw FieldError(un->field("throughput"), fmt::format("unknown unit '{}' (MiB/s or MB/s)", tput));
    const auto io = un->string_or("io_size", "KiB");
    if (io == "KiB")
        fu.io = &u::KiB_per_io;
    else if (io == "KB")
        fu.io = &u::KB_per_io;
    else
        throw FieldError(un->field("io_size"), fmt::format("unknown unit '{}' (KiB or KB)", io));
    return fu;
}

double positive(const Obj& o, std::string_view key) {
    const double v = o.number(key);
    if (v <= 0)
        throw FieldError(o.field(key), fmt::format("must be greater than zero, found {}", v));
    return v;
}

IopsMode read_mode(const Obj& o) {
    const auto m = o.string("mode");
    if (m == "size-based")
        return IopsMode::SizeBased;
    if (m == "provisioned")
        return IopsMode::Provisioned;
    if (m == "included-plus-provisioned")
        return IopsMode::IncludedPlusProvisioned;
    if (m == "throughput-based")
        return IopsMode::ThroughputBased;
    throw FieldError(o.field("mode"), fmt::format("unknown IOPS mode '{}' (size-based, provisioned, "
                                                  "included-plus-provisioned or throughput-based)",
                                                  m));
}

VolumeTypeRules read_type(const Obj& o, const FileUnits& fu) {
    VolumeTypeRules t;
    t.type = o.string("type");
    t.name = o.string_or("name", t.type);
    t.media = o.string_or("media", "ssd");
    t.notes = o.string_or("notes", "");
    t.random_io = o.opt_bool("random_io").value_or(true);
    t.rated_io_size = fu.io(positive(o, "rated_io_kib"));

    const auto size = o.obj("size");
    t.min_size = fu.size(positive(size, "min"));
    t.max_size = fu.size(positive(size, "max"));
    if (t.max_size < t.min_size)
        throw FieldError(size.field("max"), "is below size.min");

    const auto io = o.obj("iops");
    t.iops_mode = read_mode(io);
    switch (t.iops_mode) {
    case IopsMode::SizeBased:
        t.iops_per_size = fu.per_size(io.number_or("per_gib", 0));
        t.iops_min = u::iops(positive(io, "min"));
        t.iops_max = u::iops(positive(io, "max"));
        break;
    case IopsMode::Provisioned:
        t.iops_min = u::iops(positive(io, "min"));
        t.iops_max = u::iops(positive(io, "max"));
        t.max_iops_per_size = fu.per_size(positive(io, "max_per_gib"));
        break;
    case IopsMode::IncludedPlusProvisioned:
        t.iops_included = u::iops(positive(io, "included"));
        t.iops_min = t.iops_included;
        t.iops_max = u::iops(positive(io, "max"));
        t.max_iops_per_size = fu.per_size(positive(io, "max_per_gib"));
        break;
    case IopsMode::ThroughputBased:
        t.iops_max = u::iops(positive(io, "max"));
        break;
    }
    if (auto n = io.opt_number("max_without_nitro"))
        t.max_iops_without_nitro = u::iops(*n);
    if (auto wn = o.opt_obj("without_nitro")) {
        // What the type achieves on an instance not built on Nitro (AWS: io1/io2 at most 32,000 IOPS, 500 MiB/s).
        t.achievable_iops_without_nitro = u::iops(positive(*wn, "achievable_iops"));
        t.achievable_throughput_without_nitro = fu.tput(positive(*wn, "achievable_throughput"));
    }

    if (auto b = o.opt_obj("burst")) {
        t.burst_iops = u::iops(positive(*b, "iops"));
        if (auto c = b->opt_number("bucket_credits"))
            t.burst_bucket = u::operations(*c);
        if (auto s = b->opt_number("applies_below_size"))
            t.burst_applies_below = fu.size(*s);
    }

    const auto tp = o.obj("throughput");
    int kinds = 0;
    if (tp.has("size_tiers")) {
        ++kinds;
        const auto& arr = tp.array("size_tiers");
        for (std::size_t i = 0; i < arr.size(); ++i) {
            Obj tier(arr[i], tp.field("size_tiers") + "[" + std::to_string(i) + "]");
            SizeTier st{std::nullopt, fu.tput(positive(tier, "sustained")), std::nullopt};
            if (auto m = tier.opt_number("max_size"))
                st.max_size = fu.size(*m);
            if (auto b = tier.opt_number("burst"))
                st.burst = fu.tput(*b);
            t.size_tiers.push_back(st);
        }
        if (t.size_tiers.empty() || t.size_tiers.back().max_size)
            throw FieldError(tp.field("size_tiers"), "must end with a tier without max_size");
        if (auto k = tp.opt_number("per_iops_io_kib"))
            t.size_tier_io_size = fu.io(*k);
    }
    if (tp.has("per_iops_tiers")) {
        ++kinds;
        const auto& arr = tp.array("per_iops_tiers");
        for (std::size_t i = 0; i < arr.size(); ++i) {
            Obj tier(arr[i], tp.field("per_iops_tiers") + "[" + std::to_string(i) + "]");
            IopsTier it{std::nullopt, u::KiB_per_io(0), fu.tput(positive(tier, "max"))};
            if (auto k = tier.opt_number("io_kib"))
                it.io_size = fu.io(*k);
            else if (auto r = tier.opt_number("per_iops_mibps"))
                it.io_size = fu.tput_per_iops(*r);
            else
                throw FieldError(tier.path(), "needs io_kib or per_iops_mibps");
            if (auto m = tier.opt_number("max_iops"))
                it.max_iops = u::iops(*m);
            t.iops_tiers.push_back(it);
        }
        if (t.iops_tiers.empty() || t.iops_tiers.back().max_iops)
            throw FieldError(tp.field("per_iops_tiers"), "must end with a tier without max_iops");
    }
    if (auto p = tp.opt_obj("provisioned")) {
        ++kinds;
        t.tput_included = fu.tput(positive(*p, "included"));
        t.tput_max = fu.tput(positive(*p, "max"));
        t.tput_max_per_iops = fu.tput_per_iops(positive(*p, "max_per_iops"));
    }
    if (auto p = tp.opt_obj("per_tib")) {
        ++kinds;
        t.tput_per_tib_sustained = fu.tput(positive(*p, "sustained"));
        t.tput_per_tib_burst = fu.tput(positive(*p, "burst"));
        t.tput_max = fu.tput(positive(*p, "max"));
    }
    if (auto p = tp.opt_obj("fixed")) {
        ++kinds;
        t.tput_fixed_sustained = fu.tput(positive(*p, "sustained"));
        t.tput_max = fu.tput(positive(*p, "burst"));
    }
    if (kinds != 1)
        throw FieldError(tp.path(), "must describe throughput in exactly one way "
                                    "(size_tiers, per_iops_tiers, provisioned, per_tib or fixed)");
    return t;
}

} // namespace

Result<RuleSet> parse_rule_set(const nlohmann::json& json, const std::string& origin) {
    return detail::guarded<RuleSet>(origin, [&]() -> Result<RuleSet> {
        Obj doc(json, "");
        if (doc.number("schema") != 1)
            throw FieldError("schema", "must be 1 (this irisize reads rule-set schema 1)");
        if (doc.has("kind") && doc.string("kind") != "ebs-rule-set")
            throw FieldError("kind", fmt::format("must be 'ebs-rule-set', found '{}'", doc.string("kind")));
        RuleSet rs;
        rs.id = doc.string("id");
        rs.title = doc.string_or("title", rs.id);
        rs.as_of = doc.string("as_of");
        rs.source = doc.strings("source");
        if (rs.source.empty())
            throw FieldError("source", "must name at least one source");
        rs.unit_note = doc.string_or("unit_note", "");
        rs.is_default = doc.opt_bool("default").value_or(false);
        const auto fu = read_units(doc);
        const auto& arr = doc.array("volume_types");
        for (std::size_t i = 0; i < arr.size(); ++i) {
            Obj t(arr[i], "volume_types[" + std::to_string(i) + "]");
            rs.types.push_back(read_type(t, fu));
            for (std::size_t k = 0; k + 1 < rs.types.size(); ++k)
                if (rs.types[k].type == rs.types.back().type)
                    throw FieldError(t.field("type"), fmt::format("'{}' appears twice", rs.types.back().type));
        }
        return rs;
    });
}

} // namespace irisize
