import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeText, readManifest } from '../../electron/core/recordings/manifest';
import { compileFileNamePattern, metadataFromFileName, parseDateTime } from '../../electron/core/recordings/metadata';
import { makeTempDir } from '../support/temp';

const temp = makeTempDir('qa-meta-');
afterAll(() => temp.cleanup());

describe('start times', () => {
  it.each([
    ['2024-03-05 09:30:00', '2024-03-05T09:30:00'],
    ['2024/3/5 9:30', '2024-03-05T09:30:00'],
    ['2024-03-05T09:30:07', '2024-03-05T09:30:07'],
    ['20240305093007', '2024-03-05T09:30:07'],
    ['2024-02-29', '2024-02-29T00:00:00'],
  ])('%s → %s', (text, iso) => expect(parseDateTime(text)).toBe(iso));

  it.each(['2023-02-29 10:00', '2024-13-01', '2024-04-31', '2024-03-05 25:00', 'yesterday', '2024-03-05 09:61'])(
    'rejects %s',
    (text) => expect(parseDateTime(text)).toBeUndefined(),
  );
});

describe('file-name pattern', () => {
  it('reads the default {agentNo}_{yyyyMMddHHmmss}_{callId}', () => {
    const p = compileFileNamePattern('{agentNo}_{yyyyMMddHHmmss}_{callId}');
    expect(metadataFromFileName('8001_20240305093007_C1002.wav', p)).toEqual({
      agentNo: '8001',
      startedAt: '2024-03-05T09:30:07',
      callId: 'C1002',
    });
    expect(metadataFromFileName('random name.mp3', p)).toEqual({});
  });

  it('supports other layouts and rejects unknown fields', () => {
    const p = compileFileNamePattern('{yyyyMMdd}-{HHmmss}-{callerNumber}-{agentNo}');
    expect(metadataFromFileName('20240305-093007-13800138000-A7.wav', p)).toEqual({
      startedAt: '2024-03-05T09:30:07',
      callerNumber: '13800138000',
      agentNo: 'A7',
    });
    expect(() => compileFileNamePattern('{agent}_{date}')).toThrow(/Unknown field \{agent\}/);
  });
});

const rows = [
  ['通话ID', '工号', '坐席姓名', '开始时间', '业务类别', '主叫号码', '文件名'],
  ['C1', '8001', '杨冲', '2024-03-05 09:30:00', '宽带类', '13800138000', 'a.wav'],
  ['C2', '8002', '李娜', '2024-02-30 10:00:00', '话费类', '13900139000', 'b.wav'],
];
const csv = rows.map((r) => r.join(',')).join('\r\n');

describe('manifest', () => {
  it.each([
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)])],
    ['UTF-8', Buffer.from(csv)],
    ['GBK', iconv.encode(csv, 'gbk')],
    ['GB18030', iconv.encode(csv, 'gb18030')],
  ])('reads Chinese headers in %s', (_name, bytes) => {
    expect(decodeText(bytes)).toBe(csv);
    const path = join(temp.dir, 'list.csv');
    writeFileSync(path, bytes);
    const [first, second] = readManifest(path);
    expect(first).toEqual({
      line: 2,
      file: join(temp.dir, 'a.wav'),
      meta: {
        callId: 'C1',
        agentNo: '8001',
        agentName: '杨冲',
        startedAt: '2024-03-05T09:30:00',
        category: '宽带类',
        callerNumber: '13800138000',
      },
      error: undefined,
    });
    expect(second.error).toBe('Manifest line 3: the start time "2024-02-30 10:00:00" is not a valid date and time.');
  });

  it('reads English headers and refuses a CSV without a file column', () => {
    const path = join(temp.dir, 'en.csv');
    writeFileSync(path, 'Call ID,Agent No,Start Time,File Name\nX9,9001,2024-01-02 03:04:05,sub/x.mp3\n');
    expect(readManifest(path)[0]).toMatchObject({
      file: join(temp.dir, 'sub', 'x.mp3'),
      meta: { callId: 'X9', agentNo: '9001' },
    });
    writeFileSync(path, 'a,b\n1,2\n');
    expect(() => readManifest(path)).toThrow(/no header row with a file column/);
  });

  it('refuses a row whose agent number holds a NUL byte (it would be refused by head office on every sync)', () => {
    const path = join(temp.dir, 'nul.csv');
    writeFileSync(path, '工号,文件名\n80\u000001,a.wav\n8002,b.wav\n');
    const [bad, good] = readManifest(path);
    expect(bad.error).toBe('Manifest line 2: the agentNo column holds a control character.');
    expect(bad.meta.agentNo).toBeUndefined();
    expect(good).toMatchObject({ meta: { agentNo: '8002' }, error: undefined });
  });
});
