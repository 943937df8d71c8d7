import type { Command } from "commander";
import { connect } from "../../kube/cluster.ts";
import { startPortForward } from "../../kube/portforward.ts";
import { checkHealthz } from "../../install/healthz.ts";
import { findReadyKotsadmPod } from "../../install/kotsadm-pod.ts";
import { DNS1123_LABEL } from "../../install/options.ts";
import { CliError, UsageError } from "../errors.ts";
import { waitForInterrupt } from "../interrupt.ts";

export function registerAdminConsole(program: Command): void {
  program
    .command("admin-console")
    .description("port-forward localhost:8800 to a running Admin Console")
    .option("-n, --namespace <ns>", "namespace of the Admin Console")
    .option("--kubeconfig <file>", "kubeconfig file")
    .option("--context <name>", "kubeconfig context")
    .option("--port <port>", "local port", "8800")
    .action(async (flags: { namespace?: string; kubeconfig?: string; context?: string; port: string }) => {
      const namespace = flags.namespace ?? process.env.KOTS_NAMESPACE;
      if (!namespace) throw new UsageError("missing input: namespace (-n/--namespace or KOTS_NAMESPACE)");
      if (!DNS1123_LABEL.test(namespace)) throw new UsageError(`--namespace ${namespace} is not a valid namespace name (DNS-1123 label)`);
      const port = Number(flags.port);
      if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port ${flags.port} is not a TCP port (1-65535)`);
      const cluster = connect({ kubeconfig: flags.kubeconfig, context: flags.context });
      const pod = await findReadyKotsadmPod(cluster, namespace);
      const fwd = await startPortForward(cluster, namespace, pod, 3000, port);
      if (fwd.movedFrom) process.stderr.write(`port ${fwd.movedFrom} is in use; forwarding from ${fwd.localPort} instead\n`);
      const health = await checkHealthz(fwd.localPort, 30_000);
      if (!health.ok) {
        await fwd.close();
        throw new CliError(`the Admin Console in ${namespace} did not answer GET /healthz: ${health.message}`, 1);
      }
      process.stderr.write(`Admin Console: http://localhost:${fwd.localPort}  (Ctrl-C to stop)\n`);
      await waitForInterrupt();
      await fwd.close();
    });
}
