# expect: SLUICE1009 at 3:1
struct S {}
namespace py x
