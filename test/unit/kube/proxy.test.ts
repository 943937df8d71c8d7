import { describe, expect, test } from "bun:test";
import { bypassProxyLikeKubectl, isLoopbackHost, noProxyMatches, proxyFor } from "../../../src/kube/proxy.ts";

// kubectl's rules (Go net/http ProxyFromEnvironment → golang.org/x/net/http/httpproxy).
describe("which API server requests go through a proxy", () => {
  const e = { HTTPS_PROXY: "http://proxy.corp:3128", NO_PROXY: ".internal.corp,10.1.2.3,api.example.com:6443" };
  const cases: Array<[string, string | undefined]> = [
    ["https://127.0.0.1:6443", undefined], // loopback: never proxied
    ["https://localhost:6443", undefined],
    ["https://[::1]:6443", undefined],
    ["https://k8s.internal.corp:6443", undefined], // .domain suffix
    ["https://internal.corp", undefined],
    ["https://10.1.2.3:6443", undefined],
    ["https://api.example.com:6443", undefined], // host:port
    ["https://api.example.com:443", "http://proxy.corp:3128"], // other port
    ["https://k8s.example.com", "http://proxy.corp:3128"],
  ];
  for (const [url, want] of cases) test(url, () => expect(proxyFor(url, e)).toBe(want));

  test("lower-case variables and *", () => {
    expect(proxyFor("https://k8s.example.com", { https_proxy: "http://p:1" })).toBe("http://p:1");
    expect(proxyFor("https://k8s.example.com", { https_proxy: "http://p:1", no_proxy: "*" })).toBeUndefined();
    expect(noProxyMatches("*.example.com", "a.example.com", "443")).toBe(true);
    expect(isLoopbackHost("127.10.0.1")).toBe(true);
    expect(isLoopbackHost("128.0.0.1")).toBe(false);
  });

  test("a loopback API server is added to NO_PROXY only when a proxy is set", () => {
    const withProxy: Record<string, string | undefined> = { HTTPS_PROXY: "http://p:1", NO_PROXY: "a.b" };
    bypassProxyLikeKubectl("https://127.0.0.1:32000", withProxy);
    expect(withProxy.NO_PROXY).toBe("a.b,127.0.0.1");
    expect(withProxy.no_proxy).toBe("127.0.0.1");
    const none: Record<string, string | undefined> = {};
    bypassProxyLikeKubectl("https://127.0.0.1:32000", none);
    expect(none).toEqual({});
    const remote: Record<string, string | undefined> = { HTTPS_PROXY: "http://p:1" };
    bypassProxyLikeKubectl("https://k8s.example.com", remote);
    expect(remote.NO_PROXY).toBeUndefined();
  });
});
