// The Thrift-in benchmark's services (bench/thrift-in/tload.cc speaks them on the wire).
service Bench {
  string echo(1: string s)
}

// A contact with two fields that config rules pseudonymize: email (siv) and phone (ff1, punctuation passed through).
struct Contact {
  1: string email
  2: string phone
}

// The two-field call: the backend echoes the first string it finds (the email's pseudonym).
service BenchPseudo {
  string echo(1: Contact c)
}
