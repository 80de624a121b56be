# expect: SLUICE1009
struct S {}
namespace py x
