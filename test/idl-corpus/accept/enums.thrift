// Enum auto-numbering: the first member is 0, a member without a value is the previous plus one,
// negative and repeated values are allowed.
/** A documented enum. */
enum Numbering {
  A,
  B = 5,
  C,
  D = -3,
  F,
  G = 0x10,
  H = 2147483647,
  I = -2147483648,
  J
}

enum Separators { X = 1; Y = 2, Z }

enum Annotated {
  ONE = 1 (display = "one"),
  TWO (deprecated)
} (enum.kind = "status")

enum Same { P = 7, Q = 7 }

enum Empty {}

struct UsesEnum {
  1: Numbering n = Numbering.C,
  2: Separators s = 2,
  3: optional Same same = Same.Q,
}

const Numbering LAST = Numbering.J
const list<Numbering> SOME = [Numbering.A, Numbering.D, 5]
