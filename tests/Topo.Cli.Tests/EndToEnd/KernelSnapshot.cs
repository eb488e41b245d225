using System.Text;
using System.Text.Json;
using Topo.Testing.Kernel;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// What iproute2 says the kernel holds, as comparable text: per namespace (host first), each
/// interface's kind, master, state and MTU, its addresses, and the routes the kernel did not make
/// itself. Aliases (topo's ownership mark) only when asked, for comparisons with hand-built labs
/// that carry the marks too.
/// </summary>
public static class KernelSnapshot
{
    public static string Of(KernelSandbox sandbox, IEnumerable<string> namespaces, bool withMarks)
    {
        var text = new StringBuilder();
        foreach (var ns in namespaces.Prepend(null))
        {
            text.Append('[').Append(ns ?? "host").Append("]\n");
            using var links = JsonDocument.Parse(IpWitness.Ip(sandbox, ns, "-d", "link", "show"));
            foreach (var link in links.RootElement.EnumerateArray().OrderBy(l => l.GetProperty("ifname").GetString(), StringComparer.Ordinal))
            {
                var name = link.GetProperty("ifname").GetString()!;
                text.Append(name)
                    .Append(' ').Append(link.TryGetProperty("linkinfo", out var info) && info.TryGetProperty("info_kind", out var kind) ? kind.GetString() : "device")
                    .Append(link.TryGetProperty("master", out var master) ? $" master {master.GetString()}" : "")
                    .Append(link.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "UP") ? " up" : " down")
                    .Append(" mtu ").Append(link.GetProperty("mtu").GetInt32())
                    .Append(withMarks && link.TryGetProperty("ifalias", out var alias) ? $" alias {alias.GetString()}" : "")
                    .Append('\n');
                foreach (var address in IpWitness.Addresses(sandbox, ns, name)) text.Append("  ").Append(address).Append('\n');
            }

            foreach (var route in IpWitness.Routes(sandbox, ns).Order(StringComparer.Ordinal)) text.Append("  route ").Append(route).Append('\n');
        }

        return text.ToString();
    }
}
