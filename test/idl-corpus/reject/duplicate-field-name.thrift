# expect: SLUICE3001 at 4:3
struct S {
  1: i32 a,
  2: string a
}
