using System.Diagnostics;
using System.Text.Json;

namespace Topo.Bench;

/// <summary>
/// Looks at the benchmark's namespace with the kernel's own tools (<c>ip -j</c>, <c>nft -j</c>),
/// never with topo's reader: a method's time counts only after this has seen its result.
/// </summary>
public static class KernelProbe
{
    /// <summary>Namespace count, each bridge's ports, the last node's address and default route, and the DNAT count.</summary>
    public static void CheckBuilt(StarLab lab)
    {
        var namespaces = Processes.Text("ip", "netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
        Expect(namespaces == lab.Nodes, $"{namespaces} namespaces, not {lab.Nodes}");
        for (var b = 0; b < lab.Bridges; b++)
        {
            var bridge = StarLab.BridgeName(b);
            var ports = Json("ip", "-j", "link", "show", "master", bridge).GetArrayLength();
            Expect(ports == lab.NodesOn(b), $"{ports} ports on {bridge}, not {lab.NodesOn(b)}");
        }

        var last = StarLab.Node(lab.Nodes);
        var address = StarLab.Address(lab.Nodes);
        var addresses = Processes.Text("ip", "-n", last, "-j", "addr", "show", "dev", "eth0");
        Expect(addresses.Contains($"\"local\":\"{address}\"", StringComparison.Ordinal), $"{last}:eth0 lacks {address}");
        var gateway = StarLab.GatewayOf(StarLab.BridgeOf(lab.Nodes));
        var routes = Processes.Text("ip", "-n", last, "-j", "route", "show", "default");
        Expect(routes.Contains($"\"gateway\":\"{gateway}\"", StringComparison.Ordinal), $"{last} has no default route via {gateway}");

        var dnats = Count(Json("nft", "-j", "list", "table", "ip", StarLab.Table), "dnat");
        Expect(dnats == 2 * lab.Nodes, $"{dnats} dnat rules, not {2 * lab.Nodes}");
    }

    /// <summary>Nothing left: no namespace, no interface but lo, no nftables table.</summary>
    public static void CheckEmpty()
    {
        Expect(Processes.Text("ip", "netns", "list").Trim().Length == 0, "namespaces are left");
        var links = LinksLeft();
        Expect(links.Count == 0, $"interfaces are left: {string.Join(", ", links.Take(5))}");
        Expect(Processes.Text("nft", "list", "ruleset").Trim().Length == 0, "nftables rules are left");
    }

    /// <summary>
    /// Returns once the namespace holds no interface but lo: a deleted namespace's veth ends leave
    /// only when the kernel has freed it. Reads sysfs (mounted for this namespace by bench/run), so
    /// waiting costs no process per look.
    /// </summary>
    public static void WaitUntilFreed(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (LinksLeft().Count > 0)
        {
            if (clock.Elapsed > timeout) throw new BenchException($"interfaces still there after {timeout.TotalSeconds} s: {string.Join(", ", LinksLeft().Take(5))}");
            Thread.Sleep(1);
        }
    }

    /// <summary>
    /// Returns once no IPv6 address of the namespace is tentative. Every interface that comes up
    /// starts duplicate address detection for its link-local address, and the kernel's DAD work takes
    /// the RTNL lock: a read or a teardown racing with it for 2N new interfaces measures the kernel's
    /// backlog. A method that builds fast would pay for the others' slowness, so every method's next
    /// operation starts from a settled kernel. Reads <c>/proc/net/if_inet6</c> (flags in the fifth column).
    /// </summary>
    public static void WaitUntilSettled(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (File.ReadLines("/proc/net/if_inet6").Any(IsTentative))
        {
            if (clock.Elapsed > timeout) throw new BenchException($"IPv6 addresses still tentative after {timeout.TotalSeconds} s");
            Thread.Sleep(5);
        }
    }

    private static bool IsTentative(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: >= 5 } fields &&
        (Convert.ToInt32(fields[4], 16) & IfaTentative) != 0;

    private const int IfaTentative = 0x40;

    /// <summary>Clears whatever a failed method left, so the next one starts from nothing.</summary>
    public static void Reset()
    {
        foreach (var ns in Processes.Text("ip", "netns", "list").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            Processes.Run("ip", ["netns", "del", ns.Split(' ')[0]], 0, 1);
        foreach (var link in LinksLeft()) Processes.Run("ip", ["link", "del", link], 0, 1);
        Processes.Run("nft", ["flush", "ruleset"]);
        WaitUntilFreed(TimeSpan.FromSeconds(60));
    }

    private static List<string> LinksLeft() =>
        [.. Directory.EnumerateFileSystemEntries("/sys/class/net").Select(Path.GetFileName).OfType<string>().Where(n => n != "lo")];

    private static JsonElement Json(string program, params string[] args)
    {
        using var document = JsonDocument.Parse(Processes.Text(program, args));
        return document.RootElement.Clone();
    }

    private static int Count(JsonElement element, string property) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Sum(p => (p.Name == property ? 1 : 0) + Count(p.Value, property)),
        JsonValueKind.Array => element.EnumerateArray().Sum(e => Count(e, property)),
        _ => 0,
    };

    private static void Expect(bool condition, string problem)
    {
        if (!condition) throw new BenchException(problem);
    }
}
