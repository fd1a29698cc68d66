import { Card, Descriptions, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { StoreVisit } from '../../../shared/channels';
import { call } from '../../api';
import { useT } from '../../i18n';
import { ErrorAlert } from '../../shell/errors';
import { VisitPhotos } from './VisitPhotos';

/** A store visit's details where a call's player would be: which store, when, who visited and what happened. */
export function VisitPanel({ recordingId, onReady }: { recordingId: string; onReady?: () => void }) {
  const t = useT();
  const [visit, setVisit] = useState<StoreVisit | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    call('visits.get', { id: recordingId }).then(
      (v) => {
        if (!live) return;
        setVisit(v);
        onReady?.();
      },
      (e: unknown) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [recordingId, onReady]);
  if (error) return <ErrorAlert error={error} />;
  if (!visit) return <Spin />;
  return (
    <Card size="small" title={t('ch.visit.details')} className="ch-visit" data-testid="visit-panel">
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'store', label: t('ch.visit.store'), children: visit.storeName },
          { key: 'date', label: t('ch.visit.date'), children: visit.visitDate },
          { key: 'visitor', label: t('ch.visit.visitor'), children: visit.visitor },
        ]}
      />
      {visit.notes && (
        <Typography.Paragraph className="ch-visit-notes">
          <strong>{t('ch.visit.notes')}：</strong>
          {visit.notes}
        </Typography.Paragraph>
      )}
      <VisitPhotos recordingId={recordingId} photos={visit.photos} />
    </Card>
  );
}
