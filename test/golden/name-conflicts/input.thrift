// Names that collide with TypeScript, JavaScript built-ins, Object.prototype or generated helpers.
include "common.thrift"

struct Object { 1: i32 x }
struct Promise { 1: i32 x }
struct number { 1: i32 x }
struct type { 1: i32 x }
struct undefined { 1: i32 x }
struct arguments { 1: i32 r, 2: i32 w, 3: i32 t, 4: i32 rt, 5: i32 value }
struct Map { 1: map<i32, Object> m, 2: common.Thing thing }
/** Taken before the exception below asks for `FooError`. */
struct FooError { 1: i32 x }
exception Foo { 1: string message, 2: i32 name, 3: i32 stack }
enum Color { A, B }
/** Taken before Color asks for `ColorNames`. */
enum ColorNames { A }
/** Same name as the include's alias. */
struct common { 1: i32 constructor, 2: i32 toString, 3: i32 hasOwnProperty, 4: string valueOf }
service S { void constructor(1: i32 options, 2: i32 type) throws (1: Foo foo) }
/** Taken before the service asks for `SClient`. */
struct SClient { 1: i32 x }
