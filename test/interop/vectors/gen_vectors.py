#!/usr/bin/python3
"""Golden vectors from Apache Thrift's Python library (python3-thrift 0.17).

usage: gen_vectors.py GEN_PY_DIR [--reduced]
  GEN_PY_DIR  output of `thrift --gen py -out GEN_PY_DIR vectors.thrift`
  --reduced   replace long strings by their sha256 (the form checked in as vectors.json)

Prints one JSON document on stdout:
  values:    {name, type, json_in, json_out, binary, compact}. The bytes are what TSerialization produces
             for a Python object; json_out is that object under contract §5 (written by this script, from
             thrift_spec); json_in is what a client would send (json_out unless the case tests IDL
             defaults); type is `vectors.<Struct>` for reading and `write_type` (if present) for writing.
  protocol:  {name, ops, binary, compact}: raw protocol calls and the bytes Python's protocols produce.
"""
import base64
import hashlib
import json
import math
import sys

sys.path.insert(0, sys.argv[1])

from thrift.protocol import TBinaryProtocol, TCompactProtocol  # noqa: E402
from thrift.Thrift import TType  # noqa: E402
from thrift.transport import TTransport  # noqa: E402
from thrift.TSerialization import deserialize, serialize  # noqa: E402
from vectors.ttypes import (  # noqa: E402
    Choice, Color, Containers, Defaults, Deltas, Everything, Inner, Person, Scalars, V1, V2)

FACTORIES = {'binary': TBinaryProtocol.TBinaryProtocolFactory(), 'compact': TCompactProtocol.TCompactProtocolFactory()}

# The IDL's contract-§5 annotations, mirrored here because Python's generated code does not carry them.
RENAMES = {('Person', 'email'): 'mail'}
JS_CONV = {('Person', 'id')}


# --- contract §5, JSON out ------------------------------------------------------------------------------
def fmt_double(d):
    if math.isnan(d):
        return '"NaN"'
    if math.isinf(d):
        return '"Infinity"' if d > 0 else '"-Infinity"'
    if d == 0:
        return '-0.0' if math.copysign(1.0, d) < 0 else '0'
    return repr(d)


def emit(v, ttype, args, js_conv=False):
    if ttype == TType.BOOL:
        return 'true' if v else 'false'
    if ttype in (TType.BYTE, TType.I16, TType.I32):
        return str(int(v))
    if ttype == TType.I64:
        return '"%d"' % v if js_conv else str(v)
    if ttype == TType.DOUBLE:
        return fmt_double(v)
    if ttype == TType.STRING:
        if args == 'BINARY':
            return '"%s"' % base64.b64encode(v).decode('ascii')
        return json.dumps(v, ensure_ascii=False)
    if ttype == TType.STRUCT:
        return emit_struct(v)
    if ttype in (TType.LIST, TType.SET):
        etype, eargs = args[0], args[1]
        return '[' + ','.join(emit(e, etype, eargs, js_conv) for e in v) + ']'
    if ttype == TType.MAP:
        ktype, kargs, vtype, vargs = args[0], args[1], args[2], args[3]
        return '{' + ','.join(emit_key(k, ktype, kargs) + ':' + emit(x, vtype, vargs, js_conv) for k, x in v.items()) + '}'
    raise ValueError('unsupported type %r' % ttype)


def emit_key(k, ttype, args):
    if ttype == TType.BOOL:
        return '"true"' if k else '"false"'
    if ttype == TType.DOUBLE:
        return json.dumps(fmt_double(k).strip('"'))
    if ttype == TType.STRING:
        return emit(k, ttype, args)
    return '"%d"' % k


def emit_struct(obj):
    cls = type(obj).__name__
    parts = []
    for spec in obj.thrift_spec:
        if spec is None:
            continue
        fid, ttype, name, args = spec[0], spec[1], spec[2], spec[3]
        v = getattr(obj, name)
        if v is None:
            continue
        key = RENAMES.get((cls, name), name)
        parts.append((fid, json.dumps(key) + ':' + emit(v, ttype, args, (cls, name) in JS_CONV)))
    # Declaration order is what thriftToJson emits; thrift_spec is by id, so sort by declaration below.
    order = DECLARATION_ORDER.get(cls)
    if order:
        parts.sort(key=lambda p: order.index(p[0]))
    return '{' + ','.join(p[1] for p in parts) + '}'


