#include "store/mailbox_editor.hpp"

#include <atomic>
#include <functional>
#include <mutex>
#include <utility>

#include "store/journal_applier.hpp"
#include "store/schema.hpp"
#include "store/sign_in_tenant.hpp"
#include "store/sqlite_handle.hpp"

namespace exomock::store {
namespace {

// Tags no message carries any more disappear, as Mailpit prunes them.
constexpr const char* prune_tags =
    "DELETE FROM tags WHERE id NOT IN (SELECT tag FROM message_tags)";

}  // namespace

struct mailbox_editor::impl {
  impl(const std::filesystem::path& dir, journal_end end) : journal(dir, std::move(end)) {}
  journal_catch_up journal;
  database db;
  std::mutex mutex;
  std::atomic<std::int64_t> deleted{0};

  // Runs `body` in one write transaction after the journal's tail is applied;
  // rolls back when it returns false or a statement fails.
  bool edit(const std::function<bool()>& body) {
    const std::lock_guard lock(mutex);
    std::string error;
    journal.run(error);
    if (!exec(db.get(), "BEGIN IMMEDIATE", error)) {
      return false;
    }
    if (!body()) {
      exec(db.get(), "ROLLBACK", error);
      return false;
    }
    if (!exec(db.get(), "COMMIT", error)) {
      exec(db.get(), "ROLLBACK", error);
      return false;
    }
    return true;
  }

  // One statement with its parameters bound by `bind`, stepped to the end;
  // the number of rows it changed, or -1 on failure.
  std::int64_t run(std::string_view sql, const std::function<void(sqlite3_stmt*)>& bind) {
    std::string error;
    const statement st = prepare(db.get(), sql, error);
    if (!st) {
      return -1;
    }
    bind(st.get());
    int rc = SQLITE_ROW;
    while (rc == SQLITE_ROW) {
      rc = sqlite3_step(st.get());
    }
    return rc == SQLITE_DONE ? sqlite3_changes64(db.get()) : -1;
  }

  bool message_exists(std::int64_t id) {
    std::string error;
    const statement st = prepare(db.get(), "SELECT 1 FROM messages WHERE id = ?1", error);
    if (!st) {
      return false;
    }
    sqlite3_bind_int64(st.get(), 1, id);
    return sqlite3_step(st.get()) == SQLITE_ROW;
  }

