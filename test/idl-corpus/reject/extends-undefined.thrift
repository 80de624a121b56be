# expect: SLUICE2007 at 2:19
service S extends Missing {}
