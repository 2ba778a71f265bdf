// SPDX-License-Identifier: GPL-3.0-or-later
// The tests' HCL reader (hcl_reader.hpp): a recursive reader of blocks and attributes that
// skips over strings, interpolations and bracketed expressions, and fails loudly.
#include "hcl_reader.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <stdexcept>

#include <catch2/catch.hpp>

namespace irisize::test {

namespace {

/// Reads the structure of HCL native syntax: blocks, labels, attributes (an expression runs to
/// the end of its line outside brackets and strings), comments. Throws on malformed text.
class HclReader {
public:
    explicit HclReader(std::string text) : m_t(std::move(text)) {}

    std::vector<HclBlock> read() {
        auto out = body();
        if (m_i < m_t.size())
            fail("unexpected '}'");
        return out;
    }

private:
    [[noreturn]] void fail(const std::string& what) const {
        throw std::runtime_error("HCL line " + std::to_string(line()) + ": " + what);
    }
    [[nodiscard]] int line() const {
        return 1 + static_cast<int>(
                       std::count(m_t.begin(), m_t.begin() + static_cast<long>(std::min(m_i, m_t.size())), '\n'));
    }
    [[nodiscard]] bool at_end() const { return m_i >= m_t.size(); }
    [[nodiscard]] char peek() const { return at_end() ? '\0' : m_t[m_i]; }

    void skip_space(bool newlines) {
        while (!at_end()) {
            const char c = m_t[m_i];
            if (c == ' ' || c == '\t' || c == '\r' || (newlines && c == '\n'))
                ++m_i;
            else if (c == '#' || (c == '/' && m_i + 1 < m_t.size() && m_t[m_i + 1] == '/')) {
                while (!at_end() && m_t[m_i] != '\n')
                    ++m_i;
            } else
                break;
        }
    }

    std::string identifier() {
        const auto start = m_i;
        while (!at_end() && (std::isalnum(static_cast<unsigned char>(m_t[m_i])) || m_t[m_i] == '_' || m_t[m_i] == '-'))
            ++m_i;
        if (m_i == start)
            fail(std::string("expected a name, found '") + peek() + "'");
        return m_t.substr(start, m_i - start);
    }

    /// Skips a quoted template starting at m_i (on the quote), interpolations included.
    void skip_string() {
        ++m_i;
        while (!at_end()) {
            const char c = m_t[m_i];
            if (c == '\\') {
                m_i += 2;
                continue;
            }
            if (c == '\n')
                fail("line break in a quoted string");
            if (c == '"') {
                ++m_i;
                return;
            }
            if ((c == '$' || c == '%') && m_i + 1 < m_t.size() && m_t[m_i + 1] == c) {
                m_i += 2; // $$ or %%: a literal
                continue;
            }
            if ((c == '$' || c == '%') && m_i + 1 < m_t.size() && m_t[m_i + 1] == '{') {
                m_i += 2;
                skip_expression('}');
                ++m_i;
                continue;
            }
            ++m_i;
        }
        fail("unterminated string");
    }

    /// Skips an expression up to `close` at depth 0 (not consumed); `close` '\n' ends at a line end.
    void skip_expression(char close) {
        std::string stack;
        while (!at_end()) {
            const char c = m_t[m_i];
            if (stack.empty() && c == close)
                return;
            if (c == '"') {
                skip_string();
                continue;
            }
            if (c == '#' && close == '\n' && stack.empty())
                return;
            if (c == '(' || c == '[' || c == '{')
                stack += c == '(' ? ')' : c == '[' ? ']' : '}';
            else if (c == ')' || c == ']' || c == '}') {
                if (stack.empty() || stack.back() != c)
                    fail(std::string("unbalanced '") + c + "'");
                stack.pop_back();
            }
            ++m_i;
        }
        if (close != '\n' || !stack.empty())
            fail("unterminated expression");
    }

    std::vector<HclBlock> body() {
        std::vector<HclBlock> out;
        while (true) {
            skip_space(true);
            if (at_end() || peek() == '}')
                break;
            const int at = line();
            const std::string name = identifier();
            skip_space(false);
            if (peek() == '=') {
                ++m_i;
                skip_space(false);
                const auto start = m_i;
                skip_expression('\n');
                std::string expr = m_t.substr(start, m_i - start);
                while (!expr.empty() && (expr.back() == ' ' || expr.back() == '\r'))
                    expr.pop_back();
                if (expr.empty())
                    fail("attribute '" + name + "' without a value");
                HclBlock a;
                a.type = "=" + name; // attributes travel as pseudo-blocks until the caller sorts them
                a.labels = {expr};
                a.line = at;
                out.push_back(std::move(a));
                continue;
            }
            HclBlock b;
            b.type = name;
            b.line = at;
            while (peek() == '"') {
                const auto start = m_i;
                skip_string();
                b.labels.push_back(m_t.substr(start + 1, m_i - start - 2));
                skip_space(false);
            }
            if (peek() != '{')
                fail("expected '{' after block '" + name + "'");
            ++m_i;
            for (auto& item : body()) {
                if (item.type.front() == '=') {
                    if (!b.attrs.emplace(item.type.substr(1), item.labels.front()).second)
                        fail("attribute '" + item.type.substr(1) + "' set twice in block '" + name + "'");
                } else
                    b.blocks.push_back(std::move(item));
            }
            if (peek() != '}')
                fail("block '" + name + "' not closed");
            ++m_i;
            out.push_back(std::move(b));
        }
        return out;
    }

    std::string m_t;
    std::size_t m_i = 0;
};

} // namespace

std::vector<HclBlock> parse_hcl(std::string text) {
    return HclReader(std::move(text)).read();
}

std::vector<HclBlock> read_hcl(const std::vector<GeneratedFile>& files) {
    std::vector<HclBlock> out;
    for (const auto& f : files) {
        INFO(f.name);
        std::vector<HclBlock> blocks;
        REQUIRE_NOTHROW(blocks = parse_hcl(f.content));
        for (auto& b : blocks) {
            REQUIRE(b.type.front() != '='); // no attributes at the top level
            out.push_back(std::move(b));
        }
    }
    return out;
}

std::vector<const HclBlock*> resources(const std::vector<HclBlock>& blocks, const std::string& type) {
    std::vector<const HclBlock*> out;
    for (const auto& b : blocks)
        if (b.type == "resource" && b.labels.at(0) == type)
            out.push_back(&b);
    return out;
}

const HclBlock* resource(const std::vector<HclBlock>& blocks, const std::string& type, const std::string& name) {
    for (const auto* b : resources(blocks, type))
        if (b->labels.at(1) == name)
            return b;
    return nullptr;
}

std::string referenced(const std::string& expr, const std::string& type) {
    const std::regex r("\\b" + type + R"(\.([a-z0-9_]+)\.)");
    std::smatch m;
    return std::regex_search(expr, m, r) ? m[1].str() : std::string();
}

std::set<std::string> all_referenced(const std::string& expr, const std::string& type) {
    std::set<std::string> out;
    const std::regex r("\\b" + type + R"(\.([a-z0-9_]+)\.)");
    for (std::sregex_iterator it(expr.begin(), expr.end(), r), end; it != end; ++it)
        out.insert((*it)[1].str());
    return out;
}

} // namespace irisize::test
