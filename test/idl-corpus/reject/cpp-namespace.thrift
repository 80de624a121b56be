# expect: SLUICE1010
cpp_namespace foo
