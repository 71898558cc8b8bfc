// Runs the draft preview (the site's on-demand route, dist/server/entry.mjs of the build being
// served) on a private port. Restarted after each switch, so previews use the current design.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { stop, waitForHttp } from '../lib/process.ts';

interface PreviewServerOptions {
  port: number;
  env: NodeJS.ProcessEnv;
  log?: (message: string) => void;
}

export class PreviewServer {
  private child: ChildProcess | null = null;
  private readonly options: PreviewServerOptions;

  constructor(options: PreviewServerOptions) {
    this.options = options;
  }

  get url(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  async restart(buildDir: string): Promise<void> {
    await this.stop();
    const child = spawn(process.execPath, [join(buildDir, 'server', 'entry.mjs')], {
      env: { ...this.options.env, HOST: '127.0.0.1', PORT: String(this.options.port) },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    this.child = child;
    // A page that does not exist answers 404 once the server listens.
    await waitForHttp(`${this.url}/xem-truoc/`, child, 30_000, [404]).catch((error) => {
      this.options.log?.(`preview server did not start: ${(error as Error).message}`);
    });
  }

  async stop(): Promise<void> {
    if (this.child) await stop(this.child);
    this.child = null;
  }
}
