import { createDecoder, type Decoder, type DecoderEngine } from './decoder.ts';
import { withPassRotation } from './rotating-decoder.ts';
import type { DecodeWorkerRequest, DecodeWorkerResponse } from './decode.worker.ts';

/**
 * A Decoder whose engine runs in a dedicated Web Worker (decode.worker.ts). Frames are transferred, not
 * copied; the caller must not use a frame's buffer after handing it over. dispose() terminates the worker.
 */
export async function createWorkerDecoder(engine: DecoderEngine): Promise<Decoder> {
  const worker = new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'decode' });
  const pending = new Map<number, { resolve(text: string | null): void; reject(error: Error): void }>();
  let nextId = 1;
  let disposed = false;

  const post = (message: DecodeWorkerRequest, transfer: Transferable[] = []) => worker.postMessage(message, transfer);

  await new Promise<void>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<DecodeWorkerResponse>) => {
      const message = event.data;
      if (message.type === 'ready') resolve();
      else if (message.type === 'error' && message.id === null) reject(new Error(message.message));
    };
    worker.onerror = (event) => reject(new Error(event.message || 'decode worker failed to start'));
    post({ type: 'init', engine });
  }).catch((error: unknown) => {
    worker.terminate();
    throw error;
  });

  worker.onmessage = (event: MessageEvent<DecodeWorkerResponse>) => {
    const message = event.data;
    if (message.type === 'ready' || message.id === null) return;
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (message.type === 'result') waiter?.resolve(message.text);
    else waiter?.reject(new Error(message.message));
  };
  worker.onerror = (event) => {
    for (const waiter of pending.values()) waiter.reject(new Error(event.message || 'decode worker failed'));
    pending.clear();
  };

  return {
    name: engine,
    decode(frame, formats) {
      if (disposed) return Promise.reject(new Error('decoder disposed'));
      const id = nextId++;
      const pixels = frame.data.buffer as ArrayBuffer;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        post({ type: 'decode', id, formats, width: frame.width, height: frame.height, pixels }, [pixels]);
      });
    },
    dispose() {
      disposed = true;
      worker.terminate();
      for (const waiter of pending.values()) waiter.resolve(null);
      pending.clear();
    },
  };
}

/**
 * The decoder the camera reader uses: in a worker where the browser has workers, else on this thread.
 * @param engine which library decodes
 */
export async function createFrameDecoder(engine: DecoderEngine): Promise<Decoder> {
  if (typeof Worker !== 'undefined') {
    try {
      return await createWorkerDecoder(engine);
    } catch (error) {
      // A kiosk browser without module workers still scans, only less smoothly.
      console.warn('decode worker unavailable, decoding on the main thread', error);
    }
  }
  return withPassRotation(await createDecoder(engine));
}
