# expect: SLUICE3022 at 4:3
union U {
  1: i32 a = 1,
  2: string b = "x"
}
