#!/usr/bin/python3
# Apache Thrift Python 0.17 interop client: runs the method contract against a server and prints one
# line per check, "ok NAME" or "FAIL NAME: reason". Exit status 0 when every check passed.
# usage: py_client.py GEN_DIR PORT binary|compact|header buffered|framed plain|multiplexed
import math
import sys
import traceback

import py_common as c
from interop import Interop, Second
from interop.ttypes import Choice, Kitchen, Xception, Xception2, Xtruct
from thrift.protocol.TMultiplexedProtocol import TMultiplexedProtocol
from thrift.Thrift import TApplicationException
from thrift.transport import TSocket

STRINGS = ['', 'hé', 'パイソン', '𝄞 😀 4-byte UTF-8', '\b\t\n/\\\r{}:"quoted"', 'x' * 70000]
I64S = [0, -1, 1, -2**63, 2**63 - 1, 2**53 + 1, -2**53 - 1, -34359738368, 7000000000000000123,
        -7000000000000000123, 2**32 + 1, -2**32 - 1]
BINARIES = [b'', b'\x00', bytes(range(256)), bytes((i * 7) & 0xff for i in range(131072))]


def xt(s, b, i, l):
    return Xtruct(string_thing=s, byte_thing=b, i32_thing=i, i64_thing=l)


def kitchen(with_optional):
    return Kitchen(
        yes=True, no=False, i8v=-128, i16v=-32768, i32v=-2147483648, i64v=2**63 - 1, dbl=-5.235098235,
        str='𝄞 kitchen パイソン', bin=b'\x00\xff\x80\x01', num=8, longs=[-2**63, 0, 2**63 - 1],
        names={'a b', '0', ''},
        nested={'outer': [{-4: xt('deep', 127, -1, -1), 4: xt('', -128, 0, 0)}, {}], 'empty': []},
        choice=Choice(item=xt('union member', 3, 4, 5)), maybe=xt('optional', 0, 0, 0) if with_optional else None,
        sets={1: {-1, 32767}, -2: set()},
        doubles=[0.0, 1e307, 1e-292, -0.000341012439638598279, 2.0**53 - 1, math.inf])


def expect(cond, what):
    if not cond:
        raise AssertionError(what)


def check_strings(cl, _):
    for s in STRINGS:
        expect(cl.echoString(s) == s, 'echoString %r' % s[:20])


def check_i64(cl, _):
    for v in I64S:
        expect(cl.echoI64(v) == v, 'echoI64 %d' % v)


def check_doubles(cl, _):
    for d in [-0.0, 0.0, math.nan, math.inf, -math.inf, 5e-324, 1.7976931348623157e308, -5.235098235]:
        got = cl.echoDouble(d)
        same = (math.isnan(d) and math.isnan(got)) or (got == d and math.copysign(1, got) == math.copysign(1, d))
        expect(same, 'echoDouble %r -> %r' % (d, got))


def check_binaries(cl, _):
    for b in BINARIES:
        expect(cl.echoBinary(b) == b, 'echoBinary of %d bytes' % len(b))


def check_unions(cl, _):
    for u in [Choice(text='パイソン'), Choice(number=-2**63), Choice(item=xt('in a union', 1, 2, 3))]:
        expect(cl.echoChoice(u) == u, 'echoChoice %r' % u)


def check_kitchen(cl, _):
    for opt in (True, False):
        k = kitchen(opt)
        got = cl.echoKitchen(k)
        expect(got == k, 'echoKitchen: sent %r got %r' % (k, got))


def check_multi(cl, _):
    expect(cl.testMulti(-127, 2147483647, -2**63) == xt('Hello2', -127, 2147483647, -2**63), 'testMulti')


def check_declared(cl, _):
    try:
        cl.testMultiException('Xception', 'x')
        raise AssertionError('no Xception')
    except Xception as e:
        expect(e.errorCode == 1001 and e.message == 'This is an Xception', 'Xception fields %r' % e)
    try:
        cl.testMultiException('Xception2', 'x')
        raise AssertionError('no Xception2')
    except Xception2 as e:
        expect(e.errorCode == 2002 and e.struct_thing.string_thing == 'This is an Xception2', 'Xception2 %r' % e)
    expect(cl.testMultiException('no', 'fine') == Xtruct(string_thing='fine'), 'normal result')


def check_undeclared(cl, _):
    try:
        cl.testMultiException('TException', 'x')
        raise AssertionError('no TApplicationException')
    except TApplicationException as e:
        expect(e.type == TApplicationException.INTERNAL_ERROR, 'type %d' % e.type)


def check_oneway(cl, _):
    before = cl.onewayCount()
    expect(cl.testOneway(7) is None, 'oneway returned a value')
    expect(cl.echoString('after oneway') == 'after oneway', 'call after oneway')
    after = cl.onewayCount()
    expect(after == before + 1, 'oneway count %d -> %d' % (before, after))


def check_i64_map(cl, _):
    m = {2**63 - 1: 'max', -2**63: 'min', 10: 'ten'}
    expect(cl.echoI64Map(m) == m, 'echoI64Map')


def check_second(_, second):
    if second is not None:
        expect(second.secondtestString('パイソン') == 'testString("パイソン")', 'secondtestString')


CHECKS = [('void', lambda cl, _: expect(cl.testVoid() is None, 'testVoid')), ('strings', check_strings),
          ('i64Extremes', check_i64), ('doubles', check_doubles),
          ('boolList', lambda cl, _: expect(cl.echoBools([True, False, True, True]) == [True, False, True, True], 'echoBools')),
          ('binaries', check_binaries), ('unions', check_unions),
          ('kitchen', check_kitchen), ('multiArgs', check_multi), ('declaredExceptions', check_declared),
          ('undeclaredException', check_undeclared), ('onewayThenNormal', check_oneway),
          ('i64MapKeys', check_i64_map), ('secondService', check_second)]


def main():
    sock = TSocket.TSocket('127.0.0.1', c.PORT)
    sock.setTimeout(10000)
    trans = c.wrap_transport(sock)
    proto = c.protocol_for(trans)
    trans.open()
    second = None
    if c.MUX == 'multiplexed':
        client = Interop.Client(TMultiplexedProtocol(proto, 'Interop'))
        second = Second.Client(TMultiplexedProtocol(proto, 'Second'))
    else:
        client = Interop.Client(proto)
    failed = 0
    for name, check in CHECKS:
        try:
            check(client, second)
            print('ok', name, flush=True)
        except Exception as e:  # noqa: BLE001 - every failure is reported by name
            failed += 1
            print('FAIL %s: %s' % (name, (str(e) or repr(e))[:300].replace('\n', ' ')), flush=True)
            if isinstance(e, (OSError, EOFError)) or 'TTransportException' in type(e).__name__:
                traceback.print_exc()
                break
    trans.close()
    sys.exit(1 if failed else 0)


main()
