// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// CSV read with libcsv, for the core's readers of large files (the AWS price-list offer file
// runs to several GB). CsvReader feeds libcsv a block at a time and hands out one record at
// a time with the physical line it starts on, so a file is never held whole. The dialect is
// RFC 4180's, read strictly: comma separated, fields double-quoted with "" for a quote, a
// quoted field may hold line breaks; a quote inside an unquoted field, text after a closing
// quote and a quote still open at the end are errors. Fields are kept as written (no blanks
// trimmed); blank lines are no records; LF, CR LF and CR end a record; a UTF-8 byte-order
// mark at the start of the input is skipped. Internal to the core.

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "irisize/result.hpp"

struct csv_parser;

namespace irisize::detail {

/// Records out of a CSV stream, one at a time.
class CsvReader {
public:
    /// `max_open_quote_bytes`: a record still inside a quoted field after this many bytes, at the
    /// end of a line, is an error (a broken quote in a huge file); 0 for no limit.
    explicit CsvReader(std::istream& in, std::size_t max_open_quote_bytes = 0);
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    /// Moves to the next record: true, false at the end of the input, or an Error whose field
    /// is "line N" (the line the broken record starts on), or empty when the input cannot be
    /// read, and whose message says what is wrong ("field 3: text after the closing quote").
    Result<bool> next();

    /// The fields of the current record, valid until the next call of next().
    [[nodiscard]] const std::vector<std::string_view>& fields() const { return m_fields; }
    /// The physical line (1-based) the current record starts on.
    [[nodiscard]] std::uint64_t record_line() const { return m_current.line; }
    /// Physical lines read so far (a last line without a line break counts).
    [[nodiscard]] std::uint64_t lines() const { return m_newlines + (m_line_has_bytes ? 1 : 0); }

private:
    struct Record {
        std::string bytes;             // the fields, one after the other
        std::vector<std::size_t> ends; // where each field ends in `bytes`
        std::uint64_t line = 0;
    };

    Result<bool> feed();
    Error problem(std::uint64_t line, std::string what) const;
    /// A quoted field left open for more than m_max_open_quote_bytes.
    [[nodiscard]] bool too_long() const;
    [[nodiscard]] Error open_quote_limit() const;
    static void on_field(void* data, std::size_t len, void* self);
    static void on_row(int terminator, void* self);

    std::istream& m_in;
    std::size_t m_max_open_quote_bytes;
    std::unique_ptr<csv_parser> m_parser;
    std::vector<char> m_block;
    std::size_t m_block_len = 0;
    std::size_t m_block_pos = 0;
    bool m_started = false;
    bool m_finished = false;

    std::uint64_t m_newlines = 0;   // line breaks fed so far
    bool m_line_has_bytes = false;  // bytes fed after the last line break
    std::uint64_t m_open_line = 0;  // line the record being parsed starts on; 0: none open
    std::size_t m_open_bytes = 0;   // bytes fed since it started

    Record m_building;
    std::vector<Record> m_ready;    // records completed, [m_ready_head, m_ready_count) not handed out yet
    std::size_t m_ready_head = 0;
    std::size_t m_ready_count = 0;
    Record m_current;
    std::vector<std::string_view> m_fields;
};

/// The fields of one record held in memory, in the same dialect; a line break inside it is
/// part of a field. An empty record is one empty field. The Error's message names the field
/// ("field 2: the quoted field is not closed (truncated line?)").
Result<std::vector<std::string>> split_csv_record(std::string_view record);

} // namespace irisize::detail
