/**
 * 绩效目标 commands (`src-tauri/src/commands/targets.rs`): the list of the year, the editor,
 * the "二上二下" review, the overview and the 申报表 workbook. Money comes back as integer 分;
 * 核减 goes out as the 万元 text typed.
 */
import { call } from './invoke'
import type { ApproveInput } from './bindings/ApproveInput'
import type { BatchApproveReport } from './bindings/BatchApproveReport'
import type { CommentInput } from './bindings/CommentInput'
import type { ImportReport } from './bindings/ImportReport'
import type { Target } from './bindings/Target'
import type { TargetChange } from './bindings/TargetChange'
import type { TargetDraft } from './bindings/TargetDraft'
import type { TargetOverview } from './bindings/TargetOverview'
import type { Page } from './bindings/Page'
import type { TargetRow } from './bindings/TargetRow'
import type { TargetQuery } from './bindings/TargetQuery'
import type { TargetVersion } from './bindings/TargetVersion'

export const targetsApi = {
  list: (query: TargetQuery) => call<Page<TargetRow>>('targets_list', { query }),
  get: (id: string) => call<Target>('targets_get', { id }),
  createForProject: (projectId: string) => call<Target>('targets_create_for_project', { projectId }),
  createForUnit: (year: number, unitId: string) => call<Target>('targets_create_for_unit', { year, unitId }),
  /** Rejects with code "Rejected" (problems: 1-based row, column 『三级指标』/『指标值』/…). */
  save: (id: string, draft: TargetDraft) => call<Target>('targets_save', { id, draft }),
  submit: (id: string) => call<Target>('targets_submit', { id }),
  returnWith: (id: string, comments: CommentInput[]) => call<Target>('targets_return', { id, comments }),
  approve: (id: string, input: ApproveInput) => call<Target>('targets_approve', { id, input }),
  approveAll: (year: number, input: ApproveInput) => call<BatchApproveReport>('targets_approve_all', { year, input }),
  resolveComment: (commentId: string, resolved: boolean) =>
    call<Target>('targets_resolve_comment', { commentId, resolved }),
  adjust: (id: string, reason: string) => call<Target>('targets_adjust', { id, reason }),
  setPublic: (id: string, isPublic: boolean, reason: string) =>
    call<Target>('targets_set_public', { id, public: isPublic, reason }),
  delete: (id: string) => call<void>('targets_delete', { id }),
  versions: (id: string) => call<TargetVersion[]>('targets_versions', { id }),
  changes: (id: string) => call<TargetChange[]>('targets_changes', { id }),
  overview: (year: number) => call<TargetOverview>('targets_overview', { year }),
  /** Rejects with code "Rejected" and every problem when any row is bad (nothing imported). */
  import: (path: string, year: number, submit = false, unit: string | null = null) =>
    call<ImportReport>('targets_import', { path, year, submit, unit }),
  /** Returns the number of indicator rows written. */
  export: (path: string, year: number) => call<number>('targets_export', { path, year }),
}

/**
 * The 指标库 commands the editor's pickers read (`src-tauri/src/commands/library.rs` of the
 * 指标库 stage; the same names as `libraryApi` in `api/library.ts` there).
 */
