// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file units.hpp
/// The quantities the sizing domain speaks, named once with Boost.Units so that a unit
/// mistake (adding IOPS to MiB/s, a monthly price to an hourly one) is a compile error.
///
/// The system has four base units: the byte (information), the second (time), the I/O
/// operation (its own dimension, so IOPS never mixes with hertz) and the US dollar (money,
/// its own dimension). Quantities are stored as doubles in those base units; the helper
/// functions below build them from, and read them back in, the units people write:
/// GiB and GB, MiB/s and MB/s, KiB, IOPS, IOPS per GiB, USD per month.
///
/// Binary and decimal prefixes are explicit: `GiB(1)` is 2^30 bytes, `GB(1)` is 10^9 bytes.
/// The billing month is not a constant here: AWS bills a month as a number of hours that
/// the price data carries (`hours_per_month`); `billing_month(hours)` turns it into a time.

#include <boost/units/base_dimension.hpp>
#include <boost/units/base_unit.hpp>
#include <boost/units/base_units/information/byte.hpp>
#include <boost/units/base_units/si/second.hpp>
#include <boost/units/derived_dimension.hpp>
#include <boost/units/make_system.hpp>
#include <boost/units/physical_dimensions/information.hpp>
#include <boost/units/physical_dimensions/time.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/unit.hpp>

