import { Button, Checkbox, DatePicker, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { contactChannels, type ContactChannel } from '../../../shared/channels';
import { evaluationStatuses } from '../../../shared/recording';
import { useT } from '../../i18n';
import { durationBands, hasFilters, useLibrary, type DurationBand } from './store';

const searchDelayMs = 250;

/** Search box and filters; every change is a new server-side query (nothing is filtered in the page). */
export function Filters() {
  const t = useT();
  const { filters, facets, setFilters, clearFilters } = useLibrary();
  const [search, setSearch] = useState(filters.search ?? '');
  // Clearing resets the date picker, which keeps its own value.
  const [resetKey, setResetKey] = useState(0);

  useEffect(() => {
    if ((filters.search ?? '') === search) return;
    const timer = setTimeout(() => setFilters({ search: search || undefined }), searchDelayMs);
    return () => clearTimeout(timer);
  }, [search, filters.search, setFilters]);

  const agents = (facets?.agents ?? []).filter((a) => !filters.team || a.teamId === filters.team);
  return (
    <div className="lib-filters">
      <Input.Search
        allowClear
        className="lib-search"
        placeholder={t('lib.search')}
        aria-label={t('lib.search')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        onSearch={(value) => setFilters({ search: value || undefined })}
      />
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ width: 150 }}
        placeholder={t('lib.filter.agent')}
        aria-label={t('lib.filter.agent')}
        data-testid="filter-agent"
        value={filters.agentNo}
        onChange={(agentNo?: string) => setFilters({ agentNo })}
        options={agents.map((a) => ({ value: a.agentNo, label: `${a.name} ${a.agentNo}` }))}
      />
      <Select
        allowClear
        style={{ width: 100 }}
        placeholder={t('lib.filter.team')}
        aria-label={t('lib.filter.team')}
        data-testid="filter-team"
        value={filters.team}
        onChange={(team?: string) => setFilters({ team })}
        options={(facets?.teams ?? []).map((team) => ({ value: team.id, label: team.name }))}
      />
      <Select
        allowClear
        style={{ width: 110 }}
        placeholder={t('lib.filter.category')}
        aria-label={t('lib.filter.category')}
        data-testid="filter-category"
        value={filters.category}
        onChange={(category?: string) => setFilters({ category })}
        options={(facets?.categories ?? []).map((c) => ({ value: c, label: c }))}
      />
      <DatePicker.RangePicker
        key={resetKey}
        allowEmpty={[true, true]}
        placeholder={[t('lib.filter.dates'), t('lib.filter.dates')]}
        aria-label={t('lib.filter.dates')}
        style={{ width: 240 }}
        onChange={(_, [from, to]) => setFilters({ from: from || undefined, to: to || undefined })}
      />
      <Select
        allowClear
        style={{ width: 120 }}
        placeholder={t('lib.filter.duration')}
        aria-label={t('lib.filter.duration')}
        data-testid="filter-duration"
        value={filters.duration}
        onChange={(duration?: DurationBand) => setFilters({ duration })}
        options={(Object.keys(durationBands) as DurationBand[]).map((band) => ({
          value: band,
          label: t(`lib.duration.${band}`),
        }))}
      />
      <Select
        allowClear
        style={{ width: 110 }}
        placeholder={t('lib.filter.status')}
        aria-label={t('lib.filter.status')}
        data-testid="filter-status"
        value={filters.status}
        onChange={(status?: (typeof evaluationStatuses)[number]) => setFilters({ status })}
        options={evaluationStatuses.map((s) => ({ value: s, label: t(`lib.status.${s}`) }))}
      />
      <Select
        allowClear
        style={{ width: 110 }}
        placeholder={t('ch.channel')}
        aria-label={t('ch.channel')}
        data-testid="filter-channel"
        value={filters.channel}
        onChange={(channel?: ContactChannel) => setFilters({ channel })}
        options={contactChannels.map((c) => ({ value: c, label: t(`ch.channel.${c}`) }))}
      />
      <Checkbox checked={filters.talkOver ?? false} onChange={(e) => setFilters({ talkOver: e.target.checked })}>
        {t('lib.filter.talkOver')}
      </Checkbox>
      {hasFilters(filters) && (
        <Button
          type="link"
          onClick={() => {
            setSearch('');
            setResetKey((k) => k + 1);
            clearFilters();
          }}
        >
          {t('lib.filter.clear')}
        </Button>
      )}
    </div>
  );
}
