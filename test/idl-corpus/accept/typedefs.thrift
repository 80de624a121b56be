// Typedef chains, forward references, container typedefs, annotations and a trailing separator.
typedef Forward UsesForward
typedef i64 Forward
typedef UsesForward Chained;
typedef list<Chained> ChainedList,
typedef map<string, set<Chained>> Nested (kind = "nested")
typedef byte OldByte
typedef binary Blob
typedef Later LaterAlias

struct Later { 1: ChainedList values }

struct UsesTypedefs {
  1: Chained c = 9007199254740993,
  2: ChainedList cl = [1 2 3],
  3: Nested n,
  4: OldByte b = 127,
  5: Blob blob = "bytes",
  6: LaterAlias later,
}
