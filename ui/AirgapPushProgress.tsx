import { Box, Text } from "ink";
import { PullProgress } from "./PullProgress.tsx";
import { formatBytes, type PullProgressState } from "./pull-progress.ts";

export interface AirgapPushProgressProps {
  /** the images' progress, folded by pullProgressReducer from the push's events */
  state: PullProgressState;
  /** the bundle being read: its path and compressed bytes read of its size (while it is checked or streamed) */
  bundle?: { file: string; bytesRead: number; bytesTotal: number; checking: boolean };
  width?: number;
  unicode?: boolean;
}

/**
 * `kots admin-console push-images` / `kots airgap build` progress: a line for the bundle file being
 * read (checking pass, then the push pass), then the per-image and total view of PullProgress.
 * Presentational: the CLI folds the events and re-renders it.
 */
export function AirgapPushProgress({ state, bundle, width = 100, unicode = true }: AirgapPushProgressProps) {
  const pct = bundle ? Math.floor((100 * bundle.bytesRead) / Math.max(1, bundle.bytesTotal)) : 0;
  return (
    <Box flexDirection="column">
      {bundle ? (
        <Text dimColor={!bundle.checking} wrap="truncate-start">
          {bundle.checking ? "Checking" : "Reading"} {bundle.file}: {formatBytes(bundle.bytesRead)} / {formatBytes(bundle.bytesTotal)} ({pct} %)
        </Text>
      ) : null}
      {state.rows.length > 0 || state.phase ? <PullProgress state={state} width={width} unicode={unicode} /> : null}
    </Box>
  );
}
