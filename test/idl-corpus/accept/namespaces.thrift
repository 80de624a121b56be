// Namespace forms 0.17 accepts and thrift-parser does not: `*` and annotations on a namespace.
namespace * sluice.all
namespace py sluice.corpus.ns
namespace java com.example.ns (package.annotation = "x")
namespace xsd test (uri = 'http://example.com/ns')
namespace cpp sluice.corpus

struct Empty {}
