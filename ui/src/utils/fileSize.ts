/** A file size for people: 512 → "512 字节", 35_840 → "35.0 KB", 3_145_728 → "3.0 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
