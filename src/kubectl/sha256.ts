import { sha256 } from '../engine/util/sha256.ts';

/**
 * SHA-256 of a UTF-8 string as lowercase hex: what Go's
 * `fmt.Sprintf("%x", sha256.Sum256([]byte(s)))` prints (the hashed names of `--append-hash`).
 * The digest itself is the engine's synchronous one (kube-proxy's chain names use it too).
 */
export function sha256Hex(text: string): string {
  let hex = '';
  for (const byte of sha256(text)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
