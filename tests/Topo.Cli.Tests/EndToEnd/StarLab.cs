using System.Text;

namespace Topo.Cli.Tests.EndToEnd;

/// <summary>
/// A large lab with every phase a plan has: namespaces, a bridge, veth pairs, addresses, routes,
/// host and node sysctls, and an nftables table (masquerade and a published port per node).
/// </summary>
internal static class StarLab
{
    public const string Lab = "star";

    public static string Write(string directory, int nodes)
    {
        var text = new StringBuilder($"version: 1\nlab: {Lab}\nhost:\n  sysctls: {{net.ipv4.ip_forward: 1}}\n");
        text.Append("bridges:\n  br0: {subnet: 10.50.0.0/16, masquerade: true}\nnodes:\n");
        for (var i = 0; i < nodes; i++) text.Append($"  n{i}: {{ports: [\"{9000 + i}:80\"], sysctls: {{net.ipv4.ip_forward: 1}}}}\n");
        text.Append("links:\n");
        for (var i = 0; i < nodes; i++) text.Append($"  - [n{i}:eth0, br0]\n");
        var file = Path.Combine(directory, $"star{nodes}.yaml");
        File.WriteAllText(file, text.ToString());
        return file;
    }
}
