/**
 * Known-answer vectors for the pseudonymization primitives, copied from
 * /work/shared/notes/pseudonymization.md §6 (each group names its original source).
 */

const K128 = '2B7E151628AED2A6ABF7158809CF4F3C';
const K192 = K128 + 'EF4359D8D580AA4F';
const K256 = K192 + '7F036D6F04FC6A94';

export interface Ff1Vector { readonly name: string; readonly key: string; readonly radix: number; readonly tweak: string; readonly pt: string; readonly ct: string }

/** NIST FF1samples.pdf samples 1–9 (radix 36 uses 0-9a-z). */
export const NIST_FF1: readonly Ff1Vector[] = [
  { name: 'NIST FF1 sample 1', key: K128, radix: 10, tweak: '', pt: '0123456789', ct: '2433477484' },
  { name: 'NIST FF1 sample 2', key: K128, radix: 10, tweak: '39383736353433323130', pt: '0123456789', ct: '6124200773' },
  { name: 'NIST FF1 sample 3', key: K128, radix: 36, tweak: '3737373770717273373737', pt: '0123456789abcdefghi', ct: 'a9tv40mll9kdu509eum' },
  { name: 'NIST FF1 sample 4', key: K192, radix: 10, tweak: '', pt: '0123456789', ct: '2830668132' },
  { name: 'NIST FF1 sample 5', key: K192, radix: 10, tweak: '39383736353433323130', pt: '0123456789', ct: '2496655549' },
  { name: 'NIST FF1 sample 6', key: K192, radix: 36, tweak: '3737373770717273373737', pt: '0123456789abcdefghi', ct: 'xbj3kv35jrawxv32ysr' },
  { name: 'NIST FF1 sample 7', key: K256, radix: 10, tweak: '', pt: '0123456789', ct: '6657667009' },
  { name: 'NIST FF1 sample 8', key: K256, radix: 10, tweak: '39383736353433323130', pt: '0123456789', ct: '1001623463' },
  { name: 'NIST FF1 sample 9', key: K256, radix: 36, tweak: '3737373770717273373737', pt: '0123456789abcdefghi', ct: 'xs8a0azh2avyalyzuwd' },
];

/** C2SP/wycheproof testvectors_v1/aes_ff1_base10_test.json, tcId 19–21 (six digits: exactly 10^6). */
export const WYCHEPROOF_FF1: readonly Ff1Vector[] = [
  { name: 'Wycheproof FF1 base10 tcId 19', key: '474bbf2aff5c252419c49a07d50e2bdf', radix: 10, tweak: 'd64296c362368a3d', pt: '302141', ct: '166088' },
  { name: 'Wycheproof FF1 base10 tcId 20', key: '26dbd1998c3a046ac3ff11937079c034', radix: 10, tweak: '5e551c3daad7e5fa', pt: '000000', ct: '894813' },
  { name: 'Wycheproof FF1 base10 tcId 21', key: '26dbd1998c3a046ac3ff11937079c034', radix: 10, tweak: '5e551c3daad7e5fa', pt: '999999', ct: '851002' },
];

/** Sizes that must be rejected: below 10^6 under Rev.1 (Wycheproof InvalidMessageSize / SmallMessageSize). */
export const FF1_MUST_REJECT: readonly { readonly radix: number; readonly len: number }[] = [
  { radix: 10, len: 5 }, { radix: 10, len: 1 }, { radix: 36, len: 3 }, { radix: 2, len: 19 },
  { radix: 16, len: 4 }, { radix: 256, len: 2 }, { radix: 65536, len: 1 },
];
/** The matching smallest accepted lengths. */
export const FF1_MIN_ACCEPTED: readonly { readonly radix: number; readonly len: number }[] = [
  { radix: 10, len: 6 }, { radix: 36, len: 4 }, { radix: 2, len: 20 }, { radix: 16, len: 5 }, { radix: 256, len: 3 }, { radix: 65536, len: 2 },
];

export interface SivVector { readonly name: string; readonly key: string; readonly ad: readonly string[]; readonly pt: string; readonly tag: string; readonly ct: string }

const A1_KEY = 'fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff';
const A1_AD = '101112131415161718191a1b1c1d1e1f2021222324252627';
const A1_PT = '112233445566778899aabbccddee';

