/**
 * The bundled demo (contract §9): a small people directory served as REST by `sluice start` with no config.
 * Every route below comes from an `api.*` annotation; docs/config.md explains the binding rules.
 */
include "common.thrift"

namespace py sluice_demo.people
namespace js people

enum Role {
  UNKNOWN = 0
  ENGINEER = 1
  MANAGER = 2
  DIRECTOR = 3
}

/** How to reach someone: exactly one of these is set. */
union Contact {
  1: string email (pseudo="email")
  2: string phone
  3: string slack_handle
}

struct Person {
  /** Ids are 64-bit; the demo data uses ids beyond 2^53 to show they stay exact. */
  1: required i64 id
  2: required string name
  /** Pseudonymized once a `pseudonymization` section defines the `email` policy. */
  3: optional string email (pseudo="email")
  4: Role role = Role.ENGINEER
  5: optional list<string> tags
  6: optional map<string, string> attributes
  7: optional Contact preferred_contact
  8: optional common.Timestamp created_at
  /** Sent as a JSON string (api.js_conv) for JavaScript clients. */
  9: optional i64 badge_number (api.js_conv="true")
  10: optional binary avatar
  11: optional map<Role, i32> years_in_role
  12: optional set<string> languages
}

struct GetPersonRequest {
  1: required i64 id (api.path="id")
  2: optional list<string> fields (api.query="fields")
  3: optional string locale (api.header="Accept-Language", api.query="locale")
  4: optional string trace_id (api.header="X-Trace-Id")
  5: optional string session (api.cookie="sid")
}

struct GetPersonResponse {
  1: required Person person (api.body="person")
  2: optional string etag (api.header="ETag")
  3: optional i32 status (api.http_code="true")
  /** Internal: never leaves the gateway. */
  4: optional string served_by (api.none="true")
}

struct ListPeopleRequest {
  1: optional Role role (api.query="role")
  2: optional list<string> tags (api.query="tag")
  3: optional i32 limit = 20
  4: optional string cursor
}

struct ListPeopleResponse {
  1: required list<Person> people
  2: optional string next_cursor
  3: required i64 total
}

struct CreatePersonRequest {
  1: required string name
  2: optional string email (pseudo="email")
  3: optional Role role
  4: optional list<string> tags
  5: optional map<string, string> attributes
  6: optional Contact preferred_contact
  7: optional string idempotency_key (api.header="Idempotency-Key")
}

struct CreatePersonResponse {
  1: required Person person (api.body="person")
  2: i32 status = 201 (api.http_code="true")
  3: optional string location (api.header="Location")
}

struct UpdatePersonRequest {
  1: required i64 id (api.path="id")
  2: optional string name
  3: optional Role role
  4: optional list<string> tags
  5: optional map<string, string> attributes
}

struct DeletePersonRequest {
  1: required i64 id (api.path="id")
  2: optional string reason (api.header="X-Reason")
}

struct NoteRequest {
  1: required i64 id (api.path="id")
  /** The request body verbatim (any content type). */
  2: required string text (api.raw_body="true")
  3: optional string uri (api.raw_uri="true")
}

service PeopleService {
  /** One person by id; 404 (common.NotFound) when absent. */
  GetPersonResponse getPerson(1: GetPersonRequest req) throws (1: common.NotFound not_found) (api.get="/v1/people/:id")

  /** Everyone, optionally filtered by role and tags. */
  ListPeopleResponse listPeople(1: ListPeopleRequest req) (api.get="/v1/people")

  /** Adds a person; answers 201 with a Location header. */
  CreatePersonResponse createPerson(1: CreatePersonRequest req) throws (1: common.InvalidArgument invalid) (api.post="/v1/people")

  /** Changes the given fields; PUT and PATCH both reach it. */
  Person updatePerson(1: UpdatePersonRequest req)
    throws (1: common.NotFound not_found, 2: common.InvalidArgument invalid)
    (api.patch="/v1/people/:id", api.put="/v1/people/:id")

  /** Removes a person: 204 with an empty body. */
  void deletePerson(1: DeletePersonRequest req) throws (1: common.NotFound not_found) (api.delete="/v1/people/:id")

  /** Attaches a free-text note (the raw request body). */
  void addNote(1: NoteRequest req) throws (1: common.NotFound not_found) (api.post="/v1/people/:id/notes")

  /** Non-struct arguments: bound from query parameters by argument name. */
  i64 countPeople(1: Role role, 2: string tag) (api.get="/v1/stats/count")

  /** A map return value is the JSON object itself. */
  map<Role, i64> countByRole() (api.get="/v1/stats/roles")
}
