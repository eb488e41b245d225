using System.Collections.Immutable;
using Topo.Core.Model;
using Topo.Core.State;
using Topo.Core.Kinds;

namespace Topo.Core.Validation;

/// <summary>
/// Sysctls become paths under /proc/sys/net: keys are held to plain segments so no key can
/// climb out of that tree, and values to what one write of a number or word can carry. A node on
/// the host network sets the host's sysctls: the same key with another value in two places is an error.
/// </summary>
internal static class SysctlRules
{
    public const int MaxValue = 64;

    /// <param name="probe">Where the keys are looked up under /proc/sys; null checks their form only.</param>
    public static ImmutableArray<SysctlResource> Resolve(LabFile file, LabNames names, LabInterfaces interfaces, SysctlKeyProbe? probe, Problems problems)
    {
        var result = ImmutableArray.CreateBuilder<SysctlResource>();
        var seen = new Dictionary<(Netns Ns, string Setting), (string Path, string Key, string Value)>();
        var existence = probe is null ? null : new SysctlExistence(interfaces, probe);
        result.AddRange(In(Netns.Host, "host", file.Host.Sysctls, seen, existence, problems));
        foreach (var node in names.Nodes)
            result.AddRange(In(names.NsOf(node.Name.Value), $"nodes.{node.Name.Value}", node.Sysctls, seen, existence, problems));
        return result.ToImmutable();
    }

    private static List<SysctlResource> In(
        Netns ns, string owner, ImmutableArray<SysctlSpec> specs, Dictionary<(Netns, string), (string Path, string Key, string Value)> seen,
        SysctlExistence? existence, Problems problems)
    {
        var result = new List<SysctlResource>();
        foreach (var (key, value) in specs.Select(s => (s.Key, s.Value)))
        {
            var path = $"{owner}.sysctls.{key.Value}";
            var ok = true;
            if (!IsKey(key.Value))
            {
                problems.Add(key.Mark, path, $"sysctl '{key.Value}' must be under 'net.' with dot-separated parts of a-z, 0-9, '_' and '-' (e.g. net.ipv4.ip_forward)");
                ok = false;
            }
            else if (seen.TryGetValue((ns, Setting(key.Value)), out var earlier))
            {
                if (earlier.Key != key.Value)
                {
                    var values = earlier.Value == value.Value ? $"both set to {value.Value}" : $"set here to {value.Value} and to {earlier.Value} by {earlier.Path}";
                    problems.Add(key.Mark, path, $"sysctl '{key.Value}' and '{earlier.Key}' are one kernel setting (ip_forward is conf.all.forwarding), {values} in {ns.Display}; set only one of them");
                }
                else if (earlier.Path == path)
                    problems.Add(key.Mark, path, $"sysctl '{key.Value}' is set twice in {ns.Display}");
                else if (earlier.Value != value.Value)
                    problems.Add(key.Mark, path, $"sysctl '{key.Value}' is set to {value.Value} here and to {earlier.Value} by {earlier.Path}, both in {ns.Display} (a node on the host network sets the host's sysctls); set it once");

                // The same value from a second place is the same setting, made once.
                ok = false;
            }

            if (!IsValue(value.Value))
            {
                problems.Add(value.Mark, path, $"sysctl value '{value.Value}' must be an integer or a word of 1 to {MaxValue} characters without whitespace");
                ok = false;
            }
            else if (value.Value.Contains('/') || value.Value.Contains("..", StringComparison.Ordinal))
            {
                problems.Add(value.Mark, path, $"sysctl value '{value.Value}' must not contain '/' or '..': a net sysctl takes a number or a word, not a path (e.g. 1 or fq_codel)");
                ok = false;
            }

            if (!ok || existence?.Check(ns, key, path, problems) == false) continue;
            seen[(ns, Setting(key.Value))] = (path, key.Value, value.Value);
            result.Add(new SysctlResource(ns, key.Value, value.Value));
        }

        return result;
    }

    /// <summary>
    /// The kernel setting a key names: net.ipv4.ip_forward is a second name of net.ipv4.conf.all.forwarding
    /// (devinet writes one into the other), so the two in one namespace are one setting.
    /// </summary>
    private static string Setting(string key) => key == AllForwarding ? IpForward : key;

    private const string IpForward = "net.ipv4.ip_forward";
    private const string AllForwarding = "net.ipv4.conf.all.forwarding";

    private static bool IsKey(string key)
    {
        var parts = key.Split('.');
        return parts.Length >= 2 && parts[0] == "net"
            && parts.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '-'));
    }

    private static bool IsValue(string value) =>
        value.Length is >= 1 and <= MaxValue && !value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
