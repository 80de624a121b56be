# expect: SLUICE1006 at 2:15
namespace py x;
struct S {}
