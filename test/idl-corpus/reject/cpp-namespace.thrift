# expect: SLUICE1010 at 2:1
cpp_namespace foo
