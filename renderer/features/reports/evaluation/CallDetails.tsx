import { Descriptions, Tag } from 'antd';
import type { EvaluationReadView } from '../../../../shared/contracts/reports';
import { useI18n, useT } from '../../../i18n';
import { formatDuration } from '../../player/clock';
import { instant, wallClock } from './format';

/** The call as it was when scored (call context of the revision), and who scored it in which revision. */
export function CallDetails({ view }: { view: EvaluationReadView }) {
  const t = useT();
  const language = useI18n((s) => s.language);
  const call = view.call;
  const talk = call?.talk ?? null;
  const agent = [call?.agentName, view.body.agentNo].filter(Boolean).join(' ') || '—';
  const items = [
    { key: 'callId', label: t('evaluation.callId'), children: call?.callId ?? '—' },
    { key: 'startedAt', label: t('evaluation.startedAt'), children: wallClock(call?.startedAt ?? null) },
    { key: 'category', label: t('evaluation.category'), children: call?.category || t('reports.m.uncategorised') },
    { key: 'agent', label: t('evaluation.agent'), children: agent },
    { key: 'team', label: t('evaluation.team'), children: call?.teamName || call?.teamId || '—' },
    { key: 'site', label: t('evaluation.site'), children: call?.site || '—' },
    { key: 'duration', label: t('evaluation.duration'), children: call ? formatDuration(call.durationMs) : '—' },
    {
      key: 'talk',
      label: t('evaluation.talk'),
      children: talk
        ? t('evaluation.talkSummary', {
            count: talk.talkOverCount,
            agent: talk.agentTalkOverCount,
            seconds: talk.talkOverSeconds.toFixed(1),
            deadAir: talk.deadAirSeconds.toFixed(1),
            ratio: talk.talkRatioAgent === null ? '—' : `${Math.round(talk.talkRatioAgent * 100)}%`,
          })
        : t('evaluation.talkNone'),
    },
    { key: 'file', label: t('evaluation.file'), children: call?.fileName || '—' },
    {
      key: 'inspector',
      label: t('evaluation.inspector'),
      children: (
        <>
          {view.inspectorName || t('reports.annex.thisApp')}{' '}
          {view.source === 'pulled' ? (
            <Tag color="purple">{t('reports.annex.pulled')}</Tag>
          ) : (
            <Tag>{t('evaluation.own')}</Tag>
          )}
        </>
      ),
    },
    {
      key: 'revision',
      label: t('evaluation.revision'),
      children: t('evaluation.revisionOf', { revision: view.revision, at: instant(view.body.submittedAt, language) }),
    },
    ...(view.body.reason
      ? [{ key: 'reason', label: t('evaluation.reason'), children: view.body.reason, span: 2 }]
      : []),
    {
      key: 'card',
      label: t('evaluation.card'),
      children: t('evaluation.cardOf', { name: view.scorecard.name, version: view.body.scorecardVersion }),
    },
  ];
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 1, md: 1, lg: 1, xl: 1, xxl: 2 }}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      items={items}
      data-testid="call-details"
    />
  );
}
