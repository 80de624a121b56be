# Shared by the Python interop peers: argument parsing and protocol/transport construction.
# usage: <script> GEN_DIR PORT binary|compact|header buffered|framed plain|multiplexed [THEADER_VARIANT]
# THEADER_VARIANT (header only): zlib = zlib transform + an authorization info header on every call;
# compact-zlib = the same with the compact protocol inside THeader (what Apache's C++ defaults to).
import sys

GEN_DIR, PORT, PROTOCOL, TRANSPORT, MUX = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
VARIANT = sys.argv[6] if len(sys.argv) > 6 else ''
sys.path.insert(0, GEN_DIR)

from thrift.protocol import TBinaryProtocol, TCompactProtocol, THeaderProtocol  # noqa: E402
from thrift.transport import TTransport  # noqa: E402
from thrift.transport.THeaderTransport import THeaderClientType as CT, THeaderSubprotocolID, THeaderTransformID  # noqa: E402

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
    inner = THeaderSubprotocolID.COMPACT if VARIANT == 'compact-zlib' else THeaderSubprotocolID.BINARY
    proto = THeaderProtocol.THeaderProtocol(trans, [CT.HEADERS], default_protocol=inner)
    if VARIANT:
        header_trans = proto.trans
        header_trans.add_transform(THeaderTransformID.ZLIB)
        flush = header_trans.flush

        def flush_with_headers():
            # Python clears THeader write headers after each flush: set them again for every message.
            header_trans.set_header(b'authorization', b'Bearer interop')
            flush()
        header_trans.flush = flush_with_headers
    return proto


def protocol_factory():
    if PROTOCOL == 'binary':
        return TBinaryProtocol.TBinaryProtocolFactory()
    if PROTOCOL == 'compact':
        return TCompactProtocol.TCompactProtocolFactory()
    return THeaderProtocol.THeaderProtocolFactory(allowed_client_types=ALL_CLIENT_TYPES)
