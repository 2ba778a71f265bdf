// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// The one CSV reader (libcsv), shared by the core's readers of large files (the AWS price-list
// offer file runs to several GB), the perfmon reader and the batch service in app/common: not
// part of the library's API, so irisize.hpp leaves it out. CsvReader feeds libcsv a block at a
// time and hands out one record at a time with the physical line it starts on, so a file is
// never held whole. The default dialect is RFC 4180's, read strictly: comma separated, fields
// double-quoted with "" for a quote, a quoted field may hold line breaks; a quote inside an
// unquoted field, text after a closing quote and a quote still open at the end are errors.
// Fields are kept as written (no blanks trimmed); blank lines are no records; LF, CR LF and CR
// end a record; a UTF-8 byte-order mark at the start of the input is skipped. CsvOptions
// changes the delimiter, trims blanks and forgives stray quotes.

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

/// How a CSV text is read; the defaults are strict RFC 4180.
struct CsvOptions {
    char delimiter = ',';
    /// Spaces and tabs around a field, outside its quotes, dropped (libcsv's own rule, what a
    /// person typing into a spreadsheet expects): ` a , "b" ` is `a` and `b`. Off, they are
    /// kept, and a blank before an opening quote makes that quote a stray one.
    bool trim_blanks = false;
    /// Quotes forgiven (libcsv without its strict mode), for files that are quoted CSV in intent
    /// if not always in fact: a quote inside an unquoted field and text after a closing quote
    /// are kept as characters of the field, and a quote still open at the end closes there.
    bool lenient_quotes = false;
    /// A record still inside a quoted field after this many bytes, at the end of a line, is an
    /// error (a broken quote in a huge file); 0 for no limit. CsvReader only.
    std::size_t max_open_quote_bytes = 0;
};

/// What made CsvReader::next() fail, for a caller that words its own message.
enum class CsvFault {
    none,
    unreadable,     ///< the input could not be read
    bad_quote,      ///< a quote inside an unquoted field, or text after a closing quote
    unclosed_quote, ///< the input ends inside a quoted field
    quote_too_long, ///< a quoted field open for more than max_open_quote_bytes
    parser,         ///< libcsv itself gave up (out of memory, a field too large)
};

/// Records out of a CSV stream, one at a time.
class CsvReader {
public:
    explicit CsvReader(std::istream& in, CsvOptions options = {});
    ~CsvReader();
    CsvReader(const CsvReader&) = delete;
    CsvReader& operator=(const CsvReader&) = delete;

    /// Moves to the next record: true, false at the end of the input, or an Error whose field
    /// is "line N" (the line the broken record starts on), or empty when the input cannot be
    /// read, and whose message says what is wrong ("field 3: text after the closing quote").
    Result<bool> next();
    /// As next(), but reads nothing more from the input: false once the blocks read so far hold
    /// no further complete record. A caller takes a whole block this way (every record it
    /// completes, its quoting checked to its end) before it uses any of them.
    Result<bool> next_in_block();

    /// The fields of the current record, valid until next() or next_in_block() is called again.
    [[nodiscard]] const std::vector<std::string_view>& fields() const { return m_fields; }
    /// The physical line (1-based) the current record starts on.
    [[nodiscard]] std::uint64_t record_line() const { return m_current.line; }
    /// Physical lines read so far (a last line without a line break counts).
    [[nodiscard]] std::uint64_t lines() const { return m_newlines + (m_line_has_bytes ? 1 : 0); }
    /// Records libcsv has completed so far, handed out or not (a failed next() stops after them).
    [[nodiscard]] std::uint64_t records_parsed() const { return m_records_parsed; }
    /// Why the last next() failed; none when it did not.
    [[nodiscard]] CsvFault fault() const { return m_fault; }
    /// libcsv's own words for a bad_quote or parser fault ("error parsing data while strict
    /// checking enabled").
    [[nodiscard]] std::string parser_message() const;

private:
    struct Record {
        std::string bytes;             // the fields, one after the other
        std::vector<std::size_t> ends; // where each field ends in `bytes`
        std::uint64_t line = 0;
    };

    Result<bool> take(bool may_read);
    Result<bool> feed();
    Error problem(CsvFault fault, std::uint64_t line, std::string what);
    /// A quoted field left open for more than m_options.max_open_quote_bytes.
    [[nodiscard]] bool too_long() const;
    [[nodiscard]] Error open_quote_limit();
    static void on_field(void* data, std::size_t len, void* self);
    static void on_row(int terminator, void* self);

    std::istream& m_in;
    CsvOptions m_options;
    std::unique_ptr<csv_parser> m_parser;
    std::vector<char> m_block;
    std::size_t m_block_len = 0;
    std::size_t m_block_pos = 0;
    bool m_started = false;
    bool m_finished = false;
    CsvFault m_fault = CsvFault::none;
    int m_parser_status = 0; // libcsv's status at the last fault

    std::uint64_t m_newlines = 0;  // line breaks fed so far
    bool m_line_has_bytes = false; // bytes fed after the last line break
    std::uint64_t m_open_line = 0; // line the record being parsed starts on; 0: none open
    std::size_t m_open_bytes = 0;  // bytes fed since it started
    std::uint64_t m_records_parsed = 0;

    Record m_building;
    std::vector<Record> m_ready; // records completed, [m_ready_head, m_ready_count) not handed out yet
    std::size_t m_ready_head = 0;
    std::size_t m_ready_count = 0;
    Record m_current;
    std::vector<std::string_view> m_fields;
};

/// The fields of one record held in memory, read with `options` (its max_open_quote_bytes
/// aside); a line break inside it is part of a field. An empty record is one empty field. The
/// Error's message names the field ("field 2: the quoted field is not closed (truncated
/// line?)").
Result<std::vector<std::string>> split_csv_record(std::string_view record, const CsvOptions& options = {});

} // namespace irisize::detail
