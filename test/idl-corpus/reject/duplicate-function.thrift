# expect: SLUICE3012 at 4:3
service S {
  void f()
  void f()
}
