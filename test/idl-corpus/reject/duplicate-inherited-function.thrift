# expect: SLUICE3012 at 3:23
service A { void f() }
service B extends A { void f() }
