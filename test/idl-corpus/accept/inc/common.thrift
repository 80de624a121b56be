// Included by several accept files: types, an enum, constants and a base service to extend.
namespace * sluice.corpus.common

enum Color { RED = 1, GREEN, BLUE = 10 }

const i32 ANSWER = 42
const Color DEFAULT_COLOR = Color.GREEN

typedef string Email

struct Point { 1: required i32 x, 2: required i32 y }

exception NotFound { 1: string what, 2: i32 code = 404 } (api.http_code = "404")

service BaseService {
  void ping(),
  string version()
}
