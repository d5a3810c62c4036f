/**
 * 指标库 commands. `list` and `caseGet` are also what the 绩效目标 editor uses to pick
 * indicators and copy a 案例: `list(query)` returns one page (`page` 1-based, 0 = all rows);
 * `caseGet(id)` returns a case with its rows in order.
 */
import { call } from './invoke'
import type { ImportReport } from './bindings/ImportReport'
import type { IndicatorCategory } from './bindings/IndicatorCategory'
import type { LibraryCase } from './bindings/LibraryCase'
import type { LibraryCaseDetail } from './bindings/LibraryCaseDetail'
import type { LibraryIndicator } from './bindings/LibraryIndicator'
import type { LibraryIndicatorInput } from './bindings/LibraryIndicatorInput'
import type { Page } from './bindings/Page'
import type { LibraryQuery } from './bindings/LibraryQuery'

export const libraryApi = {
  categories: () => call<IndicatorCategory[]>('library_categories'),
  categoryCreate: (name: string) => call<IndicatorCategory>('library_category_create', { name }),
  categoryRename: (id: string, name: string) => call<IndicatorCategory>('library_category_rename', { id, name }),
  categoryDelete: (id: string) => call<void>('library_category_delete', { id }),
  list: (query: LibraryQuery) => call<Page<LibraryIndicator>>('library_list', { query }),
  get: (id: string) => call<LibraryIndicator>('library_get', { id }),
  create: (input: LibraryIndicatorInput) => call<LibraryIndicator>('library_create', { input }),
  update: (id: string, input: LibraryIndicatorInput) => call<LibraryIndicator>('library_update', { id, input }),
  delete: (id: string) => call<void>('library_delete', { id }),
  /** Cases of a category (null = all), without their rows. */
  cases: (categoryId: string | null) => call<LibraryCase[]>('library_cases', { categoryId }),
  caseGet: (id: string) => call<LibraryCaseDetail>('library_case_get', { id }),
  caseDelete: (id: string) => call<void>('library_case_delete', { id }),
  /** Rejects with code "Rejected" and every problem when any row is bad (nothing imported). */
  import: (path: string) => call<ImportReport>('library_import', { path }),
  /** Returns the number of indicators written. */
  export: (path: string) => call<number>('library_export', { path }),
}
