// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// The rows of irisize batch's input (a file or standard input), read by the core's CSV reader
// in whole 64 KiB blocks, so that memory does not grow with the file, with the batch's words
// for what is wrong with it (data rows, not lines, are counted).

#include <atomic>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "irisize/detail/csv_reader.hpp"
#include "irisize/result.hpp"

namespace irisize::app {

/// Every row a block completes is taken, its quoting checked to the block's end, before any of
/// them is handed over. Blanks around unquoted fields are dropped, as a spreadsheet's user
/// expects; a UTF-8 byte-order mark is skipped; LF, CR LF and CR end a row.
class BatchInput {
public:
    /// `cancel`: when set, a read that a signal interrupts ends the input instead of waiting on.
    explicit BatchInput(const std::atomic<bool>* cancel);
    ~BatchInput();
    BatchInput(const BatchInput&) = delete;
    BatchInput& operator=(const BatchInput&) = delete;

    /// Opens `path` ("-": standard input) and reads its first block; `delimiter` 0 detects it
    /// from the header line (semicolon, tab or comma).
    Result<bool> open(const std::string& path, char delimiter);

    [[nodiscard]] char delimiter() const { return m_delimiter; }
    [[nodiscard]] std::uint64_t bytes_read() const;
    /// The file's size; 0 when unknown (standard input, a pipe).
    [[nodiscard]] std::uint64_t total_bytes() const;

    /// Appends at least `max` rows, or what is left, in whole blocks; false at the end of the
    /// input. A read or parse error is an Error.
    Result<bool> next(std::vector<std::vector<std::string>>& rows, std::size_t max);
    /// Empties `rows`, keeping them for next() to fill again (their memory is reused).
    void recycle(std::vector<std::vector<std::string>>& rows);

private:
    class File; // the input as a stream buffer (batch_input.cpp)

    static char detect(std::string_view head);
    Result<bool> take(bool may_read, std::vector<std::vector<std::string>>& rows);

    std::string m_path;
    std::unique_ptr<File> m_file;
    std::istream m_stream;
    std::optional<detail::CsvReader> m_csv;
    std::vector<std::vector<std::string>> m_spare; // rows handed back by recycle()
    char m_delimiter = ',';
    bool m_done = false;
};

} // namespace irisize::app
