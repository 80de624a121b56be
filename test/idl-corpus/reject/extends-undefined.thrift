# expect: SLUICE2007
service S extends Missing {}
