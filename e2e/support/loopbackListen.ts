/**
 * Starts a test's HTTP server on 127.0.0.1 (a free port unless one is given) and tracks its
 * sockets, so `close()` also ends keep-alive and half-sent responses: a test never waits for a
 * browser to let go of a connection, and a dropped-connection test can end the server at once.
 */
import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Destroys every open socket, then closes the server. */
  close(): Promise<void>;
}

export async function listenOnLoopback(server: Server, port = 0): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => done());
  });
  const address = server.address() as AddressInfo | string | null;
  if (address === null || typeof address === 'string') throw new Error('the test server did not get a TCP port');
  return {
    origin: `http://127.0.0.1:${String(address.port)}`,
    close: () =>
      new Promise<void>((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}
