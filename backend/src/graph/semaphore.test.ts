import { describe, expect, it } from 'vitest';
import { KeyedSemaphore, Semaphore } from './semaphore.ts';

const tick = () => new Promise((r) => setImmediate(r));

describe('Semaphore', () => {
  it('never lets more than its capacity run at once', async () => {
    const semaphore = new Semaphore(4);
    let running = 0;
    let max = 0;
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        const release = await semaphore.acquire();
        running++;
        max = Math.max(max, running);
        await tick();
        running--;
        release();
      }),
    );
    expect(max).toBe(4);
    expect(semaphore.inUse).toBe(0);
  });

  it('serves waiters in order and does not let small requests starve a large one', async () => {
    const semaphore = new Semaphore(4);
    const order: string[] = [];
    const first = await semaphore.acquire(3);
    const big = semaphore.acquire(4).then((r) => (order.push('big'), r));
    const small = semaphore.acquire(1).then((r) => (order.push('small'), r));
    await tick();
    expect(order).toEqual([]); // one permit is free, but the big request is ahead of the small one
    first();
    const releaseBig = await big;
    expect(order).toEqual(['big']);
    releaseBig();
    (await small)();
    expect(order).toEqual(['big', 'small']);
  });

  it('releases once however often release is called', async () => {
    const semaphore = new Semaphore(2);
    const release = await semaphore.acquire(2);
    release();
    release();
    expect(semaphore.inUse).toBe(0);
  });

  it('refuses weights it can never grant', async () => {
    await expect(new Semaphore(4).acquire(5)).rejects.toThrow(RangeError);
    expect(() => new Semaphore(0)).toThrow(RangeError);
  });
});

describe('KeyedSemaphore', () => {
  it('caps each key separately and forgets idle keys', async () => {
    const limits = new KeyedSemaphore(1);
    const a = await limits.acquire('a');
    const b = await limits.acquire('b'); // another mailbox is not held up by the first
    let secondA = false;
    const pending = limits.acquire('a').then((r) => ((secondA = true), r));
    await tick();
    expect(secondA).toBe(false);
    a();
    (await pending)();
    b();
    expect(limits.inUse('a')).toBe(0);
    expect(limits.inUse('b')).toBe(0);
  });
});