DECLARATION_ORDER = {'Deltas': [30, 29, 1, 17, 32, 100, 500, 1000, 2000, 3000, 4000]}


# --- the values -----------------------------------------------------------------------------------------
def value_cases():
    i64s = [2**63 - 1, -2**63, 2**53 + 1, 2**53 - 1, -(2**53 + 1), -(2**53 - 1), 2**32 + 1, -(2**32) - 1, 0, -1,
            -34359738368, 7000000000000000123, -7000000000000000123]
    doubles = [0.0, -0.0, math.inf, -math.inf, math.nan, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
               1e307, 1e-292, 1.7976931348623157e308, -5.235098235, -0.000341012439638598279, 0.1, 1e16, 1e21,
               float(2**53 - 1)]
    strings = ['', 'hé', '😀', '\b\t\n/\\\r{}:パイソン"', 'x' * 300, '\u0000\u001f\u007f\u2028']
    cases = []
    for i, v in enumerate(i64s):
        cases.append(('i64[%d]' % i, Scalars(l=v)))
    for i, v in enumerate(doubles):
        cases.append(('double[%d]' % i, Scalars(d=v)))
    for i, v in enumerate(strings):
        cases.append(('string[%d]' % i, Scalars(str=v)))
    for i, (b, s, n) in enumerate([(127, 32767, 2147483647), (-128, -32768, -2147483648), (0, 0, 0), (-1, -1, -1)]):
        cases.append(('ints[%d]' % i, Scalars(b=b, s=s, i=n)))
    cases += [
        ('bools', Scalars(t=True, f=False)),
        ('enum', Scalars(color=Color.NEG)),
        ('binary-empty', Scalars(bin=b'')),
        ('binary-all-bytes', Scalars(bin=bytes(range(256)))),
        ('binary-128KiB', Scalars(bin=bytes(i % 251 for i in range(131072)))),
        ('scalars-all', Scalars(t=True, f=False, b=-1, s=-1, i=1, l=-2**63, d=1.0, str='hé', bin=b'\x00\xff',
                                color=Color.RED)),
        ('containers', Containers(
            lb=[True, False, True], m={}, st={1}, nested=[[], [1, -1], [2**63 - 1]],
            deep={'a b': [Inner(a=1), Inner(a=-2, b='z')], '': []}, by_id={-2**63: Color.RED, 7: Color.NEG},
            ds=[-0.0, math.nan, 1.5], bb={True: False, False: True}, ss={'only'}, colors=[Color.BLUE, Color.GREEN],
            empty_map={}, bins=[b'', b'\x01'], sb={True}, bytes14=list(range(14)), shorts15=list(range(-7, 8)))),
        ('containers-sizes', Containers(lb=[i % 3 == 0 for i in range(14)], colors=[Color.RED] * 15,
                                        nested=[list(range(300))])),
        ('empty-containers', Containers(lb=[], m={}, st=set(), nested=[], deep={}, empty_map={})),
        ('deltas', Deltas(far=1, back=2, one=3, seventeen=17, b32=True, b100=False, x500=-500,
                          x1000=Inner(a=1000), x2000=[False, True], x3000=3e3, x4000='far away')),
        ('deltas-bool-long-form', Deltas(b100=True)),
        ('union-string', Choice(s='one')),
        ('union-i64', Choice(n=-2**63)),
        ('union-struct', Choice(inner=Inner(a=5))),
        ('union-bool', Choice(flag=False)),
        ('person', Person(name='ann', email='a@b', id=2**63 - 1, choice=Choice(n=9007199254740993),
                          friends=[Person(name='bo', id=-1)])),
        ('nested', Everything(
            sc=Scalars(t=True), co=Containers(m={1: 'x'}), de=Deltas(x4000=''), ch=Choice(flag=True),
            kids=[Everything(kids=[Everything(sc=Scalars(d=-0.0))]), Everything()],
            choices={'k': Choice(inner=Inner(a=0, b=''))})),
    ]
    out = []
    for name, obj in cases:
        out.append(value_vector(name, obj))
    # IDL defaults: the client sends {} (or only the required-with-default field left out too), Apache's
    # constructor fills in every default, so our encoder must write the same bytes.
    out.append(value_vector('defaults', Defaults(), json_in='{}'))
    out.append(value_vector('defaults-nested', Everything(kids=[Everything(ch=Choice(inner=Inner()))]),
                            json_in='{"kids":[{"ch":{"inner":{}}}]}'))
    # Unknown fields: Python writes a V2, both sides read it as V1 (the extra fields are skipped).
    v2 = V2(a=7, b='kept', extra=[{'x': 1}], newer=Inner(a=1, b='gone'), dx=2.5, flag=True, more={2**40})
    vec = {'name': 'unknown-fields-skipped', 'type': 'vectors.V1', 'write_type': 'vectors.V2',
           'json_in': emit_struct(v2)}
    for proto, factory in FACTORIES.items():
        data = serialize(v2, factory)
        vec[proto] = data.hex()
        vec['json_out'] = emit_struct(deserialize(V1(), data, factory))
    out.append(vec)
    return out


