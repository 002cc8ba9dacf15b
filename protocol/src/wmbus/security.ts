/**
 * TPL security modes (radio.md § 5; OMS Vol. 2 § 9):
 * - mode 5: AES-128-CBC, IV = M ‖ A ‖ ACC×8, N blocks; the plaintext must start 2F 2F.
 * - mode 7: AES-128-CBC with IV 0 and ephemeral keys from the AES-CMAC KDF; the AFL MAC is verified first.
 * The key is always a parameter; nothing here looks keys up.
 */
import { aesCbcDecrypt, aesCmac } from './aes.js';

/** IV for mode 5: the 8 address bytes in DLL order (M M ID ID ID ID Ver Type) and ACC repeated 8 times. */
export function mode5Iv(addressBytes: Uint8Array, acc: number): Uint8Array {
  const iv = new Uint8Array(16);
  iv.set(addressBytes.subarray(0, 8));
  iv.fill(acc, 8);
  return iv;
}

export function decryptCbc(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array {
  return aesCbcDecrypt(key, iv, data);
}

const ZERO_IV = new Uint8Array(16);

/** OMS KDF selection 1: K = CMAC(key, D ‖ MCR ‖ ID ‖ 07×7), D = 00 for Kenc, 01 for Kmac. */
export function mode7Keys(key: Uint8Array, mcr: Uint8Array, id: Uint8Array): { kenc: Uint8Array; kmac: Uint8Array } {
  const input = new Uint8Array(16).fill(0x07);
  input.set(mcr.subarray(0, 4), 1);
  input.set(id.subarray(0, 4), 5);
  input[0] = 0x00;
  const kenc = aesCmac(key, input);
  input[0] = 0x01;
  const kmac = aesCmac(key, input);
  return { kenc, kmac };
}

/** MAC = first bytes of CMAC(Kmac, MCL ‖ MCR ‖ [ML] ‖ TPL from its CI to the end). */
export function aflMac(kmac: Uint8Array, mcl: number, mcr: Uint8Array, ml: Uint8Array | undefined, tpl: Uint8Array, length: number): Uint8Array {
  const extra = ml ? 2 : 0;
  const input = new Uint8Array(5 + extra + tpl.length);
  input[0] = mcl;
  input.set(mcr.subarray(0, 4), 1);
  if (ml) input.set(ml.subarray(0, 2), 5);
  input.set(tpl, 5 + extra);
  return aesCmac(kmac, input, true).subarray(0, length);
}

export function decryptMode7(kenc: Uint8Array, data: Uint8Array): Uint8Array {
  return aesCbcDecrypt(kenc, ZERO_IV, data, true);
}

export const startsWith2F2F = (b: Uint8Array, pos = 0): boolean => b[pos] === 0x2f && b[pos + 1] === 0x2f;

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}
