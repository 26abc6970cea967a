/** The product's logo: a rounded square with 科. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" role="img" aria-label="科创">
      <rect width="64" height="64" rx="14" fill="#1677ff" />
      <text x="32" y="44" textAnchor="middle" fontSize="34" fontWeight="700" fill="#fff" fontFamily="'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif">
        科
      </text>
    </svg>
  );
}
