// The Thrift-in benchmark's service: one small call (bench/thrift-in/tload.cc speaks it on the wire).
service Bench {
  string echo(1: string s)
}

// The same call on a service whose argument a config rule pseudonymizes (siv): the backend echoes the pseudonym.
service BenchPseudo {
  string echo(1: string s)
}
