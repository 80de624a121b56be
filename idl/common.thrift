/**
 * Types shared by the demo services: errors that map to HTTP statuses and small value types.
 * Annotated the CloudWeGo way (see docs/config.md and contract §3, §6).
 */
namespace py sluice_demo.common
namespace js common

/** Milliseconds since the Unix epoch. */
typedef i64 Timestamp

/** The thing asked for does not exist: always HTTP 404 (annotation on the exception type). */
exception NotFound {
  1: required string message
  2: optional string resource
} (api.http_code="404")

/** The request was understood but refused: the status comes from the `status` field. */
exception InvalidArgument {
  1: required string message
  2: optional string field
  3: i32 status = 422 (api.http_code="true")
}
