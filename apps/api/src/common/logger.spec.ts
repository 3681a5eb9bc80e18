import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, requestLogger } from './logger.js';

describe('request logs', () => {
  it('never carry the bearer token, cookies or the cookies the response sets', async () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = requestLogger(createLogger('info', destination));
    const server = createServer((request, response) => {
      log(request, response);
      response.setHeader('set-cookie', 'pw_refresh=refresh-secret; HttpOnly');
      response.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      await fetch(`http://127.0.0.1:${port}/api/reporting/tasks`, { headers: { authorization: 'Bearer access-secret', cookie: 'pw_access=cookie-secret' } });
      await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      server.close();
    }
    const written = lines.join('');
    expect(written).toContain('/api/reporting/tasks');
    expect(written).toContain('"statusCode":200');
    for (const secret of ['access-secret', 'cookie-secret', 'refresh-secret']) expect(written).not.toContain(secret);
  });
});
