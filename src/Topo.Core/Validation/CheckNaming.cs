using Topo.Core.Kinds;
using Topo.Core.Model;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>
/// A check's <c>by: name</c>: the target is a node, looked up by its name inside the <c>from</c> node through that
/// node's hosts file (as <c>topo exec</c> and <c>ip netns exec</c> show it), so the check proves the names work.
/// </summary>
internal static class CheckNaming
{
    public const string ByName = "name";

    /// <summary>False after reporting a problem; <paramref name="name"/> is the node to look up, or null for a check by address.</summary>
    public static bool Read(CheckSpec check, Netns? from, LabNames names, string path, Problems problems, out string? name)
    {
        name = null;
        if (check.By is not { } by) return true;
        var where = $"{path}.by";
        if (by.Value != ByName)
        {
            problems.Add(by.Mark, where, $"by '{by.Value}' must be 'name' (look the node in 'to' up by its name inside 'from'); leave it out to go by address");
            return false;
        }

        if (from is { IsNamed: false } && check.From.Value is var f)
        {
            problems.Add(by.Mark, where, $"'{f}' has no namespace of its own, so no hosts file under /etc/netns: by: name is for a check from a node with its own namespace");
            return false;
        }

        if (CheckTarget.Parse(check.To.Value) is not { Name: { } node, Interface: null } || !names.NodeByName.ContainsKey(node))
        {
            problems.Add(check.To.Mark, $"{path}.to", $"by: name looks up a node by its name: to is a node, optionally with :PORT (e.g. 'box2' or 'box2:80'), not '{check.To.Value}'");
            return false;
        }

        name = node;
        return true;
    }

    /// <summary>Reports each check by name whose <c>from</c> would not resolve the name: no hosts file of the lab's names it.</summary>
    public static void Resolvable(LabFile file, LabNames names, LabState desired, Problems problems)
    {
        var files = desired.Resources.OfType<HostsFileResource>().ToDictionary(h => h.Ns);
        for (var i = 0; i < file.Checks.Length; i++)
        {
            var check = file.Checks[i];
            if (check.By?.Value != ByName || CheckTarget.Parse(check.To.Value) is not { Name: { } node }) continue;
            var known = files.TryGetValue(names.NsOf(check.From.Value), out var hosts)
                && hosts.Text.Split('\n').Any(line => line.Split('\t') is [_, var name] && name == node);
            if (!known)
            {
                problems.Add(check.By.Mark, $"checks[{i}].by",
                    $"'{check.From.Value}' does not resolve '{node}': with names: true (at the top, or on a bridge they share) a node resolves the nodes it shares a bridge or link with, when they have addresses there");
            }
        }
    }
}
