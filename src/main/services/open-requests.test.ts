import { describe, expect, it } from 'vitest';
import { OpenRequestQueue } from './open-requests';

describe('OpenRequestQueue', () => {
  it('queues requests that arrive before the page listens, once each, and hands them over once', () => {
    const q = new OpenRequestQueue();
    expect(q.push('/a.snn.json')).toBe(false);
    expect(q.push('/b.snn.json')).toBe(false);
    expect(q.push('/a.snn.json')).toBe(false);
    expect(q.take()).toEqual(['/a.snn.json', '/b.snn.json']);
    expect(q.take()).toEqual([]);
  });

  it('asks for direct delivery once the page has taken the queue, and queues again after a reload', () => {
    const q = new OpenRequestQueue();
    q.take();
    expect(q.push('/c.snn.json')).toBe(true);
    expect(q.take()).toEqual([]);
    q.pageLoading();
    expect(q.push('/d.snn.json')).toBe(false);
    expect(q.take()).toEqual(['/d.snn.json']);
  });
});
