import { Image, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { VisitPhotoInfo } from '../../../shared/channels';
import { call } from '../../api';
import { useT } from '../../i18n';

/** Thumbnails of a visit's photos; a click (or Enter) opens one larger, with the others a step away. */
export function VisitPhotos({ recordingId, photos }: { recordingId: string; photos: VisitPhotoInfo[] }) {
  const t = useT();
  const [urls, setUrls] = useState<Record<number, string>>({});
  useEffect(() => {
    let live = true;
    for (const p of photos) {
      void call('visits.photo', { id: recordingId, seq: p.seq }).then((photo) => {
        if (live) setUrls((u) => ({ ...u, [p.seq]: `data:${photo.mime};base64,${photo.base64}` }));
      });
    }
    return () => {
      live = false;
    };
  }, [recordingId, photos]);
  if (photos.length === 0) return null;
  return (
    <Image.PreviewGroup>
      <Space wrap size="small" data-testid="visit-photos">
        {photos.map((p) =>
          urls[p.seq] ? (
            <Image
              key={p.seq}
              width={72}
              height={72}
              style={{ objectFit: 'cover' }}
              src={urls[p.seq]}
              alt={t('ch.visit.photo', { n: p.seq + 1 })}
            />
          ) : null,
        )}
      </Space>
    </Image.PreviewGroup>
  );
}
