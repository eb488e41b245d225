using System.Text;

namespace Topo.Bench;

/// <summary>
/// The two ways topo is compared with, generated for one <see cref="StarLab"/>: the tutorial's shell
/// script (one <c>ip</c> or <c>nft</c> process per step) and the batched way (one <c>ip -batch</c> for
/// the host, one <c>ip -n NS -batch</c> per namespace, one <c>nft -f</c>).
/// </summary>
public sealed class PeerScripts(StarLab lab, string directory)
{
    public string TutorialUp => Path.Combine(directory, "tutorial-up.sh");
    public string TutorialDown => Path.Combine(directory, "tutorial-down.sh");
    public string BatchUp => Path.Combine(directory, "batch-up.sh");
    public string BatchDown => Path.Combine(directory, "batch-down.sh");

    public void Write()
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(TutorialUp, Tutorial());
        File.WriteAllText(TutorialDown, Script(TeardownHost().Select(c => $"ip {c}").Append($"nft delete table ip {StarLab.Table}")));
        WriteBatch();
    }

    private string Tutorial()
    {
        var lines = new List<string>
        {
            $"ip link add {StarLab.Bridge} type bridge",
            $"ip addr add {StarLab.Gateway}/16 dev {StarLab.Bridge}",
            $"ip link set {StarLab.Bridge} up",
        };
        foreach (var i in lab.Indices)
        {
            string n = StarLab.Node(i), h = StarLab.HostEnd(i);
            lines.Add($"ip netns add {n}");
            lines.Add($"ip netns exec {n} ip link set lo up");
            lines.Add($"ip link add {h} type veth peer name eth0 netns {n}");
            lines.Add($"ip link set {h} master {StarLab.Bridge}");
            lines.Add($"ip link set {h} type bridge_slave hairpin on");
            lines.Add($"ip link set {h} up");
            lines.Add($"ip netns exec {n} ip link set eth0 up");
            lines.Add($"ip netns exec {n} ip addr add {StarLab.Address(i)}/16 dev eth0");
            lines.Add($"ip netns exec {n} ip route add default via {StarLab.Gateway}");
        }

        // Quoted: the rules hold braces, != and semicolons.
        lines.AddRange(lab.NftCommands().Select(c => $"nft '{c}'"));
        return Script(lines);
    }

    private void WriteBatch()
    {
        var host = new List<string>
        {
            $"link add {StarLab.Bridge} type bridge",
            $"addr add {StarLab.Gateway}/16 dev {StarLab.Bridge}",
            $"link set {StarLab.Bridge} up",
        };
        host.AddRange(lab.Indices.Select(i => $"netns add {StarLab.Node(i)}"));
        foreach (var i in lab.Indices)
        {
            string n = StarLab.Node(i), h = StarLab.HostEnd(i);
            host.Add($"link add {h} type veth peer name eth0 netns {n}");
            host.Add($"link set {h} master {StarLab.Bridge} up");
            host.Add($"link set {h} type bridge_slave hairpin on");
        }

        File.WriteAllLines(Path.Combine(directory, "host.batch"), host);
        var up = new List<string> { $"ip -batch {directory}/host.batch" };
        foreach (var i in lab.Indices)
        {
            var file = Path.Combine(directory, $"{StarLab.Node(i)}.batch");
            File.WriteAllLines(file, ["link set lo up", "link set eth0 up", $"addr add {StarLab.Address(i)}/16 dev eth0", $"route add default via {StarLab.Gateway}"]);
            up.Add($"ip -n {StarLab.Node(i)} -batch {file}");
        }

        File.WriteAllLines(Path.Combine(directory, "rules.nft"), lab.NftCommands());
        up.Add($"nft -f {directory}/rules.nft");
        File.WriteAllText(BatchUp, Script(up));

        File.WriteAllLines(Path.Combine(directory, "down.batch"), TeardownHost());
        File.WriteAllText(BatchDown, Script([$"ip -batch {directory}/down.batch", $"nft delete table ip {StarLab.Table}"]));
    }

    // Deleting a namespace takes its veth pair along; the bridge goes on its own.
    private IEnumerable<string> TeardownHost() =>
        lab.Indices.Select(i => $"netns del {StarLab.Node(i)}").Append($"link del {StarLab.Bridge}");

    private static string Script(IEnumerable<string> lines)
    {
        var s = new StringBuilder("#!/bin/bash\nset -e\n");
        foreach (var line in lines) s.Append(line).Append('\n');
        return s.ToString();
    }
}
