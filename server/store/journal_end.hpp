// Where the journal ends now, as the server that writes it knows it: what a
// reader inside that server applies up to before a query.
#pragma once

#include <functional>

#include "store/journal_writer.hpp"

namespace exomock::store {

/// Returns the end of what has been written (every message whose 250 was sent
/// lies before it). Empty for a reader in another process, which cannot know
/// and applies whatever it finds.
using journal_end = std::function<journal_position()>;

}  // namespace exomock::store