def value_vector(name, obj, json_in=None):
    vec = {'name': name, 'type': 'vectors.' + type(obj).__name__}
    json_out = emit_struct(obj)
    vec['json_in'] = json_out if json_in is None else json_in
    vec['json_out'] = json_out
    for proto, factory in FACTORIES.items():
        data = serialize(obj, factory)
        vec[proto] = data.hex()
        # Python must read its own bytes back to an equal object, or the vector is wrong.
        assert emit_struct(deserialize(type(obj)(), data, factory)) == json_out, name
    return vec


# --- raw protocol calls ---------------------------------------------------------------------------------
T = {'bool': TType.BOOL, 'byte': TType.BYTE, 'i16': TType.I16, 'i32': TType.I32, 'i64': TType.I64,
     'double': TType.DOUBLE, 'string': TType.STRING, 'struct': TType.STRUCT, 'map': TType.MAP,
     'set': TType.SET, 'list': TType.LIST}


def field(t, fid, *value_ops):
    return [['field', t, fid]] + list(value_ops) + [['field_end']]


def protocol_cases():
    decreasing = ([['struct_begin']] + field('i32', 30, ['i32', 1]) + field('i32', 29, ['i32', 2])
                  + field('bool', 5, ['bool', True]) + field('bool', 300, ['bool', False])
                  + field('bool', 299, ['bool', True]) + field('i16', -5, ['i16', -32768])
                  + field('struct', 1, ['struct_begin'], *field('i64', 16, ['i64', '-1']), ['field_stop'], ['struct_end'])
                  + field('i32', 2, ['i32', 2147483647]) + field('i32', 17, ['i32', -2147483648])
                  + field('i32', 32767, ['i32', 0]) + [['field_stop'], ['struct_end']])
    containers = ([['struct_begin']]
                  + field('list', 1, ['list', 'bool', 3], ['bool', True], ['bool', False], ['bool', True], ['list_end'])
                  + field('set', 2, ['set', 'bool', 0], ['set_end'])
                  + field('map', 3, ['map', 'bool', 'bool', 2], ['bool', True], ['bool', False], ['bool', False],
                          ['bool', True], ['map_end'])
                  + field('map', 4, ['map', 'string', 'i32', 0], ['map_end'])
                  + field('list', 5, ['list', 'byte', 14], *[['byte', i - 7] for i in range(14)], ['list_end'])
                  + field('list', 6, ['list', 'i16', 15], *[['i16', i * 2000 - 15000] for i in range(15)], ['list_end'])
                  + field('list', 7, ['list', 'struct', 2], ['struct_begin'], *field('bool', 1, ['bool', True]),
                          ['field_stop'], ['struct_end'], ['struct_begin'], *field('bool', 20, ['bool', False]),
                          ['field_stop'], ['struct_end'], ['list_end'])
                  + field('bool', 8, ['bool', True])
                  + [['field_stop'], ['struct_end']])
    scalars = ([['struct_begin']]
               + field('double', 1, ['double', '-0.0']) + field('double', 2, ['double', 'NaN'])
               + field('double', 3, ['double', 'Infinity']) + field('double', 4, ['double', '5e-324'])
               + field('double', 5, ['double', '1e+307']) + field('i64', 6, ['i64', str(-2**63)])
               + field('i64', 7, ['i64', str(2**63 - 1)]) + field('i64', 8, ['i64', str(2**53 + 1)])
               + field('string', 9, ['string', '😀 パイソン']) + field('string', 10, ['binary', '00ff80'])
               + field('byte', 11, ['byte', -128]) + field('byte', 12, ['byte', 127])
               + [['field_stop'], ['struct_end']])
    empty_args = [['struct_begin'], ['field_stop'], ['struct_end']]
    messages = []
    for name, mtype, seqid in [('ping', 1, 1), ('', 2, -1), ('x', 3, 2147483647), ('pong', 4, -2147483648),
                               ('héllo', 1, 0)]:
        messages += [['msg', name, mtype, seqid]] + empty_args + [['msg_end']]
    cases = [('decreasing-and-long-form-field-ids', decreasing), ('containers-and-bool-elements', containers),
             ('scalar-boundaries', scalars), ('messages', messages)]
    return [{'name': n, 'ops': ops, **{p: run_ops(ops, p) for p in FACTORIES}} for n, ops in cases]


