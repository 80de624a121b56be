// IDL for the pseudonymization route benchmark (bench/pseudo-route/run.ts): the same small contact (≈150 B of JSON)
// on two routes, without and with two pseudonymized fields (email under siv, phone under ff1).
namespace js pbench

struct Contact {
  1: i64 id
  2: string name
  3: string email
  4: bool active
  5: double score
  6: string phone
}

struct PContact {
  1: i64 id
  2: string name
  3: string email (pseudo="email")
  4: bool active
  5: double score
  6: string phone (pseudo="phone")
}

service Bench {
  Contact Plain(1: Contact c) (api.post="/plain")
  PContact Pseudo(1: PContact c) (api.post="/pseudo")
}
