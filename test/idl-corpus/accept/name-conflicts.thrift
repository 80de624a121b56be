// Names that are fine in Thrift but clash with JavaScript/TypeScript or with generated helpers:
// codegen must mangle or quote them.
struct constructor { 1: string toString, 2: i32 prototype, 3: string hasOwnProperty }
struct __proto__ { 1: string valueOf }
struct Ping {}
struct PingArgs { 1: i32 arguments }
struct PingResult { 1: string success }
struct PingCodec {}
struct __type {}
enum Keywords { typeof, let, await, null, undefined, NaN, Infinity, eval, arguments, enum_ }
union Value { 1: string string_, 2: i32 number, 3: bool boolean, 4: binary any, 5: double never }
exception Error { 1: string message, 2: string name, 3: string stack }
exception TypeError {}
service Object {
  void ping(1: i32 constructor, 2: string __proto__),
  Error call(1: Value value) throws (1: Error error),
  void apply(),
  void bind(),
}
