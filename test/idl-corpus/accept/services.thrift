// Services: extends, oneway (and the deprecated async), void, throws, arguments with and without
// ids, annotations on functions and services, separators between functions.
exception Oops { 1: string why }
exception Other { 1: i32 code }
struct Req { 1: string q }

service Root {
  void ping()
}

/** Middle of the chain. */
service Middle extends Root {
  /** Sends and forgets. */
  oneway void fire(1: string event),
  async void legacyFire(1: i32 n);
  i32 add(1: i32 a, 2: i32 b) throws (1: Oops oops, 2: Other other)
}

service Leaf extends Middle {
  Req get(1: required Req req, i64 implicitArg, 3: optional bool flag) (api.get = "/req/:q", api.get = "/r")
  list<Req> many(1: list<Req> reqs = [{"q": "x"}])
  map<string, Req> keyed()
  binary raw()
} (service.owner = "team")

service Empty {}
