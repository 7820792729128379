// The document behind the live scenario: edits land on a copy of the parsed
// TOML, which read_document (the loader's path) then reads in full, so the
// admin API and the file obey one rule set and a failed edit changes nothing.
#include "scenario/scenario_document.hpp"

#include <sstream>
#include <utility>

#include "policy/address.hpp"
#include "scenario/scenario_reader.hpp"

namespace exomock::scenario {

struct scenario_document::impl {
  std::filesystem::path file;
  toml::table root;
  std::shared_ptr<const policy::scenario_model> model;
  environment env;
};

namespace {

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

// The key that names a table of each kind, and the array it sits in under [[tenant]].
struct table_kind {
  std::string_view array;
  std::string_view id_key;
  std::string_view noun;
};

table_kind kind_of(policy::edit_table t) {
  switch (t) {
    case policy::edit_table::mailbox:
      return {"mailbox", "address", "mailbox"};
    case policy::edit_table::authentication_policy:
      return {"authentication_policy", "name", "authentication policy"};
    case policy::edit_table::conditional_access:
      return {"conditional_access", "name", "Conditional Access policy"};
    case policy::edit_table::application:
      return {"application", "client_id", "application"};
    case policy::edit_table::tenant:
      break;
  }
  return {"tenant", "name", "tenant"};
}

// The table of `array` (an array of tables in `parent`) whose `id_key` is `id`, ignoring case.
toml::table* find_table(toml::table& parent, std::string_view array, std::string_view id_key,
                        std::string_view id) {
  toml::array* tables = parent[array].as_array();
  if (tables == nullptr) {
    return nullptr;
  }
  for (toml::node& n : *tables) {
    toml::table* t = n.as_table();
    const auto value = t != nullptr ? (*t)[id_key].value<std::string>() : std::nullopt;
    if (value && policy::iequals(*value, id)) {
      return t;
    }
  }
  return nullptr;
}

// The table an edit changes, or the not-found message in `missing`.
toml::table* target_of(toml::table& root, const policy::scenario_edit& e, std::string& missing) {
  toml::table* tenant = find_table(root, "tenant", "name", e.tenant);
  if (tenant == nullptr) {
    missing = "no tenant '" + e.tenant + "' in the scenario";
    return nullptr;
  }
  if (e.table == policy::edit_table::tenant) {
    return tenant;
  }
  const table_kind kind = kind_of(e.table);
  toml::table* t = find_table(*tenant, kind.array, kind.id_key, e.name);
  if (t == nullptr) {
    missing = "no " + std::string(kind.noun) + " '" + e.name + "' in tenant '" + e.tenant + "'";
  }
  return t;
}

toml::table toml_table(const policy::document_table& keys);

toml::array toml_array(const policy::document_array& items);

// One value of an added table; a TOML array holds tables as an array of tables.
void insert(toml::table& t, const std::string& key, const policy::document_value& v) {
  std::visit(overloaded{[&](const policy::document_array& a) { t.insert(key, toml_array(a)); },
                        [&](const policy::document_table& sub) { t.insert(key, toml_table(sub)); },
                        [&](const auto& scalar) { t.insert(key, scalar); }},
             v.value);
}

toml::array toml_array(const policy::document_array& items) {
  toml::array out;
  for (const policy::document_value& v : items) {
    std::visit(overloaded{[&](const policy::document_array& a) { out.push_back(toml_array(a)); },
                          [&](const policy::document_table& t) { out.push_back(toml_table(t)); },
                          [&](const auto& scalar) { out.push_back(scalar); }},
               v.value);
  }
  return out;
}

toml::table toml_table(const policy::document_table& keys) {
  toml::table out;
  for (const auto& [key, value] : keys) {
    insert(out, key, value);
  }
  return out;
}

// The array of tables an added or removed table belongs in, created when absent.
toml::array* array_of(toml::table& root, const policy::scenario_edit& e, std::string& missing) {
  toml::table* parent = &root;
  if (e.table != policy::edit_table::tenant) {
    parent = find_table(root, "tenant", "name", e.tenant);
    if (parent == nullptr) {
      missing = "no tenant '" + e.tenant + "' in the scenario";
      return nullptr;
    }
  }
  const std::string_view array = kind_of(e.table).array;
  if (!parent->contains(array)) {
    parent->insert(array, toml::array{});
  }
  return (*parent)[array].as_array();
}

// Adds or removes a whole table; false with `missing` when there is none to remove.
bool add_or_remove(toml::table& root, const policy::scenario_edit& e, std::string& missing) {
  toml::array* tables = array_of(root, e, missing);
  if (tables == nullptr) {
    return false;
  }
  if (const auto* add = std::get_if<policy::edit_add>(&e.value)) {
    tables->push_back(toml_table(add->keys));
    return true;
  }
  const table_kind kind = kind_of(e.table);
  const std::string& id = e.table == policy::edit_table::tenant ? e.tenant : e.name;
  for (auto it = tables->begin(); it != tables->end(); ++it) {
    const toml::table* t = it->as_table();
    const auto value = t != nullptr ? (*t)[kind.id_key].value<std::string>() : std::nullopt;
    if (value && policy::iequals(*value, id)) {
      tables->erase(it);
      return true;
    }
  }
  missing = "no " + std::string(kind.noun) + " '" + id + "'" +
            (e.table == policy::edit_table::tenant ? std::string(" in the scenario")
                                                   : " in tenant '" + e.tenant + "'");
  return false;
}

void set_value(toml::table& t, const policy::scenario_edit& e) {
  std::visit(overloaded{[&](policy::edit_unset) { t.erase(e.key); },
                        [&](const policy::edit_add&) {},  // add_or_remove's
                        [&](policy::edit_remove) {}, [&](bool b) { t.insert_or_assign(e.key, b); },
                        [&](const std::string& s) { t.insert_or_assign(e.key, s); },
                        [&](const std::vector<std::string>& list) {
                          toml::array a;
                          for (const std::string& s : list) {
                            a.push_back(s);
                          }
                          t.insert_or_assign(e.key, std::move(a));
                        }},
             e.value);
}

}  // namespace

scenario_document::scenario_document(std::unique_ptr<impl> i) : impl_(std::move(i)) {}
scenario_document::scenario_document(scenario_document&&) noexcept = default;
scenario_document& scenario_document::operator=(scenario_document&&) noexcept = default;
scenario_document::~scenario_document() = default;

std::optional<scenario_document> scenario_document::parse(std::string_view text,
                                                          const std::string& file_name,
                                                          std::vector<problem>& problems,
                                                          const environment& env) {
  std::optional<toml::table> root;
  load_result read = read_text_document(text, file_name, env, &root);
  if (!read.model) {
    problems = std::move(read.problems);
    return std::nullopt;
  }
  problems.clear();
  return scenario_document(
      std::make_unique<impl>(impl{file_name, std::move(*root), std::move(read.model), env}));
}

std::optional<scenario_document> scenario_document::open(const std::filesystem::path& file,
                                                         std::vector<problem>& problems,
                                                         const environment& env) {
  const auto text = read_text(file);
  if (!text) {
    problems = {cannot_open(file)};
    return std::nullopt;
  }
  return parse(*text, file.string(), problems, env);
}

const std::shared_ptr<const policy::scenario_model>& scenario_document::model() const {
  return impl_->model;
}

const std::filesystem::path& scenario_document::file() const {
  return impl_->file;
}

edit_outcome scenario_document::apply(const std::vector<policy::scenario_edit>& edits) {
  toml::table edited = impl_->root;
  for (const policy::scenario_edit& e : edits) {
    std::string missing;
    if (std::holds_alternative<policy::edit_add>(e.value) ||
        std::holds_alternative<policy::edit_remove>(e.value)) {
      if (!add_or_remove(edited, e, missing)) {
        return {edit_status::not_found, nullptr, {missing}};
      }
      continue;
    }
    toml::table* target = target_of(edited, e, missing);
    if (target == nullptr) {
      return {edit_status::not_found, nullptr, {missing}};
    }
    set_value(*target, e);
  }
  load_result read = read_document(edited, impl_->file.string(), impl_->env);
  if (!read.model) {
    edit_outcome out{edit_status::invalid, nullptr, {}};
    for (problem& p : read.problems) {
      out.messages.push_back(std::move(p.message));
    }
    return out;
  }
  impl_->root = std::move(edited);
  impl_->model = read.model;
  return {edit_status::applied, std::move(read.model), {}};
}

std::string scenario_document::toml() const {
  std::ostringstream out;
  out << toml::toml_formatter(impl_->root) << "\n";
  return out.str();
}

}  // namespace exomock::scenario
