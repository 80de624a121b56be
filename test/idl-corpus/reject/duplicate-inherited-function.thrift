# expect: SLUICE3012
service A { void f() }
service B extends A { void f() }
