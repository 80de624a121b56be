// IDL for the REST→Thrift benchmark (bench/rest/run.sh): a small reply (≈200 B of JSON, 6 fields) and a medium
// one (≈6 KB, nested lists of structs).
namespace js bench

struct Small {
  1: i64 id
  2: string name
  3: string email
  4: bool active
  5: double score
  6: i32 visits
}

struct Tag { 1: string key, 2: string value }

struct Entry {
  1: i64 id
  2: string title
  3: double price
  4: list<Tag> tags
  5: list<i32> counts
}

struct Medium {
  1: i64 id
  2: string owner
  3: list<Entry> entries
}

struct ById { 1: required i64 id (api.path="id") }

service Bench {
  Small GetSmall(1: ById req) (api.get="/small/:id")
  Medium GetMedium(1: ById req) (api.get="/medium/:id")
}
