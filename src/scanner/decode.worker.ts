/// <reference lib="webworker" />
/**
 * Decodes camera frames off the main thread, so the guide animation and touches stay smooth while the
 * engine works (a frame costs 3–20 ms in Node on a desktop core, several times that on kiosk hardware).
 */
import { createDecoder, type DecodeFormats, type Decoder, type DecoderEngine } from './decoder.ts';
import { withPassRotation } from './rotating-decoder.ts';

export type DecodeWorkerRequest =
  | { type: 'init'; engine: DecoderEngine }
  | { type: 'decode'; id: number; formats: DecodeFormats; width: number; height: number; pixels: ArrayBuffer };

export type DecodeWorkerResponse =
  | { type: 'ready' }
  | { type: 'result'; id: number; text: string | null }
  | { type: 'error'; id: number | null; message: string };

const scope = self as unknown as DedicatedWorkerGlobalScope;
let decoder: Promise<Decoder> | null = null;

const reply = (message: DecodeWorkerResponse) => scope.postMessage(message);

scope.onmessage = async (event: MessageEvent<DecodeWorkerRequest>) => {
  const message = event.data;
  if (message.type === 'init') {
    // Consecutive frames get different option sets (decode-passes.ts): one pass per frame.
    decoder = createDecoder(message.engine).then((engine) => withPassRotation(engine));
    try {
      await decoder;
      reply({ type: 'ready' });
    } catch (error) {
      reply({ type: 'error', id: null, message: String(error) });
    }
    return;
  }
  try {
    if (!decoder) throw new Error('decode before init');
    const frame = new ImageData(new Uint8ClampedArray(message.pixels), message.width, message.height);
    const text = await (await decoder).decode(frame, message.formats);
    reply({ type: 'result', id: message.id, text });
  } catch (error) {
    reply({ type: 'error', id: message.id, message: String(error) });
  }
};
