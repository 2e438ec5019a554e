/**
 * Builds the kiosk into its own directory and serves it with `vite preview` (the gateway simulator included,
 * mounted by sim/vite-plugin.ts), on a port of its own so it never meets a colleague's e2e server.
 */
import { resolve } from 'node:path';
import { build, preview } from 'vite';

export interface Served {
  baseUrl: string;
  distDir: string;
  stop(): Promise<void>;
}

export interface ServeOptions {
  /** Default 4300. */
  port?: number;
  /** Default dist-bench (relative to the project root). */
  outDir?: string;
  /** Serve an existing build instead of building. */
  skipBuild?: boolean;
}

const root = resolve(import.meta.dirname, '..');

export async function buildAndServe(options: ServeOptions = {}): Promise<Served> {
  const port = options.port ?? 4300;
  const distDir = resolve(root, options.outDir ?? 'dist-bench');
  if (!options.skipBuild) {
    await build({ root, logLevel: 'error', build: { outDir: distDir, emptyOutDir: true } });
  }
  const server = await preview({
    root,
    // The gateway simulator mounts only in this mode (sim/vite-plugin.ts).
    mode: 'simulator',
    logLevel: 'warn',
    build: { outDir: distDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const probe = await fetch(`${baseUrl}/config.json`);
  if (!probe.ok) throw new Error(`the preview server at ${baseUrl} answered ${probe.status} for /config.json`);
  return {
    baseUrl,
    distDir,
    async stop() {
      await server.close();
    },
  };
}
