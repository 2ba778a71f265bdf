// SPDX-License-Identifier: GPL-3.0-or-later
// Units: dimensions are checked at compile time, conversions with exact values.
#include <type_traits>

#include <catch2/catch.hpp>

#include "irisize/units.hpp"

namespace u = irisize::units;
namespace bu = boost::units;

// Dimension rules: the products the sizing relies on have the right dimension.
static_assert(std::is_same_v<decltype(u::iops(1) * u::KiB_per_io(1)), u::throughput>,
              "IOPS x I/O size is a throughput");
static_assert(std::is_same_v<decltype(u::MiBps(1) / u::KiB_per_io(1)), u::io_rate>,
              "throughput / I/O size is an I/O rate");
static_assert(std::is_same_v<decltype(u::MiBps(1) * u::hours(1)), u::capacity>, "throughput x time is capacity");
static_assert(std::is_same_v<decltype(u::usd_per_hour(1) * u::hours(1)), u::money>, "cost rate x time is money");
static_assert(std::is_same_v<decltype(u::usd_per_GiB_month(1, u::hours(730)) * u::GiB(1)), u::cost_rate>,
              "storage price x capacity is a cost rate");
static_assert(std::is_same_v<decltype(u::usd_per_iops_month(1, u::hours(730)) * u::iops(1)), u::cost_rate>,
              "IOPS price x IOPS is a cost rate");
static_assert(std::is_same_v<decltype(u::usd_per_MiBps_month(1, u::hours(730)) * u::MiBps(1)), u::cost_rate>,
              "throughput price x throughput is a cost rate");
static_assert(std::is_same_v<decltype(u::iops_per_GiB(3) * u::GiB(1)), u::io_rate>,
              "IOPS per GiB x size is an I/O rate");
static_assert(std::is_same_v<decltype(u::iops(3000) / u::iops_per_GiB(50)), u::capacity>,
              "I/O rate / IOPS per GiB is the size that allows it");
static_assert(std::is_same_v<decltype(u::MiBps(0.25) / u::iops(1)), u::io_size>,
              "throughput per IOPS is bytes per operation");
// IOPS has its own dimension: an I/O rate is not a frequency, and not a throughput.
static_assert(!std::is_same_v<u::io_rate_dimension, bu::derived_dimension<bu::time_base_dimension, -1>::type>);
static_assert(!std::is_same_v<u::io_rate, u::throughput>);
static_assert(!std::is_convertible_v<u::io_rate, u::throughput>);
static_assert(!std::is_convertible_v<u::money, u::cost_rate>);

TEST_CASE ("GB and GiB convert exactly", "[units]") {
    CHECK(u::in_bytes(u::GiB(1)) == 1073741824.0);
    CHECK(u::in_bytes(u::GB(1)) == 1e9);
    CHECK(u::in_GB(u::GiB(1)) == 1.073741824);
    CHECK(u::in_GiB(u::GB(1073741824.0 / 1e9 * 1000)) == Approx(1000.0).epsilon(1e-15));
    CHECK(u::in_GiB(u::TiB(16)) == 16384.0);
    CHECK(u::in_GiB(u::GB(1e9)) == Approx(931322574.6154785).epsilon(1e-15));
}

TEST_CASE ("MB/s and MiB/s convert exactly", "[units]") {
    CHECK(u::in_MBps(u::MiBps(1)) == 1.048576);
    CHECK(u::in_MiBps(u::MBps(1.048576)) == 1.0);
    // AWS quotes instance EBS bandwidth in Mbps: 4,750 Mbps is 593.75 MB/s.
    CHECK(u::in_MBps(u::Mbps(4750)) == 593.75);
}

TEST_CASE ("IOPS x I/O size = throughput", "[units]") {
    // The seed's io1 ceiling: 1,280 IOPS x 256 KiB = 320 MiB/s.
    CHECK(u::in_MiBps(u::iops(1280) * u::KiB_per_io(256)) == 320.0);
    // gp3 included: 3,000 IOPS x 16 KiB = 46.875 MiB/s.
    CHECK(u::in_MiBps(u::iops(3000) * u::KiB_per_io(16)) == 46.875);
    // Journal blocks: 20 MiB/s in 64 KiB = 320 IOPS.
    CHECK(u::in_iops(u::MiBps(20) / u::KiB_per_io(64)) == 320.0);
}

TEST_CASE ("Money over a billing month", "[units]") {
    const auto month = u::billing_month(730);
    CHECK(u::in_hours(month) == 730.0);
    CHECK(u::usd_per_month(u::usd_per_hour(0.1), month) == Approx(73.0).epsilon(1e-14));
    // $0.08 per GiB-month for 1,000 GiB is $80 a month whatever the month's length.
    CHECK(u::usd_per_month(u::usd_per_GiB_month(0.08, month) * u::GiB(1000), month) == Approx(80.0).epsilon(1e-14));
    CHECK(u::usd_per_month(u::usd_per_iops_month(0.065, month) * u::iops(1000), month) == Approx(65.0).epsilon(1e-14));
    CHECK(u::usd_per_month(u::usd_per_MiBps_month(0.04, month) * u::MiBps(125), month) == Approx(5.0).epsilon(1e-14));
    // $0.02 per GB moved: 1 MB/s for a 730-hour month is 2,628 GB = $52.56.
    CHECK(u::in_usd(u::usd_per_GB(0.02) * u::MBps(1) * month) == Approx(52.56).epsilon(1e-14));
}

TEST_CASE ("IOPS per GiB and per GB convert exactly", "[units]") {
    CHECK(u::in_iops(u::iops_per_GiB(3) * u::GiB(1000)) == 3000.0);
    CHECK(u::in_GiB(u::iops(3000) / u::iops_per_GiB(50)) == 60.0);
    CHECK(u::in_iops_per_GiB(u::iops_per_GB(1)) == Approx(1.073741824).epsilon(1e-15));
    // gp3: 0.25 MiB/s per provisioned IOPS; 2,000 MiB/s needs 8,000 IOPS.
    CHECK(u::in_iops(u::MiBps(2000) / (u::MiBps(0.25) / u::iops(1))) == 8000.0);
    CHECK(u::in_MiB(u::MiBps(0.25) / u::iops(1)) == 0.25);
    CHECK(u::in_MiB(u::GiB(2)) == 2048.0);
    CHECK(u::in_minutes(u::minutes(30)) == 30.0);
}
