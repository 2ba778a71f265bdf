// SPDX-License-Identifier: GPL-3.0-or-later
// The project file (*.irisize.json) read and written without Qt: its kind and schema
// checked, each system's workload document kept as typed.
#include "project_file.hpp"

namespace irisize::app {

Result<std::vector<nlohmann::json>> parse_project_file(std::string_view bytes, const std::string& origin) {
    nlohmann::json doc;
    try {
        doc = nlohmann::json::parse(bytes.begin(), bytes.end());
    } catch (const nlohmann::json::exception& e) { // parse_error, or out_of_range for a number like 1e400
        return Error{origin, std::string("is not valid JSON: ") + e.what()};
    }
    if (!doc.is_object())
        return Error{origin, "is not an irisize project or workload (not a JSON object)"};
    // Looked at before it is converted: a "schema" or "kind" of the wrong type (found by
    // fuzz_project) made json::value() throw, and the GUI died opening such a file.
    const auto schema = doc.find("schema");
    if (schema == doc.end() || !schema->is_number() || *schema != 1)
        return Error{origin, "has no \"schema\": 1 (not an irisize file of this version)"};
    const auto kind = doc.find("kind");
    if (kind != doc.end() && !kind->is_string())
        return Error{origin, "kind: must be a string (\"irisize-project\" for a project), found " +
                                 std::string(kind->type_name())};
    if (kind != doc.end() && *kind == "deployment")
        return Error{origin, "is a deployment file (several systems with a shared web tier): size it with `irisize size`, "
                             "which writes every format; the desktop application does not open deployments yet, and "
                             "reading only its systems would drop the shared tier and change their figures"};
    std::vector<nlohmann::json> systems;
    if (kind != doc.end() && *kind == "irisize-project") {
        const auto it = doc.find("systems");
        if (it == doc.end() || !it->is_array())
            return Error{origin, "systems: must be a list of workloads"};
        for (std::size_t i = 0; i < it->size(); ++i) {
            if (!(*it)[i].is_object())
                return Error{origin, "systems[" + std::to_string(i) + "]: must be a workload"};
            systems.push_back((*it)[i]);
        }
        if (systems.empty())
            return Error{origin, "systems: the project has no system"};
    } else {
        systems.push_back(std::move(doc)); // a single workload file
    }
    return systems;
}

nlohmann::json project_document(const std::vector<nlohmann::json>& systems) {
    nlohmann::json j;
    j["schema"] = 1;
    j["kind"] = "irisize-project";
    j["systems"] = nlohmann::json::array();
    for (const auto& s : systems)
        j["systems"].push_back(s);
    return j;
}

} // namespace irisize::app
