// Where an enum is expected, 0.17 drops the first one or two dotted parts of the identifier and looks
// the rest up in the expected enum, whatever the prefix names.
enum E { A, B }
enum F { B = 7 }

const E PLAIN = E.B
const E OTHER_PREFIX = F.B
const E TWO_PARTS = x.y.B
const list<E> IN_LIST = [Q.B, 1]
const map<E, E> IN_MAP = {Q.B: x.A}

struct S { 1: E e = whatever.A }
