// Payloads of the issue 5 benchmark: a small message (≈200 B JSON, 6 fields) and a medium one (≈6 KB nested).
enum Tier { FREE = 0, PRO = 1, ENTERPRISE = 2 }
struct Small {
  1: i64 id
  2: string name
  3: string email
  4: Tier tier
  5: double score
  6: list<string> tags
}
struct Address { 1: string street, 2: string city, 3: string zip, 4: optional string country = "DE" }
struct Order { 1: i64 id, 2: double amount, 3: string currency, 4: list<i32> items, 5: bool paid, 6: map<string, string> meta }
struct Medium {
  1: i64 id
  2: Small owner
  3: list<Address> addresses
  4: list<Order> orders
  5: map<string, i64> counters
  6: optional binary avatar
}
