/** 导入 / 导出 of the 指标库 workbook (see `composables/useWorkbook.ts`). */
import { libraryApi } from '../../api/library'
import { useWorkbook } from '../../composables/useWorkbook'

export function useLibraryExchange(onImported: () => unknown) {
  return useWorkbook({
    name: '指标库',
    fileName: () => '指标库.xlsx',
    import: (path) => libraryApi.import(path),
    export: (path) => libraryApi.export(path),
    exportedText: (n) => `已导出 ${n} 个指标`,
    onImported,
  })
}