namespace irisize::units {

namespace bu = boost::units;

/// Dimension of a count of I/O operations.
struct io_base_dimension : bu::base_dimension<io_base_dimension, 31001> {};
/// Dimension of money.
struct money_base_dimension : bu::base_dimension<money_base_dimension, 31002> {};

using io_dimension = io_base_dimension::dimension_type;
using money_dimension = money_base_dimension::dimension_type;

/// One I/O operation.
struct operation_base_unit : bu::base_unit<operation_base_unit, io_dimension, 31003> {
    static const char* name() { return "I/O operation"; }
    static const char* symbol() { return "op"; }
};
/// One US dollar.
struct usd_base_unit : bu::base_unit<usd_base_unit, money_dimension, 31004> {
    static const char* name() { return "US dollar"; }
    static const char* symbol() { return "USD"; }
};

using system = bu::make_system<bu::information::byte_base_unit, bu::si::second_base_unit, operation_base_unit,
                               usd_base_unit>::type;

using information_dimension = bu::information_dimension;
using time_dimension = bu::time_dimension;

// Dimensions derived from the base ones.
using throughput_dimension =
    bu::derived_dimension<bu::information_base_dimension, 1, bu::time_base_dimension, -1>::type;
using io_rate_dimension = bu::derived_dimension<io_base_dimension, 1, bu::time_base_dimension, -1>::type;
using io_size_dimension = bu::derived_dimension<bu::information_base_dimension, 1, io_base_dimension, -1>::type;
using cost_rate_dimension = bu::derived_dimension<money_base_dimension, 1, bu::time_base_dimension, -1>::type;
/// USD per (byte x second): the shape of "USD per GiB-month".
using storage_price_dimension = bu::derived_dimension<money_base_dimension, 1, bu::information_base_dimension, -1,
                                                      bu::time_base_dimension, -1>::type;
/// USD per operation: the shape of "USD per IOPS-month" (IOPS x month = operations).
using iops_price_dimension = bu::derived_dimension<money_base_dimension, 1, io_base_dimension, -1>::type;
/// USD per byte: the shape of "USD per MiB/s-month" and of "USD per GB transferred".
using byte_price_dimension = bu::derived_dimension<money_base_dimension, 1, bu::information_base_dimension, -1>::type;
/// Operations per second per byte: the shape of "IOPS per GiB" (an EBS volume's ratio).
using io_density_dimension = bu::derived_dimension<io_base_dimension, 1, bu::time_base_dimension, -1,
                                                   bu::information_base_dimension, -1>::type;

template <class Dim>
using q = bu::quantity<bu::unit<Dim, system>, double>;

using capacity = q<information_dimension>;        ///< bytes; written in GiB
using duration = q<time_dimension>;               ///< seconds
using throughput = q<throughput_dimension>;       ///< bytes per second; written in MiB/s
using io_rate = q<io_rate_dimension>;             ///< operations per second (IOPS)
using io_count = q<io_dimension>;                 ///< operations
using io_size = q<io_size_dimension>;             ///< bytes per operation; written in KiB
using money = q<money_dimension>;                 ///< USD
using cost_rate = q<cost_rate_dimension>;         ///< USD per second; written per hour or per month
using storage_price = q<storage_price_dimension>; ///< USD per GiB-month
using iops_price = q<iops_price_dimension>;       ///< USD per IOPS-month
using byte_price = q<byte_price_dimension>;       ///< USD per MiB/s-month or per GB transferred
using io_density = q<io_density_dimension>;       ///< IOPS per byte; written per GiB

namespace detail {
inline constexpr double kib = 1024.0;
inline constexpr double mib = 1024.0 * 1024.0;
inline constexpr double gib = 1024.0 * 1024.0 * 1024.0;
inline constexpr double tib = gib * 1024.0;
inline constexpr double kb = 1e3;
inline constexpr double mb = 1e6;
inline constexpr double gb = 1e9;
inline constexpr double seconds_per_hour = 3600.0;

template <class Q>
constexpr Q make(double base_value) {
    return Q::from_value(base_value);
}
} // namespace detail

// --- constructors -------------------------------------------------------------------------
inline constexpr capacity bytes(double v) {
    return detail::make<capacity>(v);
}
inline constexpr capacity KiB(double v) {
    return detail::make<capacity>(v * detail::kib);
}
inline constexpr capacity MiB(double v) {
    return detail::make<capacity>(v * detail::mib);
}
inline constexpr capacity GiB(double v) {
    return detail::make<capacity>(v * detail::gib);
}
inline constexpr capacity TiB(double v) {
    return detail::make<capacity>(v * detail::tib);
}
inline constexpr capacity GB(double v) {
    return detail::make<capacity>(v * detail::gb);
}
inline constexpr capacity MB(double v) {
    return detail::make<capacity>(v * detail::mb);
}

inline constexpr duration seconds(double v) {
    return detail::make<duration>(v);
}
inline constexpr duration minutes(double v) {
    return detail::make<duration>(v * 60.0);
}
inline constexpr duration hours(double v) {
    return detail::make<duration>(v * detail::seconds_per_hour);
}
/// The billing month: AWS's hours per month come from the price data.
inline constexpr duration billing_month(double hours_per_month) {
    return hours(hours_per_month);
}

inline constexpr throughput MiBps(double v) {
    return detail::make<throughput>(v * detail::mib);
}
inline constexpr throughput MBps(double v) {
    return detail::make<throughput>(v * detail::mb);
}
inline constexpr throughput KiBps(double v) {
    return detail::make<throughput>(v * detail::kib);
}
/// Megabits per second, as AWS quotes instance EBS bandwidth.
inline constexpr throughput Mbps(double v) {
    return detail::make<throughput>(v * detail::mb / 8.0);
}

inline constexpr io_rate iops(double v) {
    return detail::make<io_rate>(v);
}
inline constexpr io_count operations(double v) {
    return detail::make<io_count>(v);
}
inline constexpr io_size KiB_per_io(double v) {
    return detail::make<io_size>(v * detail::kib);
}
inline constexpr io_size MiB_per_io(double v) {
    return detail::make<io_size>(v * detail::mib);
}
inline constexpr io_size KB_per_io(double v) {
    return detail::make<io_size>(v * detail::kb);
}

/// "IOPS per GiB" of volume size.
inline constexpr io_density iops_per_GiB(double v) {
    return detail::make<io_density>(v / detail::gib);
}
/// "IOPS per GB" (decimal) of volume size.
inline constexpr io_density iops_per_GB(double v) {
    return detail::make<io_density>(v / detail::gb);
}

inline constexpr money usd(double v) {
    return detail::make<money>(v);
}
inline constexpr cost_rate usd_per_hour(double v) {
    return detail::make<cost_rate>(v / detail::seconds_per_hour);
}

// --- readers ------------------------------------------------------------------------------
inline constexpr double in_bytes(capacity c) {
    return c.value();
}
inline constexpr double in_KiB(capacity c) {
    return c.value() / detail::kib;
}
inline constexpr double in_MiB(capacity c) {
    return c.value() / detail::mib;
}
inline constexpr double in_GiB(capacity c) {
    return c.value() / detail::gib;
}
inline constexpr double in_TiB(capacity c) {
    return c.value() / detail::tib;
}
inline constexpr double in_GB(capacity c) {
    return c.value() / detail::gb;
}
inline constexpr double in_MiBps(throughput t) {
    return t.value() / detail::mib;
}
inline constexpr double in_MBps(throughput t) {
    return t.value() / detail::mb;
}
inline constexpr double in_KiBps(throughput t) {
    return t.value() / detail::kib;
}
inline constexpr double in_iops(io_rate r) {
    return r.value();
}
inline constexpr double in_KiB(io_size s) {
    return s.value() / detail::kib;
}
/// An I/O size read in MiB: also "MiB/s per IOPS".
inline constexpr double in_MiB(io_size s) {
    return s.value() / detail::mib;
}
inline constexpr double in_iops_per_GiB(io_density d) {
    return d.value() * detail::gib;
}
inline constexpr double in_usd(money m) {
    return m.value();
}
inline constexpr double in_hours(duration d) {
    return d.value() / detail::seconds_per_hour;
}
inline constexpr double in_seconds(duration d) {
    return d.value();
}
inline constexpr double in_minutes(duration d) {
    return d.value() / 60.0;
}

/// A cost rate read as USD per billing month.
inline constexpr double usd_per_month(cost_rate r, duration month) {
    return (r * month).value();
}
/// A cost rate from "USD per billing month".
inline constexpr cost_rate per_month(money m, duration month) {
    return m / month;
}

/// "USD per GiB-month" as a storage price, given the billing month.
inline constexpr storage_price usd_per_GiB_month(double v, duration month) {
    return usd(v) / (GiB(1) * month);
}
/// "USD per provisioned IOPS-month".
inline constexpr iops_price usd_per_iops_month(double v, duration month) {
    return usd(v) / (iops(1) * month);
}
/// "USD per provisioned MiB/s-month".
inline constexpr byte_price usd_per_MiBps_month(double v, duration month) {
    return usd(v) / (MiBps(1) * month);
}
/// "USD per GB" (decimal) of data transferred.
inline constexpr byte_price usd_per_GB(double v) {
    return usd(v) / GB(1);
}

} // namespace irisize::units
