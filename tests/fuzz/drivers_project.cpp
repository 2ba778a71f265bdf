// SPDX-License-Identifier: GPL-3.0-or-later
// The project-file driver, apart because the reader lives in the application support library.
#include "drivers.hpp"
#include "irisize/plan/plan_check.hpp"
#include "irisize/sizing/sizing.hpp"
#include "irisize/workload/workload.hpp"
#include "project_file.hpp"

namespace irisize::fuzz {

Outcome project_file(std::string_view bytes, const Catalog& catalog) {
    Outcome out;
    auto systems = app::parse_project_file(bytes, "fuzz.irisize.json");
    if (!systems) {
        ++out.refused;
        if (systems.error().message.empty())
            out.bugs.push_back("project: an error without a message");
        if (systems.error().field != "fuzz.irisize.json")
            out.bugs.push_back("project: the error does not name the file: '" + systems.error().field + "'");
        return out;
    }
    ++out.accepted;
    if (systems->empty())
        out.bugs.push_back("project: accepted with no system");
    // What the GUI saves is what it reads back.
    std::string saved;
    try {
        saved = app::project_document(*systems).dump(2) + "\n";
    } catch (const nlohmann::json::exception& e) {
        out.bugs.push_back(std::string("project: cannot be saved: ") + e.what());
        return out;
    }
    auto again = app::parse_project_file(saved, "saved.irisize.json");
    if (!again)
        out.bugs.push_back("project: the saved project is refused: " + again.error().what());
    else if (*again != *systems)
        out.bugs.push_back("project: the saved project reads back different systems");

    for (const auto& doc : *systems) {
        if (!doc.is_object())
            out.bugs.push_back("project: a system that is not a JSON object");
        auto w = parse_workload(doc);
        if (!w) {
            ++out.refused; // a project may hold an unfinished system
            if (w.error().message.empty())
                out.bugs.push_back("project: a system refused without a message");
            continue;
        }
        SizeOptions opt;
        opt.explain = false;
        auto plan = size(*w, catalog, opt);
        if (!plan) {
            if (plan.error().message.empty())
                out.bugs.push_back("project: size() refused a system without a message");
            continue;
        }
        ++out.planned;
        for (const auto& p : check_plan(*plan, *w, catalog))
            out.bugs.push_back("project: a system's plan fails its check: " + p);
    }
    return out;
}

} // namespace irisize::fuzz
