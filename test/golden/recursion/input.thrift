// Recursive and mutually recursive types: codecs reference each other lazily.
struct Tree {
  1: required i32 value,
  2: list<Tree> children,
}
struct CoRec { 1: CoRec2 other }
struct CoRec2 { 1: CoRec other }
union Expr {
  1: i64 literal,
  2: list<Expr> sum,
  3: map<string, Expr> named,
}
