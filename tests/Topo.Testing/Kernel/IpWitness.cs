using Xunit;
using System.Text.Json;

namespace Topo.Testing.Kernel;

/// <summary>What <c>ip -j</c> says, parsed: the independent witness of every kernel test.</summary>
public static class IpWitness
{
    /// <summary><c>ip -j -d link show</c> in the sandbox's host (<paramref name="ns"/> null) or in a named namespace.</summary>
    public static Dictionary<string, JsonElement> Links(KernelSandbox sandbox, string? ns = null) =>
        Json(Ip(sandbox, ns, "-d", "link", "show")).ToDictionary(l => l.GetProperty("ifname").GetString()!);

    public static JsonElement Link(KernelSandbox sandbox, string? ns, string name) =>
        Links(sandbox, ns).TryGetValue(name, out var link) ? link : throw new Xunit.Sdk.XunitException($"no link {name} in {ns ?? "host"}");

    /// <summary>The addresses of <paramref name="device"/> as CIDRs, link-local IPv6 left out.</summary>
    public static List<string> Addresses(KernelSandbox sandbox, string? ns, string device) =>
        Json(Ip(sandbox, ns, "addr", "show", "dev", device))
            .SelectMany(l => l.GetProperty("addr_info").EnumerateArray())
            .Where(a => a.GetProperty("scope").GetString() != "link")
            .Select(a => $"{a.GetProperty("local").GetString()}/{a.GetProperty("prefixlen").GetInt32()}")
            .ToList();

    /// <summary>Main-table routes not added by the kernel, as "DST via GW dev DEV".</summary>
    public static List<string> Routes(KernelSandbox sandbox, string? ns, string family = "-4") =>
        Json(Ip(sandbox, ns, family, "route", "show"))
            .Where(r => !r.TryGetProperty("protocol", out var p) || p.GetString() != "kernel")
            .Select(r => r.GetProperty("dst").GetString() + (r.TryGetProperty("gateway", out var g) ? $" via {g.GetString()}" : "") +
                         (r.TryGetProperty("dev", out var d) ? $" dev {d.GetString()}" : ""))
            .ToList();

    /// <summary><c>bridge -j fdb show dev DEVICE</c>, each entry as bridge writes it: "MAC[ dst IP][ port P][ vni V]".</summary>
    public static List<string> Fdb(KernelSandbox sandbox, string? ns, string device) =>
        Json(ns is null ? sandbox.Witness("bridge", "-j", "fdb", "show", "dev", device) : KernelSandbox.Run("bridge", "-n", ns, "-j", "fdb", "show", "dev", device))
            .Select(e => e.GetProperty("mac").GetString() + (e.TryGetProperty("dst", out var d) ? $" dst {d.GetString()}" : "") +
                         (e.TryGetProperty("port", out var p) ? $" port {p.GetInt32()}" : "") + (e.TryGetProperty("vni", out var v) ? $" vni {v.GetInt32()}" : ""))
            .ToList();

    public static string Ip(KernelSandbox sandbox, string? ns, params string[] args) =>
        ns is null ? sandbox.Witness(["ip", "-j", .. args]) : KernelSandbox.Run(["ip", "-n", ns, "-j", .. args]);

    private static List<JsonElement> Json(string text) =>
        string.IsNullOrWhiteSpace(text) ? [] : JsonDocument.Parse(text).RootElement.EnumerateArray().ToList();
}
