# Shared by the Python interop peers: argument parsing and protocol/transport construction.
# usage: <script> GEN_DIR PORT binary|compact|header buffered|framed plain|multiplexed
import sys

GEN_DIR, PORT, PROTOCOL, TRANSPORT, MUX = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
sys.path.insert(0, GEN_DIR)

from thrift.protocol import TBinaryProtocol, TCompactProtocol, THeaderProtocol  # noqa: E402
from thrift.transport import TTransport  # noqa: E402
from thrift.transport.THeaderTransport import THeaderClientType as CT  # noqa: E402

ALL_CLIENT_TYPES = [CT.HEADERS, CT.FRAMED_BINARY, CT.UNFRAMED_BINARY, CT.FRAMED_COMPACT, CT.UNFRAMED_COMPACT]


def wrap_transport(trans):
    """The transport layer under the protocol: THeader frames itself unless the framed axis asks for an outer frame."""
    if TRANSPORT == 'framed':
        return TTransport.TFramedTransport(trans)
    return TTransport.TBufferedTransport(trans) if PROTOCOL != 'header' else trans


def transport_factory():
    if TRANSPORT == 'framed':
        return TTransport.TFramedTransportFactory()
    return TTransport.TBufferedTransportFactory() if PROTOCOL != 'header' else TTransport.TTransportFactoryBase()


def protocol_for(trans):
    if PROTOCOL == 'binary':
        return TBinaryProtocol.TBinaryProtocol(trans)
    if PROTOCOL == 'compact':
        return TCompactProtocol.TCompactProtocol(trans)
    return THeaderProtocol.THeaderProtocol(trans, [CT.HEADERS])


def protocol_factory():
    if PROTOCOL == 'binary':
        return TBinaryProtocol.TBinaryProtocolFactory()
    if PROTOCOL == 'compact':
        return TCompactProtocol.TCompactProtocolFactory()
    return THeaderProtocol.THeaderProtocolFactory(allowed_client_types=ALL_CLIENT_TYPES)
