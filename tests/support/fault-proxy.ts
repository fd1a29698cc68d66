/**
 * A TCP proxy between the sync client and the server that breaks connections on purpose. It knows nothing of
 * HTTP: faults are decided per chunk of data, so keep-alive connections are hit just as fresh ones are.
 *   pass             forward everything
 *   refuse           close every new connection at once
 *   hold-push        forward everything, but swallow the server's answer to a push (and emit 'push-held'):
 *                    the server has committed, the client never learns it
 *   random           seeded faults: drop a request chunk, cut after forwarding it, cut mid-response
 */
import { EventEmitter } from 'node:events';
import { createServer, connect, type Server, type Socket } from 'node:net';

export type ProxyMode = 'pass' | 'refuse' | 'hold-push' | 'random';

export interface FaultCounts {
  dropRequest: number;
  cutAfterRequest: number;
  cutMidResponse: number;
  refused: number;
}

/** mulberry32: a tiny seeded PRNG so a failing fault schedule can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class FaultProxy extends EventEmitter {
  mode: ProxyMode = 'pass';
  faultRate = 0.3;
  readonly faults: FaultCounts = { dropRequest: 0, cutAfterRequest: 0, cutMidResponse: 0, refused: 0 };
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private random: () => number;
  port = 0;

  constructor(
    private readonly targetPort: number,
    seed = 1,
  ) {
    super();
    this.random = seededRandom(seed);
  }

  get totalFaults(): number {
    const f = this.faults;
    return f.dropRequest + f.cutAfterRequest + f.cutMidResponse + f.refused;
  }

  async listen(port = 0): Promise<number> {
    this.server = createServer((client) => this.handle(client));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
    return this.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Closes every open connection (clients see a reset), e.g. when the server behind restarts. */
  dropAll(): void {
    for (const s of this.sockets) s.destroy();
  }

  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private handle(client: Socket): void {
    if (this.mode === 'refuse') {
      this.faults.refused++;
      client.destroy();
      return;
    }
    const upstream = connect(this.targetPort, '127.0.0.1');
    this.sockets.add(client).add(upstream);
    let cutOnAnswer = false;
    let lastRequest = '';
    const kill = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', () => (this.sockets.delete(client), upstream.destroy()));
    upstream.on('close', () => (this.sockets.delete(upstream), client.destroy()));
    client.on('error', kill);
    upstream.on('error', kill);
    client.on('data', (chunk: Buffer) => {
      const head = chunk.toString('latin1', 0, 24);
      if (/^(GET|POST) \//.test(head)) lastRequest = head;
      if (this.mode === 'random' && this.random() < this.faultRate / 3) {
        this.faults.dropRequest++;
        kill();
        return;
      }
      upstream.write(chunk);
      if (this.mode === 'random' && this.random() < this.faultRate / 3) {
        this.faults.cutAfterRequest++;
        // Let the request reach the server, then cut before any answer can come back.
        cutOnAnswer = true;
      }
    });
    upstream.on('data', (chunk: Buffer) => {
      if (cutOnAnswer) {
        kill();
        return;
      }
      if (this.mode === 'hold-push' && lastRequest.startsWith('POST /v1/sync/push')) {
        this.emit('push-held');
        return;
      }
      if (this.mode === 'random' && this.random() < this.faultRate / 3) {
        this.faults.cutMidResponse++;
        client.write(chunk.subarray(0, Math.floor(this.random() * chunk.length)), kill);
        return;
      }
      client.write(chunk);
    });
  }
}
