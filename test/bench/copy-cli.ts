/**
 * The kots side of the copy bench as its own process (so that wall time and peak RSS are measured
 * the same way as skopeo's): `bun test/bench/copy-cli.ts SRC DST` copies one image with
 * copyImage. Endpoint settings come from the environment: KOTS_BENCH_SRC_PLAIN=1 (plain HTTP
 * source), KOTS_BENCH_DST_PLAIN=1, KOTS_BENCH_DST_CA (CA file), KOTS_BENCH_DST_USER / KOTS_BENCH_DST_PASSWORD. Prints the
 * CopyResult as JSON on stdout; exits 1 with the error's one line on stderr.
 */
import { copyImage, CopyError } from "../../src/registry/copy/index.ts";

const [src, dst] = process.argv.slice(2);
if (!src || !dst) {
  console.error("usage: copy-cli.ts SRC DST");
  process.exit(2);
}
const env = process.env;
try {
  const r = await copyImage(src, dst, {
    ...(env.KOTS_BENCH_PARALLEL ? { parallel: Number(env.KOTS_BENCH_PARALLEL) } : {}),
    ...(env.KOTS_BENCH_CHUNK ? { chunkSize: Number(env.KOTS_BENCH_CHUNK), monolithicMax: Number(env.KOTS_BENCH_CHUNK) } : {}),
    src: { plainHttp: env.KOTS_BENCH_SRC_PLAIN === "1" },
    dst: { plainHttp: env.KOTS_BENCH_DST_PLAIN === "1", caFile: env.KOTS_BENCH_DST_CA, username: env.KOTS_BENCH_DST_USER, password: env.KOTS_BENCH_DST_PASSWORD },
  });
  console.log(JSON.stringify(r));
} catch (err) {
  console.error(err instanceof CopyError ? err.message : String(err));
  process.exit(1);
}
