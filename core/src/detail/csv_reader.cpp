// SPDX-License-Identifier: GPL-3.0-or-later
// CsvReader and split_csv_record over libcsv: the input fed a line at a time (a block read,
// then cut at its line breaks) so that each record knows the physical line it starts on,
// the records libcsv completes queued until asked for, and libcsv's strict-mode stops turned
// into messages naming the field and what is wrong with it. CsvOptions become libcsv's
// options, delimiter and blank test.
#include "irisize/detail/csv_reader.hpp"

#include <cstring>
#include <istream>
#include <new>
#include <utility>

#include <fmt/format.h>

#include <csv.h>

namespace irisize::detail {

namespace {

constexpr std::size_t kBlockBytes = std::size_t{1} << 16;

// Installed as libcsv's blank test, so that no blank is trimmed from a field (unless the
// options ask for it); as its record-end test by split_csv_record, where a line break is part
// of a field.
int never(unsigned char) {
    return 0;
}

/// Why libcsv stopped at `offending` in field `field` (strict mode): a quote in a field that
/// did not start with one, or anything but a comma or a line end after a closing quote.
std::string quote_problem(char offending, std::size_t field) {
    return offending == '"' ? fmt::format("field {}: a quote inside an unquoted field", field)
                            : fmt::format("field {}: text after the closing quote", field);
}

void init(csv_parser& p, const CsvOptions& options) {
    if (csv_init(&p, options.lenient_quotes ? 0 : CSV_STRICT | CSV_STRICT_FINI) != 0)
        throw std::bad_alloc();
    csv_set_delim(&p, static_cast<unsigned char>(options.delimiter));
    if (!options.trim_blanks)
        csv_set_space_func(&p, never); // else libcsv's own: space and tab
}

} // namespace

// --- CsvReader ------------------------------------------------------------------------------

CsvReader::CsvReader(std::istream& in, CsvOptions options)
    : m_in(in), m_options(options), m_parser(std::make_unique<csv_parser>()), m_block(kBlockBytes) {
    init(*m_parser, m_options);
}

CsvReader::~CsvReader() {
    csv_free(m_parser.get());
}

Result<bool> CsvReader::next() {
    return take(true);
}

Result<bool> CsvReader::next_in_block() {
    return take(false);
}

std::string CsvReader::parser_message() const {
    return csv_strerror(m_parser_status);
}

Result<bool> CsvReader::take(bool may_read) {
    m_fault = CsvFault::none;
    if (m_ready_head == m_ready_count)
        m_ready_head = m_ready_count = 0; // all handed out: the slots are used again
    while (m_ready_head == m_ready_count) {
        if (m_finished || (!may_read && m_block_pos == m_block_len))
            return false;
        auto fed = feed();
        if (!fed)
            return fed.error();
    }
    std::swap(m_current, m_ready[m_ready_head++]);
    m_fields.clear();
    std::size_t start = 0;
    for (auto end : m_current.ends) {
        m_fields.emplace_back(m_current.bytes.data() + start, end - start);
        start = end;
    }
    return true;
}

Error CsvReader::problem(CsvFault fault, std::uint64_t line, std::string what) {
    m_fault = fault;
    return Error{fmt::format("line {}", line != 0 ? line : m_newlines + 1), std::move(what)};
}

Result<bool> CsvReader::feed() {
    if (m_block_pos == m_block_len) {
        m_in.read(m_block.data(), static_cast<std::streamsize>(m_block.size()));
        m_block_len = static_cast<std::size_t>(m_in.gcount());
        m_block_pos = 0;
        if (m_in.bad()) {
            m_fault = CsvFault::unreadable;
            return Error{"", "read error"};
        }
        if (!m_started) {
            m_started = true;
            if (m_block_len >= 3 && std::memcmp(m_block.data(), "\xEF\xBB\xBF", 3) == 0) {
                m_block_pos = 3; // a byte-order mark, on the first line
                m_line_has_bytes = true;
            }
        }
        if (m_block_len == 0) {
            m_finished = true;
            if (csv_fini(m_parser.get(), &CsvReader::on_field, &CsvReader::on_row, this) != 0)
                return too_long() ? open_quote_limit()
                                  : problem(CsvFault::unclosed_quote, m_open_line,
                                            "a quoted field is not closed before the end of the file "
                                            "(truncated file?)");
        }
        return true;
    }
    // One line, or the part of it this block holds.
    const char* begin = m_block.data() + m_block_pos;
    const std::size_t left = m_block_len - m_block_pos;
    const auto* line_break = static_cast<const char*>(std::memchr(begin, '\n', left));
    const std::size_t len = line_break ? static_cast<std::size_t>(line_break - begin) + 1 : left;
    if (m_open_line == 0 && std::string_view(begin, len).find_first_not_of("\r\n") != std::string_view::npos)
        m_open_line = m_newlines + 1; // a record starts on this line
    const std::size_t used = csv_parse(m_parser.get(), begin, len, &CsvReader::on_field, &CsvReader::on_row, this);
    if (used != len) {
        m_parser_status = csv_error(m_parser.get());
        if (m_parser_status == CSV_EPARSE)
            return problem(CsvFault::bad_quote, m_open_line, quote_problem(begin[used], m_building.ends.size() + 1));
        return problem(CsvFault::parser, m_open_line, csv_strerror(m_parser_status));
    }
    m_block_pos += len;
    if (line_break) {
        ++m_newlines;
        m_line_has_bytes = false;
    } else {
        m_line_has_bytes = true;
    }
    if (m_open_line != 0) { // still inside a quoted field
        m_open_bytes += len;
        if (line_break && too_long())
            return open_quote_limit();
    }
    return true;
}

bool CsvReader::too_long() const {
    const auto limit = m_options.max_open_quote_bytes;
    return m_open_line != 0 && limit > 0 && m_open_bytes > limit;
}

Error CsvReader::open_quote_limit() {
    return problem(CsvFault::quote_too_long, m_open_line,
                   fmt::format("a quoted field is not closed within {} bytes (a truncated or broken quote)",
                               m_options.max_open_quote_bytes));
}

void CsvReader::on_field(void* data, std::size_t len, void* self) {
    auto& r = static_cast<CsvReader*>(self)->m_building;
    if (len > 0)
        r.bytes.append(static_cast<const char*>(data), len);
    r.ends.push_back(r.bytes.size());
}

void CsvReader::on_row(int, void* self) {
    auto* me = static_cast<CsvReader*>(self);
    ++me->m_records_parsed;
    // A record after a lone CR on the same line was not seen starting: it is on the current line.
    me->m_building.line = me->m_open_line != 0 ? me->m_open_line : me->m_newlines + 1;
    // Into a free slot; the slot's buffers, kept from an earlier record, take the next one.
    if (me->m_ready_count == me->m_ready.size())
        me->m_ready.emplace_back();
    std::swap(me->m_ready[me->m_ready_count++], me->m_building);
    me->m_building.bytes.clear();
    me->m_building.ends.clear();
    me->m_open_line = 0;
    me->m_open_bytes = 0;
}

// --- one record -----------------------------------------------------------------------------

Result<std::vector<std::string>> split_csv_record(std::string_view record, const CsvOptions& options) {
    struct Parser {
        csv_parser p{};
        explicit Parser(const CsvOptions& o) {
            init(p, o);
            csv_set_term_func(&p, never);
        }
        ~Parser() { csv_free(&p); }
        Parser(const Parser&) = delete;
        Parser& operator=(const Parser&) = delete;
    } parser(options);
    std::vector<std::string> fields;
    auto on_field = [](void* data, std::size_t len, void* out) {
        auto& to = *static_cast<std::vector<std::string>*>(out);
        to.push_back(len > 0 ? std::string(static_cast<const char*>(data), len) : std::string());
    };
    const std::size_t used = csv_parse(&parser.p, record.data(), record.size(), on_field, nullptr, &fields);
    if (used != record.size()) {
        const int error = csv_error(&parser.p);
        return Error{"", error == CSV_EPARSE ? quote_problem(record[used], fields.size() + 1) : csv_strerror(error)};
    }
    if (csv_fini(&parser.p, on_field, nullptr, &fields) != 0)
        return Error{"", fmt::format("field {}: the quoted field is not closed (truncated line?)", fields.size() + 1)};
    if (fields.empty())
        fields.emplace_back(); // an empty record is one empty field
    return fields;
}

} // namespace irisize::detail