  // The id of the tag called NAME (ASCII case ignored), or 0.
  std::int64_t tag_id(const std::string& name) {
    std::string error;
    const statement st = prepare(db.get(), "SELECT id FROM tags WHERE name = ?1", error);
    if (!st) {
      return 0;
    }
    bind_text(st.get(), 1, name);
    return sqlite3_step(st.get()) == SQLITE_ROW ? sqlite3_column_int64(st.get(), 0) : 0;
  }
};

std::unique_ptr<mailbox_editor> mailbox_editor::open(const std::filesystem::path& dir,
                                                     std::string& error, journal_end end) {
  auto p = std::make_unique<impl>(dir, std::move(end));
  std::string ignored;
  p->journal.run(ignored);
  if (!open_capture(dir, error)) {  // the same checks as a reader: file present, schema known
    return nullptr;
  }
  p->db = open_database(dir / "exomock.sqlite3", false, error);
  if (!p->db) {
    return nullptr;
  }
  return std::unique_ptr<mailbox_editor>(new mailbox_editor(std::move(p)));
}

mailbox_editor::mailbox_editor(std::unique_ptr<impl> p) : impl_(std::move(p)) {}
mailbox_editor::~mailbox_editor() = default;

std::vector<std::int64_t> mailbox_editor::set_read(const std::vector<std::int64_t>& ids,
                                                   bool read) {
  std::vector<std::int64_t> changed;
  impl_->edit([&] {
    for (const std::int64_t id : ids) {
      const auto n = impl_->run("UPDATE messages SET read = ?2 WHERE id = ?1 AND read <> ?2",
                                [&](sqlite3_stmt* s) {
                                  sqlite3_bind_int64(s, 1, id);
                                  sqlite3_bind_int(s, 2, read ? 1 : 0);
                                });
      if (n < 0) {
        changed.clear();
        return false;
      }
      if (n > 0) {
        changed.push_back(id);
      }
    }
    return true;
  });
  return changed;
}

std::int64_t mailbox_editor::set_read_all(bool read) {
  std::int64_t changed = 0;
  impl_->edit([&] {
    changed = impl_->run("UPDATE messages SET read = ?1 WHERE read <> ?1",
                         [&](sqlite3_stmt* s) { sqlite3_bind_int(s, 1, read ? 1 : 0); });
    return changed >= 0;
  });
  return std::max<std::int64_t>(changed, 0);
}

bool mailbox_editor::set_tags(std::int64_t id, const std::vector<std::string>& tags) {
  const auto bind_id = [id](sqlite3_stmt* s) { sqlite3_bind_int64(s, 1, id); };
  return impl_->edit([&] {
    if (!impl_->message_exists(id) ||
        impl_->run("DELETE FROM message_tags WHERE message = ?1", bind_id) < 0) {
      return false;
    }
    for (const std::string& tag : tags) {
      const auto bind_tag = [&](sqlite3_stmt* s) {
        sqlite3_bind_int64(s, 1, id);
        bind_text(s, 2, tag);
      };
      if (impl_->run("INSERT INTO tags(name) SELECT ?2 WHERE NOT EXISTS "
                     "(SELECT 1 FROM tags WHERE name = ?2)",
                     bind_tag) < 0 ||
          impl_->run("INSERT OR IGNORE INTO message_tags(message, tag) "
                     "SELECT ?1, id FROM tags WHERE name = ?2",
                     bind_tag) < 0) {
        return false;
      }
    }
    return impl_->run(prune_tags, [](sqlite3_stmt*) {}) >= 0;
  });
}

std::optional<std::string> mailbox_editor::rename_tag(const std::string& from,
                                                      const std::string& to) {
  std::optional<std::string> problem;
  impl_->edit([&] {
    const std::int64_t id = impl_->tag_id(from);
    if (id == 0) {
      problem = "tag not found: " + from;
      return false;
    }
    const std::int64_t existing = impl_->tag_id(to);
    if (existing != 0 && existing != id) {
      problem = "tag already exists: " + to;
      return false;
    }
    return impl_->run("UPDATE tags SET name = ?2 WHERE id = ?1", [&](sqlite3_stmt* s) {
      sqlite3_bind_int64(s, 1, id);
      bind_text(s, 2, to);
    }) >= 0;
  });
  return problem;
}

std::optional<std::string> mailbox_editor::delete_tag(const std::string& name) {
  std::optional<std::string> problem;
  impl_->edit([&] {
    const std::int64_t id = impl_->tag_id(name);
    if (id == 0) {
      problem = "tag not found: " + name;
      return false;
    }
    const auto bind_id = [id](sqlite3_stmt* s) { sqlite3_bind_int64(s, 1, id); };
    return impl_->run("DELETE FROM message_tags WHERE tag = ?1", bind_id) >= 0 &&
           impl_->run("DELETE FROM tags WHERE id = ?1", bind_id) >= 0;
  });
  return problem;
}

std::vector<std::int64_t> mailbox_editor::delete_messages(const std::vector<std::int64_t>& ids) {
  std::vector<std::int64_t> deleted;
  const bool committed = impl_->edit([&] {
    for (const std::int64_t id : ids) {
      const auto bind_id = [id](sqlite3_stmt* s) { sqlite3_bind_int64(s, 1, id); };
      const auto n = impl_->run("DELETE FROM messages WHERE id = ?1", bind_id);
      if (n < 0 || impl_->run("DELETE FROM message_tags WHERE message = ?1", bind_id) < 0) {
        return false;
      }
      if (n > 0) {
        deleted.push_back(id);
      }
    }
    return impl_->run(prune_tags, [](sqlite3_stmt*) {}) >= 0;
  });
  if (!committed) {
    deleted.clear();  // rolled back: nothing went
  }
  impl_->deleted += static_cast<std::int64_t>(deleted.size());
  return deleted;
}

std::int64_t mailbox_editor::delete_all() {
  std::int64_t deleted = 0;
  const bool committed = impl_->edit([&] {
    const auto none = [](sqlite3_stmt*) {};
    deleted = impl_->run("DELETE FROM messages", none);
    return deleted >= 0 && impl_->run("DELETE FROM message_tags", none) >= 0 &&
           impl_->run("DELETE FROM tags", none) >= 0;
  });
  deleted = committed ? deleted : 0;
  impl_->deleted += deleted;
  return deleted;
}

std::int64_t mailbox_editor::delete_sign_ins(const std::vector<std::string>& domains,
                                             const std::vector<std::string>& app_ids) {
  const std::string domain_list = lower_json_list(domains);
  const std::string app_list = lower_json_list(app_ids);
  std::int64_t deleted = 0;
  const bool committed = impl_->edit([&] {
    deleted = impl_->run("DELETE FROM signins WHERE " + tenant_sign_in_sql("?1", "?2"),
                         [&](sqlite3_stmt* st) {
                           bind_text(st, 1, domain_list);
                           bind_text(st, 2, app_list);
                         });
    return deleted >= 0;
  });
  return committed ? deleted : 0;
}

std::int64_t mailbox_editor::deleted() const {
  return impl_->deleted;
}

}  // namespace exomock::store
