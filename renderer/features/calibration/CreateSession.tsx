import { App as AntApp, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { ScorecardVersionView } from '../../../shared/contracts/scorecards';
import type { EvaluationSummary } from '../../../shared/contracts/evaluations';
import type { RecordingListItem } from '../../../shared/recording';
import { call } from '../../api';
import { useT } from '../../i18n';
import { errorCodeOf } from '../reports/errors';

interface Choices {
  cards: ScorecardVersionView[];
  recordings: RecordingListItem[];
  evaluations: EvaluationSummary[];
  inspectors: { id: string; name: string }[];
  inspectorsFrom: 'head_office' | 'local';
}

interface Draft {
  name: string;
  scorecardId: string | null;
  recordingIds: string[];
  referenceEvaluationId: string | null;
  inspectors: string[];
  deadline: string;
}

const empty: Draft = {
  name: '',
  scorecardId: null,
  recordingIds: [],
  referenceEvaluationId: null,
  inspectors: [],
  deadline: '',
};

const callLabel = (r: RecordingListItem) =>
  [r.callId ?? r.fileName, r.agentName ?? r.agentNo, r.startedAt?.slice(0, 16).replace('T', ' ')]
    .filter(Boolean)
    .join(' · ');

/**
 * 新建校准: a name, the card, calls from the library (each app finds them by SHA-256), an optional reference (an
 * evaluation of one of the calls), the inspectors invited and a deadline (a day: its end, head office's time).
 */
export function CreateSession({ open, onClose }: { open: boolean; onClose: (created: boolean) => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [choices, setChoices] = useState<Choices | null>(null);
  const [draft, setDraft] = useState<Draft>(empty);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    setDraft(empty);
    void Promise.all([
      call('scorecards.list', { status: 'published', latestOnly: true }),
      call('recordings.list', { limit: 1000 }),
      call('evaluations.list', { status: 'submitted', limit: 10000 }),
      call('calibration.inspectors', {}),
    ]).then(
      ([cards, recordings, evaluations, inspectors]) =>
        setChoices({
          cards,
          recordings: recordings.items,
          evaluations,
          inspectors: inspectors.inspectors,
          inspectorsFrom: inspectors.source,
        }),
      (e: unknown) => void message.error(t(`cal.error.${errorCodeOf(e)}`)),
    );
    // Once per opening: `t` is a new function on every render, and a reload here would clear the form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const references = useMemo(
    () =>
      (choices?.evaluations ?? []).filter(
        (e) => draft.recordingIds.includes(e.recordingId) && e.scorecardId === draft.scorecardId,
      ),
    [choices, draft.recordingIds, draft.scorecardId],
  );
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = async () => {
    if (
      !draft.name.trim() ||
      !draft.scorecardId ||
      !draft.recordingIds.length ||
      !draft.inspectors.length ||
      !draft.deadline
    ) {
      void message.warning(t('cal.create.required'));
      return;
    }
    setBusy(true);
    try {
      // The SHA-256 of each call: how every inspector's app finds the same audio.
      const calls = await Promise.all(
        draft.recordingIds.map(async (id) => {
          const r = await call('recordings.get', { id, maxPeaks: 100 });
          return { sha256: r.sha256, ...(r.callId ? { callId: r.callId } : {}) };
        }),
      );
      await call('calibration.create', {
        name: draft.name.trim(),
        calls,
        scorecardId: draft.scorecardId,
        inspectors: draft.inspectors,
        deadline: draft.deadline,
        ...(draft.referenceEvaluationId ? { referenceEvaluationId: draft.referenceEvaluationId } : {}),
      });
      void message.success(t('cal.create.done'));
      onClose(true);
    } catch (e) {
      void message.error(t(`cal.error.${errorCodeOf(e)}`));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('cal.create.title')}
      okText={t('cal.create.ok')}
      onOk={() => void submit()}
      confirmLoading={busy}
      onCancel={() => onClose(false)}
      width={720}
      destroyOnHidden
    >
      <Form layout="vertical" data-testid="calibration-create">
        <Form.Item label={t('cal.create.name')} required>
          <Input aria-label={t('cal.create.name')} value={draft.name} onChange={(e) => set({ name: e.target.value })} />
        </Form.Item>
        <Form.Item label={t('cal.create.card')} required>
          <Select
            showSearch
            optionFilterProp="label"
            aria-label={t('cal.create.card')}
            value={draft.scorecardId}
            onChange={(id: string) => set({ scorecardId: id, referenceEvaluationId: null })}
            options={(choices?.cards ?? []).map((c) => ({ value: c.id, label: `${c.name} v${c.version}` }))}
          />
        </Form.Item>
        <Form.Item label={t('cal.create.calls')} extra={t('cal.create.callsHelp')} required>
          <Select
            mode="multiple"
            aria-label={t('cal.create.calls')}
            value={draft.recordingIds}
            optionFilterProp="label"
            onChange={(ids: string[]) => set({ recordingIds: ids, referenceEvaluationId: null })}
            options={(choices?.recordings ?? []).map((r) => ({ value: r.id, label: callLabel(r) }))}
          />
        </Form.Item>
        <Form.Item label={t('cal.create.reference')} extra={t('cal.create.referenceHelp')}>
          <Select
            allowClear
            showSearch
            optionFilterProp="label"
            aria-label={t('cal.create.reference')}
            value={draft.referenceEvaluationId}
            onChange={(id: string | undefined) => set({ referenceEvaluationId: id ?? null })}
            options={references.map((e) => ({ value: e.id, label: `${e.fileName} · ${e.total?.toFixed(2) ?? ''}` }))}
          />
        </Form.Item>
        <Form.Item label={t('cal.create.inspectors')} required>
          <Select
            mode="multiple"
            aria-label={t('cal.create.inspectors')}
            value={draft.inspectors}
            optionFilterProp="label"
            onChange={(ids: string[]) => set({ inspectors: ids })}
            options={(choices?.inspectors ?? []).map((i) => ({ value: i.id, label: i.name || i.id }))}
          />
          {choices?.inspectorsFrom === 'local' && (
            <Typography.Text type="secondary">{t('cal.create.inspectorsLocal')}</Typography.Text>
          )}
        </Form.Item>
        <Form.Item label={t('cal.create.deadline')} required>
          <Input
            type="date"
            aria-label={t('cal.create.deadline')}
            value={draft.deadline}
            onChange={(e) => set({ deadline: e.target.value })}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
