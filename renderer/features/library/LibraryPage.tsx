import { CloudDownloadOutlined, ImportOutlined, MessageOutlined, ShopOutlined } from '@ant-design/icons';
import { App, Button, Space, Typography } from 'antd';
import { useEffect, useState, type DragEvent } from 'react';
import { onEvent } from '../../api';
import { useT } from '../../i18n';
import { droppedPaths } from '../../native';
import { EmptyPage } from '../../shell/EmptyPage';
import { ErrorAlert } from '../../shell/errors';
import { ChatImportDialog } from '../channels/ChatImportDialog';
import { StoreVisitDialog } from '../channels/StoreVisitDialog';
import { BulkAssign } from './BulkAssign';
import { Filters } from './Filters';
import { ImportDialog } from './ImportDialog';
import { useImport } from './import-store';
import './library.css';
import { RecordingTable } from './RecordingTable';
import { hasFilters, useLibrary } from './store';

/** Ctrl+I, the application menu's Import item, and core notices that the library changed. */
function useLibraryEvents(): void {
  const openImport = useImport((s) => s.open);
  const refresh = useLibrary((s) => s.refresh);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'i') {
        event.preventDefault();
        openImport();
      }
    };
    window.addEventListener('keydown', onKey);
    const offMenu = onEvent('native.menuCommand', ({ command }) => {
      if (command === 'library.import') openImport();
    });
    const offChanged = onEvent('recordings.changed', () => refresh());
    return () => {
      window.removeEventListener('keydown', onKey);
      offMenu();
      offChanged();
    };
  }, [openImport, refresh]);
}

/** Dropped files go into the import dialog; a browser cannot tell us where they are, so it explains instead. */
function useDropImport() {
  const t = useT();
  const { message } = App.useApp();
  const openImport = useImport((s) => s.open);
  const [over, setOver] = useState(false);
  const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer.types).includes('Files');
  return {
    over,
    handlers: {
      onDragOver: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      },
      onDragLeave: (e: DragEvent) => {
        if (e.currentTarget === e.target) setOver(false);
      },
      onDrop: (e: DragEvent) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setOver(false);
        const paths = droppedPaths(e.dataTransfer.files);
        if (paths === null) void message.warning(t('lib.drop.browser'));
        else if (paths.length) openImport(paths);
      },
    },
  };
}

function EmptyLibrary({ onDialog }: { onDialog: (dialog: 'chat' | 'visit') => void }) {
  const t = useT();
  const { loadSample, open } = useImport();
  const busy = useImport((s) => s.phase === 'running');
  return (
    <EmptyPage title={t('library.empty.title')} body={t('lib.loadSample.body')}>
      <Space>
        <Button type="primary" icon={<CloudDownloadOutlined />} loading={busy} onClick={() => void loadSample()}>
          {t('lib.loadSample')}
        </Button>
        <Button icon={<ImportOutlined />} onClick={() => open()}>
          {t('lib.import')}
        </Button>
        <Button icon={<MessageOutlined />} onClick={() => onDialog('chat')} data-testid="import-chat">
          {t('ch.importChat')}
        </Button>
        <Button icon={<ShopOutlined />} onClick={() => onDialog('visit')} data-testid="new-visit">
          {t('ch.newVisit')}
        </Button>
      </Space>
    </EmptyPage>
  );
}

export function LibraryPage() {
  const t = useT();
  const { total, facets, filters, error, refresh } = useLibrary();
  const openImport = useImport((s) => s.open);
  const drop = useDropImport();
  const [dialog, setDialog] = useState<'chat' | 'visit' | null>(null);
  useLibraryEvents();
  useEffect(() => {
    refresh();
  }, [refresh]);

  const all = facets?.total ?? null;
  const empty = all === 0 && total === 0 && !hasFilters(filters);
  return (
    <div className={`lib-page${drop.over ? ' lib-drop' : ''}`} {...drop.handlers} data-drop-hint={t('lib.drop')}>
      {empty ? (
        <EmptyLibrary onDialog={setDialog} />
      ) : (
        <>
          <div className="lib-header">
            <Space align="baseline">
              <Typography.Title level={4} style={{ margin: 0 }}>
                {t('lib.title')}
              </Typography.Title>
              {total !== null && (
                <Typography.Text type="secondary" data-testid="library-count">
                  {all !== null && all !== total ? t('lib.countFiltered', { total, all }) : t('lib.count', { total })}
                </Typography.Text>
              )}
            </Space>
            <Space>
              <Typography.Text type="secondary" className="lib-hint">
                {t('lib.importHint')}
              </Typography.Text>
              <Button type="primary" icon={<ImportOutlined />} onClick={() => openImport()}>
                {t('lib.import')}
              </Button>
              <Button icon={<MessageOutlined />} onClick={() => setDialog('chat')} data-testid="import-chat">
                {t('ch.importChat')}
              </Button>
              <Button icon={<ShopOutlined />} onClick={() => setDialog('visit')} data-testid="new-visit">
                {t('ch.newVisit')}
              </Button>
            </Space>
          </div>
          <Filters />
          <BulkAssign />
          {error !== null && <ErrorAlert error={error} title={t('lib.loadError')} />}
          {total === 0 ? (
            <Typography.Paragraph type="secondary" className="lib-nomatch">
              {t('lib.noMatch')}
            </Typography.Paragraph>
          ) : (
            <RecordingTable />
          )}
        </>
      )}
      <ImportDialog />
      <ChatImportDialog open={dialog === 'chat'} onClose={() => setDialog(null)} />
      <StoreVisitDialog open={dialog === 'visit'} onClose={() => setDialog(null)} />
    </div>
  );
}
