// SPDX-License-Identifier: GPL-3.0-or-later
// The HCL text writer: hcl_string and hcl_identifier (declared in deploy/terraform.hpp), the
// block body and file builders laid out as `terraform fmt` does, and the expression helpers.
#include "deploy/hcl_writer.hpp"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "irisize/deploy/terraform.hpp"

namespace irisize {

std::string hcl_string(std::string_view text) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool template_start = i + 1 < text.size() && text[i + 1] == '{';
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '$':
        case '%':
            out += c;
            if (template_start)
                out += c; // $${ and %%{ are a literal ${ and %{
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                out += fmt::format("\\u{:04x}", static_cast<unsigned>(static_cast<unsigned char>(c)));
            else
                out += c;
        }
    }
    return out + "\"";
}

std::string hcl_identifier(std::string_view text) {
    std::string out;
    for (const char c : text) {
        const auto uc = static_cast<unsigned char>(c);
        if (std::isalnum(uc) && uc < 0x80)
            out += static_cast<char>(std::tolower(uc));
        else if (out.empty() || out.back() != '_')
            out += '_';
    }
    while (out.size() > 1 && out.back() == '_')
        out.pop_back();
    if (out.empty() || out == "_")
        return "_unnamed";
    if (std::isdigit(static_cast<unsigned char>(out.front())))
        out = "_" + out;
    return out;
}

namespace detail {

HclBody& HclBody::attr(std::string key, std::string expr) {
    m_items.push_back({Kind::attr, std::move(key), std::move(expr), {}, {}, {}, nullptr});
    return *this;
}

HclBody& HclBody::object(std::string key, std::vector<std::pair<std::string, std::string>> entries) {
    m_items.push_back({Kind::object, std::move(key), {}, std::move(entries), {}, {}, nullptr});
    return *this;
}

HclBody& HclBody::block(std::string type, std::vector<std::string> labels) {
    m_items.push_back({Kind::block, {}, {}, {}, std::move(type), std::move(labels), std::make_unique<HclBody>()});
    return *m_items.back().body;
}

void HclBody::render(std::string& out, int indent) const {
    const std::string pad(static_cast<std::size_t>(indent), ' ');
    for (std::size_t i = 0; i < m_items.size(); ++i) {
        const Item& it = m_items[i];
        if (i > 0 && (it.kind != Kind::attr || m_items[i - 1].kind != Kind::attr))
            out += '\n';
        switch (it.kind) {
        case Kind::attr: {
            std::size_t width = 0;
            for (std::size_t j = i; j > 0 && m_items[j - 1].kind == Kind::attr; --j)
                width = std::max(width, m_items[j - 1].key.size());
            for (std::size_t j = i; j < m_items.size() && m_items[j].kind == Kind::attr; ++j)
                width = std::max(width, m_items[j].key.size());
            out += fmt::format("{}{:<{}} = {}\n", pad, it.key, width, it.expr);
            break;
        }
        case Kind::object: {
            if (it.entries.empty()) {
                out += fmt::format("{}{} = {{}}\n", pad, it.key);
                break;
            }
            std::size_t width = 0;
            for (const auto& e : it.entries)
                width = std::max(width, e.first.size());
            out += fmt::format("{}{} = {{\n", pad, it.key);
            for (const auto& e : it.entries)
                out += fmt::format("{}  {:<{}} = {}\n", pad, e.first, width, e.second);
            out += pad + "}\n";
            break;
        }
        case Kind::block:
            out += pad + it.type;
            for (const auto& l : it.labels)
                out += " " + hcl_string(l);
            out += " {\n";
            it.body->render(out, indent + 2);
            out += pad + "}\n";
            break;
        }
    }
}

HclFile::HclFile(std::string name, std::vector<std::string> header)
    : m_name(std::move(name)), m_header(std::move(header)) {}

HclBody& HclFile::block(std::string type, std::vector<std::string> labels) {
    return m_top.block(std::move(type), std::move(labels));
}

GeneratedFile HclFile::finish() const {
    std::string out;
    for (const auto& line : m_header)
        out += line.empty() ? "#\n" : "# " + line + "\n";
    std::string body;
    m_top.render(body, 0);
    if (!body.empty())
        out += (out.empty() ? "" : "\n") + body;
    return {m_name, out};
}

std::string hcl_quoted(std::string_view text) {
    return hcl_string(text);
}

std::string hcl_integer(long long value) {
    return std::to_string(value);
}

std::string hcl_list(const std::vector<std::string>& exprs) {
    std::string out = "[";
    for (std::size_t i = 0; i < exprs.size(); ++i)
        out += (i ? ", " : "") + exprs[i];
    return out + "]";
}

std::string one_line(std::string_view text) {
    std::string out;
    for (const char c : text)
        out += (c == '\n' || c == '\r') ? ' ' : c;
    return out;
}

} // namespace detail
} // namespace irisize
