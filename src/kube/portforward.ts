import net from "node:net";
import { PortForward } from "@kubernetes/client-node";
import type { Cluster } from "./cluster.ts";

export interface Forwarder {
  /** The local port actually bound on 127.0.0.1. */
  localPort: number;
  /** True when the requested port was taken and another was chosen. */
  movedFrom?: number;
  close(): Promise<void>;
}

/**
 * Listens on 127.0.0.1:`localPort` and tunnels each TCP connection to `pod`:`remotePort` through
 * the API server's pods/portforward subresource (WebSocket, @kubernetes/client-node PortForward).
 * When the port is in use and `fallback` is true, binds a free port instead (reported in
 * `movedFrom`). Throws the listen error otherwise (e.g. EADDRINUSE, EACCES).
 */
export async function startPortForward(
  cluster: Cluster,
  namespace: string,
  pod: string,
  remotePort: number,
  localPort: number,
  fallback = true,
): Promise<Forwarder> {
  const pf = new PortForward(cluster.kc, true);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => socket.destroy());
    pf.portForward(namespace, pod, [remotePort], socket, null, socket)
      .then((ws) => {
        const w = ws as unknown as { on?: (e: string, f: () => void) => void; close?: () => void };
        w.on?.("close", () => socket.end());
        socket.on("close", () => w.close?.());
      })
      .catch(() => socket.destroy());
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const onError = (err: Error) => (server.off("listening", onListening), reject(err));
      const onListening = () => (server.off("error", onError), resolve((server.address() as net.AddressInfo).port));
      server.once("error", onError);
      server.once("listening", onListening);
      server.listen(port, "127.0.0.1");
    });
  let bound: number;
  let movedFrom: number | undefined;
  try {
    bound = await listen(localPort);
  } catch (err) {
    if (!fallback || (err as NodeJS.ErrnoException).code !== "EADDRINUSE") throw err;
    bound = await listen(0);
    movedFrom = localPort;
  }
  return {
    localPort: bound,
    movedFrom,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
