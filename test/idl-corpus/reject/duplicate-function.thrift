# expect: SLUICE3012
service S {
  void f()
  void f()
}
