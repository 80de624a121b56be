#!/usr/bin/python3
# Apache Thrift Python 0.17 interop server for interop.thrift (one process per configuration).
# usage: py_server.py GEN_DIR PORT binary|compact|header buffered|framed plain|multiplexed
import threading

import py_common as c
from interop import Interop, Second
from interop.ttypes import Xception, Xception2, Xtruct
from thrift.server import TServer
from thrift.transport import TSocket
from thrift.TMultiplexedProcessor import TMultiplexedProcessor


class InteropHandler:
    def __init__(self):
        self.oneways = 0
        self.lock = threading.Lock()

    def testVoid(self):
        return None

    def echoString(self, s):
        return s

    def echoI64(self, v):
        return v

    def echoDouble(self, d):
        return d

    def echoBools(self, b):
        return b

    def echoBinary(self, b):
        return b

    def echoChoice(self, ch):
        return ch

    def echoKitchen(self, k):
        return k

    def echoI64Map(self, m):
        return m

    def testMulti(self, a0, a1, a2):
        return Xtruct(string_thing='Hello2', byte_thing=a0, i32_thing=a1, i64_thing=a2)

    def testMultiException(self, arg0, arg1):
        if arg0 == 'Xception':
            raise Xception(errorCode=1001, message='This is an Xception')
        if arg0 == 'Xception2':
            raise Xception2(errorCode=2002, struct_thing=Xtruct(string_thing='This is an Xception2'))
        if arg0 == 'TException':
            raise RuntimeError('an undeclared failure')
        return Xtruct(string_thing=arg1)

    def testOneway(self, tag):
        with self.lock:
            self.oneways += 1

    def onewayCount(self):
        with self.lock:
            return self.oneways


class SecondHandler:
    def secondtestString(self, s):
        return 'testString("%s")' % s


processor = Interop.Processor(InteropHandler())
if c.MUX == 'multiplexed':
    mux = TMultiplexedProcessor()
    mux.registerProcessor('Interop', processor)
    mux.registerProcessor('Second', Second.Processor(SecondHandler()))
    processor = mux

server = TServer.TThreadedServer(processor, TSocket.TServerSocket('127.0.0.1', c.PORT),
                                 c.transport_factory(), c.protocol_factory(), daemon=True)
print('listening', flush=True)
server.serve()
