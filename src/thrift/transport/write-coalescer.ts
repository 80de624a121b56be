/**
 * Coalesces every write made to a socket within one event-loop turn into one syscall (cork now, uncork in
 * the check phase of the same turn, so nothing waits for more I/O). Pipelined calls and their replies are
 * many small messages: one syscall each was most of the cost.
 */
import type { Socket } from 'node:net';

/** Returns a write function for `socket`; `false` from it means the socket's buffer is above its high-water mark. */
export function coalescingWriter(socket: Socket): (bytes: Uint8Array) => boolean {
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  return (bytes) => {
    if (!corked) {
      corked = true;
      socket.cork();
      setImmediate(uncork);
    }
    return socket.write(bytes);
  };
}
