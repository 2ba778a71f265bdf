// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file workload/growth_fit.hpp
/// Statistics on measured history (Eigen least squares): database growth fitted
/// log-linearly from dated sizes, and resource demand fitted linearly against concurrent
/// users, to project a target user count.

#include "irisize/result.hpp"

#include <string>
#include <vector>

namespace irisize {

/// A date as days since 1970-01-01 from "YYYY-MM-DD"; an Error naming the text otherwise.
Result<double> parse_date_days(const std::string& text);

/// ln(size) = a + b t fitted over (t in years, size in GiB).
struct GrowthFit {
    int points = 0;
    double span_years = 0;     ///< first to last observation
    double annual_rate = 0;    ///< fractional growth per year, exp(b) - 1
    double r2 = 0;             ///< of the log-linear fit
    double residual_sd = 0;    ///< of ln(size), n-2 degrees of freedom
    double last_t = 0;         ///< years, of the last observation (t = 0 at the first)
    double last_size_gib = 0;  ///< the last observation
    double a = 0, b = 0;
    double t_mean = 0, sxx = 0; // for the prediction band

    /// Fitted size `years` after the last observation.
    [[nodiscard]] double fitted_gib(double years) const;
    /// Upper bound of the prediction band `years` after the last observation, at `z`
    /// standard errors (1.645: one-sided 95 %).
    [[nodiscard]] double upper_gib(double years, double z) const;
};

struct SizeObservation {
    double days;   ///< since 1970-01-01
    double size_gib;
};

/// Needs at least three observations over at least 30 days with positive sizes.
Result<GrowthFit> fit_growth(const std::vector<SizeObservation>& history);

/// y = intercept + slope x, least squares.
struct LinearFit {
    int points = 0;
    double intercept = 0, slope = 0, r2 = 0;
    [[nodiscard]] double at(double x) const { return intercept + slope * x; }
};

/// Needs at least two points with distinct x.
Result<LinearFit> fit_linear(const std::vector<double>& x, const std::vector<double>& y);

} // namespace irisize
