// The names of the stages a run error happened in (src/result/errors.ts), English and Chinese: `stage.<code>`, said
// inside `ui.errorIn`. `at` is the `path:line` of the report the stage was working on.
import type { StageCode } from '../result/errors.js';
import type { Entry } from './types.js';

type StageCatalog = Readonly<Record<`stage.${StageCode}`, Entry>>;

export const STAGES_EN: StageCatalog = {
  'stage.code-check': () => 'cross-checking Code: lines',
  'stage.detector': (a) => `detector ${a.str('kind')} at ${a.str('at')}`,
  'stage.findings': () => 'findings',
  'stage.incident': (a) => `incident of the report at ${a.str('at')}`,
  'stage.known-issues': () => 'matching known issues',
  'stage.machine-code': (a) => `machine code of the report at ${a.str('at')}`,
  'stage.next-steps': () => 'next steps',
  'stage.problems': () => 'grouping incidents into problems',
  'stage.relating-events': () => 'relating events to incidents',
  'stage.storage-waits': () => 'lining up I/O waits with storage errors',
  'stage.victims': () => 'linking victims to culprits',
  'stage.wait-graph': () => 'building the wait-for graph',
};

export const STAGES_ZH: StageCatalog = {
  'stage.code-check': () => '交叉核对 Code: 行时',
  'stage.detector': (a) => `${a.str('kind')} 检测器读取 ${a.str('at')} 的报告时`,
  'stage.findings': () => '生成发现时',
  'stage.incident': (a) => `整理 ${a.str('at')} 的报告所属事件时`,
  'stage.known-issues': () => '匹配已知问题时',
  'stage.machine-code': (a) => `解读 ${a.str('at')} 的报告的机器码时`,
  'stage.next-steps': () => '生成后续步骤时',
  'stage.problems': () => '将事件归并为问题时',
  'stage.relating-events': () => '关联日志事件与内核事件时',
  'stage.storage-waits': () => '将 I/O 等待与存储错误对齐时',
  'stage.victims': () => '关联受害者与根因时',
  'stage.wait-graph': () => '构建等待关系图时',
};
