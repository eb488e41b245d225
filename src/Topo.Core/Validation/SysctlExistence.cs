using Topo.Core.Model;
using Topo.Core.Kinds;
using Topo.Core.State;

namespace Topo.Core.Validation;

/// <summary>
/// Whether a key the file sets is a file under /proc/sys that can be written, asked before any change so
/// that a typo fails at its line and not halfway through an apply. The per-interface keys of an interface the
/// lab makes (<c>net.ipv4.conf.IF.x</c>, <c>net.ipv6.conf.IF.x</c>, <c>net.ipv4.neigh.IF.x</c>, ...) cannot be
/// looked up before it exists: they are looked up under <c>default</c>, which has the same set of keys.
/// </summary>
internal sealed class SysctlExistence(LabInterfaces interfaces, SysctlKeyProbe probe)
{
    private const string Default = "default";

    /// <summary>False after reporting the key; true when it is there, or when there was no way to look.</summary>
    public bool Check(Netns ns, Located<string> key, string path, Problems problems)
    {
        var parts = key.Value.Split('.');
        var inHost = ns.IsHost;
        var where = inHost ? "the host" : $"a new namespace (as node '{ns}' gets)";
        var asked = key.Value;
        string? made = null;
        if (parts is [_, "ipv4" or "ipv6", "conf" or "neigh", var device, _, ..] && device is not ("all" or Default))
        {
            if (interfaces.Has(ns, device) && device != NameRules.Loopback)
            {
                made = device;
                parts[3] = Default;
                asked = string.Join('.', parts);
            }
            else if (!inHost && device != NameRules.Loopback)
            {
                problems.Add(key.Mark, path, $"sysctl '{key.Value}' is for interface '{device}', which {ns.Display} will not have (interfaces: {interfaces.ListIn(ns)})");
                return false;
            }
        }

        var file = "/proc/sys/" + asked.Replace('.', '/');
        var via = made is null ? "" : $", looked up as {asked} since the lab makes '{made}'";
        switch (probe(asked, inHost))
        {
            case SysctlKeyState.Missing:
                problems.Add(key.Mark, path, $"sysctl '{key.Value}' does not exist in {where} (no {file}{via}); check the spelling, or load the kernel module that adds it");
                return false;
            case SysctlKeyState.ReadOnly:
                problems.Add(key.Mark, path, $"sysctl '{key.Value}' is read-only in {where} ({file} cannot be written{via}); remove it");
                return false;
            default:
                return true;
        }
    }
}
