// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

/// \file result.hpp
/// Expected failures as values: `Result<T>` holds either a T or an `Error` that names the
/// field at fault and says why, in a sentence a user can act on.

#include <string>
#include <utility>
#include <variant>

namespace irisize {

/// What went wrong, and where. `field` is a dotted path into the input (`database.size_gib`,
/// `row 12: read_iops`) or empty when the error is not about one field.
struct Error {
    std::string field;
    std::string message;

    /// "field: message", or just the message when there is no field.
    [[nodiscard]] std::string what() const { return field.empty() ? message : field + ": " + message; }
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::move(value)) {}     // NOLINT(google-explicit-constructor)
    Result(Error error) : m_state(std::move(error)) {} // NOLINT(google-explicit-constructor)

    [[nodiscard]] bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] const T& value() const& { return std::get<T>(m_state); }
    [[nodiscard]] T& value() & { return std::get<T>(m_state); }
    [[nodiscard]] T&& value() && { return std::get<T>(std::move(m_state)); }
    [[nodiscard]] const Error& error() const { return std::get<Error>(m_state); }

    const T& operator*() const& { return value(); }
    T& operator*() & { return value(); }
    const T* operator->() const { return &value(); }
    T* operator->() { return &value(); }

private:
    std::variant<T, Error> m_state;
};

} // namespace irisize
