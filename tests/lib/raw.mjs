// raw.mjs: HTTP over a plain socket, for what fetch never sends: malformed heads, two requests in
// one write, a head sent line by line. Only to loopback addresses.
import { readFileSync } from 'node:fs';
import net from 'node:net';

// Opens a connection to 127.0.0.1:port (from opts.localAddress, e.g. '127.0.0.2'). Resolves to
// the socket once connected; .received() is everything read so far, .gone a promise of the close.
export function connect(port, opts = {}) {
  return new Promise((resolve, reject) => {
    const sock = net.connect({ port, host: '127.0.0.1', localAddress: opts.localAddress });
    let data = Buffer.alloc(0);
    sock.on('data', (d) => { data = Buffer.concat([data, d]); });
    sock.gone = new Promise((done) => sock.on('close', done));
    sock.on('error', () => {});     // a reset shows as a closed socket
    sock.received = () => data.toString('latin1');
    sock.once('connect', () => resolve(sock));
    sock.once('error', reject);
  });
}

// Sends data (a string or Buffer) on a new connection and resolves, once the server closed it or
// opts.timeout ms passed (default 3000), to { text, status (of the first reply), replies (how
// many status lines came back), closed }.
export async function exchange(port, data, opts = {}) {
  const sock = await connect(port, opts);
  sock.write(data);
  const closed = await Promise.race([
    sock.gone.then(() => true),
    new Promise((r) => setTimeout(() => r(false), opts.timeout ?? 3000)),
  ]);
  sock.destroy();
  const text = sock.received();
  const status = Number((/^HTTP\/1\.[01] (\d{3})/.exec(text) || [])[1]);
  const replies = (text.match(/HTTP\/1\.[01] \d{3} /g) || []).length;
  return { text, status, replies, closed };
}

// Process memory in KiB from /proc/PID/status: { rss: VmRSS, hwm: VmHWM (the peak) }.
export function memory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)[1]);
  return { rss: kib('VmRSS'), hwm: kib('VmHWM') };
}

// Sends head (ending in the empty line) and then body bytes, `size` in all, made of `chunk` (a
// Buffer) repeated, as fast as the server takes them, and stops sending when the server answers
// or closes. Resolves to the status of the reply (NaN: none) once the connection is closed.
export async function upload(port, head, chunk, size) {
  const sock = await connect(port);
  sock.write(head);
  let sent = 0;
  const answered = () => sock.received().length > 0 || sock.destroyed;
  while (sent < size && !answered()) {
    const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
    sent += part.length;
    if (!sock.write(part)) {
      await Promise.race([new Promise((r) => sock.once('drain', r)), sock.gone]);
    }
  }
  await Promise.race([sock.gone, new Promise((r) => setTimeout(r, 10000))]);
  sock.destroy();
  return Number((/^HTTP\/1\.[01] (\d{3})/.exec(sock.received()) || [])[1]);
}
