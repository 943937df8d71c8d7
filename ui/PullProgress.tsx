import { Box, Text } from "ink";
import { formatBytes, type PullProgressState } from "./pull-progress.ts";

export interface PullProgressProps {
  state: PullProgressState;
  /** terminal columns (the caller's), for truncating image names */
  width?: number;
  /** at most this many image rows (the unfinished ones first); default 12 */
  maxRows?: number;
  unicode?: boolean;
}

function bar(done: number, total: number, width: number, unicode: boolean): string {
  const f = total > 0 ? Math.min(1, done / total) : 1;
  const n = Math.round(f * width);
  return (unicode ? "█" : "#").repeat(n) + (unicode ? "░" : "-").repeat(width - n);
}

const clip = (s: string, w: number) => (s.length <= w ? s : "…" + s.slice(s.length - w + 1));

/**
 * `kots pull`'s image copy view: the phase (pull into the layout, push to the registry), a total
 * line (bytes and images x/y), and a line per image (bar, bytes, blobs x/y, skipped blobs).
 * Presentational: the CLI folds events with pullProgressReducer and re-renders it.
 */
export function PullProgress({ state, width = 100, maxRows = 12, unicode = true }: PullProgressProps) {
  const t = state.total;
  const rows = [...state.rows.filter((r) => !r.done), ...state.rows.filter((r) => r.done)].slice(0, maxRows);
  const hidden = state.rows.length - rows.length;
  const nameW = Math.max(16, Math.min(60, width - 64));
  const title = state.phase === "push" ? `Pushing to ${state.to}` : `Pulling into ${state.to ?? "the image layout"}`;
  return (
    <Box flexDirection="column">
      <Text bold>
        {title}: {t.imagesDone}/{t.imagesTotal} images, {formatBytes(t.bytesDone)} / {formatBytes(t.bytesTotal)}
      </Text>
      <Text>{bar(t.bytesDone, t.bytesTotal, 30, unicode)}</Text>
      {rows.map((r) => (
        <Text key={r.image} dimColor={r.done} wrap="truncate-end">
          {r.done ? (unicode ? "✓" : "+") : unicode ? "◐" : "~"} {clip(r.image, nameW).padEnd(nameW)} {bar(r.bytesDone, r.bytesTotal, 10, unicode)} {formatBytes(r.bytesDone)}/{formatBytes(r.bytesTotal)} blobs {r.blobsDone}/{r.blobsTotal}
          {r.blobsSkipped > 0 ? ` (${r.blobsSkipped} already there)` : ""}
        </Text>
      ))}
      {hidden > 0 ? <Text dimColor>… {hidden} more</Text> : null}
      {state.lastRetry ? <Text color="yellow">{clip(state.lastRetry, width - 2)}</Text> : null}
    </Box>
  );
}
