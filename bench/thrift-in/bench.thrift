// The Thrift-in benchmark's service: one small call (bench/thrift-in/tload.cc speaks it on the wire).
service Bench {
  string echo(1: string s)
}
