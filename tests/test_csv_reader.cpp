// SPDX-License-Identifier: GPL-3.0-or-later
// The one CSV reader (irisize/detail/csv_reader.hpp) in the dialects its users ask for: strict
// RFC 4180 (price-list offers), semicolons with blanks trimmed (irisize batch), quotes forgiven
// (perfmon lines); whole blocks taken at a time, and the faults a caller words itself. And the
// writer's side (app/common/csv_out.hpp): which fields it quotes, and a field written and read back.
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "irisize/detail/csv_reader.hpp"

#include "csv_out.hpp"

using namespace irisize::detail;

namespace {

std::vector<std::vector<std::string>> records(const std::string& text, const CsvOptions& options) {
    std::istringstream in(text);
    CsvReader csv(in, options);
    std::vector<std::vector<std::string>> out;
    for (auto more = csv.next(); more && *more; more = csv.next())
        out.emplace_back(csv.fields().begin(), csv.fields().end());
    return out;
}

} // namespace

TEST_CASE ("csv reader: semicolons, trimmed blanks, a byte-order mark, CR LF, a line break in quotes", "[csv]") {
    const CsvOptions batch{.delimiter = ';', .trim_blanks = true};
    const auto rows = records("\xEF\xBB\xBF"
                              "a ; \"b;c\" \r\n\r\n x;\"two\r\nlines\"\r\n",
                              batch);
    REQUIRE(rows.size() == 2);
    CHECK(rows[0] == std::vector<std::string>{"a", "b;c"});
    CHECK(rows[1] == std::vector<std::string>{"x", "two\r\nlines"});
    // Strict and untrimmed, the blank before the quote makes it a stray quote.
    auto strict = split_csv_record(" \"b\"");
    REQUIRE_FALSE(strict);
    CHECK(strict.error().message == "field 1: a quote inside an unquoted field");
}

TEST_CASE ("csv reader: quotes forgiven when asked, as perfmon lines need", "[csv]") {
    const CsvOptions lenient{.trim_blanks = true, .lenient_quotes = true};
    auto cut = split_csv_record("\"01/02/2024 10:00:00.000\",\"12.5\",\"3", lenient);
    REQUIRE(cut);
    CHECK(*cut == std::vector<std::string>{"01/02/2024 10:00:00.000", "12.5", "3"});
    auto blank = split_csv_record("\"x\",\" \",\"\"", lenient);
    REQUIRE(blank);
    CHECK(*blank == std::vector<std::string>{"x", " ", ""});
    CHECK_FALSE(split_csv_record("\"a\",\"b"));
}

TEST_CASE ("csv reader: next_in_block never reads on; faults name their kind", "[csv]") {
    std::istringstream in("h1,h2\n1,2\n3,\"4\n");
    CsvReader csv(in);
    REQUIRE(csv.next_in_block().value() == false); // nothing read yet
    REQUIRE(csv.next().value());
    CHECK(csv.records_parsed() == 1); // a line at a time: the next line is not parsed yet
    REQUIRE(csv.next_in_block().value());
    CHECK(csv.fields()[1] == "2");
    CHECK(csv.next_in_block().value() == false);
    auto end = csv.next();
    REQUIRE_FALSE(end);
    CHECK(csv.fault() == CsvFault::unclosed_quote);
    CHECK(csv.records_parsed() == 2);

    std::istringstream bad("a,b\nc,d\"e\n");
    CsvReader strict(bad);
    REQUIRE(strict.next().value());
    auto stop = strict.next();
    REQUIRE_FALSE(stop);
    CHECK(strict.fault() == CsvFault::bad_quote);
    CHECK(stop.error().field == "line 2");
    CHECK(strict.parser_message() == "error parsing data while strict checking enabled");
}

TEST_CASE ("csv writer: a field is quoted exactly when it holds a quote, a line break, the delimiter or end blanks",
           "[csv]") {
    // The writer scans sixteen characters at a time where it can: every length up to 40 with
    // each special character at every position, and random fields, against the rule in words.
    auto must_quote = [](const std::string& s, char d) {
        if (s.empty())
            return false;
        if (s.front() == ' ' || s.back() == ' ')
            return true;
        return s.find_first_of(std::string{'"', '\n', '\r', d}) != std::string::npos;
    };
    for (char d : {',', ';', '\t', '|', '~'}) {
        for (std::size_t n = 0; n <= 40; ++n) {
            const std::string plain(n, 'x');
            CHECK(irisize::app::csv_field_needs_quotes(plain, d) == false);
            for (std::size_t at = 0; at < n; ++at)
                for (char c : {'"', '\n', '\r', d, ' '}) {
                    std::string s = plain;
                    s[at] = c;
                    INFO("delimiter " << int(d) << ", length " << n << ", '" << int(c) << "' at " << at);
                    CHECK(irisize::app::csv_field_needs_quotes(s, d) == must_quote(s, d));
                }
        }
        std::mt19937 rng(7);
        const std::string alphabet = std::string("ab ,;\t|~\"\r\n\x80\xff") + d;
        for (int i = 0; i < 2000; ++i) {
            std::string s(rng() % 50, 'a');
            for (auto& c : s)
                c = alphabet[rng() % alphabet.size()];
            INFO("field '" << s << "', delimiter " << int(d));
            CHECK(irisize::app::csv_field_needs_quotes(s, d) == must_quote(s, d));
        }
    }
    // A field written and read back is the field.
    std::string line;
    irisize::app::append_csv_field(line, "a long note, with a \"quote\" past the sixteenth character");
    line += ',';
    irisize::app::append_csv_field(line, "plain");
    line += '\n';
    const auto rows = records(line, CsvOptions{});
    REQUIRE(rows.size() == 1);
    CHECK(rows[0] == std::vector<std::string>{"a long note, with a \"quote\" past the sixteenth character", "plain"});
}