/** RFC 5297 A.1/A.2, OpenSSL evpciph_aes_siv.txt rows and miscreant/meta aes_siv.tjson rows. */
export const SIV: readonly SivVector[] = [
  { name: 'RFC 5297 A.1', key: A1_KEY, ad: [A1_AD], pt: A1_PT, tag: '85632d07c6e8f37f950acd320a2ecc93', ct: '40c02b9690c4dc04daef7f6afe5c' },
  {
    name: 'RFC 5297 A.2 (three AD components)',
    key: '7f7e7d7c7b7a79787776757473727170404142434445464748494a4b4c4d4e4f',
    ad: ['00112233445566778899aabbccddeeffdeaddadadeaddadaffeeddccbbaa99887766554433221100', '102030405060708090a0', '09f911029d74e35bd84156c5635688c0'],
    pt: '7468697320697320736f6d6520706c61696e7465787420746f20656e6372797074207573696e67205349562d414553',
    tag: '7bdb6e3b432667eb06f4d14bff2fbd0f',
    ct: 'cb900f2fddbe404326601965c889bf17dba77ceb094fa663b7a3f748ba8af829ea64ad544a272e9c485b62a3fd5c0d',
  },
  { name: 'OpenSSL: no AD', key: A1_KEY, ad: [], pt: A1_PT, tag: 'f1c5fdeac1f15a26779c1501f9fb7588', ct: '27e946c669088ab06da58c5c831c' },
  { name: 'OpenSSL: one empty AD', key: A1_KEY, ad: [''], pt: A1_PT, tag: 'd1022f5b3664e5a4dfaf90f85be6f28a', ct: 'b66cff6b8eca0b79f083b39a0901' },
  {
    name: 'OpenSSL AES-256-SIV',
    key: 'fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7f8f9fafbfcfdfefff0f1f2f3f4f5f6f7f8f9fafbfcfdfefffffefdfcfbfaf9f8f7f6f5f4f3f2f1f0',
    ad: [A1_AD], pt: A1_PT, tag: '724dfb2eaf94dbb19b0ba3a299a0801e', ct: 'f3b05a55498ec2552690b89810e4',
  },
  {
    name: 'OpenSSL AES-192-SIV',
    key: 'fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7f8f9fafbfcfdfefffffefdfcfbfaf9f8f7f6f5f4f3f2f1f0',
    ad: [A1_AD], pt: A1_PT, tag: '89e869b93256785154f0963962fe0740', ct: 'eff356e42dec1f4febded36642f2',
  },
  { name: 'miscreant: no AD, one block', key: A1_KEY, ad: [], pt: '00112233445566778899aabbccddeeff', tag: 'f304f912863e303d5b540e5057c7010c', ct: '942ffaf45b0e5ca5fb9a56a5263bb065' },
  {
    name: 'miscreant: 256-bit subkeys',
    key: 'fffefdfcfbfaf9f8f7f6f5f4f3f2f1f06f6e6d6c6b6a69686766656463626160f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff000102030405060708090a0b0c0d0e0f',
    ad: [A1_AD], pt: A1_PT, tag: 'f125274c598065cfc26b0e7157502908', ct: '8b035217e380cac8919ee800c126',
  },
  { name: 'miscreant: no AD, empty plaintext', key: A1_KEY, ad: [], pt: '', tag: 'f2007a5beb2b8900c588a7adf599f172', ct: '' },
];

export interface HmacVector { readonly name: string; readonly key: string; readonly data: string; readonly mac: string; readonly truncatedTo?: number }

const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex');

/** RFC 4231 test cases 1–7 (HMAC-SHA-256 column); TC5 compares the first 128 bits only. */
export const RFC4231: readonly HmacVector[] = [
  { name: 'RFC 4231 TC1', key: '0b'.repeat(20), data: hex('Hi There'), mac: 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7' },
  { name: 'RFC 4231 TC2', key: hex('Jefe'), data: hex('what do ya want for nothing?'), mac: '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843' },
  { name: 'RFC 4231 TC3', key: 'aa'.repeat(20), data: 'dd'.repeat(50), mac: '773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe' },
  { name: 'RFC 4231 TC4', key: '0102030405060708090a0b0c0d0e0f10111213141516171819', data: 'cd'.repeat(50), mac: '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b' },
  { name: 'RFC 4231 TC5', key: '0c'.repeat(20), data: hex('Test With Truncation'), mac: 'a3b6167473100ee06e0c796c2955552b', truncatedTo: 16 },
  { name: 'RFC 4231 TC6', key: 'aa'.repeat(131), data: hex('Test Using Larger Than Block-Size Key - Hash Key First'), mac: '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54' },
  {
    name: 'RFC 4231 TC7', key: 'aa'.repeat(131),
    data: hex('This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.'),
    mac: '9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2',
  },
];
