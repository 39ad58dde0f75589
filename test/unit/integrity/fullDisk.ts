/**
 * A disk that fills while Parley writes, simulated through the one seam the
 * writers open files by (store/durable.ts `writeIo`).
 */
import { writeIo, type WriteHandle } from '../../../src/main/store/durable';

export const realOpen = writeIo.open;

/** The handle's own methods, to override some. */
export function bind(fh: WriteHandle): WriteHandle {
  return {
    write: (b, o, l, p) => fh.write(b, o, l, p),
    truncate: (n) => fh.truncate(n),
    sync: () => fh.sync(),
    datasync: () => fh.datasync(),
    stat: () => fh.stat(),
    close: () => fh.close(),
  };
}

/**
 * From now on the disk takes `room` more bytes: the write that crosses it
 * writes what fits and returns short, the next one fails with ENOSPC.
 */
export function fillAfter(room: number): void {
  let left = room;
  writeIo.open = async (path, flags, mode) => {
    const fh = await realOpen(path, flags, mode);
    const full: WriteHandle = {
      ...bind(fh),
      write: async (buffer, offset, length, position) => {
        if (left <= 0) throw Object.assign(new Error(`ENOSPC: no space left on device, write`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
        const n = Math.min(length, left);
        left -= n;
        return fh.write(buffer, offset, n, position);
      },
    };
    return full;
  };
}

export function spaceReturns(): void {
  writeIo.open = realOpen;
}
