# expect: SLUICE3021 at 3:33
# 0.17 checks throws clauses while parsing: the exception must already be defined.
service V { void f() throws (1: X x) }
exception X {}
