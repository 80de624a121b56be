#!/usr/bin/python3
"""Writes the seed corpus of the thrift_listener fuzz target (fuzz/corpus/thrift_listener): one call
`ping(1: string s)` as Apache Thrift's own Python library frames it in each dialect a Thrift listener
accepts (framed, unframed, THeader; binary and compact; THeader with one and two ZLIB transforms).
Run: /usr/bin/python3 fuzz/gen-listener-seeds.py   (Debian python3-thrift)"""
import os
from thrift.protocol import TBinaryProtocol, TCompactProtocol
from thrift.protocol.THeaderProtocol import THeaderProtocol
from thrift.transport import TTransport
from thrift.transport.THeaderTransport import THeaderTransport, THeaderClientType, THeaderTransformID
from thrift.Thrift import TMessageType, TType

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus', 'thrift_listener')


def call(proto, seqid=7):
    proto.writeMessageBegin('ping', TMessageType.CALL, seqid)
    proto.writeStructBegin('ping_args')
    proto.writeFieldBegin('s', TType.STRING, 1)
    proto.writeString('hello')
    proto.writeFieldEnd()
    proto.writeFieldStop()
    proto.writeStructEnd()
    proto.writeMessageEnd()


def plain(factory, framed):
    buf = TTransport.TMemoryBuffer()
    trans = TTransport.TFramedTransport(buf) if framed else buf
    call(factory.getProtocol(trans))
    trans.flush()
    return buf.getvalue()


def header(proto_id, zlib):
    buf = TTransport.TMemoryBuffer()
    trans = THeaderTransport(buf, [THeaderClientType.HEADERS], default_protocol=proto_id)
    for _ in range(zlib):
        trans.add_transform(THeaderTransformID.ZLIB)
    trans.set_header(b'client_id', b'fuzz')
    prot = THeaderProtocol(trans, [THeaderClientType.HEADERS])
    call(prot)
    trans.flush()
    return buf.getvalue()


seeds = {
    'framed-binary': plain(TBinaryProtocol.TBinaryProtocolFactory(), True),
    'framed-compact': plain(TCompactProtocol.TCompactProtocolFactory(), True),
    'unframed-binary': plain(TBinaryProtocol.TBinaryProtocolFactory(), False),
    'unframed-compact': plain(TCompactProtocol.TCompactProtocolFactory(), False),
    'header-binary': header(0, 0),
    'header-compact': header(2, 0),
    'header-binary-zlib': header(0, 1),
    'header-compact-zlib2': header(2, 2),
}
os.makedirs(OUT, exist_ok=True)
for name, data in seeds.items():
    with open(os.path.join(OUT, name), 'wb') as f:
        f.write(data)
print('wrote %d seeds to %s' % (len(seeds), OUT))
