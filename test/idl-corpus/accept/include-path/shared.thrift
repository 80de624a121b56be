// Found only through the include directory (-I), never relative to its includer.
struct Shared { 1: i64 id }
