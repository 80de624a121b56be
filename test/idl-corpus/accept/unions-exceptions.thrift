// Unions (members always optional, even when written required) and exceptions.
union Shape {
  1: double circle,
  2: required double square,
  3: optional string named,
  4: Inner inner,
}

struct Inner { 1: i32 v }

exception Problem {
  1: string message,
  2: required i32 code = 500,
  3: optional Shape shape,
} (api.http_code = "500")

exception Bare {}

struct Holder { 1: Shape shape = {"circle": 1.5}, 2: Problem problem }
