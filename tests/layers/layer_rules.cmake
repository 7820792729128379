# Who may include what under server/: the walls of the README's architecture as data, read by
# check_layers.cmake. A folder may always include its own headers; app/ may include every group.
#
# layer_rules: one row per folder under server/ (a folder without a row is an error), then the
# groups its files may include: another folder's name (its "folder/..." headers) or a header group.
set(layer_rules
  "smtp     : std"
  "policy   : std smtp"
  "scenario : std smtp policy toml++"
  "mime     : std gmime libxml2 boost.url"
  "store    : std posix sqlite boost.json mime smtp policy"
  "identity : std posix smtp policy openssl boost.json"
  "net      : std smtp policy store asio openssl spdlog"
  "http     : std smtp policy store mime identity asio beast boost.json boost.url date spdlog"
  "app      : *"
)

# header_groups: the name of each group and a regular expression for the headers (as written
# between < and >) that belong to it. The first group that matches wins, so Boost.Asio and
# Boost.JSON come before Boost as a whole; a header no group matches is an error everywhere.
# asio holds Boost.System too: its error_code is part of Asio's API.
set(std_headers
  algorithm any array atomic barrier bit bitset charconv chrono compare complex concepts
  condition_variable coroutine deque exception execution filesystem format forward_list fstream
  functional future initializer_list iomanip ios iosfwd iostream istream iterator latch limits list
  locale map memory memory_resource mutex new numbers numeric optional ostream queue random ranges
  ratio regex scoped_allocator semaphore set shared_mutex source_location span sstream stack
  stdexcept stop_token streambuf string string_view syncstream system_error thread tuple
  type_traits typeindex typeinfo unordered_map unordered_set utility valarray variant vector version
  cassert cctype cerrno cfenv cfloat cinttypes climits clocale cmath csetjmp csignal cstdarg cstddef
  cstdint cstdio cstdlib cstring ctime cuchar cwchar cwctype)
list(JOIN std_headers "|" std_alternatives)
set(header_groups
  "std        : ^(${std_alternatives})$"
  "posix      : ^(unistd|fcntl|poll|pthread|dirent|netdb|sys/[a-z_]+|netinet/[a-z_]+|arpa/[a-z_]+)\\.h$"
  "asio       : ^boost/(asio(\\.hpp|/.+)|system/.+)$"
  "beast      : ^boost/beast(\\.hpp|/.+)$"
  "boost.json : ^boost/json(\\.hpp|/.+)$"
  "boost.url  : ^boost/url(\\.hpp|/.+)$"
  "boost      : ^boost/.+$"
  "openssl    : ^openssl/.+$"
  "toml++     : ^toml\\+\\+/.+$"
  "date       : ^date/.+$"
  "sqlite     : ^sqlite3\\.h$"
  "gmime      : ^(gmime/.+|glib\\.h|glib/.+|glib-object\\.h)$"
  "libxml2    : ^libxml/.+$"
  "spdlog     : ^spdlog/.+$"
  "fmt        : ^fmt/.+$"
  "cli11      : ^CLI/.+$"
  "gtest      : ^(gtest|gmock)/.+$"
)
