/** "1,2 MB" / "340 KB": Strapi reports sizes in kilobytes. */
export function formatFileSize(kilobytes: number): string {
  const format = (value: number) => value.toLocaleString('vi-VN', { maximumFractionDigits: 1 });
  return kilobytes >= 1024 ? `${format(kilobytes / 1024)} MB` : `${format(Math.max(1, Math.round(kilobytes)))} KB`;
}

/** "j. Dịch vụ công trực tuyến và đường dây nóng" */
export function areaLabel(area: { letter: string; shortTitle: string }): string {
  return `${area.letter}. ${area.shortTitle}`;
}
