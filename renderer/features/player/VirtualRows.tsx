import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';

/**
 * A list that only mounts the rows on screen: a 60-minute call carries hundreds of notes and markers, and mounting
 * them all (antd buttons, tags) costs seconds on open and on every re-render.
 */
export function VirtualRows<T>({
  items,
  rowHeight,
  render,
  empty,
  testId,
}: {
  items: T[];
  rowHeight: number;
  render(item: T): ReactNode;
  empty: ReactNode;
  testId: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({
    count: items.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 6,
  });
  if (items.length === 0)
    return (
      <div className="qa-player-empty" data-testid={testId}>
        {empty}
      </div>
    );
  return (
    <div ref={scroller} className="qa-player-list" data-testid={testId}>
      <div style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((row) => (
          <div
            key={row.key}
            data-index={row.index}
            ref={virtual.measureElement}
            style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}
          >
            {render(items[row.index])}
          </div>
        ))}
      </div>
    </div>
  );
}
