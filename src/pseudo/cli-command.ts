/** The work behind `sluice pseudo`: validates one parsed command and applies the raw primitive. */
import { Alphabet } from './alphabet';
import { PseudoBadInput, PseudoBadKey } from './errors';
import { ff1DecryptNumerals, ff1EncryptNumerals } from './ff1';
import { hmacSha256 } from './hmac';
import { loadNativePseudo, nativeLoadFailure, type NativePseudo } from './native';
import { sivDecrypt, sivEncrypt } from './siv';

/** A parsed `sluice pseudo` invocation (strings as given on the command line). */
export interface PseudoCommand {
  action: 'encrypt' | 'decrypt' | 'hash';
  method?: string;
  keyHex?: string;
  tweakHex?: string;
  radix?: string;
  alphabet?: string;
  ad: string[];
  hexInput: boolean;
  native: boolean;
  value?: string;
}

/** Decodes hex (even length, 0-9a-fA-F only); `what` names the argument in the error, never its content. */
export function parseHex(hex: string, what: string, isKey = false): Buffer {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    const make = isKey ? PseudoBadKey : PseudoBadInput;
    throw make(`${what} must be an even number of hex digits`);
  }
  return Buffer.from(hex, 'hex');
}

function nativeOrThrow(): NativePseudo {
  const n = loadNativePseudo();
  if (!n) throw PseudoBadInput(`--native: the addon is unavailable (${nativeLoadFailure() ?? 'unknown reason'})`);
  return n;
}

function alphabetOf(cmd: PseudoCommand): Alphabet {
  if (cmd.alphabet !== undefined) {
    const a = new Alphabet(cmd.alphabet);
    if (cmd.radix !== undefined && Number(cmd.radix) !== a.radix) throw PseudoBadInput('--radix differs from the length of --alphabet');
    return a;
  }
  if (cmd.radix === undefined) throw PseudoBadInput('ff1 needs --radix N or --alphabet CHARS');
  if (!/^[0-9]+$/.test(cmd.radix)) throw PseudoBadInput('--radix must be a decimal integer');
  return Alphabet.ofRadix(Number(cmd.radix));
}

function runFf1(cmd: PseudoCommand, key: Buffer, value: string): string {
  const alphabet = alphabetOf(cmd);
  const tweak = parseHex(cmd.tweakHex ?? '', '--tweak');
  const x = alphabet.toNumerals(value);
  if (cmd.native) {
    const n = nativeOrThrow();
    const f = cmd.action === 'encrypt' ? n.ff1Encrypt : n.ff1Decrypt;
    return alphabet.fromNumerals(Array.from(f(key, tweak, alphabet.radix, Uint32Array.from(x))));
  }
  const f = cmd.action === 'encrypt' ? ff1EncryptNumerals : ff1DecryptNumerals;
  return alphabet.fromNumerals(f(key, tweak, alphabet.radix, x));
}

function runSiv(cmd: PseudoCommand, key: Buffer, value: string): string {
  const ad = cmd.ad.map((a, i) => parseHex(a, `--ad #${i + 1}`));
  const data = parseHex(value, 'VALUE');
  if (cmd.native) {
    const n = nativeOrThrow();
    return (cmd.action === 'encrypt' ? n.sivEncrypt(key, ad, data) : n.sivDecrypt(key, ad, data)).toString('hex');
  }
  return (cmd.action === 'encrypt' ? sivEncrypt(key, ad, data) : sivDecrypt(key, ad, data)).toString('hex');
}

/** Options that only some methods take: giving one elsewhere is an error, not silently ignored. */
function checkOptionsFit(cmd: PseudoCommand): void {
  const misplaced: string[] = [];
  if (cmd.method !== 'ff1' && cmd.tweakHex !== undefined) misplaced.push('--tweak');
  if (cmd.method !== 'ff1' && cmd.radix !== undefined) misplaced.push('--radix');
  if (cmd.method !== 'ff1' && cmd.alphabet !== undefined) misplaced.push('--alphabet');
  if (cmd.method !== 'siv' && cmd.ad.length > 0) misplaced.push('--ad');
  if (cmd.action !== 'hash' && cmd.hexInput) misplaced.push('--hex-input');
  if (misplaced.length > 0) throw PseudoBadInput(`${misplaced.join(', ')} ${misplaced.length > 1 ? 'do' : 'does'} not apply to ${cmd.action} --method ${cmd.method}`);
}

/** Applies the command and returns the text for stdout; throws SluiceErrors with value-free messages. */
export function runPseudoCommand(cmd: PseudoCommand): string {
  if (cmd.method === undefined) throw PseudoBadInput('--method is required (ff1, siv or hmac)');
  checkOptionsFit(cmd);
  if (cmd.keyHex === undefined) throw PseudoBadKey('--key HEX is required');
  const key = parseHex(cmd.keyHex, '--key', true);
  const value = cmd.value ?? '';
  const method = cmd.method;
  if (cmd.action === 'hash') {
    if (method !== 'hmac') throw PseudoBadInput('hash supports --method hmac only');
    const data = cmd.hexInput ? parseHex(value, 'VALUE') : Buffer.from(value, 'utf8');
    return (cmd.native ? nativeOrThrow().hmacSha256(key, data) : hmacSha256(key, data)).toString('hex');
  }
  if (method === 'ff1') return runFf1(cmd, key, value);
  if (method === 'siv') return runSiv(cmd, key, value);
  throw PseudoBadInput(`${cmd.action} supports --method ff1 or siv`);
}
