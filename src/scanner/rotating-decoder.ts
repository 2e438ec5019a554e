/**
 * A decoder that gives each frame the next pass of the rotation (decode-passes.ts): one pass per frame,
 * a different option set on the next frame. The decoding worker and the main-thread fallback both wrap
 * their engine in it, so the camera reader does not know passes exist.
 */
import { createPassRotation, passRotation, type DecodePass } from './decode-passes.ts';
import type { Decoder } from './decoder.ts';

/**
 * Wraps `decoder` so that every decode call uses the rotation's next pass.
 * @param rotation the passes in order (default: the measured {@link passRotation})
 */
export function withPassRotation(decoder: Decoder, rotation: readonly DecodePass[] = passRotation): Decoder {
  const passes = createPassRotation(rotation);
  return {
    name: decoder.name,
    decode: (frame, formats) => decoder.decode(frame, formats, passes.next()),
    dispose: () => decoder.dispose(),
  };
}