def run_ops(ops, proto):
    buf = TTransport.TMemoryBuffer()
    p = FACTORIES[proto].getProtocol(buf)
    for op in ops:
        kind, args = op[0], op[1:]
        if kind == 'msg':
            p.writeMessageBegin(args[0], args[1], args[2])
        elif kind == 'msg_end':
            p.writeMessageEnd()
        elif kind == 'struct_begin':
            p.writeStructBegin('S')
        elif kind == 'struct_end':
            p.writeStructEnd()
        elif kind == 'field':
            p.writeFieldBegin('f', T[args[0]], args[1])
        elif kind == 'field_end':
            p.writeFieldEnd()
        elif kind == 'field_stop':
            p.writeFieldStop()
        elif kind == 'list':
            p.writeListBegin(T[args[0]], args[1])
        elif kind == 'set':
            p.writeSetBegin(T[args[0]], args[1])
        elif kind == 'map':
            p.writeMapBegin(T[args[0]], T[args[1]], args[2])
        elif kind in ('list_end', 'set_end', 'map_end'):
            {'list_end': p.writeListEnd, 'set_end': p.writeSetEnd, 'map_end': p.writeMapEnd}[kind]()
        elif kind == 'bool':
            p.writeBool(args[0])
        elif kind == 'byte':
            p.writeByte(args[0])
        elif kind == 'i16':
            p.writeI16(args[0])
        elif kind == 'i32':
            p.writeI32(args[0])
        elif kind == 'i64':
            p.writeI64(int(args[0]))
        elif kind == 'double':
            p.writeDouble(float(args[0]))
        elif kind == 'string':
            p.writeString(args[0])
        elif kind == 'binary':
            p.writeBinary(bytes.fromhex(args[0]))
        else:
            raise ValueError(kind)
    return buf.getvalue().hex()


# --- output ---------------------------------------------------------------------------------------------
def reduce_long(v):
    """Long strings become `sha256:<hex>` so the checked-in file stays small; live runs keep everything."""
    if isinstance(v, str) and len(v) > 4096:
        return 'sha256:' + hashlib.sha256(v.encode('utf-8')).hexdigest()
    if isinstance(v, list):
        return [reduce_long(x) for x in v]
    if isinstance(v, dict):
        return {k: reduce_long(x) for k, x in v.items()}
    return v


doc = {'generator': 'python3-thrift TSerialization', 'values': value_cases(), 'protocol': protocol_cases()}
if '--reduced' in sys.argv[2:]:
    doc = reduce_long(doc)
json.dump(doc, sys.stdout, ensure_ascii=False, indent=1)
sys.stdout.write('\n')
