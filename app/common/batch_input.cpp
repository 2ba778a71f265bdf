// SPDX-License-Identifier: GPL-3.0-or-later
// BatchInput over the core's CsvReader: the input file as a stream buffer read with stdio (the
// first block looked at before parsing starts, since the delimiter is detected from the header;
// a read a signal interrupts tried again unless the batch is being cancelled), the delimiter
// detection, and the reader's faults worded with data row numbers.

#include "batch_input.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <streambuf>

#include <fmt/format.h>

#include <sys/stat.h>

namespace irisize::app {

/// The batch input, a file or standard input, as a stream for the core's CSV reader: read with
/// stdio a block at a time (the block size the reader asks for), the first block looked at
/// before parsing starts, since the delimiter is detected from the header. A read that a signal
/// interrupts is tried again unless the batch is being cancelled, when the input ends there.
class BatchInput::File : public std::streambuf {
public:
    explicit File(const std::atomic<bool>* cancel) : m_cancel(cancel) {}
    File(const File&) = delete;
    File& operator=(const File&) = delete;
    ~File() override {
        if (m_file && m_file != stdin)
            std::fclose(m_file);
    }

    Result<bool> open(const std::string& path) {
        m_path = path;
        if (path == "-") {
            m_file = stdin;
            return true;
        }
        m_file = std::fopen(path.c_str(), "rb");
        if (!m_file)
            return Error{path, fmt::format("cannot be opened: {}", std::strerror(errno))};
        struct stat st {};
        if (::fstat(fileno(m_file), &st) == 0 && S_ISREG(st.st_mode))
            m_total_bytes = static_cast<std::uint64_t>(st.st_size);
        else if (S_ISDIR(st.st_mode))
            return Error{path, "is a directory"};
        return true;
    }

    /// The first block, read now (a read interrupted here is an error).
    Result<std::string_view> head() {
        const std::size_t n = std::fread(m_block.data(), 1, m_block.size(), m_file);
        if (std::ferror(m_file)) {
            const int err = errno;
            return Error{m_path, err == EINTR ? std::string("interrupted while waiting for input")
                                              : fmt::format("cannot be read: {}", std::strerror(err))};
        }
        setg(m_block.data(), m_block.data(), m_block.data() + n);
        m_bytes += n;
        return std::string_view(m_block.data(), n);
    }

    /// The errno of a failed read (the stream then ends); 0 when none failed.
    [[nodiscard]] int error() const { return m_error; }
    [[nodiscard]] std::uint64_t bytes_read() const { return m_bytes; }
    [[nodiscard]] std::uint64_t total_bytes() const { return m_total_bytes; }

protected:
    int_type underflow() override {
        if (gptr() < egptr())
            return traits_type::to_int_type(*gptr());
        for (;;) {
            const std::size_t n = std::fread(m_block.data(), 1, m_block.size(), m_file);
            if (std::ferror(m_file)) {
                const int err = errno;
                std::clearerr(m_file);
                if (err != EINTR) {
                    m_error = err;
                    return traits_type::eof();
                }
                if (n == 0 && !(m_cancel && m_cancel->load(std::memory_order_relaxed)))
                    continue; // a signal that is no Ctrl-C: wait on
            }
            if (n == 0)
                return traits_type::eof();
            setg(m_block.data(), m_block.data(), m_block.data() + n);
            m_bytes += n;
            return traits_type::to_int_type(*gptr());
        }
    }

private:
    const std::atomic<bool>* m_cancel;
    std::string m_path;
    std::FILE* m_file = nullptr;
    std::vector<char> m_block = std::vector<char>(std::size_t{1} << 16);
    int m_error = 0;
    std::uint64_t m_bytes = 0, m_total_bytes = 0;
};

BatchInput::BatchInput(const std::atomic<bool>* cancel)
    : m_file(std::make_unique<File>(cancel)), m_stream(m_file.get()) {}

BatchInput::~BatchInput() = default;

Result<bool> BatchInput::open(const std::string& path, char delimiter) {
    m_path = path;
    if (auto opened = m_file->open(path); !opened)
        return opened.error();
    auto head = m_file->head();
    if (!head)
        return head.error();
    std::string_view text = *head;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") // UTF-8 byte-order mark, as Excel writes it
        text.remove_prefix(3);
    m_delimiter = delimiter ? delimiter : detect(text);
    m_csv.emplace(m_stream, detail::CsvOptions{.delimiter = m_delimiter, .trim_blanks = true});
    return true;
}

std::uint64_t BatchInput::bytes_read() const {
    return m_file->bytes_read();
}

std::uint64_t BatchInput::total_bytes() const {
    return m_file->total_bytes();
}

Result<bool> BatchInput::next(std::vector<std::vector<std::string>>& rows, std::size_t max) {
    const std::size_t want = rows.size() + max;
    while (!m_done && rows.size() < want) {
        auto took = take(true, rows); // reads on until a row is complete
        if (!took)
            return took.error();
        if (!*took) {
            m_done = true;
            break;
        }
        for (;;) { // then the rest of the block it came in
            auto more = take(false, rows);
            if (!more)
                return more.error();
            if (!*more)
                break;
        }
    }
    return !(m_done && rows.empty());
}

void BatchInput::recycle(std::vector<std::vector<std::string>>& rows) {
    for (auto& r : rows)
        m_spare.push_back(std::move(r));
    rows.clear();
}

char BatchInput::detect(std::string_view head) {
    // Count candidate delimiters in the first line, outside quotes.
    std::size_t comma = 0, semi = 0, tab = 0;
    bool quoted = false;
    const auto start = head.find_first_not_of("\r\n \t"); // leading blank lines are not the header
    head.remove_prefix(start == std::string_view::npos ? head.size() : start);
    for (char c : head) {
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted)
            comma += c == ',', semi += c == ';', tab += c == '\t';
    }
    if (semi > comma && semi >= tab)
        return ';';
    if (tab > comma && tab > semi)
        return '\t';
    return ',';
}

/// One row into `rows`: true, false when there is none (at the end, or without `may_read` at the
/// end of the block), or the batch's words for what stopped the reader.
Result<bool> BatchInput::take(bool may_read, std::vector<std::vector<std::string>>& rows) {
    auto got = may_read ? m_csv->next() : m_csv->next_in_block();
    if (m_file->error() != 0)
        return Error{m_path, fmt::format("cannot be read: {}", std::strerror(m_file->error()))};
    if (!got) {
        const auto rows_seen = m_csv->records_parsed(); // the header is row 0
        switch (m_csv->fault()) {
        case detail::CsvFault::unclosed_quote:
            return Error{m_path, fmt::format("ends inside a quoted field (a quote opened on data row {} is never "
                                             "closed)",
                                             rows_seen)};
        case detail::CsvFault::bad_quote:
        case detail::CsvFault::parser:
            return Error{m_path, fmt::format("is not valid CSV near data row {}: {} (a quote inside an unquoted "
                                             "field, or text after a closing quote)",
                                             rows_seen, m_csv->parser_message())};
        default:
            return Error{m_path, "cannot be read: " + got.error().message};
        }
    }
    if (!*got)
        return false;
    const auto& fields = m_csv->fields();
    if (m_spare.empty()) {
        rows.emplace_back(fields.begin(), fields.end());
    } else { // a recycled row: its strings keep their memory
        rows.push_back(std::move(m_spare.back()));
        m_spare.pop_back();
        rows.back().assign(fields.begin(), fields.end());
    }
    return true;
}

} // namespace irisize::app
