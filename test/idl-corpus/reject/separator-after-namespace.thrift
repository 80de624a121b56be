# expect: SLUICE1006
namespace py x;
struct S {}
