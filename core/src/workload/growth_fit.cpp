// SPDX-License-Identifier: GPL-3.0-or-later
// Least-squares fits on measured history (Eigen): database growth, log-linear in dated sizes,
// and resource demand, linear in concurrent users, projected to a target.
#include "irisize/workload/growth_fit.hpp"

#include <Eigen/Dense>
#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace irisize {

namespace {
constexpr double kDaysPerYear = 365.25; // calendar arithmetic, not a figure of AWS or InterSystems

// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar.
long days_from_civil(long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long>(doe) - 719468;
}
} // namespace

Result<double> parse_date_days(const std::string& text) {
    int y = 0, m = 0, d = 0;
    auto bad = [&] { return Error{"", fmt::format("'{}' is not a date (write YYYY-MM-DD)", text)}; };
    if (text.size() != 10 || text[4] != '-' || text[7] != '-')
        return bad();
    const char* s = text.data();
    if (std::from_chars(s, s + 4, y).ptr != s + 4 || std::from_chars(s + 5, s + 7, m).ptr != s + 7 ||
        std::from_chars(s + 8, s + 10, d).ptr != s + 10)
        return bad();
    static constexpr int month_days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1970 || y > 2200 || m < 1 || m > 12 || d < 1 || d > month_days[m - 1] || (m == 2 && d == 29 && !leap))
        return bad();
    return static_cast<double>(days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
}

double GrowthFit::fitted_gib(double years) const { return std::exp(a + b * (last_t + years)); }

double GrowthFit::upper_gib(double years, double z) const {
    const double t = last_t + years;
    // Prediction standard error of ln(size) at t for a new observation.
    const double se = residual_sd * std::sqrt(1.0 + 1.0 / points + (t - t_mean) * (t - t_mean) / sxx);
    return std::exp(a + b * t + z * se);
}

Result<GrowthFit> fit_growth(const std::vector<SizeObservation>& history) {
    if (history.size() < 3)
        return Error{"database.size_history", fmt::format("needs at least 3 dated sizes to fit growth, found {}",
                                                          history.size())};
    std::vector<SizeObservation> h = history;
    std::sort(h.begin(), h.end(), [](const auto& l, const auto& r) { return l.days < r.days; });
    if (h.back().days - h.front().days < 30)
        return Error{"database.size_history", "must span at least 30 days to fit a yearly rate"};
    const Eigen::Index n = static_cast<Eigen::Index>(h.size());
    Eigen::MatrixXd X(n, 2);
    Eigen::VectorXd y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const auto& o = h[static_cast<std::size_t>(i)];
        if (!(o.size_gib > 0) || !std::isfinite(o.size_gib))
            return Error{"database.size_history", fmt::format("sizes must be positive, found {}", o.size_gib)};
        X(i, 0) = 1.0;
        X(i, 1) = (o.days - h.front().days) / kDaysPerYear;
        y(i) = std::log(o.size_gib);
    }
    const Eigen::Vector2d beta = X.colPivHouseholderQr().solve(y);
    const Eigen::VectorXd residual = y - X * beta;
    const double ss_res = residual.squaredNorm();
    const double ss_tot = (y.array() - y.mean()).square().sum();

    GrowthFit f;
    f.points = static_cast<int>(n);
    f.a = beta(0);
    f.b = beta(1);
    f.annual_rate = std::exp(f.b) - 1.0;
    f.r2 = ss_tot > 0 ? 1.0 - ss_res / ss_tot : 1.0;
    f.residual_sd = n > 2 ? std::sqrt(ss_res / static_cast<double>(n - 2)) : 0.0;
    f.last_t = X(n - 1, 1);
    f.span_years = f.last_t;
    f.last_size_gib = h.back().size_gib;
    f.t_mean = X.col(1).mean();
    f.sxx = (X.col(1).array() - f.t_mean).square().sum();
    return f;
}

Result<LinearFit> fit_linear(const std::vector<double>& x, const std::vector<double>& y) {
    if (x.size() != y.size() || x.size() < 2)
        return Error{"", "needs at least two points"};
    const Eigen::Index n = static_cast<Eigen::Index>(x.size());
    Eigen::MatrixXd X(n, 2);
    Eigen::VectorXd Y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        X(i, 0) = 1.0;
        X(i, 1) = x[static_cast<std::size_t>(i)];
        Y(i) = y[static_cast<std::size_t>(i)];
    }
    if ((X.col(1).array() - X.col(1).mean()).abs().maxCoeff() == 0)
        return Error{"", "the user counts are all the same: nothing to fit against"};
    const Eigen::Vector2d beta = X.colPivHouseholderQr().solve(Y);
    const double ss_res = (Y - X * beta).squaredNorm();
    const double ss_tot = (Y.array() - Y.mean()).square().sum();
    LinearFit f;
    f.points = static_cast<int>(n);
    f.intercept = beta(0);
    f.slope = beta(1);
    f.r2 = ss_tot > 0 ? 1.0 - ss_res / ss_tot : 1.0;
    return f;
}

} // namespace irisize
