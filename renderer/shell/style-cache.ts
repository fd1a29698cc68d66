import { createCache } from '@ant-design/cssinjs';

type StyleCache = ReturnType<typeof createCache>;

/**
 * antd's CSS-in-JS cache, made to keep what it built. Stock, when the last instance of a component unmounts, its
 * `<style>` tags are removed and its styles dropped; the next mount serialises, parses and hashes them again and
 * inserts new tags, which makes the browser recompute every style on the page. Each page switch paid for that,
 * about a third of opening a call from the work queue.
 *
 * The cache counts users per entry and drops an entry when a release takes the count to zero. Every update here
 * sees one user more than there is and stores one less than it returns, so a release never reaches zero: nothing
 * is dropped or removed. Entries are per theme and component, so they are few and bounded.
 */
export function retainingStyleCache(): StyleCache {
  const cache = createCache();
  const update = cache.opUpdate.bind(cache);
  cache.opUpdate = (key, valueFn) =>
    update(key, (prev) => {
      if (!prev) return valueFn(prev);
      const next = valueFn([prev[0] + 1, prev[1]]);
      return next === null ? [0, prev[1]] : [next[0] - 1, next[1]];
    });
  return cache;
}
