import { Alert, Button, Card, Input, InputNumber, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { FocusItemView } from '../../../shared/contracts/disputes';
import { addMonths } from '../../../shared/report';
import { ApiCallError, call } from '../../api';
import { useT } from '../../i18n';
import { FocusTable } from './FocusTable';

const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
type Whom = 'agentNo' | 'team' | 'site';
const codes = ['unknown_target', 'critical_target', 'target_above_max'] as const;

/** 改进重点: focus items for an agent, a team or a site, by due month, each with its verdict. */
export function CoachingPage() {
  const t = useT();
  const [month, setMonth] = useState(() => addMonths(thisMonth(), 1));
  const [items, setItems] = useState<FocusItemView[]>([]);
  const [whom, setWhom] = useState<Whom>('agentNo');
  const [who, setWho] = useState('');
  const [target, setTarget] = useState('');
  const [value, setValue] = useState<number | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(() => {
    call('coaching.list', { month })
      .then((r) => setItems(r.items))
      .catch(() => setItems([]));
  }, [month]);
  useEffect(load, [load]);

  const add = async () => {
    setError(null);
    const kind = target.startsWith('section:') ? 'sectionId' : 'itemId';
    try {
      await call('coaching.create', {
        [whom]: who.trim(),
        target: { [kind]: target.replace(/^(section|item):/, ''), value: value ?? 0 },
        month,
        note,
      });
      load();
    } catch (e) {
      setError(e);
    }
  };
  const why = (e: unknown) =>
    e instanceof ApiCallError && (codes as readonly string[]).includes(e.reason ?? '')
      ? t(`coaching.code.${e.reason as (typeof codes)[number]}`)
      : t(`disputes.error.${e instanceof ApiCallError ? e.code : 'internal'}`);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="coaching-page">
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('coaching.title')}
      </Typography.Title>
      <Space>
        <Typography.Text>{t('coaching.month')}</Typography.Text>
        <Input
          aria-label={t('coaching.month')}
          value={month}
          onChange={(e) => setMonth(e.target.value)}
          style={{ width: 110 }}
        />
      </Space>
      <Card size="small" title={t('coaching.add')}>
        <Space wrap>
          <Select<Whom>
            value={whom}
            onChange={setWhom}
            options={(['agentNo', 'team', 'site'] as const).map((w) => ({
              value: w,
              label: t(w === 'agentNo' ? 'coaching.agent' : w === 'team' ? 'coaching.team' : 'coaching.site'),
            }))}
          />
          <Input
            aria-label={t('coaching.whom')}
            value={who}
            onChange={(e) => setWho(e.target.value)}
            style={{ width: 140 }}
          />
          <Input
            aria-label={t('coaching.target')}
            placeholder="section:phrasing / item:phrasing-hold"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
            style={{ width: 240 }}
          />
          <InputNumber aria-label={t('coaching.value')} min={0} max={100} value={value} onChange={setValue} />
          <Input
            aria-label={t('coaching.note')}
            placeholder={t('coaching.note')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
          <Button type="primary" disabled={!who.trim() || !target || value === null} onClick={() => void add()}>
            {t('coaching.add')}
          </Button>
        </Space>
        {error !== null && <Alert type="error" showIcon title={t('coaching.failed', { why: why(error) })} />}
      </Card>
      <FocusTable
        items={items}
        action={(f) => (
          <Button size="small" onClick={() => void call('coaching.delete', { id: f.id }).then(load)}>
            {t('coaching.delete')}
          </Button>
        )}
      />
    </Space>
  );
}
