/** 数据交换 fixtures: a 河口镇 package preview and a 整改事项 conflict, as core returns them. */
import type { Conflict } from '../src/api/bindings/Conflict'
import type { ImportPreview } from '../src/api/bindings/ImportPreview'
import type { SyncDestination } from '../src/api/bindings/SyncDestination'

export const RECT_ID = '0193a4b2-7c1d-7e00-9a1b-5f3e2d1c0b9a'

export const PREVIEW: ImportPreview = {
  header: {
    format: 'jxpkg',
    format_version: 1,
    package_id: 'p-1',
    schema_version: 6,
    app_version: '0.1.0',
    source: { site_id: 's-town', name: '河口镇', kind: '乡镇', unit_id: 'u-307' },
    to_site_id: '*',
    to_name: '全部单位',
    seq_from: 0,
    seq_to: 42,
    created_at: '2026-04-03T16:20:05+08:00',
    change_count: 6,
    file_count: 1,
    changes_sha256: 'ab',
    acks: [],
    number: 1,
    epoch: '',
    audit_head: '',
    audit_sha256: '',
  },
  tables: [
    { table: 'self_eval', label: '单位自评', insert: 0, update: 2, delete: 0, duplicate: 1, conflict: 0 },
    { table: 'rectification', label: '整改事项', insert: 1, update: 0, delete: 0, duplicate: 0, conflict: 1 },
    { table: 'rectification_evidence', label: '佐证材料', insert: 1, update: 0, delete: 0, duplicate: 0, conflict: 0 },
  ],
  applied: 4,
  skipped_duplicate: 1,
  conflicts: 1,
  duplicate_package: false,
}

export const DESTINATIONS: SyncDestination[] = [
  { value: '*', kind: '全部', name: '全部单位', code: null, site_kind: null, last_received_at: null },
  { value: 's-town', kind: '站点', name: '河口镇', code: '307', site_kind: '乡镇', last_received_at: '2026-04-03T16:30:00+08:00' },
  { value: '311', kind: '单位', name: '大营镇', code: '311', site_kind: null, last_received_at: null },
]

/** The bureau's 整改措施 against the township's; 年度 and 整改通知书 differ too (a number, a null). */
export function rectConflict(over: Partial<Conflict> = {}): Conflict {
  return {
    id: 'c-1',
    table: 'rectification',
    label: '整改事项',
    pk: RECT_ID,
    peer_name: '河口镇',
    reason: '双方把同一字段改成了不同内容',
    ours_deleted: false,
    theirs_deleted: false,
    fields: [
      { column: 'id', ours: RECT_ID, theirs: RECT_ID, differs: false },
      { column: 'fiscal_year', ours: 2025, theirs: 2026, differs: true },
      { column: 'measure', ours: '局里：限期三十日内整改', theirs: '镇里：已完成道路修补', differs: true },
      { column: 'notice_id', ours: null, theirs: 'd-9', differs: true },
      { column: 'status', ours: '整改中', theirs: '整改中', differs: false },
      { column: 'updated_at', ours: '2026-04-02T10:00:00+08:00', theirs: '2026-04-03T09:00:00+08:00', differs: false },
    ],
    status: '待处理',
    choice: null,
    resolved_by: null,
    resolved_at: null,
    created_at: '2026-04-03T16:31:00+08:00',
    ...over,
  }
}
