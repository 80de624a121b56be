/** The values every interop run sends (thrift-wire notes §13): extremes, 4-byte UTF-8, empty and large binary. */
import type { StructValue } from './schema-codec';

export const STRINGS = ['', 'hé', 'パイソン', '𝄞 😀 4-byte UTF-8', '\b\t\n/\\\r{}:"quoted"', 'x'.repeat(70000)];

export const I64S = [
  0n, -1n, 1n, -(2n ** 63n), 2n ** 63n - 1n, 2n ** 53n + 1n, -(2n ** 53n) - 1n,
  -34359738368n, 7000000000000000123n, -7000000000000000123n, 2n ** 32n + 1n, -(2n ** 32n) - 1n,
];

const allBytes = Uint8Array.from({ length: 256 }, (_, i) => i);
export const BINARIES = [new Uint8Array(0), Uint8Array.of(0), allBytes, Uint8Array.from({ length: 131072 }, (_, i) => (i * 7) & 0xff)];

const xt = (s: string, b: number, i: number, l: bigint): StructValue => ({ string_thing: s, byte_thing: b, i32_thing: i, i64_thing: l });

export const CHOICES: StructValue[] = [{ text: 'パイソン' }, { number: -(2n ** 63n) }, { item: xt('in a union', 1, 2, 3n) }];

/** A Kitchen with every field set; `maybe` optional left out when `withOptional` is false. */
export function kitchen(withOptional: boolean): StructValue {
  const k: StructValue = {
    yes: true, no: false, i8v: -128, i16v: -32768, i32v: -2147483648, i64v: 2n ** 63n - 1n,
    dbl: -5.235098235, str: '𝄞 kitchen パイソン', bin: Uint8Array.of(0, 255, 128, 1), num: 8,
    longs: [-(2n ** 63n), 0n, 2n ** 63n - 1n], names: new Set(['a b', '0', '']),
    nested: new Map([['outer', [new Map([[-4, xt('deep', 127, -1, -1n)], [4, xt('', -128, 0, 0n)]]), new Map()]], ['empty', []]]),
    choice: { item: xt('union member', 3, 4, 5n) },
    sets: new Map([[1, new Set([-1, 32767])], [-2, new Set()]]),
    doubles: [0, 1e307, 1e-292, -0.000341012439638598279, 2 ** 53 - 1, Number.POSITIVE_INFINITY, Number.NaN],
  };
  if (withOptional) k.maybe = xt('optional', 0, 0, 0n);
  return k;
}

/** Doubles echoed one by one: -0.0 must keep its sign, NaN and the infinities survive. */
export const DOUBLES = [-0, 0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 2 ** -1074, Number.MAX_VALUE, -5.235098235];

export const I64_MAP = new Map<bigint, string>([[2n ** 63n - 1n, 'max'], [-(2n ** 63n), 'min'], [10n, 'ten']]);
